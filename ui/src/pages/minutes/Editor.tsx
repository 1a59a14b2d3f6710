// The minutes form (会议纪要): header, attendees picked from the organisation, agenda with
// discussion points, decisions and action items; the open items carried forward from earlier
// meetings of the series; 定稿 locks it, 修订 reopens it with a reason, and every finalised
// version stays readable.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Timeline, Tooltip, Typography } from 'antd';
import { DeleteOutlined, FilePdfOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { ActionView } from '../../bindings/ActionView';
import type { MeetingKind } from '../../bindings/MeetingKind';
import type { MinutesInput } from '../../bindings/MinutesInput';
import type { MinutesView } from '../../bindings/MinutesView';
import type { OrgSnapshot } from '../../bindings/OrgSnapshot';
import { useI18n, type MessageKey } from '../../i18n';
import { ActionStatusTag } from './Board';
import { useFormGuard } from '../../unsaved';
import { formatTime } from '../../format';

export const KINDS: MeetingKind[] = ['weekly', 'monthly_review', 'general_manager', 'ad_hoc'];

interface FormValues {
  unit_id: string;
  kind: MeetingKind;
  series: string;
  title: string;
  held_at: Dayjs;
  place: string;
  chair_id?: string;
  recorder_id?: string;
  present: string[];
  observers: string[];
  absent: { person_id: string; reason: string }[];
  agenda: { title: string; points: string }[];
  decisions: string[];
  actions: { id?: string | null; title: string; owner_id?: string; due_on?: Dayjs; detail?: string; plan_node_id?: string | null }[];
}

function toForm(m: MinutesInput): FormValues {
  const b = m.body;
  return {
    unit_id: m.unit_id,
    kind: m.kind,
    series: m.series,
    title: m.title,
    held_at: dayjs(m.held_at),
    place: m.place,
    chair_id: m.chair_id ?? undefined,
    recorder_id: m.recorder_id ?? undefined,
    present: b.attendees.filter((a) => a.role === 'present').map((a) => a.person_id),
    observers: b.attendees.filter((a) => a.role === 'observer').map((a) => a.person_id),
    absent: b.attendees.filter((a) => a.role === 'absent').map((a) => ({ person_id: a.person_id, reason: a.reason })),
    agenda: b.agenda,
    decisions: b.decisions,
    actions: m.actions.map((a) => ({ id: a.id, title: a.title, owner_id: a.owner_id ?? undefined, due_on: dayjs(a.due_on), detail: a.detail, plan_node_id: a.plan_node_id })),
  };
}

function fromForm(id: string | null, v: FormValues): MinutesInput {
  return {
    id,
    unit_id: v.unit_id,
    kind: v.kind,
    series: v.series ?? '',
    title: v.title ?? '',
    held_at: v.held_at ? v.held_at.format('YYYY-MM-DDTHH:mm') : '',
    place: v.place ?? '',
    chair_id: v.chair_id ?? null,
    recorder_id: v.recorder_id ?? null,
    body: {
      attendees: [
        ...(v.present ?? []).map((p) => ({ person_id: p, role: 'present' as const, reason: '' })),
        ...(v.observers ?? []).map((p) => ({ person_id: p, role: 'observer' as const, reason: '' })),
        ...(v.absent ?? []).filter((a) => a?.person_id).map((a) => ({ person_id: a.person_id, role: 'absent' as const, reason: a.reason ?? '' })),
      ],
      agenda: (v.agenda ?? []).filter(Boolean).map((a) => ({ title: a.title ?? '', points: a.points ?? '' })),
      decisions: (v.decisions ?? []).filter((d) => d && d.trim()),
      revision_note: '',
    },
    actions: (v.actions ?? []).filter(Boolean).map((a) => ({
      id: a.id ?? null,
      title: a.title ?? '',
      detail: a.detail ?? '',
      owner_id: a.owner_id ?? null,
      due_on: a.due_on ? a.due_on.format('YYYY-MM-DD') : '',
      plan_node_id: a.plan_node_id ?? null,
    })),
  };
}

function viewToInput(v: MinutesView): MinutesInput {
  const m = v.meeting;
  return {
    id: m.id,
    unit_id: m.unit_id,
    kind: m.kind,
    series: m.series,
    title: m.title,
    held_at: m.held_at,
    place: m.place,
    chair_id: m.chair_id,
    recorder_id: m.recorder_id,
    body: v.body,
    actions: v.actions
      .filter((a) => a.status !== 'cancelled' || m.rev === 0)
      .map((a) => ({ id: a.id, title: a.title, detail: a.detail, owner_id: a.owner_id, due_on: a.due_on, plan_node_id: a.plan_node_id })),
  };
}

export function CarriedTable({ items }: { items: ActionView[] }) {
  const { t } = useI18n();
  return (
    <Table<ActionView>
      data-testid="carried-actions"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={items}
      locale={{ emptyText: t('minutes.carried.empty') }}
      columns={[
        { title: t('actions.col.title'), dataIndex: 'title' },
        { title: t('actions.col.owner'), dataIndex: 'owner_name', width: 90 },
        { title: t('actions.col.due'), dataIndex: 'due_on', width: 110 },
        { title: t('actions.col.status'), width: 90, render: (_, a) => <ActionStatusTag status={a.status} /> },
        { title: t('actions.col.meeting'), dataIndex: 'meeting_title', ellipsis: true },
      ]}
    />
  );
}

export function MinutesDrawer({
  api,
  snap,
  start,
  onClose,
  onSaved,
}: {
  api: Api;
  snap: OrgSnapshot;
  /** An existing meeting's id, or the form of a new one. */
  start: { id: string } | { input: MinutesInput };
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [view, setView] = useState<MinutesView | null>(null);
  const [carried, setCarried] = useState<ActionView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revising, setRevising] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<MinutesView | null>(null);

  const id = view?.meeting.id ?? ('id' in start ? start.id : null);
  const locked = view?.meeting.status === 'final';
  // Typed and not yet saved: closing the drawer (or Esc) or leaving the page asks first.
  const edits = useFormGuard('minutes-editor');

  const load = useCallback(
    (v: MinutesView) => {
      setView(v);
      setCarried(v.carried);
      form.setFieldsValue(toForm(viewToInput(v)));
    },
    [form],
  );

  useEffect(() => {
    if ('id' in start) {
      api.minutesGet(start.id).then(load, (e: CommandError) => setError(e.message));
    } else {
      form.setFieldsValue(toForm(start.input));
      const i = start.input;
      if (i.series) api.minutesCarried(i.unit_id, i.series, i.held_at).then(setCarried, () => setCarried([]));
    }
  }, [api, start, form, load]);

  const people = useMemo(
    () => snap.people.filter((p) => !p.left).map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` })),
    [snap],
  );
  const units = useMemo(() => snap.units.map((u) => ({ value: u.id, label: u.name })), [snap]);
  const [plans, setPlans] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    api.plans().then(
      (rows) => setPlans(rows.filter((r) => r.status !== 'closed').map((r) => ({ value: r.id, label: `${r.title}（${r.period}）` }))),
      () => setPlans([]),
    );
  }, [api]);

  const run = async (f: () => Promise<MinutesView>, done: MessageKey) => {
    setBusy(true);
    setError(null);
    try {
      const v = await f();
      load(v);
      edits.saved();
      void message.success(t(done));
      onSaved();
      return v;
    } catch (e) {
      setError(e instanceof CommandError ? e.message : String(e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const refreshCarried = () => {
    const i = fromForm(id, form.getFieldsValue(true));
    if (i.series && i.held_at) api.minutesCarried(i.unit_id, i.series, i.held_at).then(setCarried, () => setCarried([]));
  };
  const save = () => run(() => api.minutesSave(fromForm(id, form.getFieldsValue(true))), 'minutes.saved');
  const finalise = async () => {
    // Save what is on screen first; a new meeting gets its id from that save.
    const saved = await save();
    if (saved) await run(() => api.minutesFinalise(saved.meeting.id), 'minutes.finalised');
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (!locked) void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const pdf = async (official = false) => {
    if (!id) return;
    try {
      const path = await (official ? api.reportMinutesOfficial(id) : api.reportMinutes(id));
      modal.success({ title: t('report.savedTitle'), content: <div data-testid="pdf-saved">{path}</div> });
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };

  const status = view
    ? view.meeting.status === 'final'
      ? <Tag color="green" icon={<LockOutlined />}>{t('minutes.status.final', { rev: view.meeting.rev })}</Tag>
      : view.meeting.rev > 0
        ? <Tag color="orange">{t('minutes.status.revising')}</Tag>
        : <Tag>{t('minutes.status.draft')}</Tag>
    : <Tag>{t('minutes.status.new')}</Tag>;

  const editor = (
    <Form<FormValues>
      form={form}
      layout="vertical"
      disabled={locked}
      className={locked ? 'form-final' : undefined}
      data-testid="minutes-form"
      size="small"
      onValuesChange={(changed: Partial<FormValues>) => {
        edits.touched();
        // The carried items depend on when (and in which series) the meeting is held.
        if (!locked && ('held_at' in changed || 'series' in changed || 'unit_id' in changed)) refreshCarried();
      }}
    >
      <Space wrap style={{ width: '100%' }} align="start">
        <Form.Item name="unit_id" label={t('minutes.f.unit')} rules={[{ required: true }]} style={{ width: 200 }}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={units} />
        </Form.Item>
        <Form.Item name="kind" label={t('minutes.f.kind')} style={{ width: 150 }}>
          <Select options={KINDS.map((k) => ({ value: k, label: label('MeetingKind', k) }))} />
        </Form.Item>
        <Form.Item name="series" label={t('minutes.f.series')} style={{ width: 220 }} tooltip={t('minutes.f.seriesHint')}>
          <Input />
        </Form.Item>
      </Space>
      <Form.Item name="title" label={t('minutes.f.title')} rules={[{ required: true }]}>
        <Input data-testid="minutes-title" />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="held_at" label={t('minutes.f.heldAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} />
        </Form.Item>
        <Form.Item name="place" label={t('minutes.f.place')} style={{ width: 180 }}>
          <Input />
        </Form.Item>
        <Form.Item name="chair_id" label={t('minutes.f.chair')} style={{ width: 170 }}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={people} data-testid="minutes-chair" />
        </Form.Item>
        <Form.Item name="recorder_id" label={t('minutes.f.recorder')} style={{ width: 170 }}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={people} data-testid="minutes-recorder" />
        </Form.Item>
      </Space>
      <Form.Item name="present" label={t('minutes.f.present')}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={people} data-testid="minutes-present" />
      </Form.Item>
      <Form.Item name="observers" label={t('minutes.f.observers')}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={people} />
      </Form.Item>
      <Typography.Text strong>{t('minutes.f.absent')}</Typography.Text>
      <Form.List name="absent">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'person_id']} style={{ width: 180 }}>
                  <Select showSearch={{ optionFilterProp: 'label' }} options={people} />
                </Form.Item>
                <Form.Item name={[f.name, 'reason']} style={{ width: 320 }}>
                  <Input placeholder={t('minutes.f.absentReason')} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ person_id: undefined, reason: '' })} style={{ marginBottom: 12 }}>
              {t('minutes.f.addAbsent')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5}>{t('minutes.f.agenda')}</Typography.Title>
      <Form.List name="agenda">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <div key={f.key} className="bd-list-item">
                <Space align="start" style={{ display: 'flex' }}>
                  <span className="bd-list-no">{i + 1}.</span>
                  <Form.Item name={[f.name, 'title']} style={{ width: 560 }}>
                    <Input placeholder={t('minutes.f.agendaTitle')} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                </Space>
                <Form.Item name={[f.name, 'points']} style={{ marginLeft: 24 }}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('minutes.f.points')} />
                </Form.Item>
              </div>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ title: '', points: '' })} style={{ marginBottom: 12 }}>
              {t('minutes.f.addAgenda')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5}>{t('minutes.f.decisions')}</Typography.Title>
      <Form.List name="decisions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }}>
                <span className="bd-list-no">{i + 1}.</span>
                <Form.Item name={f.name} style={{ width: 600 }}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} data-testid={`decision-${i}`} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add('')} style={{ marginBottom: 12 }} data-testid="add-decision">
              {t('minutes.f.addDecision')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5}>{t('minutes.f.actions')}</Typography.Title>
      <Form.List name="actions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" style={{ display: 'flex' }} wrap>
                <span className="bd-list-no">{i + 1}.</span>
                <Form.Item name={[f.name, 'title']} style={{ width: 330 }}>
                  <Input placeholder={t('actions.col.title')} data-testid={`action-title-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'owner_id']} style={{ width: 150 }}>
                  <Select showSearch={{ optionFilterProp: 'label' }} options={people} placeholder={t('actions.col.owner')} data-testid={`action-owner-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'due_on']} style={{ width: 140 }}>
                  <DatePicker placeholder={t('actions.col.due')} data-testid={`action-due-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'plan_node_id']} style={{ width: 190 }}>
                  <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={plans} placeholder={t('actions.col.plan')} />
                </Form.Item>
                <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
              </Space>
            ))}
            <Button
              type="dashed"
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ title: '', due_on: (form.getFieldValue('held_at') as Dayjs | undefined)?.add(7, 'day') })}
              data-testid="add-action"
            >
              {t('minutes.f.addAction')}
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('minutes.carried')}
      </Typography.Title>
      <CarriedTable items={carried} />
    </Form>
  );

  return (
    <Drawer
      open
      size={920}
      title={
        <Space>
          {view?.meeting.title ?? t('minutes.new')}
          {status}
        </Space>
      }
      onClose={() => edits.close(onClose)}
      destroyOnHidden
      extra={
        <Space>
          {id && (
            <Button icon={<FilePdfOutlined />} onClick={() => void pdf()} data-testid="minutes-pdf">
              {t('minutes.pdf')}
            </Button>
          )}
          {id && (
            <Tooltip title={t('minutes.pdfOfficialHint')}>
              <Button icon={<FilePdfOutlined />} onClick={() => void pdf(true)} data-testid="minutes-pdf-official">
                {t('minutes.pdfOfficial')}
              </Button>
            </Tooltip>
          )}
          {view && view.meeting.rev === 0 && (
            <Popconfirm
              title={t('minutes.deleteConfirm')}
              onConfirm={async () => {
                await api.minutesDelete(view.meeting.id);
                onSaved();
                onClose();
              }}
            >
              <Button danger>{t('minutes.delete')}</Button>
            </Popconfirm>
          )}
          {locked ? (
            <Button onClick={() => setRevising(true)} data-testid="minutes-revise">
              {t('minutes.revise')}
            </Button>
          ) : (
            <>
              <Button onClick={() => void save()} loading={busy} data-testid="minutes-save">
                {t('minutes.save')}
              </Button>
              <Popconfirm title={t('minutes.finaliseConfirm')} onConfirm={() => void finalise()}>
                <Button type="primary" loading={busy} data-testid="minutes-finalise">
                  {t('minutes.finalise')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="minutes-error" />}
      {locked && <Alert type="info" showIcon title={t('minutes.lockedNotice', { rev: view?.meeting.rev ?? 1 })} style={{ marginBottom: 12 }} />}
      {view && view.meeting.status === 'draft' && view.meeting.rev > 0 && (
        <Alert type="warning" showIcon title={t('minutes.revisingNotice', { reason: view.body.revision_note })} style={{ marginBottom: 12 }} />
      )}
      <Tabs
        items={[
          { key: 'form', label: t('minutes.tab.form'), children: editor },
          {
            key: 'revisions',
            label: <span data-testid="tab-revisions">{t('minutes.tab.revisions', { n: view?.revisions.length ?? 0 })}</span>,
            children: (
              <Timeline
                items={(view?.revisions ?? []).map((r) => ({
                  children: (
                    <div>
                      <strong>{t('minutes.rev', { rev: r.rev })}</strong> {formatTime(r.at)} · {r.by}
                      {r.reason && <div style={{ color: '#666' }}>{t('minutes.revReason', { reason: r.reason })}</div>}
                      <Button size="small" type="link" onClick={() => view && api.minutesRevision(view.meeting.id, r.rev).then(setShown)}>
                        {t('minutes.viewRev')}
                      </Button>
                    </div>
                  ),
                }))}
              />
            ),
          },
        ]}
      />
      <Modal
        open={revising}
        title={t('minutes.revise')}
        onCancel={() => setRevising(false)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={async () => {
          if (!id) return;
          const v = await run(() => api.minutesRevise(id, reason), 'minutes.reopened');
          if (v) {
            setRevising(false);
            setReason('');
          }
        }}
      >
        <p>{t('minutes.reviseHint')}</p>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('minutes.reviseReason')} data-testid="revise-reason" />
      </Modal>
      <Modal open={!!shown} footer={null} width={720} onCancel={() => setShown(null)} title={shown ? `${shown.meeting.title} · ${t('minutes.rev', { rev: shown.meeting.rev })}` : ''}>
        {shown && <RevisionView v={shown} />}
      </Modal>
    </Drawer>
  );
}

function RevisionView({ v }: { v: MinutesView }) {
  const { t } = useI18n();
  const names = (role: string) => v.attendees.filter((a) => a.role === role).map((a) => a.name + (a.reason ? `（${a.reason}）` : '')).join('、');
  return (
    <div>
      <p>
        {v.meeting.held_at.replace('T', ' ')} · {v.meeting.place} · {t('minutes.f.chair')}：{v.chair_name} · {t('minutes.f.recorder')}：{v.recorder_name}
      </p>
      <p>{t('minutes.f.present')}：{names('present')}</p>
      {names('observer') && <p>{t('minutes.f.observers')}：{names('observer')}</p>}
      {names('absent') && <p>{t('minutes.f.absent')}：{names('absent')}</p>}
      {v.body.agenda.map((a, i) => (
        <div key={i}>
          <strong>{i + 1}. {a.title}</strong>
          <div style={{ whiteSpace: 'pre-wrap' }}>{a.points}</div>
        </div>
      ))}
      <Typography.Title level={5}>{t('minutes.f.decisions')}</Typography.Title>
      <ol>{v.body.decisions.map((d, i) => <li key={i}>{d}</li>)}</ol>
      <CarriedTable items={v.actions} />
    </div>
  );
}
