import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from './App';
import { fakeApi } from './test/fake';

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

  it('shows the last bundle out and in in the top bar', async () => {
    render(<App api={fakeApi()} />);
    await waitFor(() => expect(screen.getByTestId('sync-state').textContent).toMatch(/^发出 2016-12-20 · 收到 2016-12-18$/));
  });

  it('shows announcements from headquarters at start until they are seen', async () => {
    const api = fakeApi({
      announcements: vi.fn(async () => [
        { id: 'n1', unit_id: null, title: '关于报送四季度经营数据的通知', body: '请于1月5日前报送。', published_at: '2016-12-28T01:00:00Z', by: '集团总部', seen: false },
        { id: 'n0', unit_id: null, title: '已读的旧公告', body: '', published_at: '2016-11-01T01:00:00Z', by: '集团总部', seen: true },
      ]),
    });
    render(<App api={api} />);
    const titles = await screen.findAllByTestId('announcement-title');
    expect(titles.map((t) => t.textContent)).toEqual(['关于报送四季度经营数据的通知']);
    await act(async () => {
      fireEvent.click(screen.getByText('知道了'));
    });
    expect(api.announcementSeen).toHaveBeenCalledWith('n1');
    expect(api.announcementSeen).toHaveBeenCalledTimes(1);
  });
});
