import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, configure } from '@testing-library/react';

// The first test renders the whole shell cold; on a loaded 2-core runner that takes more than
// Testing Library's default second.
configure({ asyncUtilTimeout: 5000 });
import { App } from './App';
import type { SyncStatus } from './bindings/SyncStatus';
import type { DecisionView } from './bindings/DecisionView';
import type { PlanRow } from './bindings/PlanRow';
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

const scheme = {
  id: 'mms-2016',
  version: 1,
  name: '营销管理系统运营管理考核方案(2016年)',
  added_at: '2016-06-01T00:00:00Z',
  start: '2016-06-01',
  end: '2016-12-31',
  points: '4',
  notes: ['考核对象：各区县支公司'],
  sections: [{ id: 'ops', name: '运营指标', points: '4' }],
  indicators: [{ id: 'wechat_binding', name: '微信绑定率', points: '4', rule: 'bands' }],
  rewards: [{ id: 'prize', name: '推广先进单位' }],
  findings: [],
};

const site = { id: 's1', name: '淄博市分公司', role: 'unit' as const, group_name: '齐鲁示范保险集团', created_at: '2026-01-01T00:00:00Z' };

const node = (id: string, parent: string | null, kind: 'unit' | 'position', title: string, people: string[] = []) => ({
  id,
  parent,
  kind,
  code: id.toUpperCase(),
  title,
  unit_kind: kind === 'unit' ? ('department' as const) : null,
  unit_name: kind === 'unit' ? '' : '运营部',
  status: kind === 'unit' ? null : ('active' as const),
  people: people.map((name, i) => ({ code: `P${i}`, name, kind: 'primary' as const })),
  headcount: kind === 'unit' ? 3 : 0,
});
const orgNodes = [
  node('ops', null, 'unit', '运营部'),
  node('gm', 'ops', 'position', '运营总监', ['周海峰']),
  node('lead', 'gm', 'position', '运营主管', ['陈静']),
  node('copy', 'lead', 'position', '文案', ['王丽']),
  node('art', 'lead', 'position', '美工设计'),
];
const orgSnapshot = (asOf: string) => ({
  as_of: asOf,
  units: [],
  positions: [],
  people: [],
});

const meeting = {
  id: 'm1',
  unit_id: 'u1',
  kind: 'weekly' as const,
  series: '张店区支公司周例会',
  title: '张店区支公司周例会（第2期）',
  held_at: '2016-10-17T08:30',
  place: '支公司会议室',
  chair_id: 'p1',
  recorder_id: 'p1',
  status: 'final' as const,
  rev: 1,
  updated_at: '2016-10-17T12:30:00Z',
};
const action = (id: string, title: string, status: 'open' | 'done', overdue: number) => ({
  id,
  meeting_id: 'm1',
  unit_id: 'u1',
  title,
  detail: '',
  owner_id: 'p1',
  due_on: '2016-10-21',
  status,
  plan_node_id: null,
  doc_id: null as string | null,
  created_at: '2016-10-17T08:30:00Z',
  closed_on: null,
  sort: 0,
  owner_name: '李娜',
  unit_name: '张店区支公司',
  meeting_title: meeting.title,
  overdue_days: overdue,
  plan_title: null,
});
const minutesView = {
  meeting,
  body: { attendees: [{ person_id: 'p1', role: 'present' as const, reason: '' }], agenda: [{ title: '续保工作', points: '到期续保58件' }], decisions: ['每周一分配续保清单。'], revision_note: '' },
  unit_name: '张店区支公司',
  chair_name: '王建国',
  recorder_name: '张伟',
  attendees: [{ person_id: 'p1', name: '王建国', role: 'present' as const, reason: '' }],
  actions: [action('a2', '整理支付工具推广成效排名', 'open', 0)],
  carried: [action('a1', '完成到期续保清单分配', 'open', 3)],
  revisions: [{ rev: 1, reason: '', by: '张伟', at: '2016-10-17T12:30:00Z' }],
  submission: null,
};

