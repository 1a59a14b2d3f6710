// 计划: each unit's plan tree (三年规划 → 年度计划 → 季度/月度目标 → 个人周/月计划) with
// weights, targets, progress rolled up by weight, the lifecycle, target adjustments and work
// summaries.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Empty, Form, Input, Modal, Popconfirm, Progress, Select, Space, Spin, Table, Tabs, Tag, Timeline, Tooltip, Typography } from 'antd';
import { FilePdfOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { Adjustment } from '../../bindings/Adjustment';
import type { OrgSnapshot } from '../../bindings/OrgSnapshot';
import type { PlanAction } from '../../bindings/PlanAction';
import type { PlanChange } from '../../bindings/PlanChange';
import type { PlanInput } from '../../bindings/PlanInput';
import type { PlanLevel } from '../../bindings/PlanLevel';
import type { PlanRow } from '../../bindings/PlanRow';
import type { PlanStatus } from '../../bindings/PlanStatus';
import type { Priority } from '../../bindings/Priority';
import type { WorkSummary } from '../../bindings/WorkSummary';
import { useWaiting, WaitingNote, WaitingTag } from '../../components/Decisions';
import { useI18n } from '../../i18n';
import { today } from '../../clock';
import { useFormGuard } from '../../unsaved';
import { formatTime } from '../../format';

const LEVELS: PlanLevel[] = ['three_year', 'annual', 'quarter', 'month', 'personal_month', 'personal_week'];
const STATUS_COLORS: Record<PlanStatus, string> = {
  issued: 'purple',
  draft: 'default',
  submitted: 'blue',
  approved: 'cyan',
  returned: 'orange',
  executing: 'processing',
  closed: 'green',
};
/** Which lifecycle steps a status offers. */
const NEXT: Record<PlanStatus, PlanAction[]> = {
  issued: ['accept'],
  draft: ['submit'],
  returned: ['submit'],
  submitted: ['approve', 'return'],
  approved: ['start'],
  executing: ['close'],
  closed: [],
};

type Tree = PlanRow & { children?: Tree[] };

function buildTree(rows: PlanRow[]): Tree[] {
  const byId = new Map<string, Tree>(rows.map((r) => [r.id, { ...r }]));
  const roots: Tree[] = [];
  for (const r of byId.values()) {
    const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
    if (parent) (parent.children ??= []).push(r);
    else roots.push(r);
  }
  return roots;
}

function defaultPeriod(level: PlanLevel) {
  const d = today();
  switch (level) {
    case 'three_year':
      return `${d.year()}-${d.year() + 2}`;
    case 'annual':
      return `${d.year()}`;
    case 'quarter':
      return `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;
    case 'personal_week': {
      // ISO week of today.
      const thursday = d.add(3 - ((d.day() + 6) % 7), 'day');
      const week = Math.floor((thursday.diff(dayjs(`${thursday.year()}-01-01`), 'day')) / 7) + 1;
      return `${thursday.year()}-W${String(week).padStart(2, '0')}`;
    }
    default:
      return d.format('YYYY-MM');
  }
}

function toInput(r: PlanRow): PlanInput {
  return {
    id: r.id,
    unit_id: r.unit_id,
    parent_id: r.parent_id,
    level: r.level,
    title: r.title,
    owner_person_id: r.owner_person_id,
    owner_position_id: r.owner_position_id,
    period: r.period,
    priority: r.priority,
    weight: r.weight,
    target_value: r.target_value,
    target_unit: r.target_unit,
    kpi_metric: r.kpi_metric,
    actual_value: r.actual_value,
    progress: r.progress,
    milestones: r.milestones,
    outcome: r.outcome,
    deviation: r.deviation,
  };
}

function PlanDrawer({ api, snap, start, startStatus, startMayDecide = false, onClose, onSaved }: { api: Api; snap: OrgSnapshot; start: PlanInput; startStatus?: PlanStatus; startMayDecide?: boolean; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanInput>();
  const [row, setRow] = useState<PlanRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<PlanChange[]>([]);
  const [adjustments, setAdjustments] = useState<Adjustment[]>([]);
  const [comment, setComment] = useState('');
  const [adjust, setAdjust] = useState({ month: '', new_target: '', reason: '' });
  const [waiting, reloadWaiting] = useWaiting(api);
  const edits = useFormGuard('plan-drawer');
  const id = row?.id ?? start.id;

  const refresh = useCallback(
    (planId: string | null) => {
      if (!planId) return;
      api.planHistory(planId).then(setHistory, () => setHistory([]));
      api.planAdjustments(planId).then(setAdjustments, () => setAdjustments([]));
      reloadWaiting();
    },
    [api, reloadWaiting],
  );
  useEffect(() => {
    form.setFieldsValue(start);
    refresh(start.id);
  }, [form, start, refresh]);

  const run = async (f: () => Promise<PlanRow>, decides = false) => {
    setError(null);
    try {
      const r = await f();
      setRow(r);
      form.setFieldsValue(toInput(r));
      edits.saved();
      refresh(r.id);
      // At headquarters an approval of a unit's plan leaves the plan as it is until the unit applies it.
      void message.success(t(decides && r.status === current ? 'plans.decided' : 'plans.saved'));
      onSaved();
      return r;
    } catch (e) {
      setError(e instanceof CommandError ? e.message : String(e));
      return null;
    }
  };
  const save = () => run(() => api.planSave({ ...start, ...form.getFieldsValue(true), id: id ?? null }));
  const current = row?.status ?? startStatus;
  const people = useMemo(() => snap.people.filter((p) => !p.left).map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` })), [snap]);
  const units = useMemo(() => snap.units.map((u) => ({ value: u.id, label: u.name })), [snap]);
  const editable = !current || ['draft', 'returned', 'issued', 'executing'].includes(current);

  return (
    <Drawer
      open
      size={760}
      title={
        <Space>
          {row?.title || start.title || t('plans.new')}
          {current && <Tag color={STATUS_COLORS[current]}>{label('PlanStatus', current)}</Tag>}
        </Space>
      }
      onClose={() => edits.close(onClose)}
      extra={
        <Space>
          {id && current && ['draft', 'issued'].includes(current) && (
            <Popconfirm
              title={t('plans.deleteConfirm')}
              onConfirm={async () => {
                try {
                  await api.planDelete(id);
                  onSaved();
                  onClose();
                } catch (e) {
                  setError((e as CommandError).message);
                }
              }}
            >
              <Button danger>{t('plans.delete')}</Button>
            </Popconfirm>
          )}
          <Button type="primary" disabled={!editable} onClick={() => void save()} data-testid="plan-save">
            {t('plans.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="plan-error" />}
      <Tabs
        items={[
          {
            key: 'form',
            label: t('plans.tab.form'),
            children: (
              <Form<PlanInput> form={form} layout="vertical" size="small" disabled={!editable} onValuesChange={edits.touched}>
                <Form.Item name="title" label={t('plans.f.title')} rules={[{ required: true }]}>
                  <Input data-testid="plan-title" />
                </Form.Item>
                <Space wrap align="start">
                  <Form.Item name="level" label={t('plans.f.level')} style={{ width: 150 }}>
                    <Select options={LEVELS.map((l) => ({ value: l, label: label('PlanLevel', l) }))} />
                  </Form.Item>
                  <Form.Item name="period" label={t('plans.f.period')} style={{ width: 140 }} tooltip={t('plans.f.periodHint')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="unit_id" label={t('plans.f.unit')} style={{ width: 170 }}>
                    <Select showSearch={{ optionFilterProp: 'label' }} options={units} />
                  </Form.Item>
                  <Form.Item name="owner_person_id" label={t('plans.f.owner')} style={{ width: 170 }}>
                    <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={people} />
                  </Form.Item>
                </Space>
                <Space wrap align="start">
                  <Form.Item name="priority" label={t('plans.f.priority')} style={{ width: 100 }}>
                    <Select options={(['high', 'medium', 'low'] as Priority[]).map((p) => ({ value: p, label: label('Priority', p) }))} />
                  </Form.Item>
                  <Form.Item name="weight" label={t('plans.f.weight')} style={{ width: 100 }}>
                    <Input suffix="%" data-testid="plan-weight" />
                  </Form.Item>
                  <Form.Item name="target_value" label={t('plans.f.target')} style={{ width: 130 }}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="target_unit" label={t('plans.f.targetUnit')} style={{ width: 110 }}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="kpi_metric" label={t('plans.f.metric')} style={{ width: 160 }} tooltip={t('plans.f.metricHint')}>
                    <Input placeholder="mobile_quotes" />
                  </Form.Item>
                </Space>
                <Space wrap align="start">
                  <Form.Item name="actual_value" label={t('plans.f.actual')} style={{ width: 130 }}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="progress" label={t('plans.f.progress')} style={{ width: 110 }}>
                    <Input suffix="%" />
                  </Form.Item>
                </Space>
                <Typography.Text strong>{t('plans.f.milestones')}</Typography.Text>
                <Form.List name="milestones">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="start" style={{ display: 'flex' }}>
                          <Form.Item name={[f.name, 'title']} style={{ width: 300 }}>
                            <Input />
                          </Form.Item>
                          <Form.Item name={[f.name, 'due_on']} style={{ width: 130 }} getValueProps={(v: string) => ({ value: v ? dayjs(v) : undefined })} normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : '')}>
                            <DatePicker />
                          </Form.Item>
                          <Form.Item name={[f.name, 'done']} style={{ width: 90 }}>
                            <Select options={[{ value: false, label: t('plans.ms.open') }, { value: true, label: t('plans.ms.done') }]} />
                          </Form.Item>
                          <Button type="text" onClick={() => remove(f.name)}>
                            ×
                          </Button>
                        </Space>
                      ))}
                      <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ title: '', due_on: today().format('YYYY-MM-DD'), done: false })} style={{ marginBottom: 12 }}>
                        {t('plans.ms.add')}
                      </Button>
                    </>
                  )}
                </Form.List>
                <Form.Item name="outcome" label={t('plans.f.outcome')}>
                  <Input.TextArea autoSize={{ minRows: 2 }} />
                </Form.Item>
                <Form.Item name="deviation" label={t('plans.f.deviation')}>
                  <Input.TextArea autoSize={{ minRows: 2 }} />
                </Form.Item>
              </Form>
            ),
          },
          {
            key: 'flow',
            label: <span data-testid="tab-flow">{t('plans.tab.flow')}</span>,
            children: (
              <>
                {id && waiting.get(id) && <WaitingNote d={waiting.get(id)!} />}
                {id && current && !waiting.get(id) && NEXT[current].length > 0 && (
                  <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
                    <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('plans.comment')} autoSize={{ minRows: 2 }} data-testid="plan-comment" />
                    <Space>
                      {/* Only the steps this person may take: approve and return need the authority to decide. */}
                      {NEXT[current].filter((a) => (a !== 'approve' && a !== 'return') || (row?.may_decide ?? startMayDecide)).map((a) => (
                        <Button
                          key={a}
                          type={a === 'return' ? 'default' : 'primary'}
                          danger={a === 'return'}
                          data-testid={`plan-${a}`}
                          onClick={async () => {
                            if (await run(() => api.planTransition(id, a, comment), a === 'approve' || a === 'return')) setComment('');
                          }}
                        >
                          {label('PlanAction', a)}
                        </Button>
                      ))}
                    </Space>
                  </Space>
                )}
                <Timeline
                  items={history.map((h) => ({
                    children: (
                      <div>
                        <strong>{label('PlanStatus', h.to_status)}</strong> · {h.by}
                        {h.comment && <div>{h.comment}</div>}
                        <div style={{ color: '#999', fontSize: 12 }}>{formatTime(h.at)}</div>
                      </div>
                    ),
                  }))}
                />
              </>
            ),
          },
          {
            key: 'adjust',
            label: t('plans.tab.adjust', { n: adjustments.length }),
            children: (
              <>
                <Alert type="info" showIcon title={t('plans.adjust.rule')} style={{ marginBottom: 8 }} />
                {id && (
                  <Space wrap style={{ marginBottom: 12 }}>
                    <DatePicker picker="month" placeholder={t('plans.adjust.month')} onChange={(d) => setAdjust({ ...adjust, month: d ? d.format('YYYY-MM') : '' })} />
                    <Input style={{ width: 120 }} placeholder={t('plans.adjust.newTarget')} value={adjust.new_target} onChange={(e) => setAdjust({ ...adjust, new_target: e.target.value })} />
                    <Input style={{ width: 240 }} placeholder={t('plans.adjust.reason')} value={adjust.reason} onChange={(e) => setAdjust({ ...adjust, reason: e.target.value })} />
                    <Button
                      onClick={async () => {
                        try {
                          await api.planAdjustRequest({ node_id: id, ...adjust });
                          refresh(id);
                          onSaved();
                        } catch (e) {
                          setError((e as CommandError).message);
                        }
                      }}
                    >
                      {t('plans.adjust.request')}
                    </Button>
                  </Space>
                )}
                <Table<Adjustment>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={adjustments}
                  columns={[
                    { title: t('plans.adjust.month'), dataIndex: 'month', width: 90 },
                    { title: t('plans.adjust.change'), width: 140, render: (_, a) => `${a.old_target ?? '—'} → ${a.new_target}` },
                    { title: t('plans.adjust.reason'), dataIndex: 'reason' },
                    { title: t('plans.adjust.status'), width: 90, render: (_, a) => <Tag color={a.status === 'approved' ? 'green' : a.status === 'refused' ? 'red' : 'orange'}>{label('AdjustStatus', a.status)}</Tag> },
                    { title: t('plans.adjust.decision'), dataIndex: 'decision' },
                    {
                      title: '',
                      width: 120,
                      render: (_, a) =>
                        waiting.get(a.id) ? (
                          <WaitingTag d={waiting.get(a.id)!} />
                        ) : (
                          a.status === 'pending' && (
                          <DecideButtons
                            onDecide={async (approve, decision) => {
                              try {
                                await api.planAdjustDecide(a.id, approve, decision);
                                refresh(id ?? null);
                                onSaved();
                              } catch (e) {
                                setError((e as CommandError).message);
                              }
                            }}
                          />
                          )
                        ),
                    },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

function DecideButtons({ onDecide }: { onDecide: (approve: boolean, decision: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<boolean | null>(null);
  const [text, setText] = useState('');
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)}>
        {t('plans.adjust.approve')}
      </Button>
      <Button size="small" type="link" danger onClick={() => setOpen(false)}>
        {t('plans.adjust.refuse')}
      </Button>
      <Modal open={open !== null} title={t('plans.adjust.decision')} okButtonProps={{ disabled: !text.trim() }} onCancel={() => setOpen(null)} onOk={() => { onDecide(!!open, text); setOpen(null); }}>
        <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} placeholder={t('plans.adjust.decisionHint')} />
      </Modal>
    </>
  );
}

function SummaryModal({ api, snap, onClose }: { api: Api; snap: OrgSnapshot; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [person, setPerson] = useState<string>();
  const [period, setPeriod] = useState(defaultPeriod('personal_week'));
  const [summary, setSummary] = useState<WorkSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!person || !period) return;
    api.workSummary(person, period).then(
      (s) => {
        setSummary(s);
        setError(null);
      },
      (e: CommandError) => setError(e.message),
    );
  }, [api, person, period]);
  return (
    <Modal
      open
      width={820}
      title={t('plans.summary')}
      onCancel={onClose}
      okText={t('plans.save')}
      okButtonProps={{ disabled: !summary }}
      onOk={async () => {
        if (!summary) return;
        try {
          setSummary(await api.workSummarySave(summary));
          void message.success(t('plans.saved'));
        } catch (e) {
          setError((e as CommandError).message);
        }
      }}
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 200 }} placeholder={t('plans.f.owner')} value={person} onChange={setPerson} options={snap.people.map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))} />
        <Input style={{ width: 130 }} value={period} onChange={(e) => setPeriod(e.target.value.trim())} placeholder="2016-W49 / 2016-12" />
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {summary && (
        <>
          <Table
            size="small"
            rowKey="node_id"
            pagination={false}
            dataSource={summary.items}
            locale={{ emptyText: t('plans.summary.empty') }}
            columns={[
              { title: t('plans.summary.planned'), dataIndex: 'title' },
              { title: t('plans.f.target'), dataIndex: 'target', width: 100 },
              { title: t('plans.f.progress'), dataIndex: 'progress_pct', width: 80, align: 'right', render: (v: string) => `${v}%` },
              { title: t('plans.summary.done'), width: 70, render: (_, i) => (i.done ? <Tag color="green">✓</Tag> : <Tag color="orange">✗</Tag>) },
              {
                title: t('plans.summary.outcome'),
                width: 260,
                render: (_, i, idx) => (
                  <Input.TextArea
                    autoSize
                    value={i.outcome}
                    onChange={(e) => setSummary({ ...summary, items: summary.items.map((x, k) => (k === idx ? { ...x, outcome: e.target.value } : x)) })}
                  />
                ),
              },
            ]}
          />
          <Typography.Text strong>{t('plans.summary.text')}</Typography.Text>
          <Input.TextArea autoSize={{ minRows: 3 }} value={summary.text} onChange={(e) => setSummary({ ...summary, text: e.target.value })} />
        </>
      )}
    </Modal>
  );
}

