import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from '../App';
import { fakeApi } from '../test/fake';
import type { DecisionView } from '../bindings/DecisionView';
import type { PlanRow } from '../bindings/PlanRow';

describe('headquarters\' decisions', () => {
  const decision = (over: Partial<DecisionView>): DecisionView => ({
    id: 'd1',
    unit_id: 'u-zb',
    kind: 'plan',
    subject_id: 'p1',
    verdict: 'approve',
    comment: '同意',
    stamp: 'submitted@2026-12-01T08:00:00Z',
    decided_by: '集团运营管理一部',
    decided_at: '2026-12-01T09:00:00Z',
    unit_name: '淄博市分公司',
    subject: '2027年度保费目标',
    state: 'waiting',
    note: '',
    ...over,
  });
  const plan: PlanRow = {
    unit_name: '淄博市分公司', owner_name: '', actual: null, progress_pct: '0', children_weight: null, pending_adjustments: 0, may_decide: true,
    id: 'p1', unit_id: 'u-zb', parent_id: null, level: 'annual', title: '2027年度保费目标', owner_person_id: null, owner_position_id: null,
    period: '2027', priority: 'high', weight: '100', target_value: '12000', target_unit: '万元', kpi_metric: null, actual_value: null,
    progress: '0', status: 'submitted', deviation: '', outcome: '', milestones: [], sort: 0, updated_at: '2026-12-01T08:00:00Z', issued_from: 't1',
  };

  it('filters the plans to those waiting for this person to approve', async () => {
    window.location.hash = '#/plans';
    const executing: PlanRow = { ...plan, id: 'p2', title: '2016年度发展计划', status: 'executing', may_decide: false, period: '2016' };
    const notMine: PlanRow = { ...plan, id: 'p3', title: '济南2027年度计划', may_decide: false };
    render(<App api={fakeApi({ plans: vi.fn(async () => [plan, executing, notMine]) })} />);
    await screen.findByText('2016年度发展计划');
    const box = screen.getByTestId('plans-to-decide');
    expect(box.textContent).toBe('只看待审批（1）');
    await act(async () => {
      fireEvent.click(box.querySelector('input')!);
    });
    expect(screen.getByText('2027年度保费目标')).toBeTruthy();
    expect(screen.queryByText('2016年度发展计划')).toBeNull();
    expect(screen.queryByText('济南2027年度计划')).toBeNull();
  });

  it('marks a plan whose approval waits for the unit and offers no second decision', async () => {
    window.location.hash = '#/plans';
    const api = fakeApi({ plans: vi.fn(async () => [plan]), decisions: vi.fn(async () => [decision({})]) });
    render(<App api={api} />);
    expect((await screen.findByTestId('decision-waiting')).textContent).toBe('总部已批准 · 待单位同步');
    await act(async () => {
      fireEvent.click(screen.getByText('2027年度保费目标'));
    });
    await act(async () => {
      fireEvent.click(await screen.findByTestId('tab-flow'));
    });
    expect((await screen.findByTestId('decision-note')).textContent).toContain('将随下一个同步包发给「淄博市分公司」');
    expect(screen.queryByTestId('plan-approve')).toBeNull();
  });

  it('lists decisions on the 同步 page with where each stands', async () => {
    const api = fakeApi({
      decisions: vi.fn(async () => [
        decision({}),
        decision({ id: 'd2', kind: 'submission', verdict: 'compliant', comment: '', subject: '9月经营简报', state: 'stale', note: '总部作出决定后，本站的记录已有变动，未作改动。' }),
      ]),
    });
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-sync'));
    });
    const table = await screen.findByTestId('sync-decisions');
    expect(table.textContent).toContain('计划审批');
    expect(table.textContent).toContain('待单位同步');
    expect(table.textContent).toContain('报送审核');
    expect(table.textContent).toContain('未执行');
    expect(table.textContent).toContain('本站的记录已有变动');
  });
});