const syncStatus: SyncStatus = {
  site,
  fingerprint: 'cfb8-6308-e6ae-1985',
  unit_code: 'ZB',
  peers: [
    {
      site_id: 'hq1',
      name: '集团总部',
      role: 'hq',
      unit_code: null,
      fingerprint: '5045-c829-4919-37b1',
      sent_seq: 2,
      acked_seq: 1,
      recv_seq: 1,
      unacked_changes: 12,
      held: 0,
      last_out: '2016-12-20T02:00:00Z',
      last_in: '2016-12-18T02:00:00Z',
    },
  ],
  history: [
    { id: 3, direction: 'in', peer_name: '', kind: '', seq: null, file: 'bad.bdk', bytes: 100, records: 0, outcome: 'refused', code: 'sync.damaged', message: '同步包内容与清单中的校验值不符：文件在拷贝或传输中损坏。', at: '2016-12-19T02:00:00Z' },
    { id: 2, direction: 'out', peer_name: '集团总部', kind: 'changes', seq: 2, file: '同步包-淄博市分公司-至-集团总部-0002.bdk', bytes: 46743, records: 2226, outcome: 'sent', code: '', message: '', at: '2016-12-20T02:00:00Z' },
  ],
  open_enrolments: [],
};

function fakeApi(overrides: Partial<Api> = {}) {
  let settings: Settings = { site, language: 'zh-CN', current_period: '2016-12', db_path: '/tmp/demo.db', handle_days: 3, handle_working_days: true };
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
    kpiSchemes: vi.fn(async () => [scheme]),
    kpiScore: vi.fn(async (period: string) => ({
      scheme,
      unit_names: { 'ZB-ZD': '张店区支公司', 'ZB-ZC': '淄川区支公司' },
      result: {
        scheme: 'mms-2016',
        version: 1,
        period,
        cumulative: false,
        months: [period],
        units: [
          { unit: 'ZB-ZD', total: '4.00', rank: 1, sections: { ops: '4.00' }, indicators: [{ id: 'wechat_binding', value: '1', score: '4.00', rank: null, explain: { formula: 'points of the band min ≤ value < max', formula_zh: '按取值所在区间得分', inputs: { 'Σ wechat_bound': '60', 'Σ users': '60' }, steps: ['value = 1'], steps_zh: ['取值 = 1'] } }] },
          { unit: 'ZB-ZC', total: '2.00', rank: 2, indicators: [{ id: 'wechat_binding', value: '0.9', score: '2.00', rank: null, explain: { formula: 'f', formula_zh: 'f', inputs: {}, steps: [], steps_zh: [] } }] },
        ],
        rewards: [{ reward: 'prize', unit: 'ZB-ZD', amount: '1600' }],
      },
    })),
    kpiEntry: vi.fn(async (period: string) => ({
      period,
      scheme_id: 'mms-2016',
      units: [
        { code: 'ZB-ZD', name: '张店区支公司' },
        { code: 'ZB-ZC', name: '淄川区支公司' },
      ],
      metrics: [
        { id: 'wechat_bound', name: '微信绑定用户数' },
        { id: 'users', name: '系统用户数' },
      ],
      values: { 'ZB-ZD': { wechat_bound: '54', users: '60' }, 'ZB-ZC': { wechat_bound: '50', users: '60' } },
    })),
    kpiSave: vi.fn(async (_period: string, cells: { unit: string; metric: string; value: string }[]) => {
      const bad = cells.filter((c) => !/^\d+$/.test(c.value));
      if (bad.length) {
        throw new CommandError({ code: 'kpi.cells', message: 'bad', cells: bad.map((c) => ({ ...c, message: `“${c.value}”不是数字。` })) });
      }
      return { changed: cells.length, unchanged: 0 };
    }),
    kpiTemplates: vi.fn(async () => [{ ...scheme, version: 0, notes: ['原文区间重叠，本模板按65%起计提0.2%'] }]),
    kpiAddTemplate: vi.fn(async () => scheme),
    kpiImport: vi.fn(async () => ({ changed: 2, unchanged: 0 })),
    kpiTrend: vi.fn(async (unit: string) => ({
      unit,
      months: ['2016-06', '2016-07'],
      totals: [null, '4.00'],
      indicators: [{ id: 'wechat_binding', name: '微信绑定率', scores: [null, '4.00'] }],
    })),
    kpiHistory: vi.fn(async () => [{ old: '50', new: '54', by: '刘晓燕', at: '2016-08-01T09:00:00Z' }]),
    orgSnapshot: vi.fn(async (asOf?: string) => orgSnapshot(asOf ?? '2026-11-22')),
    orgTree: vi.fn(async (asOf: string | undefined) => ({ as_of: asOf ?? '2026-11-22', view: 'units' as const, nodes: orgNodes })),
    orgSaveUnit: vi.fn(async () => {
      throw new Error('not used');
    }),
    orgSavePosition: vi.fn(async () => {
      throw new CommandError({ code: 'input.invalid', message: '2016-10-01 起：汇报关系形成循环：总经理（GM） → 文案（COPY） → 总经理（GM）。', field: 'org' });
    }),
    orgSavePerson: vi.fn(async () => {
      throw new Error('not used');
    }),
    orgAssign: vi.fn(async () => {
      throw new Error('not used');
    }),
    orgEndAssignment: vi.fn(async () => null),
    orgHistory: vi.fn(async () => []),
    orgRevert: vi.fn(async () => null),
    orgTemplates: vi.fn(async () => []),
    orgApplyTemplate: vi.fn(async () => []),
    orgImport: vi.fn(async () => {
      throw new CommandError({
        code: 'org.file',
        message: '文件有 1 处问题',
        problems: [{ sheet: '岗位', row: 5, column: '直属上级岗位编码', message: '直属上级岗位编码 ZZZ 不存在（文件和数据库中都没有）。' }],
      });
    }),
    orgExport: vi.fn(async () => ['/home/u/下载/组织架构-2026-11-22.xlsx']),
    orgTemplateFile: vi.fn(async () => '/home/u/下载/组织架构导入模板.xlsx'),
    reportScorecard: vi.fn(async (unit: string, period: string) => `/home/u/下载/考核得分表-${unit}-${period}.pdf`),
    reportBulletin: vi.fn(async (period: string) => `/home/u/下载/考评通报-${period}.pdf`),
    reportOrgchart: vi.fn(async () => '/home/u/下载/组织架构图-all.pdf'),
    reportMinutes: vi.fn(async () => '/home/u/下载/会议纪要.pdf'),
    reportPlan: vi.fn(async () => '/home/u/下载/计划书.pdf'),
    minutesList: vi.fn(async () => [{ ...meeting, unit_name: '张店区支公司', chair_name: '王建国', actions: 2, open_actions: 1, verdict: 'compliant' as const }]),
    minutesGet: vi.fn(async () => minutesView),
    minutesNew: vi.fn(async () => {
      throw new Error('not used');
    }),
    minutesCarried: vi.fn(async () => []),
    minutesSave: vi.fn(async () => minutesView),
    minutesDelete: vi.fn(async () => null),
    minutesFinalise: vi.fn(async () => minutesView),
    minutesRevise: vi.fn(async () => minutesView),
    minutesRevision: vi.fn(async () => minutesView),
    actionsBoard: vi.fn(async () => [action('a1', '完成到期续保清单分配', 'open', 3), action('a2', '整理支付工具推广成效排名', 'open', 0)]),
    actionUpdate: vi.fn(async () => action('a1', '完成到期续保清单分配', 'done', 0)),
    actionHistory: vi.fn(async () => []),
    submissions: vi.fn(async () => []),
    submissionAdd: vi.fn(async () => {
      throw new Error('not used');
    }),
    submissionReview: vi.fn(async () => {
      throw new Error('not used');
    }),
    plans: vi.fn(async () => []),
    planSave: vi.fn(async () => {
      throw new CommandError({ code: 'input.invalid', message: '下级计划的权重合计须为 100，不能上报', field: 'weight' });
    }),
    planDelete: vi.fn(async () => null),
    planTransition: vi.fn(async () => {
      throw new Error('not used');
    }),
    planHistory: vi.fn(async () => []),
    planAdjustRequest: vi.fn(async () => {
      throw new Error('not used');
    }),
    planAdjustDecide: vi.fn(async () => {
      throw new Error('not used');
    }),
    planAdjustments: vi.fn(async () => []),
    workSummary: vi.fn(async () => {
      throw new Error('not used');
    }),
    workSummarySave: vi.fn(async () => {
      throw new Error('not used');
    }),
    docCategories: vi.fn(async () => [{ code: 'company', name: '公司发文', prefix: '淄人保发', kind: 'company' as const }]),
    docReserveNumber: vi.fn(async () => ({ category: 'company', year: 2016, seq: 25, number: '淄人保发〔2016〕25号' })),
    outgoingList: vi.fn(async () => []),
    outgoingSave: vi.fn(async () => {
      throw new Error('not used');
    }),
    outgoingSign: vi.fn(async () => {
      throw new Error('not used');
    }),
    outgoingIssue: vi.fn(async () => {
      throw new Error('not used');
    }),
    outgoingWithdraw: vi.fn(async () => {
      throw new Error('not used');
    }),
    incomingList: vi.fn(async () => [
      {
        id: 'd1',
        unit_id: 'u1',
        received_on: '2016-12-02',
        sender: '省分公司运营管理部',
        title: '关于做好年底续保工作的通知',
        doc_number: '鲁人保运〔2016〕88号',
        urgent: true,
        instruction: '请运营部牵头落实',
        secret: false,
        registered_by: '孙倩',
        created_at: '2016-12-02T10:00:00Z',
        handlers: [{ ...action('a9', '【急件】阅办：关于做好年底续保工作的通知', 'open', 2), meeting_id: null, doc_id: 'd1' }],
        due_on: '2016-12-07',
        done: false,
        overdue_days: 2,
      },
    ]),
    incomingRegister: vi.fn(async () => {
      throw new CommandError({ code: 'input.invalid', message: '请按领导批示选择阅办部门或人员。', field: 'handlers' });
    }),
    outgoingDetail: vi.fn(async () => {
      throw new Error('not used');
    }),
    outgoingDispatch: vi.fn(async () => {
      throw new Error('not used');
    }),
    dispatchOutcome: vi.fn(async () => {
      throw new Error('not used');
    }),
    outgoingCorrect: vi.fn(async () => {
      throw new Error('not used');
    }),
    reportSlip: vi.fn(async () => '/home/u/下载/阅办单.pdf'),
    reportRegister: vi.fn(async () => '/home/u/下载/公文登记簿.pdf'),
    syncStatus: vi.fn(async () => syncStatus),
    syncEnrol: vi.fn(async () => '/home/u/下载/入网文件-ZB.bdk'),
    syncExport: vi.fn(async (_to: string | undefined, _full: boolean, onProgress?: (step: number, steps: number) => void) => {
      onProgress?.(14, 28);
      return { file: '/home/u/下载/同步包-淄博市分公司-至-集团总部-0003.bdk', peer_name: '集团总部', seq: 3, kind: 'changes', bytes: 2048, records: 12, tables: [] };
    }),
    syncImport: vi.fn(async () => ({
      outcome: 'applied' as const,
      peer_name: '集团总部',
      seq: 2,
      kind: 'changes',
      records: 2,
      tables: [{ table: 'announcement', label: '公告', written: 1, deleted: 0, kept: 0, aliased: 0 }],
      also_applied: [],
      message: '已导入「集团总部」的第 2 号同步包：写入 2 条记录。',
    })),
    syncImportPath: vi.fn(async () => {
      throw new Error('not used');
    }),
    onFileDrop: vi.fn(async () => () => undefined),
    announce: vi.fn(async () => {
      throw new Error('not used');
    }),
    announcements: vi.fn(async () => []),
    decisions: vi.fn(async () => []),
    announcementSeen: vi.fn(async () => null),
    search: vi.fn(async () => [
      { kind: 'meeting', ref_id: 'm1', meeting_id: 'm1', title: '张店区支公司周例会（第2期） · 决议', excerpt: '续保到期清单由副经理每周一分配到人', marks: [[0, 2]] as [number, number][], unit_name: '张店区支公司', at: '2016-10-17' },
    ]),
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
    expect(api.syncImport).toHaveBeenCalledWith('同步包-0002.bdk', new Uint8Array([66, 68, 75]));
    expect(screen.getByText('公告')).toBeTruthy();
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
    unit_name: '淄博市分公司', owner_name: '', actual: null, progress_pct: '0', children_weight: null, pending_adjustments: 0,
    id: 'p1', unit_id: 'u-zb', parent_id: null, level: 'annual', title: '2027年度保费目标', owner_person_id: null, owner_position_id: null,
    period: '2027', priority: 'high', weight: '100', target_value: '12000', target_unit: '万元', kpi_metric: null, actual_value: null,
    progress: '0', status: 'submitted', deviation: '', outcome: '', milestones: [], sort: 0, updated_at: '2026-12-01T08:00:00Z', issued_from: 't1',
  };

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

