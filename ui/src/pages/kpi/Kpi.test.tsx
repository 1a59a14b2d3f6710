import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../App';
import { fakeApi } from '../../test/fake';

describe('考核 page', () => {
  it('shows the ranked scores and explains a unit on click', async () => {
    render(<App api={fakeApi()} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-kpi'));
    });
    expect((await screen.findByTestId('total-ZB-ZD')).textContent).toBe('4.00');
    // Each unit's 系统推广专员 under its name (seed 001's 推广先进专员).
    expect((await screen.findByTestId('specialist-ZB-ZD')).textContent).toContain('专员 张伟');
    expect(screen.getByTestId('score-ZB-ZC-wechat_binding').textContent).toBe('2.00');
    expect(screen.getByTestId('subtotal-ZB-ZD-ops').textContent).toBe('4.00');
    expect(screen.getAllByText('运营指标小计').length).toBeGreaterThan(0);
    expect(screen.getByText('¥1,600.00')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('total-ZB-ZD'));
    });
    const explain = await screen.findByTestId('explain-wechat_binding');
    expect(explain.textContent).toContain('Σ 微信绑定用户数 = 60');
    expect(explain.textContent).toContain('按取值所在区间得分');
    expect(explain.textContent).toContain('取值 = 1');
    expect(await screen.findByText('逐月趋势')).toBeTruthy();
  });

  it('names the units that could not be scored and says the ranks are provisional', async () => {
    const api = fakeApi();
    const base = api.kpiScore;
    api.kpiScore = vi.fn(async (p: string, c: boolean) => ({
      ...(await base(p, c)),
      unscored: [{ unit: 'ZB-BS', name: '博山区支公司', reasons: ['博山区支公司 2016-12 的“系统用户数”合计为 0，不能作为“微信绑定率”的除数。'] }],
    }));
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-kpi'));
    });
    const alert = await screen.findByTestId('unscored');
    expect(alert.textContent).toContain('排名为暂定：博山区支公司 未计分');
    expect(screen.getByTestId('unscored-ZB-BS').textContent).toContain('“系统用户数”合计为 0');
    // the units that could be scored are still ranked
    expect((await screen.findByTestId('total-ZB-ZD')).textContent).toBe('4.00');
  });

  it('asks before a tab switch or leaving the page throws away typed figures', async () => {
    render(<App api={fakeApi()} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-kpi'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('tab-entry'));
    });
    const cell = (await screen.findByTestId('cell-ZB-ZD-wechat_bound')) as HTMLInputElement;
    await act(async () => {
      fireEvent.change(cell, { target: { value: '57' } });
    });
    // Switching to the scores tab asks; keeping the edits stays on the grid with the figure.
    await act(async () => {
      fireEvent.click(screen.getByTestId('tab-scores'));
    });
    expect((await screen.findAllByText('有未保存的修改')).length).toBeGreaterThan(0);
    await act(async () => {
      fireEvent.click(screen.getByTestId('unsaved-keep'));
    });
    expect((screen.getByTestId('cell-ZB-ZD-wechat_bound') as HTMLInputElement).value).toBe('57');
    // Leaving for the home page asks too; discarding goes.
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-home'));
    });
    await waitFor(() => expect(screen.getAllByText('有未保存的修改').length).toBeGreaterThan(0));
    const discard = screen.getAllByText('放弃修改').pop()!;
    await act(async () => {
      fireEvent.click(discard);
    });
    await screen.findByTestId('stat-units');
  });

  it('pastes from Excel, marks rejected cells in place and keeps what was typed', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-kpi'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('tab-entry'));
    });
    const first = (await screen.findByTestId('cell-ZB-ZD-wechat_bound')) as HTMLInputElement;
    expect(first.value).toBe('54');
    await act(async () => {
      fireEvent.paste(first, { clipboardData: { getData: () => '微信绑定用户数\t系统用户数\n60\t61\nx9\t62\n' } });
    });
    expect((screen.getByTestId('cell-ZB-ZD-wechat_bound') as HTMLInputElement).value).toBe('60');
    expect((screen.getByTestId('cell-ZB-ZD-users') as HTMLInputElement).value).toBe('61');
    expect((screen.getByTestId('cell-ZB-ZC-wechat_bound') as HTMLInputElement).value).toBe('x9');
    await act(async () => {
      fireEvent.click(screen.getByTestId('entry-save'));
    });
    await waitFor(() => expect(screen.getByText('“x9”不是数字。')).toBeTruthy());
    // importing a file hands its bytes to the app layer
    const file = new File(['unit,period,metric,value\nZB-ZD,2016-07,users,60\n'], 'figures.csv', { type: 'text/csv' });
    await act(async () => {
      fireEvent.change(screen.getByTestId('entry-import-file'), { target: { files: [file] } });
    });
    await waitFor(() => expect(api.kpiImport).toHaveBeenCalledTimes(1));
    const [name, bytes] = (api.kpiImport as ReturnType<typeof vi.fn>).mock.calls[0];
    expect(name).toBe('figures.csv');
    expect(new TextDecoder().decode(bytes as Uint8Array)).toContain('ZB-ZD,2016-07,users,60');
    // the rejected text stays where it was typed, nothing is lost
    expect((screen.getByTestId('cell-ZB-ZC-wechat_bound') as HTMLInputElement).value).toBe('x9');
    expect(api.kpiSave).toHaveBeenCalledTimes(1);
  });

  it('publishes a period, then offers to lock it', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-kpi'));
    });
    expect((await screen.findByTestId('cycle-state')).textContent).toBe('未发布');
    await act(async () => {
      fireEvent.click(screen.getByTestId('cycle-publish'));
    });
    // The first version needs no reason.
    expect(screen.queryByTestId('cycle-reason')).toBeNull();
    await act(async () => {
      fireEvent.click(await screen.findByTestId('cycle-ok'));
    });
    expect(api.kpiPublish).toHaveBeenCalledWith(expect.stringMatching(/^2016-/), '', 'mms-2016');
    await waitFor(() => expect(screen.getByTestId('cycle-state').textContent).toBe('已发布第 1 版'));
    expect(screen.getByTestId('cycle-lock')).toBeTruthy();
    expect(screen.queryByTestId('cycle-publish')).toBeNull();
  });

  it('lists payouts with what was paid and what is to be recovered', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-kpi'));
    });
    await act(async () => {
      fireEvent.click(await screen.findByTestId('tab-payouts'));
    });
    expect((await screen.findByTestId('payout-paid-1')).textContent).toContain('2017-01-05 已兑现');
    expect(screen.getByTestId('payout-amount-2').textContent).toBe('¥-400.00');
    expect(screen.getByTestId('payout-pay-2').textContent).toBe('登记追回');
  });

  it("appeals headquarters' results naming an indicator and a reason", async () => {
    const api = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-kpi'));
    });
    await act(async () => {
      fireEvent.click(await screen.findByTestId('tab-answers'));
    });
    expect((await screen.findByTestId('answer-state-ZB-ZD-2016-Q4-1')).textContent).toBe('待确认');
    await act(async () => {
      fireEvent.click(screen.getByTestId('answer-appeal-ZB-ZD-2016-Q4'));
    });
    const text = await screen.findByTestId('answer-text');
    await act(async () => {
      fireEvent.change(text, { target: { value: '12月绑定数漏报' } });
    });
    // Without an indicator the server refuses; the request carries what was typed.
    await act(async () => {
      fireEvent.click(screen.getByTestId('answer-ok'));
    });
    await waitFor(() => expect(api.kpiAppeal).toHaveBeenCalledWith({ result_id: 'r1', appeal: true, indicator: '', reason: '12月绑定数漏报' }, []));
  });
});
