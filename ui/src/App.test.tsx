import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from './App';
import type { Api } from './api';
import { CommandError } from './api';
import type { Dashboard } from './bindings/Dashboard';
import type { Settings } from './bindings/Settings';

beforeAll(() => {
  // jsdom lacks these; Ant Design's responsive parts ask for them.
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  window.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const site = { id: 's1', name: '淄博市分公司', role: 'unit' as const, group_name: '齐鲁示范保险集团', created_at: '2026-01-01T00:00:00Z' };

function fakeApi(overrides: Partial<Api> = {}) {
  let settings: Settings = { site, language: 'zh-CN', current_period: '2016-12', db_path: '/tmp/demo.db' };
  const dashboard: Dashboard = {
    site,
    current_period: '2016-12',
    counts: { units: 13, departments: 5, positions: 47, people: 45, assignments: 46, meetings: 3, action_items: 8, kpi_values: 1078 },
    open_action_items: 6,
    overdue_action_items: 2,
    latest_kpi_period: '2016-12',
  };
  const api: Api = {
    dashboard: vi.fn(async () => dashboard),
    info: vi.fn(async () => {
      throw new Error('not used');
    }),
    settings: vi.fn(async () => settings),
    updateSettings: vi.fn(async (u) => {
      settings = {
        ...settings,
        language: u.language ?? settings.language,
        current_period: u.current_period ?? settings.current_period,
        site: { ...settings.site, name: u.site_name ?? settings.site.name },
      };
      return settings;
    }),
    ...overrides,
  };
  return api;
}

describe('App shell', () => {
  it('shows the navigation and the home figures in Chinese', async () => {
    render(<App api={fakeApi()} />);
    await waitFor(() => expect(screen.getByTestId('stat-units').textContent).toBe('13'));
    expect(screen.getByTestId('stat-people').textContent).toBe('45');
    expect(screen.getByTestId('stat-overdue-actions').textContent).toBe('2');
    expect(screen.getByTestId('stat-latest-kpi').textContent).toBe('2016年12月');
    expect(screen.getByTestId('site-name').textContent).toBe('淄博市分公司');
    expect(screen.getByTestId('site-role').textContent).toBe('单位');
    for (const label of ['首页', '组织架构', '计划', '会议纪要', '考核', '报表', '同步', '设置']) {
      expect(screen.getAllByText(label).length).toBeGreaterThan(0);
    }
    expect(screen.getByText('有 2 项督办事项已逾期，请到“会议纪要”跟进。')).toBeTruthy();
  });

  it('switches the language and saves the choice', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByText('English'));
    });
    await waitFor(() => expect(screen.getByTestId('nav-org').textContent).toBe('Organisation'));
    expect(api.updateSettings).toHaveBeenCalledWith({ language: 'en-US' });
    expect(screen.getByTestId('current-period').textContent).toBe('Dec 2016');
  });

  it('shows a page that says what is coming for later modules', async () => {
    render(<App api={fakeApi()} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-kpi'));
    });
    expect(screen.getByTestId('coming-soon').textContent).toBe('考核即将推出');
  });

  it('explains a database that cannot be opened instead of crashing', async () => {
    const api = fakeApi({
      settings: vi.fn(async () => {
        throw new CommandError({ code: 'db.newer_schema', message: '该数据库由更新版本的分支管理台创建' });
      }),
    });
    render(<App api={api} />);
    expect((await screen.findByTestId('start-error')).textContent).toContain('更新版本');
  });
});