describe('考核 page', () => {
  it('shows the ranked scores and explains a unit on click', async () => {
    render(<App api={fakeApi()} />);
    await screen.findByTestId('stat-units');
    await act(async () => {
      fireEvent.click(screen.getByTestId('nav-kpi'));
    });
    expect((await screen.findByTestId('total-ZB-ZD')).textContent).toBe('4.00');
    expect(screen.getByTestId('score-ZB-ZC-wechat_binding').textContent).toBe('2.00');
    expect(screen.getByTestId('subtotal-ZB-ZD-ops').textContent).toBe('4.00');
    expect(screen.getAllByText('运营指标小计').length).toBeGreaterThan(0);
    expect(screen.getByText('¥1,600.00')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('total-ZB-ZD'));
    });
    const explain = await screen.findByTestId('explain-wechat_binding');
    expect(explain.textContent).toContain('Σ wechat_bound = 60');
    expect(explain.textContent).toContain('按取值所在区间得分');
    expect(explain.textContent).toContain('取值 = 1');
    expect(await screen.findByText('逐月趋势')).toBeTruthy();
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
});

describe('组织架构 page', () => {
  it('draws the chart, finds a person on it, and lists every problem of a bad import', async () => {
    window.location.hash = '#/org';
    const api = fakeApi();
    render(<App api={api} />);
    await waitFor(() => expect(screen.getByTestId('node-COPY')).toBeTruthy());
    expect(screen.getByTestId('node-COPY').textContent).toContain('王丽');
    // an empty position shows as vacant, in red text
    expect(screen.getByTestId('node-ART').textContent).toContain('空缺');
    expect(screen.getByTestId('chart-count').textContent).toBe('显示 5 / 5 个节点');
    // collapsing 运营主管 hides its two children
    fireEvent.click(screen.getByTestId('toggle-LEAD'));
    await waitFor(() => expect(screen.queryByTestId('node-COPY')).toBeNull());
    expect(screen.getByTestId('chart-count').textContent).toBe('显示 3 / 5 个节点');
    // searching a person opens the path to them again
    fireEvent.change(screen.getByTestId('chart-search').querySelector('input') ?? screen.getByTestId('chart-search'), { target: { value: '王丽' } });
    const option = await screen.findByTestId('chart-search-option');
    fireEvent.click(option);
    await waitFor(() => expect(screen.getByTestId('node-COPY')).toBeTruthy());
    // a bad import shows the table of problems with sheet, row and column
    fireEvent.click(screen.getByTestId('org-import'));
    const file = new File(['编码\n'], 'org.xlsx');
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    await waitFor(() => expect((screen.getByTestId('import-go') as HTMLButtonElement).disabled).toBe(false));
    await act(async () => {
      fireEvent.click(screen.getByTestId('import-go'));
    });
    const table = await screen.findByTestId('import-problems');
    expect(table.textContent).toContain('直属上级岗位编码 ZZZ 不存在');
    expect(table.textContent).toContain('岗位');
    expect(table.textContent).toContain('5');
  });
});

