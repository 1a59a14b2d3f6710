// Drawers and dialogs of the 组织架构 page. Every change of a unit or position takes effect
// from a date (生效日期) and shows up in the record's history; nothing is overwritten.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tabs, Timeline, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { OrgSnapshot } from '../../bindings/OrgSnapshot';
import type { UnitRow } from '../../bindings/UnitRow';
import type { PositionRow } from '../../bindings/PositionRow';
import type { PersonRow } from '../../bindings/PersonRow';
import type { OrgChange } from '../../bindings/OrgChange';
import type { OrgImportReport } from '../../bindings/OrgImportReport';
import type { ProblemView } from '../../bindings/ProblemView';
import type { OrgTemplateInfo } from '../../bindings/OrgTemplateInfo';
import type { UnitKind } from '../../bindings/UnitKind';
import { useI18n } from '../../i18n';
import { today } from '../../clock';
import { formatTime } from '../../format';
import { useFormGuard } from '../../unsaved';

const KINDS: UnitKind[] = ['group', 'region', 'subsidiary', 'branch', 'office', 'department'];
const fmt = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** Saves on Ctrl+S while the drawer is open. */
function useCtrlS(save: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}

function History({ api, id, onChanged }: { api: Api; id: string; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const undo = async (date: string) => {
    try {
      await api.orgRevert(id, date);
      void message.success(t('org.hist.undone'));
      onChanged();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const [items, setItems] = useState<OrgChange[] | null>(null);
  useEffect(() => {
    api.orgHistory(id).then(setItems, () => setItems([]));
  }, [api, id]);
  if (!items) return null;
  return (
    <Timeline
      data-testid="org-history"
      items={items.map((c) => ({
        children: (
          <div>
            <strong>{c.valid_from === '1900-01-01' ? t('org.hist.beginning') : c.valid_from}</strong>{' '}
            {c.created ? t('org.hist.created') : t('org.hist.changed')}
            {c.note && <div style={{ color: '#666' }}>{c.note}</div>}
            {c.changes.map((f) => (
              <div key={f.field}>
                {f.field}：{f.old || '—'} → {f.new || '—'}
              </div>
            ))}
            <div style={{ color: '#999', fontSize: 12 }}>
              {t('org.hist.recorded', { at: formatTime(c.recorded_at) })}
              {!c.created && (
                <Popconfirm title={t('org.hist.undoConfirm', { date: c.valid_from })} onConfirm={() => void undo(c.valid_from)}>
                  <Button type="link" size="small">
                    {t('org.hist.undo')}
                  </Button>
                </Popconfirm>
              )}
            </div>
          </div>
        ),
      }))}
    />
  );
}

/** Saving a record's form: busy, the error, and the guard against losing typed input. */
function useSave(onSaved: () => void, guardId: string) {
  const { message } = App.useApp();
  const edits = useFormGuard(guardId);
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      edits.saved();
      void message.success(t('org.saved'));
      onSaved();
    } catch (e) {
      setError(e instanceof CommandError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run, edits };
}

interface DrawerProps<R> {
  api: Api;
  snap: OrgSnapshot;
  row?: R;
  asOf: string;
  onClose: () => void;
  onSaved: () => void;
}

function effectiveDefault(asOf: string) {
  return dayjs(asOf);
}

export function UnitDrawer({ api, snap, row, asOf, onClose, onSaved }: DrawerProps<UnitRow>) {
  const { t, label, field } = useI18n();
  const [form] = Form.useForm();
  const { error, busy, run, edits } = useSave(onSaved, 'org-unit');
  const kind = Form.useWatch('kind', form) as UnitKind | undefined;
  const save = () =>
    void form.validateFields().then((v) =>
      run(() =>
        api.orgSaveUnit({
          id: row?.id,
          code: v.code,
          name: v.name,
          kind: v.kind,
          parent_id: v.parent_id ?? null,
          control_mode: v.control_mode ?? null,
          ownership: v.ownership ?? null,
          industry: v.industry ?? '',
          econ_assessed: !!v.econ_assessed,
          sort: v.sort ?? 0,
          closed: !!v.closed,
          effective: fmt(v.effective),
          note: v.note,
        }),
      ),
    );
  useCtrlS(save);
  const form_ = (
    <Form
      form={form}
      layout="vertical"
      onValuesChange={edits.touched}
      initialValues={{ ...(row ?? { kind: 'department', sort: 0, econ_assessed: false, closed: false }), effective: effectiveDefault(asOf) }}
    >
      <Space.Compact block>
        <Form.Item name="code" label={t('org.f.code')} rules={[{ required: true, whitespace: true, message: t('org.req') }]} style={{ width: '40%' }}>
          <Input disabled={!!row} data-testid="unit-code" />
        </Form.Item>
        <Form.Item name="name" label={field('UnitAttrs', 'name')} rules={[{ required: true, whitespace: true, message: t('org.req') }]} style={{ width: '60%' }}>
          <Input data-testid="unit-name" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="kind" label={field('UnitAttrs', 'kind')} rules={[{ required: true }]}>
        <Select options={KINDS.map((k) => ({ value: k, label: label('UnitKind', k) }))} />
      </Form.Item>
      <Form.Item name="parent_id" label={field('UnitAttrs', 'parent_id')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={snap.units.filter((u) => !u.closed && u.id !== row?.id).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }))}
        />
      </Form.Item>
      {kind !== 'department' && (
        <Space.Compact block>
          <Form.Item name="control_mode" label={field('UnitAttrs', 'control_mode')} style={{ width: '50%' }}>
            <Select allowClear options={(['operational', 'strategic', 'financial'] as const).map((m) => ({ value: m, label: label('ControlMode', m) }))} />
          </Form.Item>
          <Form.Item name="ownership" label={field('UnitAttrs', 'ownership')} style={{ width: '50%' }}>
            <Select allowClear options={(['controlling', 'minority'] as const).map((m) => ({ value: m, label: label('Ownership', m) }))} />
          </Form.Item>
        </Space.Compact>
      )}
      <Form.Item name="industry" label={field('UnitAttrs', 'industry')}>
        <Input />
      </Form.Item>
      <Space size="large">
        <Form.Item name="econ_assessed" label={field('UnitAttrs', 'econ_assessed')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="sort" label={field('UnitAttrs', 'sort')}>
          <InputNumber precision={0} />
        </Form.Item>
        {row && (
          <Form.Item name="closed" label={field('UnitAttrs', 'closed')} valuePropName="checked" tooltip={t('org.closeHelp')}>
            <Switch />
          </Form.Item>
        )}
      </Space>
      <EffectiveFields isNew={!row} />
    </Form>
  );
  return (
    <RecordDrawer
      size={520}
      title={row ? `${row.name}（${row.code}）` : t('org.new.unit')}
      historyId={row?.id}
      api={api}
      error={error}
      busy={busy}
      onSave={save}
      onClose={() => edits.close(onClose)}
      onChanged={onSaved}
      saveTestId="unit-save"
    >
      {form_}
    </RecordDrawer>
  );
}

/** The drawer around a unit or position form: save button, error, and a history tab for an
 * existing record. */
function RecordDrawer(p: {
  size: number;
  title: string;
  historyId?: string;
  api: Api;
  error: string | null;
  busy: boolean;
  onSave: () => void;
  onClose: () => void;
  /** After an undo in the history. */
  onChanged: () => void;
  saveTestId: string;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open
      size={p.size}
      title={p.title}
      onClose={p.onClose}
      extra={
        <Button type="primary" loading={p.busy} onClick={p.onSave} data-testid={p.saveTestId}>
          {t('org.save')}
        </Button>
      }
    >
      {p.error && <Alert type="error" showIcon title={<span style={{ whiteSpace: 'pre-wrap' }} data-testid="form-error">{p.error}</span>} style={{ marginBottom: 12 }} />}
      {p.historyId ? (
        <Tabs
          items={[
            { key: 'edit', label: t('org.edit'), children: p.children },
            { key: 'history', label: <span data-testid="tab-history">{t('org.history')}</span>, children: <History api={p.api} id={p.historyId} onChanged={p.onChanged} /> },
          ]}
        />
      ) : (
        p.children
      )}
    </Drawer>
  );
}

function EffectiveFields({ isNew }: { isNew: boolean }) {
  const { t } = useI18n();
  return (
    <Space.Compact block>
      <Form.Item name="effective" label={isNew ? t('org.f.since') : t('org.f.effective')} rules={[{ required: true }]} style={{ width: '40%' }} tooltip={t('org.effectiveHelp')}>
        <DatePicker allowClear={false} style={{ width: '100%' }} />
      </Form.Item>
      {!isNew && (
        <Form.Item name="note" label={t('org.f.note')} style={{ width: '60%' }}>
          <Input placeholder={t('org.notePlaceholder')} />
        </Form.Item>
      )}
    </Space.Compact>
  );
}

export function PositionDrawer({ api, snap, row, asOf, onClose, onSaved }: DrawerProps<PositionRow>) {
  const { t, label, field } = useI18n();
  const [form] = Form.useForm();
  const { error, busy, run, edits } = useSave(onSaved, 'org-position');
  const save = () =>
    void form.validateFields().then((v) =>
      run(() =>
        api.orgSavePosition({
          id: row?.id,
          code: v.code,
          unit_id: v.unit_id,
          title: v.title,
          superior_id: v.superior_id ?? null,
          description: v.description ?? '',
          duties: String(v.duties ?? '')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
          status: v.status,
          sort: v.sort ?? 0,
          closed: !!v.closed,
          effective: fmt(v.effective),
          note: v.note,
        }),
      ),
    );
  useCtrlS(save);
  const unitName = new Map(snap.units.map((u) => [u.id, u.name]));
  const form_ = (
    <Form
      form={form}
      layout="vertical"
      onValuesChange={edits.touched}
      initialValues={{
        ...(row ?? { status: 'active', sort: 0, closed: false }),
        duties: row?.duties.join('\n') ?? '',
        effective: effectiveDefault(asOf),
      }}
    >
      <Space.Compact block>
        <Form.Item name="code" label={t('org.f.code')} rules={[{ required: true, whitespace: true, message: t('org.req') }]} style={{ width: '40%' }}>
          <Input disabled={!!row} data-testid="position-code" />
        </Form.Item>
        <Form.Item name="title" label={field('PositionAttrs', 'title')} rules={[{ required: true, whitespace: true, message: t('org.req') }]} style={{ width: '60%' }}>
          <Input data-testid="position-title" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="unit_id" label={field('PositionAttrs', 'unit_id')} rules={[{ required: true, message: t('org.req') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="position-unit"
          options={snap.units.filter((u) => !u.closed).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }))}
        />
      </Form.Item>
      <Form.Item name="superior_id" label={field('PositionAttrs', 'superior_id')} tooltip={t('org.superiorHelp')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="position-superior"
          options={snap.positions
            .filter((p) => !p.closed && p.id !== row?.id)
            .map((p) => ({ value: p.id, label: `${p.title}（${unitName.get(p.unit_id) ?? ''} ${p.code}）` }))}
        />
      </Form.Item>
      <Form.Item name="description" label={field('PositionAttrs', 'description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="duties" label={field('PositionAttrs', 'duties')} extra={t('org.dutiesHelp')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Space size="large">
        <Form.Item name="status" label={field('PositionAttrs', 'status')}>
          <Select style={{ width: 120 }} options={(['active', 'vacant', 'planned'] as const).map((s) => ({ value: s, label: label('PositionStatus', s) }))} />
        </Form.Item>
        <Form.Item name="sort" label={field('PositionAttrs', 'sort')}>
          <InputNumber precision={0} />
        </Form.Item>
        {row && (
          <Form.Item name="closed" label={field('PositionAttrs', 'closed')} valuePropName="checked" tooltip={t('org.closeHelp')}>
            <Switch />
          </Form.Item>
        )}
      </Space>
      <EffectiveFields isNew={!row} />
      {row && row.holders.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('org.f.holders')}：{row.holders.map((h) => h.name).join('、')}
        </Typography.Paragraph>
      )}
    </Form>
  );
  return (
    <RecordDrawer
      size={560}
      title={row ? `${row.title}（${row.code}）` : t('org.new.position')}
      historyId={row?.id}
      api={api}
      error={error}
      busy={busy}
      onSave={save}
      onClose={() => edits.close(onClose)}
      onChanged={onSaved}
      saveTestId="position-save"
    >
      {form_}
    </RecordDrawer>
  );
}

export function PersonDrawer({ api, snap, row, asOf, onClose, onSaved }: DrawerProps<PersonRow>) {
  const { t, label } = useI18n();
  const [form] = Form.useForm();
  const [assign] = Form.useForm();
  const { error, busy, run, edits } = useSave(onSaved, 'org-person');
  const save = () =>
    void form.validateFields().then((v) =>
      run(() => api.orgSavePerson({ id: row?.id, code: v.code, name: v.name, phone: v.phone ?? '', left_on: v.left_on ? fmt(v.left_on) : null })),
    );
  useCtrlS(save);
  const addPost = () =>
    void assign.validateFields().then((v) =>
      run(() =>
        api.orgAssign({
          person_id: row?.id ?? '',
          position_id: v.position_id,
          kind: v.kind,
          start_on: fmt(v.start_on),
          end_on: null,
          end_other: !!v.end_other,
        }),
      ),
    );
  return (
    <Drawer
      open
      size={560}
      title={row ? `${row.name}（${row.code}）` : t('org.new.person')}
      onClose={() => edits.close(onClose)}
      extra={
        <Button type="primary" loading={busy} onClick={save} data-testid="person-save">
          {t('org.save')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={<span style={{ whiteSpace: 'pre-wrap' }} data-testid="form-error">{error}</span>} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onValuesChange={edits.touched} initialValues={{ ...(row ?? {}), left_on: row?.left_on ? dayjs(row.left_on) : null }}>
        <Space.Compact block>
          <Form.Item name="code" label={t('org.f.staffNo')} rules={[{ required: true, whitespace: true, message: t('org.req') }]} style={{ width: '40%' }}>
            <Input disabled={!!row} data-testid="person-code" />
          </Form.Item>
          <Form.Item name="name" label={t('org.f.personName')} rules={[{ required: true, whitespace: true, message: t('org.req') }]} style={{ width: '60%' }}>
            <Input data-testid="person-name" />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="phone" label={t('org.f.phone')} style={{ width: '50%' }}>
            <Input />
          </Form.Item>
          <Form.Item name="left_on" label={t('org.f.leftOn')} style={{ width: '50%' }} tooltip={t('org.leftHelp')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
      </Form>
      {row && (
        <>
          <Typography.Title level={5}>{t('org.f.posts')}</Typography.Title>
          <Table
            size="small"
            rowKey={(p) => p.id}
            pagination={false}
            dataSource={row.posts}
            locale={{ emptyText: t('org.noPosts') }}
            columns={[
              { title: t('org.f.title'), render: (_, p) => `${p.unit_name} ${p.title}` },
              { title: t('org.f.assignKind'), dataIndex: 'kind', render: (k: string) => label('AssignmentKind', k) },
              { title: t('org.f.period'), render: (_, p) => `${p.start_on} ~ ${p.end_on ?? t('org.now')}` },
              {
                title: '',
                width: 64,
                render: (_, p) =>
                  p.end_on === null && p.start_on <= asOf ? (
                    <Popconfirm title={t('org.endPostConfirm', { date: asOf })} onConfirm={() => void run(() => api.orgEndAssignment(p.id, asOf))}>
                      <Button type="link" size="small">
                        {t('org.endPost')}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('org.assignTitle')}
          </Typography.Title>
          <Form form={assign} layout="vertical" initialValues={{ kind: 'primary', start_on: dayjs(asOf), end_other: true }}>
            <Form.Item name="position_id" label={t('org.f.position')} rules={[{ required: true, message: t('org.req') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={snap.positions.filter((p) => !p.closed).map((p) => ({ value: p.id, label: `${p.title}（${p.unit_name} ${p.code}）` }))}
              />
            </Form.Item>
            <Space>
              <Form.Item name="kind" label={t('org.f.assignKind')}>
                <Select style={{ width: 110 }} options={(['primary', 'acting', 'part_time'] as const).map((k) => ({ value: k, label: label('AssignmentKind', k) }))} />
              </Form.Item>
              <Form.Item name="start_on" label={t('org.f.start')} rules={[{ required: true }]}>
                <DatePicker allowClear={false} />
              </Form.Item>
              <Form.Item name="end_other" valuePropName="checked" label=" ">
                <Checkbox>{t('org.endOther')}</Checkbox>
              </Form.Item>
            </Space>
            <Button onClick={addPost} loading={busy}>
              {t('org.assign')}
            </Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}

export function ImportModal({ api, onClose, onDone }: { api: Api; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<{ name: string; bytes: Uint8Array }[]>([]);
  const [effective, setEffective] = useState<Dayjs>(today());
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<OrgImportReport | null>(null);
  const [problems, setProblems] = useState<ProblemView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    setProblems(null);
    try {
      setReport(await api.orgImport(files, fmt(effective)));
    } catch (e) {
      if (e instanceof CommandError && e.problems) setProblems(e.problems);
      else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const tallies = report && (['units', 'positions', 'people', 'assignments'] as const);
  return (
    <Modal
      open
      width={760}
      title={t('org.import.title')}
      onCancel={report ? onDone : onClose}
      footer={
        report ? (
          <Button type="primary" onClick={onDone}>
            {t('org.import.close')}
          </Button>
        ) : (
          <Button type="primary" disabled={files.length === 0} loading={busy} onClick={() => void go()} data-testid="import-go">
            {t('org.import.go')}
          </Button>
        )
      }
    >
      <Upload.Dragger
        multiple
        accept=".xlsx,.xls,.ods,.csv"
        showUploadList={{ showRemoveIcon: true }}
        beforeUpload={(file) => {
          void file.arrayBuffer().then((buf) => setFiles((f) => [...f.filter((x) => x.name !== file.name), { name: file.name, bytes: new Uint8Array(buf) }]));
          return false;
        }}
        onRemove={(file) => setFiles((f) => f.filter((x) => x.name !== file.name))}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>{t('org.import.drop')}</p>
        <p style={{ color: '#888' }}>{t('org.import.hint')}</p>
      </Upload.Dragger>
      <Space style={{ marginTop: 12 }}>
        {t('org.f.effective')}
        <DatePicker allowClear={false} value={effective} onChange={(d) => d && setEffective(d)} />
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      {problems && (
        <>
          <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('org.import.problems', { n: problems.length })} />
          <Table<ProblemView>
            size="small"
            data-testid="import-problems"
            rowKey={(p, i) => `${p.sheet}-${p.row}-${p.column}-${i}`}
            dataSource={problems}
            pagination={problems.length > 20 ? { pageSize: 20 } : false}
            columns={[
              { title: t('org.import.sheet'), dataIndex: 'sheet', width: 70 },
              { title: t('org.import.row'), dataIndex: 'row', width: 60, align: 'right' },
              { title: t('org.import.column'), dataIndex: 'column', width: 130 },
              { title: t('org.import.message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
      {tallies && report && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="import-report"
          title={t('org.import.done', { date: report.effective })}
          description={tallies.map((k) => (
            <div key={k}>
              {t(`org.import.${k}`)}：{t('org.import.tally', { added: report[k].added, changed: report[k].changed, unchanged: report[k].unchanged })}
            </div>
          ))}
        />
      )}
    </Modal>
  );
}

export function TemplateModal({ api, snap, onClose, onDone }: { api: Api; snap: OrgSnapshot; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [templates, setTemplates] = useState<OrgTemplateInfo[]>([]);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const chosen = templates.find((x) => x.id === Form.useWatch('template', form));
  useEffect(() => {
    api.orgTemplates().then(setTemplates, (e: Error) => setError(e.message));
  }, [api]);
  const go = () =>
    void form.validateFields().then(async (v) => {
      try {
        const codes = await api.orgApplyTemplate({ template: v.template, unit_id: v.unit_id, superior_id: v.superior_id ?? null, effective: fmt(v.effective) });
        void message.success(t('org.template.done', { n: codes.length }));
        onDone();
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    });
  return (
    <Modal open title={t('org.new.template')} onCancel={onClose} onOk={go} okText={t('org.template.apply')} width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ effective: today() }}>
        <Form.Item name="template" label={t('org.template.which')} rules={[{ required: true, message: t('org.req') }]}>
          <Select options={templates.map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
        {chosen && (
          <Typography.Paragraph type="secondary">
            {chosen.source}：{chosen.positions.map((p) => (p.superior ? `${p.title} ← ${p.superior}` : p.title)).join('；')}
          </Typography.Paragraph>
        )}
        <Form.Item name="unit_id" label={t('org.template.unit')} rules={[{ required: true, message: t('org.req') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={snap.units.filter((u) => !u.closed).map((u) => ({ value: u.id, label: `${u.name}（${u.code}）` }))} />
        </Form.Item>
        <Form.Item name="superior_id" label={t('org.template.superior')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={snap.positions.filter((p) => !p.closed).map((p) => ({ value: p.id, label: `${p.title}（${p.unit_name}）` }))} />
        </Form.Item>
        <Form.Item name="effective" label={t('org.f.since')}>
          <DatePicker allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
