import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { UsersPanel } from './UsersPanel';
import { fakeApi, gm } from '../../test/fake';
import type { Account } from '../../bindings/Account';

const admin = { ...gm, login: 'ZB-002', name: '刘晓燕', posts: [{ title: '办公室主任', unit: '办公室' }], admin: true };
const account = (login: string, name: string, extra: Partial<Account> = {}): Account => ({
  id: login,
  login,
  name,
  hq_staff: false,
  admin: false,
  disabled_at: null,
  created_at: '2016-12-05T02:12:00Z',
  created_by: '刘晓燕（办公室主任）',
  grants: [],
  ...extra,
});

describe('设置 → 用户', () => {
  it('lets an administrator list accounts and disable one, but not their own', async () => {
    let list = [account('ZB-001', '韩立新'), account('ZB-002', '刘晓燕', { admin: true }), account('ZB-003', '孙倩')];
    const api = fakeApi({
      usersList: vi.fn(async () => list as never),
      usersDisable: vi.fn(async (login: string, disable: boolean) => {
        list = list.map((a) => (a.login === login ? { ...a, disabled_at: disable ? '2016-12-06T00:00:00Z' : null } : a));
        return list.find((a) => a.login === login) as never;
      }),
    });
    render(
      <AntApp>
        <UsersPanel api={api} actor={admin} />
      </AntApp>,
    );
    const table = await screen.findByTestId('users-table');
    await waitFor(() => expect(table.textContent).toContain('孙倩'));
    expect(table.textContent).toContain('管理员');
    // No buttons on one's own row.
    const own = within(table).getByText('刘晓燕').closest('tr') as HTMLElement;
    expect(within(own).queryByText('停 用')).toBeNull();
    // Disable the clerk.
    const clerk = within(table).getByText('孙倩').closest('tr') as HTMLElement;
    await act(async () => {
      fireEvent.click(within(clerk).getByText('停 用'));
    });
    expect(api.usersDisable).toHaveBeenCalledWith('ZB-003', true);
    await waitFor(() => expect((within(table).getByText('孙倩').closest('tr') as HTMLElement).textContent).toContain('已停用'));
  });

  it('tells someone who is not an administrator that only administrators manage accounts', async () => {
    const api = fakeApi({ usersList: vi.fn(async () => []) });
    render(
      <AntApp>
        <UsersPanel api={api} actor={gm} />
      </AntApp>,
    );
    expect(await screen.findByText('只有管理员可以管理账户。')).toBeTruthy();
    expect(api.usersList).not.toHaveBeenCalled();
    expect(screen.getByTestId('users-change-password')).toBeTruthy();
  });
});
