import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../../App';
import { CommandError } from '../../api';
import { fakeApi, syncStatus } from '../../test/fake';

describe('同步 page', () => {
  it('lists peers and every bundle with its check, exports with progress and says where the file went', async () => {
    let finish: (v: unknown) => void = () => undefined;
    const api = fakeApi({
      syncExport: vi.fn(async (_to: string | undefined, _full: boolean, onProgress?: (step: number, steps: number) => void) => {
        onProgress?.(14, 28);
        await new Promise((r) => (finish = r));
        return { file: '/home/u/下载/同步包-淄博市分公司-至-集团总部-0003.bdk', peer_name: '集团总部', seq: 3, kind: 'changes', bytes: 2048, records: 12, tables: [] };
      }),
    });
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-sync'));
    });
    expect((await screen.findByTestId('peer-name')).textContent).toBe('集团总部');
    expect(screen.getByTestId('peer-unacked').textContent).toBe('12');
    expect(screen.getByTestId('site-fingerprint').textContent).toBe('cfb8-6308-e6ae-1985');
    expect(screen.getByTestId('outcome-refused').textContent).toBe('已拒绝');
    expect(screen.getByText(/文件在拷贝或传输中损坏/)).toBeTruthy();
    expect(screen.getByText('[sync.damaged]')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('sync-export'));
    });
    expect((await screen.findByTestId('sync-progress')).textContent).toContain('50%');
    await act(async () => finish(null));
    expect((await screen.findByTestId('sync-exported')).textContent).toContain('已导出第 3 号同步包（12 条记录，2.0 KB）');
    expect(screen.getByText('/home/u/下载/同步包-淄博市分公司-至-集团总部-0003.bdk')).toBeTruthy();
    expect(api.syncExport).toHaveBeenCalledWith(undefined, false, expect.any(Function));
  });

  it('imports a picked bundle and shows what it wrote', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-sync'));
    });
    const input = (await screen.findByTestId('sync-file')) as HTMLInputElement;
    const file = new File([new Uint8Array([66, 68, 75])], '同步包-0002.bdk');
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    expect((await screen.findByTestId('sync-imported')).textContent).toBe('已导入「集团总部」的第 2 号同步包：写入 2 条记录。');
    expect(api.syncImport).toHaveBeenCalledWith('同步包-0002.bdk', new Uint8Array([66, 68, 75]), undefined);
    expect(screen.getByText('公告')).toBeTruthy();
  });

  it('asks for the passcode of an enrolment file and imports it with the passcode', async () => {
    const syncImport = vi
      .fn()
      .mockRejectedValueOnce(new CommandError({ code: 'sync.passcode_needed', message: '请输入入网口令' }))
      .mockResolvedValueOnce({ outcome: 'applied', peer_name: '集团总部', seq: 0, kind: 'enrol', records: 0, tables: [], also_applied: [], message: '已加入「集团总部」（单位编码 ZB）。' });
    const api = fakeApi({ syncImport });
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-sync'));
    });
    const input = (await screen.findByTestId('sync-file')) as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File([new Uint8Array([1])], '入网文件-ZB.bdk')] } });
    });
    const code = await screen.findByTestId('passcode-input');
    expect(screen.queryByTestId('sync-import-error')).toBeNull();
    const ok = document.getElementById('passcode-ok') as HTMLButtonElement;
    expect(ok.disabled).toBe(true);
    await act(async () => {
      fireEvent.change(code, { target: { value: '7kq4 m2xd 9rta hw3b' } });
    });
    await act(async () => {
      fireEvent.click(document.getElementById('passcode-ok') as HTMLButtonElement);
    });
    expect((await screen.findByTestId('sync-imported')).textContent).toContain('已加入');
    expect(syncImport).toHaveBeenLastCalledWith('入网文件-ZB.bdk', new Uint8Array([1]), '7kq4 m2xd 9rta hw3b');
  });

  it('shows headquarters the passcode of an enrolment file it issues, and revokes a unit with a reason', async () => {
    const hqStatus = {
      ...syncStatus,
      site: { ...syncStatus.site, role: 'hq' as const },
      unit_code: null,
      peers: [{ ...syncStatus.peers[0], site_id: 'zb1', name: '淄博市分公司', role: 'unit' as const, unit_code: 'ZB' }],
    };
    const api = fakeApi({ syncStatus: vi.fn(async () => hqStatus), syncRevoke: vi.fn(async () => null) });
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-sync'));
    });
    await act(async () => {
      fireEvent.change(await screen.findByTestId('enrol-code'), { target: { value: 'ZB' } });
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('enrol-issue'));
    });
    expect((await screen.findByTestId('enrol-passcode')).textContent).toBe('7KQ4-M2XD-9RTA-HW3B');
    expect(screen.getByTestId('enrol-saved').textContent).toContain('入网文件-ZB.bdk');
    await act(async () => {
      fireEvent.click(screen.getByTestId('peer-revoke'));
    });
    const ok = document.getElementById('revoke-ok') as HTMLButtonElement;
    expect(ok.disabled).toBe(true);
    await act(async () => {
      fireEvent.change(screen.getByTestId('revoke-reason'), { target: { value: '笔记本电脑丢失' } });
    });
    await act(async () => {
      fireEvent.click(document.getElementById('revoke-ok') as HTMLButtonElement);
    });
    expect(api.syncRevoke).toHaveBeenCalledWith('ZB', '笔记本电脑丢失');
  });

  it('shows headquarters which units have read each announcement', async () => {
    const hqStatus = { ...syncStatus, site: { ...syncStatus.site, role: 'hq' as const }, unit_code: null };
    const api = fakeApi({
      syncStatus: vi.fn(async () => hqStatus),
      announcements: vi.fn(async () => [
        {
          id: 'n1', unit_id: null, title: '关于元旦值班安排的公告', body: '', published_at: '2016-12-28T01:00:00Z', by: '集团总部', seen: true,
          reads: [
            { unit_id: 'u-zb', unit_name: '淄博市分公司', read_at: '2016-12-28T02:00:00Z', read_by: '孙倩（文书）' },
            { unit_id: 'u-jn', unit_name: '济南市分公司', read_at: '2016-12-28T03:00:00Z', read_by: '李明（文书）' },
          ],
        },
        { id: 'n0', unit_id: null, title: '关于报送四季度经营数据的通知', body: '', published_at: '2016-12-20T01:00:00Z', by: '集团总部', seen: true, reads: [] },
      ]),
    });
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-sync'));
    });
    expect((await screen.findByTestId('announcement-reads-n1')).textContent).toBe('2 个单位已读：淄博市分公司、济南市分公司');
    expect(screen.getByTestId('announcement-reads-n0').textContent).toBe('尚无单位回执');
  });

  it('says what to do when the site has no peer yet', async () => {
    render(<App api={fakeApi({ syncStatus: vi.fn(async () => ({ ...syncStatus, peers: [], history: [], unit_code: null })) })} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-sync'));
    });
    expect((await screen.findByTestId('sync-no-peers')).textContent).toContain('请导入总部签发的入网文件');
    expect((screen.getByTestId('sync-export') as HTMLButtonElement).disabled).toBe(true);
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
