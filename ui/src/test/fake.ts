// The fake API and the fixtures every page test shares.
import { vi } from 'vitest';
import type { Api } from '../api';
import { CommandError } from '../api';
import type { Board } from '../bindings/Board';
import type { Dashboard } from '../bindings/Dashboard';
import type { Settings } from '../bindings/Settings';
import type { SyncStatus } from '../bindings/SyncStatus';

export const scheme = {
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

export const site = { id: 's1', name: '淄博市分公司', role: 'unit' as const, group_name: '齐鲁示范保险集团', created_at: '2026-01-01T00:00:00Z' };

export const node = (id: string, parent: string | null, kind: 'unit' | 'position', title: string, people: string[] = []) => ({
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
export const orgNodes = [
  node('ops', null, 'unit', '运营部'),
  node('gm', 'ops', 'position', '运营总监', ['周海峰']),
  node('lead', 'gm', 'position', '运营主管', ['陈静']),
  node('copy', 'lead', 'position', '文案', ['王丽']),
  node('art', 'lead', 'position', '美工设计'),
];
export const orgSnapshot = (asOf: string) => ({
  as_of: asOf,
  units: [],
  positions: [],
  people: [],
});

export const meeting = {
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
export const action = (id: string, title: string, status: 'open' | 'done', overdue: number) => ({
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
export const minutesView = {
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

export const syncStatus: SyncStatus = {
  site,
  fingerprint: 'cfb8-6308-e6ae-1985',
  unit_code: 'ZB',
  peers: [
    {
      site_id: 'hq1',
      name: '集团总部',
      role: 'hq',
      unit_code: null,
      revoked_at: null,
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

/**
 * A fake of the whole API for page tests. Methods not faked here (or in `overrides`) reject
 * with "not faked: name", so a new command needs no change in this file.
 */
export const gm = {
  login: 'ZB-001',
  name: '韩立新',
  person_id: 'p-gm',
  posts: [{ title: '总经理', unit: '总经理室' }],
  admin: false,
  hq_staff: false,
  grants: [],
};

export const dbState = { path: '/tmp/demo.db', exists: true, encrypted: true, needs_setup: false };

export function fakeApi(overrides: Partial<Api> = {}): Api {
  let settings: Settings = { site, language: 'zh-CN', current_period: '2016-12', db_path: '/tmp/demo.db', handle_days: 3, handle_working_days: true, lock_minutes: 15, log_level: 'info', appeal_months: 1, board: { plan_amber: 5, plan_red: 10, overdue_red_days: 15, kpi_amber_below: 70, kpi_red_below: 60, kpi_fall_amber: 5, kpi_fall_red: 10, submissions: 5, silence_amber_days: 14, silence_red_days: 30 }, today: '2016-12-28', site_today: '2016-12-28' };
  const dashboard: Dashboard = {
    site,
    current_period: '2016-12',
    counts: { units: 13, departments: 5, positions: 47, people: 45, assignments: 46, meetings: 3, action_items: 8, kpi_values: 1078 },
    open_action_items: 6,
    overdue_action_items: 2,
    latest_kpi_period: '2016-12',
    work: [
      { kind: 'action', title: '落实续保分配', detail: '陈静 · 2016年第11期总经理办公会', due_on: '2016-12-09', overdue_days: 11, page: 'minutes', open_id: 'm1', mine: true },
      { kind: 'incoming', title: '关于开展客户信息安全自查的通知', detail: '马俊 · 淄博市分公司', due_on: '2016-12-21', overdue_days: 0, page: 'docs', open_id: 'in1', mine: false },
    ],
  };
  const board: Board = {
    as_of: '2016-12-28',
    month: '2016-12',
    last_month: '2016-11',
    thresholds: settings.board,
    rows: [
      {
        unit_id: 'u-zd',
        unit_code: 'ZB-ZD',
        unit_name: '张店区支公司',
        parent_name: '淄博市分公司',
        light: 'red',
        signals: [
          { check: 'plans', light: 'red', reason: '「到期续保全部分配到人」完成 80%，时间已过 96.7%，落后 16.7 个百分点', page: 'plans', open_id: 'p1' },
          { check: 'overdue', light: 'amber', reason: '2 项逾期，最久 9 天：「落实续保分配」（陈静）', page: 'minutes', open_id: null },
        ],
      },
      {
        unit_id: 'u-lz',
        unit_code: 'ZB-LZ',
        unit_name: '临淄区支公司',
        parent_name: '淄博市分公司',
        light: 'green',
        signals: [
          { check: 'plans', light: 'missing', reason: '今天没有执行中的计划', page: 'plans', open_id: null },
          { check: 'kpi', light: 'green', reason: '2016年11月得分 78.68（满分 100，第 2/11 名）', page: 'kpi', open_id: null },
        ],
      },
    ],
  };
  const api: Partial<Api> = {
    door: vi.fn(async () => ({ state: dbState, actor: gm })),
    lock: vi.fn(async () => ({ state: dbState, locked: 'ZB-001' })),
    signOut: vi.fn(async () => ({ state: dbState })),
    dashboard: vi.fn(async () => dashboard),
    board: vi.fn(async () => board),
    boardExport: vi.fn(async () => '/tmp/exports/经营监控-2016-12-28.xlsx'),
    boardFollowups: vi.fn(async () => ({ hq: false, today: '2016-12-28', rows: [] })),
    reportAnalysis: vi.fn(async (period: string) => `/tmp/exports/经营分析报告-${period}.pdf`),
    settings: vi.fn(async () => settings),
    kpiSchemes: vi.fn(async () => [scheme]),
    kpiSpecialists: vi.fn(async (period: string) => ({
      period,
      scheme_name: scheme.name,
      as_of: '2016-12-31',
      rows: [{ rank: 1, unit: 'ZB-ZD', unit_name: '张店区支公司', person_code: 'ZB-ZD-3', person_name: '张伟', title: '系统推广专员', total: '4.00', put_forward: period.length === 4 }],
    })),
    kpiScore: vi.fn(async (period: string) => ({
      scheme,
      unit_names: { 'ZB-ZD': '张店区支公司', 'ZB-ZC': '淄川区支公司' },
      unscored: [],
      result: {
        scheme: 'mms-2016',
        version: 1,
        period,
        cumulative: false,
        months: [period],
        units: [
          { unit: 'ZB-ZD', total: '4.00', rank: 1, sections: { ops: '4.00' }, indicators: [{ id: 'wechat_binding', value: '1', score: '4.00', rank: null, explain: { formula: 'points of the band min ≤ value < max', formula_zh: '按取值所在区间得分', inputs: { 'Σ 微信绑定用户数': '60', 'Σ 系统用户数': '60' }, steps: ['value = 1'], steps_zh: ['取值 = 1'] } }] },
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
        { id: 'wechat_bound', name: '微信绑定用户数', positive: false },
        { id: 'users', name: '系统用户数', positive: true },
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
    kpiStatus: vi.fn(async (period: string) => ({ period, scheme_id: 'mms-2016', publications: [], changed: true, lock: null, history: [] })),
    kpiPublish: vi.fn(async (period: string, reason: string) => ({
      period,
      scheme_id: 'mms-2016',
      publications: [{ scheme_id: 'mms-2016', period, version: 1, scheme_version: 1, reason, published_by: '马俊（营销管理部经理）', published_at: '2016-12-28T10:00:00Z', rewards: '1600.00' }],
      changed: false,
      lock: null,
      history: [],
    })),
    kpiResults: vi.fn(async () => ({
      hq: false,
      rows: [
        {
          id: 'r1', unit: 'ZB-ZD', unit_name: '张店区支公司', scheme_name: '营销管理系统运营管理考核方案(2016年)', period: '2016-Q4', version: 1,
          total: '75.84', rank: 4, ranked: 11, reward: '0', scores: [{ id: 'wechat_binding', name: '微信绑定率', value: '0.95', score: '2.00' }],
          reason: '', published_by: '集团总部', published_at: '2017-01-10T09:00:00Z', respond_by: '2017-02-10', state: 'open' as const,
          indicator: '', appeal: '', answered_by: null, answered_at: null, response_id: null, ruling_due: null, ruling: '', ruled_by: null, ruled_at: null, evidence: [],
        },
      ],
    })),
    kpiAnswer: vi.fn(async () => ({}) as never),
    kpiAppeal: vi.fn(async () => ({}) as never),
    kpiPayouts: vi.fn(async () => ({
      rows: [
        { id: 1, scheme_id: 'mms-2016', period: '2016', version: 2, reward: 'prize', rule: '推广先进单位', unit: 'ZB-GX', unit_name: '高新区支公司', amount: '2000.00', due_month: '2017-01', paid_at: '2017-01-05', paid_by: '刘晓燕（办公室主任）' },
        { id: 2, scheme_id: 'mms-2016', period: '2016', version: 2, reward: 'prize', rule: '推广先进单位', unit: 'ZB-GX', unit_name: '高新区支公司', amount: '-400.00', due_month: '2017-01', paid_at: null, paid_by: null },
      ],
      total: '1600.00',
      paid: '2000.00',
      unpaid: '-400.00',
    })),
    kpiTrend: vi.fn(async (unit: string) => ({
      unit,
      months: ['2016-06', '2016-07'],
      totals: [null, '4.00'],
      indicators: [{ id: 'wechat_binding', name: '微信绑定率', scores: [null, '4.00'] }],
    })),
    kpiHistory: vi.fn(async () => [{ old: '50', new: '54', by: '刘晓燕', at: '2016-08-01T09:00:00Z' }]),
    orgSnapshot: vi.fn(async (asOf?: string) => orgSnapshot(asOf ?? '2026-11-22')),
    orgTree: vi.fn(async (asOf: string | undefined) => ({ as_of: asOf ?? '2026-11-22', view: 'units' as const, nodes: orgNodes })),
    orgSavePosition: vi.fn(async () => {
      throw new CommandError({ code: 'input.invalid', message: '2016-10-01 起：汇报关系形成循环：总经理（GM） → 文案（COPY） → 总经理（GM）。', field: 'org' });
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
    reportMinutesOfficial: vi.fn(async () => '/home/u/下载/纪要.pdf'),
    reportPlan: vi.fn(async () => '/home/u/下载/计划书.pdf'),
    minutesList: vi.fn(async () => [{ ...meeting, unit_name: '张店区支公司', chair_name: '王建国', actions: 2, open_actions: 1, verdict: 'compliant' as const }]),
    minutesGet: vi.fn(async () => minutesView),
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
    plans: vi.fn(async () => []),
    planSave: vi.fn(async () => {
      throw new CommandError({ code: 'input.invalid', message: '下级计划的权重合计须为 100，不能上报', field: 'weight' });
    }),
    planDelete: vi.fn(async () => null),
    planHistory: vi.fn(async () => []),
    planAdjustments: vi.fn(async () => []),
    docCategories: vi.fn(async () => [{ code: 'company', name: '公司发文', prefix: '淄人保发', kind: 'company' as const, foreign: false }]),
    docReserveNumber: vi.fn(async () => ({ category: 'company', year: 2016, seq: 25, number: '淄人保发〔2016〕25号' })),
    outgoingList: vi.fn(async () => []),
    docsInbox: vi.fn(async () => []),
    calendarDays: vi.fn(async () => ({ hq: false, days: [] })),
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
    reportSlip: vi.fn(async () => '/home/u/下载/阅办单.pdf'),
    reportRegister: vi.fn(async () => '/home/u/下载/公文登记簿.pdf'),
    syncStatus: vi.fn(async () => syncStatus),
    syncEnrol: vi.fn(async () => ({ file: '/home/u/下载/入网文件-ZB.bdk', unit_code: 'ZB', passcode: '7KQ4-M2XD-9RTA-HW3B' })),
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
    onFileDrop: vi.fn(async () => () => undefined),
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
  const missing = new Map<PropertyKey, ReturnType<typeof vi.fn>>();
  return new Proxy(api, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof Api];
      if (!missing.has(prop)) {
        missing.set(
          prop,
          vi.fn(async () => {
            throw new Error(`not faked: ${String(prop)}`);
          }),
        );
      }
      return missing.get(prop);
    },
  }) as Api;
}