export function PlansPage({ api, openId }: { api: Api; openId?: string }) {
  const { t, label, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [rows, setRows] = useState<PlanRow[] | null>(null);
  const [snap, setSnap] = useState<OrgSnapshot | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [unit, setUnit] = useState<string>();
  const [toDecide, setToDecide] = useState(false);
  const [editing, setEditing] = useState<{ input: PlanInput; status?: PlanStatus; mayDecide?: boolean } | null>(null);
  const [summary, setSummary] = useState(false);

  const [waiting, reloadWaiting] = useWaiting(api);
  const load = useCallback(() => {
    Promise.all([api.plans(), api.orgSnapshot()]).then(([r, s]) => {
      setRows(r);
      setSnap(s);
    }, setError);
    reloadWaiting();
  }, [api, reloadWaiting]);
  useEffect(load, [load]);
  useEffect(() => {
    const r = openId && rows?.find((x) => x.id === openId);
    if (r) setEditing({ input: toInput(r), status: r.status, mayDecide: r.may_decide });
  }, [openId, rows]);

  const decidable = (rows ?? []).filter((r) => r.status === 'submitted' && r.may_decide);
  const tree = useMemo(
    () =>
      buildTree(
        (rows ?? [])
          .filter((r) => !unit || r.unit_id === unit || rows?.find((p) => p.id === r.parent_id)?.unit_id === unit)
          // 待审批: the submitted plans this person may approve or return.
          .filter((r) => !toDecide || (r.status === 'submitted' && r.may_decide)),
      ),
    [rows, unit, toDecide],
  );

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!rows || !snap) return <Spin />;

  const blank = (parent?: PlanRow): PlanInput => {
    const level: PlanLevel = parent ? LEVELS[Math.min(LEVELS.indexOf(parent.level) + 1, LEVELS.length - 1)] : 'annual';
    return {
      id: null,
      unit_id: parent?.unit_id ?? unit ?? snap.units.find((u) => u.kind !== 'group')?.id ?? '',
      parent_id: parent?.id ?? null,
      level,
      title: '',
      owner_person_id: null,
      owner_position_id: null,
      period: parent && level === 'quarter' ? `${parent.period.slice(0, 4)}-Q1` : defaultPeriod(level),
      priority: 'medium',
      weight: '0',
      target_value: null,
      target_unit: '',
      kpi_metric: null,
      actual_value: null,
      progress: '0',
      milestones: [],
      outcome: '',
      deviation: '',
    };
  };

  const pdf = async (r: PlanRow) => {
    try {
      const path = await api.reportPlan(r.unit_id, r.period);
      modal.success({ title: t('report.savedTitle'), content: <div data-testid="pdf-saved">{path}</div> });
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };

  return (
    <>
      <div className="bd-page-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('plans.title')}
        </Typography.Title>
        <Space wrap>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('plans.allUnits')} style={{ width: 180 }} value={unit} onChange={setUnit} options={snap.units.map((u) => ({ value: u.id, label: u.name }))} />
          <span data-testid="plans-to-decide">
            <Checkbox checked={toDecide} onChange={(e) => setToDecide(e.target.checked)}>
              {t('plans.toDecide', { n: decidable.length })}
            </Checkbox>
          </span>
          <Button onClick={() => setSummary(true)}>{t('plans.summary')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ input: blank() })} data-testid="plan-new">
            {t('plans.new')}
          </Button>
        </Space>
      </div>
      <Table<Tree>
        data-testid="plans-table"
        size="small"
        rowKey="id"
        dataSource={tree}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        scroll={{ x: lang === 'zh-CN' ? 1080 : 1160 }}
        locale={{ emptyText: <Empty description={t('plans.empty')} /> }}
        columns={[
          {
            title: t('plans.f.title'),
            dataIndex: 'title',
            width: 280,
            render: (v: string, r) => (
              // A real link (focusable, opens with Enter) that stays on this page.
              <a
                href="#/plans"
                onClick={(e) => {
                  e.preventDefault();
                  setEditing({ input: toInput(r), status: r.status, mayDecide: r.may_decide });
                }}
              >
                {v}
              </a>
            ),
          },
          { title: t('plans.f.level'), dataIndex: 'level', width: lang === 'zh-CN' ? 90 : 170, render: (l: PlanLevel) => <span className="bd-nowrap">{label('PlanLevel', l)}</span> },
          { title: t('plans.f.period'), dataIndex: 'period', width: 90, render: (p: string) => <span className="bd-nowrap">{p}</span> },
          { title: t('plans.f.owner'), dataIndex: 'owner_name', width: 70 },
          {
            title: t('plans.f.weight'),
            width: 70,
            align: 'right',
            render: (_, r) => (
              <Space size={4}>
                {r.parent_id ? `${r.weight}%` : ''}
                {r.children_weight && r.children_weight !== '100' && (
                  <Tooltip title={t('plans.weightWarn', { sum: r.children_weight })}>
                    <WarningOutlined style={{ color: '#fa8c16' }} />
                  </Tooltip>
                )}
              </Space>
            ),
          },
          { title: t('plans.f.target'), width: 90, align: 'right', render: (_, r) => (r.target_value ? `${r.target_value}${r.target_unit}` : r.target_unit) },
          { title: t('plans.f.actual'), dataIndex: 'actual', width: 70, align: 'right' },
          { title: t('plans.f.progress'), width: 140, render: (_, r) => <Progress percent={Number(r.progress_pct)} size="small" format={() => `${r.progress_pct}%`} /> },
          {
            title: t('plans.f.status'),
            width: 100,
            render: (_, r) => (
              <Space size={2}>
                <Tag color={STATUS_COLORS[r.status]}>{label('PlanStatus', r.status)}</Tag>
                {r.pending_adjustments > 0 && <Tag color="orange">{t('plans.pending')}</Tag>}
                {waiting.get(r.id) && <WaitingTag d={waiting.get(r.id)!} />}
              </Space>
            ),
          },
          {
            title: '',
            width: 80,
            fixed: 'right',
            render: (_, r) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setEditing({ input: blank(r) })} aria-label={t('plans.newChild')} title={t('plans.newChild')}>
                  <PlusOutlined />
                </Button>
                <Button size="small" type="link" onClick={() => void pdf(r)} title={t('plans.pdf')}>
                  <FilePdfOutlined />
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <PlanDrawer api={api} snap={snap} start={editing.input} startStatus={editing.status} startMayDecide={editing.mayDecide} onClose={() => setEditing(null)} onSaved={load} />}
      {summary && <SummaryModal api={api} snap={snap} onClose={() => setSummary(false)} />}
    </>
  );
}
