import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { BackupPanel } from './BackupPanel';
import { fakeApi, gm } from '../../test/fake';
import type { BackupFile } from '../../bindings/BackupFile';

const admin = { ...gm, login: 'ZB-002', name: '刘晓燕', posts: [{ title: '办公室主任', unit: '办公室' }], admin: true };
const file = (taken: string): BackupFile => ({
  path: `/data/backups/branchdesk-${taken.replace(/[-: ]/g, '')}.bdbak`,
  bytes: 1_677_721,
  info: {
    taken,
    app_version: '0.1.0',
    site_name: '淄博市分公司',
    role: 'unit',
    schema_version: 12,
    counts: { units: 13, departments: 5, positions: 48, people: 46, assignments: 47, meetings: 14, action_items: 102, kpi_values: 1078 },
    rows: 5112,
    db_bytes: 1_605_632,
    encrypted: true,
  },
});
const list = { dir: '/data/backups', retention: { daily: 7, weekly: 4 }, files: [file('2016-12-28 09:00:00'), file('2016-12-27 09:00:00')] };

describe('设置 → 备份与恢复', () => {
  it('shows what a backup holds, restores it only with the password, and then signs the window out', async () => {
    const onRestored = vi.fn();
    const api = fakeApi({
      backupList: vi.fn(async () => list),
      backupInspect: vi.fn(async (path: string) => list.files.find((f) => f.path === path) as BackupFile),
      backupRestore: vi.fn(async () => ({ info: list.files[1].info, kept_aside: '/data/branchdesk.db.before-restore-20161228-100000' })),
    });
    render(
      <AntApp>
        <BackupPanel api={api} actor={admin} onRestored={onRestored} />
      </AntApp>,
    );
    const table = await screen.findByTestId('backup-list');
    await waitFor(() => expect(table.textContent).toContain('2016-12-27 09:00:00'));
    expect(table.textContent).toContain('1.6 MB');
    expect(table.textContent).toContain('淄博市分公司');
    const row = within(table).getByText('2016-12-27 09:00:00').closest('tr') as HTMLElement;
    await act(async () => {
      fireEvent.click(within(row).getByTestId('backup-restore'));
    });
    const info = await screen.findByTestId('backup-info');
    expect(info.textContent).toContain('13 个单位、46 人、14 次会议、1078 条考核数据');
    expect(document.body.textContent).toContain('完整同步包');
    const ok = screen.getByTestId('backup-restore-confirm') as HTMLButtonElement;
    expect(ok.disabled).toBe(true);
    fireEvent.change(screen.getByTestId('backup-password'), { target: { value: 'zibo2016' } });
    expect(ok.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(ok);
    });
    expect(api.backupRestore).toHaveBeenCalledWith(list.files[1].path, 'zibo2016');
    expect((await screen.findByTestId('backup-aside')).textContent).toContain('before-restore-20161228-100000');
    expect(onRestored).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.click(document.querySelector('.ant-modal-confirm-btns button') as HTMLElement);
    });
    expect(onRestored).toHaveBeenCalled();
  });

  it('names a damaged file and keeps the database when the check refuses it', async () => {
    const api = fakeApi({
      backupList: vi.fn(async () => list),
      backupInspect: vi.fn(async () => {
        const { CommandError } = await import('../../api');
        throw new CommandError({ code: 'backup.damaged', message: '备份文件 /media/u/old.bdbak 已损坏（校验值不符），没有用它恢复任何内容。' });
      }),
    });
    render(
      <AntApp>
        <BackupPanel api={api} actor={admin} onRestored={() => undefined} />
      </AntApp>,
    );
    fireEvent.change(await screen.findByTestId('backup-path'), { target: { value: '/media/u/old.bdbak' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('backup-check'));
    });
    expect(await screen.findByText(/old\.bdbak 已损坏/)).toBeTruthy();
    expect(screen.queryByTestId('backup-info')).toBeNull();
    expect(api.backupRestore).not.toHaveBeenCalled();
  });

  it('lets everyone back up but only administrators restore', async () => {
    const api = fakeApi({ backupList: vi.fn(async () => list), backupNow: vi.fn(async () => file('2016-12-28 10:00:00')) });
    render(
      <AntApp>
        <BackupPanel api={api} actor={gm} onRestored={() => undefined} />
      </AntApp>,
    );
    await waitFor(() => expect(screen.getByTestId('backup-list').textContent).toContain('2016-12-28'));
    expect(screen.queryByTestId('backup-restore')).toBeNull();
    expect(screen.queryByTestId('backup-path')).toBeNull();
    expect(screen.getByText('只有管理员可以恢复数据库。')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('backup-now'));
    });
    expect(await screen.findByText(/已备份：/)).toBeTruthy();
  });
});