describe('报表 page', () => {
  it('exports a scorecard and a bulletin and says where the PDF went', async () => {
    window.location.hash = '#/reports';
    const api = fakeApi();
    render(<App api={api} />);
    const button = await screen.findByTestId('report-scorecard');
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await act(async () => {
      fireEvent.click(button);
    });
    await waitFor(() => expect(api.reportScorecard).toHaveBeenCalledWith('ZB-ZD', '2016-12', 'mms-2016'));
    expect((await screen.findByTestId('pdf-saved')).textContent).toBe('PDF 已保存：/home/u/下载/考核得分表-ZB-ZD-2016-12.pdf');
    await act(async () => {
      fireEvent.click(screen.getByTestId('report-bulletin'));
    });
    await waitFor(() => expect(api.reportBulletin).toHaveBeenCalledWith('2016-Q4', 'mms-2016'));
    // The finalised meeting is picked for the minutes PDF.
    await waitFor(() => expect((screen.getByTestId('report-minutes') as HTMLButtonElement).disabled).toBe(false));
    await act(async () => {
      fireEvent.click(screen.getByTestId('report-minutes'));
    });
    await waitFor(() => expect(api.reportMinutes).toHaveBeenCalledWith('m1'));
  });
});

describe('会议纪要 page', () => {
  it('lists meetings, opens locked minutes with the items carried forward, and marks overdue items on the board', async () => {
    window.location.hash = '#/minutes';
    const api = fakeApi();
    render(<App api={api} />);
    const table = await screen.findByTestId('meetings-table');
    expect(table.textContent).toContain('张店区支公司周例会（第2期）');
    expect(table.textContent).toContain('已定稿 v1');
    expect(table.textContent).toContain('1 / 2');
    await act(async () => {
      fireEvent.click(screen.getByText('张店区支公司周例会（第2期）'));
    });
    await waitFor(() => expect(api.minutesGet).toHaveBeenCalledWith('m1'));
    const carried = await screen.findByTestId('carried-actions');
    expect(carried.textContent).toContain('完成到期续保清单分配');
    expect(screen.getByText(/已定稿（第1版），内容已锁定/)).toBeTruthy();
    expect(screen.queryByTestId('minutes-save')).toBeNull();
    expect(screen.getByTestId('minutes-revise')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByTestId('tab-board'));
    });
    await waitFor(() => expect(screen.getByTestId('board-count').textContent).toBe('共 2 项，其中逾期 1 项'));
    expect(screen.getByText('逾期3天')).toBeTruthy();
  });

  it('searches in Chinese from the top bar and marks the match', async () => {
    const api = fakeApi();
    render(<App api={api} />);
    await screen.findByTestId('stat-units');
    const box = screen.getByTestId('global-search').querySelector('input') ?? screen.getByTestId('global-search');
    fireEvent.change(box, { target: { value: '续保' } });
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
    });
    await waitFor(() => expect(api.search).toHaveBeenCalledWith('续保'));
    const results = await screen.findByTestId('search-results');
    expect(results.querySelector('mark')?.textContent).toBe('续保');
    expect(results.textContent).toContain('会议纪要');
  });
});

describe('公文 page', () => {
  it('lists incoming documents with their handlers, overdue ones marked, and explains a refused registration', async () => {
    window.location.hash = '#/docs';
    const api = fakeApi();
    render(<App api={api} />);
    const table = await screen.findByTestId('incoming-table');
    expect(table.textContent).toContain('关于做好年底续保工作的通知');
    expect(table.textContent).toContain('急件');
    expect(table.textContent).toContain('逾期2天');
    expect(table.textContent).toContain('李娜');
    await act(async () => {
      fireEvent.click(screen.getByTestId('docs-new'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('incoming-save'));
    });
    expect((await screen.findByTestId('incoming-error')).textContent).toContain('请按领导批示选择阅办部门或人员');
  });
});
