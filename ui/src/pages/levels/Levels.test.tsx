import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../App';
import { fakeApi } from '../../test/fake';
import type { LevelsReport } from '../../bindings/LevelsReport';

const report: LevelsReport = {
  table: '营销体系职级（示例）',
  months: ['2017-01', '2017-02', '2017-03'],
  people: [
    {
      code: 'ZB-S03',
      name: '周强',
      months: [
        { month: 0, level: 'P0', wage: '1800', figure: '0', notes: [{ event: 'critical_wage', to: null, zh: '2017-01 按临界领取临界工资 1800（连续第 1 个月）', en: '' }] },
        {
          month: 1,
          level: 'P0',
          wage: '1800',
          figure: '0',
          notes: [
            { event: 'critical_wage', to: null, zh: '2017-02 按临界领取临界工资 1800（连续第 2 个月）', en: '' },
            { event: 'dismissal_flagged', to: null, zh: '2017-02 连续 2 个月领取临界工资，视为开除（基本法 4.3.4），请经理确认', en: '' },
          ],
        },
        { month: 2, level: 'P0', wage: '1800', figure: '0', notes: [] },
      ],
    },
  ],
};

describe('销售人员职级', () => {
  it('sends both picked files with the months of the figures and shows the flags first', async () => {
    const api = fakeApi({ levelsRun: vi.fn(async () => report) });
    render(<App api={api} />);
    const nav = await screen.findByTestId('nav-levels', {}, { timeout: 10000 });
    await act(async () => {
      fireEvent.click(nav);
    });
    const file = (name: string, text: string) => new File([text], name);
    await act(async () => {
      fireEvent.change(screen.getByTestId('levels-table-input'), { target: { files: [file('levels.toml', 'name = "x"')] } });
    });
    // Not runnable with one file.
    expect((screen.getByTestId('levels-run') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => {
      fireEvent.change(screen.getByTestId('levels-data-input'), { target: { files: [file('people.csv', '工号,姓名,起始职级,2017-01,2017-02,2017-03\nZB-S03,周强,P0,0,0,0\n')] } });
    });
    await waitFor(() => expect((screen.getByTestId('levels-to') as HTMLInputElement).value).toBe('2017-03'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('levels-run'));
    });
    await waitFor(() => expect(api.levelsRun).toHaveBeenCalled());
    const [table, data, from, to] = vi.mocked(api.levelsRun).mock.calls[0];
    expect([table.name, data.name, from, to]).toEqual(['levels.toml', 'people.csv', '2017-01', '2017-03']);
    expect(new TextDecoder().decode(table.bytes)).toBe('name = "x"');
    expect((await screen.findByTestId('levels-flags')).textContent).toContain('视为开除');
    expect(screen.getByTestId('levels-flag-count').textContent).toBe('待处理 1 项');
    expect(screen.getByTestId('levels-cell-ZB-S03-2017-02').textContent).toBe('P0');
  });

  it('shows what is wrong with the files, in words', async () => {
    const api = fakeApi({
      levelsRun: vi.fn(async () => {
        throw Object.assign(new Error('x'), { code: 'input.invalid', message: '业务专员的月目标（20000）不高于下一级临界的（30000）' });
      }),
    });
    render(<App api={api} />);
    const nav = await screen.findByTestId('nav-levels', {}, { timeout: 10000 });
    await act(async () => {
      fireEvent.click(nav);
    });
    await act(async () => {
      fireEvent.change(screen.getByTestId('levels-table-input'), { target: { files: [new File(['x'], 't.toml')] } });
      fireEvent.change(screen.getByTestId('levels-data-input'), { target: { files: [new File(['工号,姓名,起始职级,2017-01\n'], 'p.csv')] } });
    });
    await waitFor(() => expect((screen.getByTestId('levels-run') as HTMLButtonElement).disabled).toBe(false));
    await act(async () => {
      fireEvent.click(screen.getByTestId('levels-run'));
    });
    expect((await screen.findByTestId('levels-error')).textContent).toContain('不高于下一级');
  });
});
