import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from '../../App';
import { fakeApi, site } from '../../test/fake';
import type { FollowupInput } from '../../bindings/FollowupInput';
import type { FollowupReport } from '../../bindings/FollowupReport';
import type { FollowupView } from '../../bindings/FollowupView';

describe('经营监控 on 首页', () => {
  it('shows each unit with its lights, filters by light and opens the page behind a light', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    expect((await screen.findByTestId('board-light-ZB-ZD')).textContent).toBe('预警');
    expect(screen.getByTestId('board-light-ZB-LZ').textContent).toBe('正常');
    // The reason is on the light itself, for a screen reader and a tooltip.
    const plans = screen.getByTestId('board-cell-ZB-ZD-plans');
    expect(plans.getAttribute('aria-label')).toContain('落后 16.7 个百分点');
    // No data is grey, not green.
    expect(screen.getByTestId('board-cell-ZB-LZ-plans').textContent).toBe('无数据');
    // A check that does not apply to a unit shows no light.
    expect(screen.queryByTestId('board-cell-ZB-ZD-kpi')).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByText('预警（1）'));
    });
    expect(screen.queryByTestId('board-light-ZB-LZ')).toBeNull();
    expect(screen.getByTestId('board-light-ZB-ZD')).toBeTruthy();

    // Clicking a light opens the plan behind it.
    await act(async () => {
      fireEvent.click(screen.getByTestId('board-cell-ZB-ZD-plans'));
    });
    await waitFor(() => expect(api.plans).toHaveBeenCalled());
  });

  it('exports the board to Excel and says where', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('board-light-ZB-ZD');
    await act(async () => {
      fireEvent.click(screen.getByTestId('board-export'));
    });
    expect((await screen.findByTestId('xlsx-saved')).textContent).toContain('经营监控-2016-12-28.xlsx');
    expect(api.boardExport).toHaveBeenCalledWith('2016-12-28');
  });

  it('at headquarters turns a red reason into a follow-up with what it asks and by when', async () => {
    const raised: FollowupView[] = [];
    const api = fakeApi({
      dashboard: vi.fn(async () => ({ ...(await fakeApi().dashboard()), site: { ...site, role: 'hq' as const } })),
      boardFollowups: vi.fn(async () => ({ hq: true, today: '2016-12-28', rows: [...raised] })),
      boardFollowupRaise: vi.fn(async (i: FollowupInput) => {
        const f = followup({ unit: i.unit, check: i.check, request: i.request, due: i.due });
        raised.push(f);
        return f;
      }),
    });
    render(<App api={api} />);
    await screen.findByTestId('board-light-ZB-ZD');
    // Expand 张店's row: its red plan can be followed up, its green KPI cannot.
    await act(async () => {
      fireEvent.click(screen.getByTestId('board-row-ZB-ZD').querySelector('.ant-table-row-expand-icon') as HTMLElement);
    });
    expect(screen.queryByTestId('board-raise-ZB-LZ-kpi')).toBeNull();
    await act(async () => {
      fireEvent.click(await screen.findByTestId('board-raise-ZB-ZD-plans'));
    });
    expect((await screen.findByTestId('followup-reason')).textContent).toContain('落后 16.7 个百分点');
    await act(async () => {
      fireEvent.click(document.getElementById('followup-raise-ok') as HTMLElement);
    });
    await waitFor(() => expect(api.boardFollowupRaise).toHaveBeenCalled());
    const sent = vi.mocked(api.boardFollowupRaise).mock.calls[0][0];
    expect(sent).toMatchObject({ unit: 'ZB-ZD', check: 'plans', due: '2017-01-04' });
    expect(sent.request).toContain('整改措施');
    // Listed, and marked on the board where the link was.
    expect((await screen.findByTestId('board-raised-ZB-ZD-plans')).textContent).toContain('待答复');
    expect(screen.getByTestId('followups').textContent).toContain('张店区支公司');
  });

  it('at a unit lists the follow-ups from headquarters and sends the report', async () => {
    let row = followup({});
    const api = fakeApi({
      boardFollowups: vi.fn(async () => ({ hq: false, today: '2016-12-28', rows: [row] })),
      boardFollowupReport: vi.fn(async (r: FollowupReport) => {
        row = { ...row, state: 'reported', report: r.note, done_on: r.done_on, reported_by: '韩立新' };
        return row;
      }),
    });
    render(<App api={api} />);
    expect((await screen.findByTestId(`followup-state-${row.id}`)).textContent).toBe('待答复');
    await act(async () => {
      fireEvent.click(screen.getByTestId(`followup-answer-${row.id}`));
    });
    // Nothing is sent without a report.
    await act(async () => {
      fireEvent.click(document.getElementById('followup-step-ok') as HTMLElement);
    });
    expect(api.boardFollowupReport).not.toHaveBeenCalled();
    await act(async () => {
      fireEvent.change(await screen.findByTestId('followup-note'), { target: { value: '到期续保已全部分配到人。' } });
    });
    await act(async () => {
      fireEvent.click(document.getElementById('followup-step-ok') as HTMLElement);
    });
    await waitFor(() => expect(api.boardFollowupReport).toHaveBeenCalledWith({ followup_id: row.id, note: '到期续保已全部分配到人。', done_on: '2016-12-28' }));
    expect((await screen.findByTestId(`followup-report-${row.id}`)).textContent).toContain('到期续保已全部分配到人。');
    expect(screen.getByTestId(`followup-state-${row.id}`).textContent).toBe('已答复待办结');
  });
});

function followup(f: Partial<FollowupView>): FollowupView {
  return {
    id: 'f1',
    unit: 'ZB-ZD',
    unit_name: '张店区支公司',
    check: 'plans',
    light: 'red',
    reason: '「到期续保全部分配到人」完成 80%，时间已过 96.7%，落后 16.7 个百分点',
    request: '请分析原因，提出整改措施。',
    due: '2017-01-04',
    raised_by: '集团总部',
    raised_at: '2016-12-28T09:00:00Z',
    round: 1,
    state: 'open',
    comment: '',
    decided_by: null,
    decided_at: null,
    report: '',
    done_on: null,
    reported_by: null,
    reported_at: null,
    ...f,
  };
}
