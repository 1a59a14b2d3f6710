import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from './App';
import { today } from './clock';
import { fakeApi } from './test/fake';
import { CommandError } from './api';

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
    // The day's work: most overdue first, each line opening its record.
    expect(screen.getByTestId('work-list').textContent).toContain('今日待办（2）');
    expect(screen.getByTestId('work-0').textContent).toContain('逾期11天');
    expect(screen.getByTestId('work-0').textContent).toContain('我的');
    expect(screen.getByTestId('work-1').textContent).toContain('2016-12-21 到期');
    // The demo database's own day, in a banner, and the default dates of the pages follow it.
    expect(screen.getByTestId('site-today').textContent).toContain('今天按 2016-12-28 计算');
    expect(today().format('YYYY-MM-DD')).toBe('2016-12-28');
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
        { id: 'n1', unit_id: null, title: '关于报送四季度经营数据的通知', body: '请于1月5日前报送。', published_at: '2016-12-28T01:00:00Z', by: '集团总部', seen: false, reads: [] },
        { id: 'n0', unit_id: null, title: '已读的旧公告', body: '', published_at: '2016-11-01T01:00:00Z', by: '集团总部', seen: true, reads: [] },
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

describe('Signing in and the lock', () => {
  const demo = {
    password: 'zibo2016',
    people: [
      { login: 'ZB-001', name: '韩立新', post: '总经理' },
      { login: 'ZB-003', name: '孙倩', post: '文书' },
    ],
  };
  const signedOut = { state: { path: '/tmp/demo.db', exists: true, encrypted: true, needs_setup: false, demo } };
  const clerk = { login: 'ZB-003', name: '孙倩', person_id: 'p3', posts: [{ title: '文书', unit: '办公室' }], admin: false, hq_staff: false, grants: [] };

  it('offers the demo people and opens the app as the one chosen', async () => {
    let door: object = signedOut;
    const api = fakeApi({
      door: vi.fn(async () => door as never),
      signIn: vi.fn(async (login: string, password: string) => {
        if (password !== 'zibo2016') throw new CommandError({ code: 'auth.bad_password', message: '工号或密码不正确（连续 1 次）。' });
        door = { state: signedOut.state, actor: { ...clerk, login } };
        return door as never;
      }),
    });
    render(<App api={api} />);
    await screen.findByTestId('demo-people');
    expect(screen.getByText('演示数据库：以下人员的密码都是 zibo2016，点击姓名即可填入工号。')).toBeTruthy();
    expect(api.settings).not.toHaveBeenCalled();
    // A wrong password first.
    fireEvent.change(screen.getByTestId('signin-login'), { target: { value: 'ZB-003' } });
    fireEvent.change(screen.getByTestId('signin-password'), { target: { value: 'guess' } });
    await act(async () => {
      fireEvent.click(screen.getByText('登 录'));
    });
    await waitFor(() => expect(screen.getByTestId('signin-error').textContent).toContain('工号或密码不正确'));
    // Then the demo person's tag fills in login and password.
    await act(async () => {
      fireEvent.click(screen.getByTestId('demo-ZB-003'));
    });
    await act(async () => {
      fireEvent.click(screen.getByText('登 录'));
    });
    await waitFor(() => expect(screen.getByTestId('signed-in-as').textContent).toBe('孙倩（文书）'));
    expect(api.signIn).toHaveBeenLastCalledWith('ZB-003', 'zibo2016');
    expect(screen.getByTestId('stat-units').textContent).toBe('13');
  });

  it('locks itself after the idle minutes of the settings, counted from the last key press', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const api = fakeApi();
      render(<App api={api} />);
      await screen.findByTestId('stat-units');
      await act(async () => {
        vi.advanceTimersByTime(14 * 60_000);
      });
      expect(api.lock).not.toHaveBeenCalled();
      await act(async () => {
        fireEvent.keyDown(window, { key: 'a' });
        vi.advanceTimersByTime(14 * 60_000);
      });
      expect(api.lock).not.toHaveBeenCalled();
      await act(async () => {
        vi.advanceTimersByTime(60_001);
      });
      expect(api.lock).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('locks on Ctrl+L and unlocks only with the password', async () => {
    let door: object = { state: signedOut.state, actor: clerk };
    const api = fakeApi({
      door: vi.fn(async () => door as never),
      lock: vi.fn(async () => {
        door = { state: signedOut.state, locked: 'ZB-003' };
        return door as never;
      }),
      signIn: vi.fn(async (login: string) => {
        door = { state: signedOut.state, actor: { ...clerk, login } };
        return door as never;
      }),
    });
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    });
    await screen.findByTestId('lock-hint');
    expect(screen.queryByTestId('stat-units')).toBeNull();
    expect(screen.queryByTestId('signin-login')).toBeNull(); // the same person unlocks
    fireEvent.change(screen.getByTestId('signin-password'), { target: { value: 'zibo2016' } });
    await act(async () => {
      fireEvent.click(screen.getByText('解 锁'));
    });
    await screen.findByTestId('stat-units');
    expect(api.signIn).toHaveBeenCalledWith('ZB-003', 'zibo2016');
  });

  it('sets up the first administrator of a plain database and shows the recovery key once', async () => {
    const plain = { state: { path: '/tmp/old.db', exists: true, encrypted: false, needs_setup: true } };
    let door: object = plain;
    const api = fakeApi({
      door: vi.fn(async () => door as never),
      setUp: vi.fn(async () => {
        door = { state: { ...plain.state, encrypted: true, needs_setup: false }, actor: { ...clerk, login: 'ZB-002', name: '刘晓燕', admin: true } };
        return 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD-EFGH-JKMN-PQRS-TVWX';
      }),
    });
    render(<App api={api} />);
    await screen.findByTestId('setup-form');
    expect(screen.getByText('首次使用：设置管理员')).toBeTruthy();
    fireEvent.change(screen.getByTestId('setup-login'), { target: { value: 'ZB-002' } });
    fireEvent.change(screen.getByTestId('setup-password'), { target: { value: '管理员的新密码-1' } });
    fireEvent.change(screen.getByTestId('setup-again'), { target: { value: '管理员的新密码-2' } });
    await act(async () => {
      fireEvent.click(screen.getByText('加密并创建管理员'));
    });
    // The two passwords differ: nothing is set up.
    await screen.findByText('两次输入的密码不一致');
    expect(api.setUp).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('setup-again'), { target: { value: '管理员的新密码-1' } });
    await act(async () => {
      fireEvent.click(screen.getByText('加密并创建管理员'));
    });
    await waitFor(() => expect(screen.getByTestId('recovery-shown').textContent).toContain('ABCD-EFGH'));
    expect(api.setUp).toHaveBeenCalledWith({ login: 'ZB-002', name: '', password: '管理员的新密码-1', admin: true, hq_staff: false, grants: [] });
    await act(async () => {
      fireEvent.click(screen.getByText('我已打印并妥善保管'));
    });
    await screen.findByTestId('stat-units');
  });
});
