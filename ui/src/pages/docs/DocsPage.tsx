// 公文: the register of incoming documents (收文, with the 阅办单 and each handler's deadline
// on the follow-up board) and outgoing ones (发文: drafted, signed by the right person, numbered
// when issued).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Empty, Form, Input, Modal, Popconfirm, Select, Space, Spin, Switch, Table, Tabs, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { DocCategory } from '../../bindings/DocCategory';
import type { IncomingRow } from '../../bindings/IncomingRow';
import type { OrgSnapshot } from '../../bindings/OrgSnapshot';
import type { OutgoingDoc } from '../../bindings/OutgoingDoc';
import type { OutgoingStatus } from '../../bindings/OutgoingStatus';
import type { OutgoingDetail } from '../../bindings/OutgoingDetail';
import type { Dispatch } from '../../bindings/Dispatch';
import type { InboxLine } from '../../bindings/InboxLine';
import type { ReceiptState } from '../../bindings/ReceiptState';
import type { RecipientView } from '../../bindings/RecipientView';
import { useI18n } from '../../i18n';
import { ActionStatusTag } from '../minutes/Board';
import { today } from '../../clock';
import { useFormGuard } from '../../unsaved';
import { formatTime } from '../../format';
import { DocTextDrawer } from './DocText';

const STATUS_COLORS: Record<OutgoingStatus, string> = { draft: 'default', signed: 'blue', issued: 'green', withdrawn: 'default' };
const RECEIPT_COLORS: Record<ReceiptState, string> = { unsigned: 'orange', signed: 'blue', done: 'green' };

/** 分发: the units an issued document is sent to, and where it stands at each. */
function Distribution({ api, snap, detail, onSent }: { api: Api; snap: OrgSnapshot; detail: OutgoingDetail; onSent: (r: RecipientView[]) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [main, setMain] = useState<string[]>(detail.recipients.filter((r) => r.role === 'main').map((r) => r.unit_id));
  const [cc, setCc] = useState<string[]>(detail.recipients.filter((r) => r.role === 'cc').map((r) => r.unit_id));
  const [error, setError] = useState<string | null>(null);
  const units = snap.units.filter((u) => u.id !== detail.doc.unit_id && u.kind !== 'department').map((u) => ({ value: u.id, label: u.name }));
  const send = async () => {
    setError(null);
    try {
      const r = await api.outgoingDistribute({ doc_id: detail.doc.id, main, cc });
      onSent(r);
      void message.success(t('docs.send.done', { n: r.length }));
    } catch (e) {
      setError(e instanceof CommandError ? e.message : String(e));
    }
  };
  return (
    <>
      <Typography.Title level={5}>{t('docs.send.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('docs.send.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="send-error" />}
      <Space wrap style={{ marginBottom: 8 }}>
        <Select mode="multiple" style={{ minWidth: 240 }} placeholder={t('docs.send.main')} value={main} onChange={setMain} options={units} showSearch={{ optionFilterProp: 'label' }} data-testid="send-main" />
        <Select mode="multiple" style={{ minWidth: 200 }} placeholder={t('docs.send.cc')} value={cc} onChange={setCc} options={units} showSearch={{ optionFilterProp: 'label' }} data-testid="send-cc" />
        <Button type="primary" onClick={() => void send()} disabled={main.length === 0} data-testid="send-ok">
          {t('docs.send.ok')}
        </Button>
      </Space>
      <Table<RecipientView>
        size="small"
        rowKey="unit_id"
        pagination={false}
        dataSource={detail.recipients}
        data-testid="recipients"
        locale={{ emptyText: t('docs.send.none') }}
        style={{ marginBottom: 16 }}
        columns={[
          { title: t('docs.send.unit'), dataIndex: 'unit_name', width: 140 },
          { title: t('docs.send.role'), width: 60, render: (_, r) => label('RecipientRole', r.role) },
          { title: t('docs.out.status'), width: 80, render: (_, r) => <Tag color={RECEIPT_COLORS[r.state]} data-testid={`receipt-${r.unit_id}`}>{label('ReceiptState', r.state)}</Tag> },
          { title: t('docs.send.signed'), width: 170, render: (_, r) => (r.receipt ? `${r.receipt.received_on} ${r.receipt.received_by}` : '') },
          { title: t('docs.send.handled'), render: (_, r) => (r.receipt?.done_on ? `${r.receipt.done_on} ${r.receipt.outcome}` : '') },
        ]}
      />
    </>
  );
}

/** Registers an incoming document; with `from`, signs for a document sent through sync (its
 * sender, title and number come from the document). */
function IncomingDrawer({ api, snap, from, onClose, onSaved }: { api: Api; snap: OrgSnapshot; from?: InboxLine; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const edits = useFormGuard('incoming-register');
  const people = useMemo(() => snap.people.filter((p) => !p.left).map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` })), [snap]);
  const city = snap.units.find((u) => u.kind !== 'group' && u.kind !== 'department');
  const save = async () => {
    const v = form.getFieldsValue(true) as { received_on?: Dayjs; sender?: string; title?: string; doc_number?: string; urgent?: boolean; secret?: boolean; instruction?: string; handlers?: string[] };
    setError(null);
    try {
      await api.incomingRegister({
        unit_id: from?.unit_id ?? city?.id ?? '',
        received_on: v.received_on ? v.received_on.format('YYYY-MM-DD') : '',
        sender: v.sender ?? '',
        title: v.title ?? '',
        doc_number: v.doc_number ?? '',
        urgent: !!v.urgent,
        instruction: v.instruction ?? '',
        secret: !!v.secret,
        handlers: v.handlers ?? [],
        from_doc: from?.doc.id ?? null,
      });
      onSaved();
    } catch (e) {
      setError(e instanceof CommandError ? e.message : String(e));
    }
  };
  return (
    <Drawer
      open
      size={640}
      title={from ? t('docs.inbox.receiveTitle', { unit: from.unit_name }) : t('docs.in.new')}
      onClose={() => edits.close(onClose)}
      extra={
        <Button type="primary" onClick={() => void save()} data-testid="incoming-save">
          {t('docs.in.register')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="incoming-error" />}
      <Alert type="info" showIcon title={t('docs.in.rule')} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ received_on: today(), urgent: from?.urgent ?? false, secret: from?.doc.secret ?? false, sender: from?.sender, title: from?.doc.title, doc_number: from?.doc.number ?? '' }}
        onValuesChange={edits.touched}
      >
        <Space wrap align="start">
          <Form.Item name="received_on" label={t('docs.in.received')}>
            <DatePicker allowClear={false} data-testid="incoming-received" />
          </Form.Item>
          <Form.Item name="sender" label={t('docs.in.sender')} style={{ width: 220 }}>
            <Input data-testid="incoming-sender" disabled={!!from} />
          </Form.Item>
          <Form.Item name="doc_number" label={t('docs.in.number')} style={{ width: 200 }}>
            <Input placeholder="鲁人保运〔2016〕88号" disabled={!!from} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('docs.title')}>
          <Input data-testid="incoming-title" disabled={!!from} />
        </Form.Item>
        <Space>
          <Form.Item name="urgent" valuePropName="checked">
            <Checkbox>{t('docs.urgent')}</Checkbox>
          </Form.Item>
          <Form.Item name="secret" valuePropName="checked">
            <Checkbox disabled={!!from}>{t('docs.secret')}</Checkbox>
          </Form.Item>
        </Space>
        <Form.Item name="instruction" label={t('docs.in.instruction')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="handlers" label={t('docs.in.handlers')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={people} data-testid="incoming-handlers" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function OutgoingDrawer({ api, snap, categories, onClose, onSaved }: { api: Api; snap: OrgSnapshot; categories: DocCategory[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState(false);
  const edits = useFormGuard('outgoing-draft');
  // Only this site numbers in its categories; another site's are listed for its documents.
  const own = categories.filter((c) => !c.foreign);
  const city = snap.units.find((u) => u.kind !== 'group' && u.kind !== 'department');
  const save = async () => {
    const v = form.getFieldsValue(true) as { category?: string; title?: string; drafting_unit_id?: string; scope_units?: string[] };
    setError(null);
    try {
      await api.outgoingSave({
        id: null,
        unit_id: city?.id ?? '',
        category: v.category ?? '',
        title: v.title ?? '',
        drafting_unit_id: v.drafting_unit_id ?? null,
        drafter_id: null,
        secret,
        scope_units: v.scope_units ?? [],
        scope_positions: [],
      });
      onSaved();
    } catch (e) {
      setError(e instanceof CommandError ? e.message : String(e));
    }
  };
  return (
    <Drawer open size={600} title={t('docs.out.new')} onClose={() => edits.close(onClose)} extra={<Button type="primary" onClick={() => void save()}>{t('docs.out.saveDraft')}</Button>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Alert type="info" showIcon title={t('docs.out.rule')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ category: own[0]?.code }} onValuesChange={edits.touched}>
        <Form.Item name="category" label={t('docs.category')}>
          <Select options={own.map((c) => ({ value: c.code, label: `${c.name}（${c.prefix}）` }))} />
        </Form.Item>
        <Form.Item name="title" label={t('docs.title')}>
          <Input />
        </Form.Item>
        <Form.Item name="drafting_unit_id" label={t('docs.out.drafting')}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={snap.units.filter((u) => u.kind === 'department').map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Space style={{ marginBottom: 12 }}>
          <Switch size="small" checked={secret} onChange={setSecret} />
          {t('docs.secret')}
        </Space>
        {secret && (
          <Form.Item name="scope_units" label={t('docs.out.scope')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={snap.units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}

function OutgoingDetailDrawer({ api, snap, id, onClose, onChanged }: { api: Api; snap: OrgSnapshot; id: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const [d, setD] = useState<OutgoingDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [send, setSend] = useState({ sent_on: today(), to_unit: '', recipient: '', content: '' });
  const [fix, setFix] = useState({ title: '', reason: '' });
  useEffect(() => {
    api.outgoingDetail(id).then((x) => {
      setD(x);
      setFix({ title: x.doc.title, reason: '' });
    }, (e: CommandError) => setError(e.message));
  }, [api, id]);
  const run = async (f: () => Promise<OutgoingDetail>) => {
    setError(null);
    try {
      setD(await f());
      onChanged();
      return true;
    } catch (e) {
      setError(e instanceof CommandError ? e.message : String(e));
      return false;
    }
  };
  if (!d) {
    return (
      <Drawer open size={720} title={t('docs.out.number')} onClose={onClose}>
        {error ? <Alert type="error" showIcon title={error} /> : <Spin />}
      </Drawer>
    );
  }
  const issued = d.doc.status === 'issued';
  return (
    <Drawer open size={720} title={d.doc.number ?? d.doc.title} onClose={onClose}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph strong>{d.doc.title}</Typography.Paragraph>
      {d.scope.length > 0 && (
        <Typography.Paragraph>
          <Tag color="purple">{t('docs.secret')}</Tag>
          {t('docs.out.scope')}：{d.scope.join('、')}
        </Typography.Paragraph>
      )}
      {issued && <Distribution api={api} snap={snap} detail={d} onSent={(recipients) => { setD({ ...d, recipients }); onChanged(); }} />}
      <Typography.Title level={5}>{t('docs.out.dispatch')}</Typography.Title>
      <Table<Dispatch>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={d.dispatches}
        data-testid="dispatches"
        locale={{ emptyText: issued ? t('docs.out.dispatchEmpty') : t('docs.out.dispatchLater') }}
        columns={[
          { title: t('docs.out.sentOn'), dataIndex: 'sent_on', width: 100 },
          { title: t('docs.out.toUnit'), dataIndex: 'to_unit', width: 130 },
          { title: t('docs.out.recipient'), dataIndex: 'recipient', width: 80 },
          { title: t('docs.out.content'), dataIndex: 'content' },
          {
            title: t('docs.out.outcome'),
            width: 180,
            render: (_, x) =>
              x.outcome || (
                <Input.Search size="small" enterButton={t('plans.save')} placeholder={t('docs.out.outcome')} onSearch={(v) => void run(() => api.dispatchOutcome(x.id, v))} />
              ),
          },
        ]}
      />
      {issued && (
        <Space wrap style={{ margin: '8px 0 16px' }}>
          <DatePicker value={send.sent_on} onChange={(v) => v && setSend({ ...send, sent_on: v })} allowClear={false} />
          <Input style={{ width: 140 }} placeholder={t('docs.out.toUnit')} value={send.to_unit} onChange={(e) => setSend({ ...send, to_unit: e.target.value })} />
          <Input style={{ width: 90 }} placeholder={t('docs.out.recipient')} value={send.recipient} onChange={(e) => setSend({ ...send, recipient: e.target.value })} />
          <Input style={{ width: 160 }} placeholder={t('docs.out.content')} value={send.content} onChange={(e) => setSend({ ...send, content: e.target.value })} />
          <Button
            onClick={async () => {
              if (await run(() => api.outgoingDispatch({ doc_id: id, sent_on: send.sent_on.format('YYYY-MM-DD'), to_unit: send.to_unit, recipient: send.recipient, content: send.content })))
                setSend({ ...send, to_unit: '', recipient: '', content: '' });
            }}
          >
            {t('docs.out.addDispatch')}
          </Button>
        </Space>
      )}
      {issued && (
        <>
          <Typography.Title level={5}>{t('docs.out.correct')}</Typography.Title>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input value={fix.title} onChange={(e) => setFix({ ...fix, title: e.target.value })} />
            <Input placeholder={t('docs.out.correctReason')} value={fix.reason} onChange={(e) => setFix({ ...fix, reason: e.target.value })} />
            <Button disabled={!fix.reason.trim()} onClick={() => void run(() => api.outgoingCorrect(id, fix.title, fix.reason))}>
              {t('docs.out.correct')}
            </Button>
          </Space>
        </>
      )}
      {d.revisions.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('docs.out.revisions')}</Typography.Title>
          {d.revisions.map((r) => (
            <div key={r.rev} style={{ marginBottom: 8 }}>
              <strong>{t('minutes.rev', { rev: r.rev })}</strong> {formatTime(r.at)} · {r.by}
              <div>{r.before.title}</div>
              <div style={{ color: '#666' }}>{t('minutes.revReason', { reason: r.reason })}</div>
            </div>
          ))}
        </>
      )}
    </Drawer>
  );
}

/** `openId` (a search hit, a line of the home page's work list) opens that document. */
export function DocsPage({ api, openId }: { api: Api; openId?: string }) {
  const { t, label, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [incoming, setIncoming] = useState<IncomingRow[] | null>(null);
  const [inbox, setInbox] = useState<InboxLine[]>([]);
  const [receiving, setReceiving] = useState<InboxLine | null>(null);
  const [outgoing, setOutgoing] = useState<OutgoingDoc[] | null>(null);
  const [categories, setCategories] = useState<DocCategory[]>([]);
  const [snap, setSnap] = useState<OrgSnapshot | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [tab, setTab] = useState('in');
  const [q, setQ] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [year, setYear] = useState<string>();
  const [category, setCategory] = useState<string>();
  const [status, setStatus] = useState<OutgoingStatus>();
  const [adding, setAdding] = useState<'in' | 'out' | null>(null);
  const [signing, setSigning] = useState<OutgoingDoc | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [text, setText] = useState<OutgoingDoc | null>(null);
  const [signer, setSigner] = useState<string>();
  const [signDate, setSignDate] = useState(today());
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today().startOf('month'), today()]);
  const [highlight, setHighlight] = useState<string>();
  const loaded = incoming !== null && outgoing !== null;
  useEffect(() => {
    if (!openId || !loaded) return;
    if (outgoing.some((d) => d.id === openId)) {
      setTab('out');
      setDetail(openId);
      return;
    }
    const r = incoming.find((x) => x.id === openId);
    if (r) {
      setTab('in');
      setQ(r.title);
      setHighlight(r.id);
    }
  }, [openId, loaded]); // eslint-disable-line react-hooks/exhaustive-deps

  const load = useCallback(() => {
    Promise.all([api.incomingList(false), api.outgoingList(), api.docCategories(), api.orgSnapshot(), api.docsInbox()]).then(([i, o, c, s, x]) => {
      setIncoming(i);
      setInbox(x);
      setOutgoing(o);
      setCategories(c);
      setSnap(s);
    }, setError);
  }, [api]);
  useEffect(load, [load]);

  const pdf = async (make: () => Promise<string>) => {
    try {
      const path = await make();
      modal.success({ title: t('report.savedTitle'), content: <div data-testid="pdf-saved">{path}</div> });
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };
  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      load();
      return true;
    } catch (e) {
      void message.error((e as CommandError).message);
      return false;
    }
  };

  const s = q.trim();
  const shownIn = useMemo(
    () => (incoming ?? []).filter((r) => (!overdueOnly || r.overdue_days > 0) && (!s || r.title.includes(s) || r.sender.includes(s) || r.doc_number.includes(s)) && (!year || r.received_on.startsWith(year))),
    [incoming, overdueOnly, s, year],
  );
  const shownOut = useMemo(
    () => (outgoing ?? []).filter((d) => (!s || d.title.includes(s) || (d.number ?? '').includes(s)) && (!year || (d.issued_on ?? d.created_at).startsWith(year)) && (!category || d.category === category) && (!status || d.status === status)),
    [outgoing, s, year, category, status],
  );
  const years = useMemo(() => {
    const ys = new Set<string>();
    for (const r of incoming ?? []) ys.add(r.received_on.slice(0, 4));
    for (const d of outgoing ?? []) ys.add((d.issued_on ?? d.created_at).slice(0, 4));
    return [...ys].sort().reverse();
  }, [incoming, outgoing]);

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!incoming || !outgoing || !snap) return <Spin />;
  const person = (id: string | null) => snap.people.find((p) => p.id === id)?.name ?? '';
  const unitName = (id: string | null) => snap.units.find((u) => u.id === id)?.name ?? '';

  return (
    <>
      <div className="bd-page-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('docs.title.page')}
        </Typography.Title>
        <Space wrap>
          <DatePicker.RangePicker value={range} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
          <Button icon={<FilePdfOutlined />} onClick={() => void pdf(() => api.reportRegister(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')))}>
            {t('docs.registerPdf')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(tab === 'out' ? 'out' : 'in')} data-testid="docs-new">
            {tab === 'out' ? t('docs.out.new') : t('docs.in.new')}
          </Button>
        </Space>
      </div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search allowClear placeholder={t('docs.filter')} style={{ width: 240 }} value={q} onChange={(e) => setQ(e.target.value)} />
        <Select allowClear placeholder={t('docs.year')} style={{ width: 110 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: y }))} />
        {tab === 'out' ? (
          <Space>
            <Select allowClear placeholder={t('docs.category')} style={{ width: 150 }} value={category} onChange={setCategory} options={categories.map((c) => ({ value: c.code, label: c.name }))} />
            <Select
              allowClear
              placeholder={t('docs.out.status')}
              style={{ width: 120 }}
              value={status}
              onChange={setStatus}
              options={(['draft', 'signed', 'issued', 'withdrawn'] as OutgoingStatus[]).map((x) => ({ value: x, label: label('OutgoingStatus', x) }))}
            />
          </Space>
        ) : (
          <Space>
            <Switch size="small" checked={overdueOnly} onChange={setOverdueOnly} data-testid="docs-overdue" />
            {t('actions.filter.overdue')}
          </Space>
        )}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'in',
            label: <span data-testid="tab-incoming">{t('docs.tab.in', { n: incoming.length })}</span>,
            children: (
              <>
              {inbox.length > 0 && (
                // Documents sent to this site's units through sync, waiting to be signed for.
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 12 }}
                  data-testid="inbox"
                  title={t('docs.inbox.title', { n: inbox.length })}
                  description={
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      {inbox.map((l) => (
                        <Space key={`${l.doc.id}-${l.unit_id}`} wrap size={6}>
                          {l.urgent && <Tag color="red">{t('docs.urgent')}</Tag>}
                          <Tag>{label('RecipientRole', l.role)}</Tag>
                          <span>{l.doc.number}</span>
                          <strong>{l.doc.title}</strong>
                          <Typography.Text type="secondary">{t('docs.inbox.line', { sender: l.sender, unit: l.unit_name, at: formatTime(l.sent_at) })}</Typography.Text>
                          <Button size="small" type="primary" onClick={() => setReceiving(l)} data-testid="inbox-receive" data-title={l.doc.title} data-unit={l.unit_name}>
                            {t('docs.inbox.receive')}
                          </Button>
                        </Space>
                      ))}
                    </Space>
                  }
                />
              )}
              <Table<IncomingRow>
                data-testid="incoming-table"
                scroll={{ x: 1150 }}
                size="small"
                rowKey="id"
                dataSource={shownIn}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                rowClassName={(r) => [r.overdue_days > 0 ? 'bd-overdue' : '', r.id === highlight ? 'bd-highlight' : ''].join(' ')}
                locale={{ emptyText: <Empty description={t('docs.in.empty')} /> }}
                columns={[
                  { title: t('docs.in.received'), dataIndex: 'received_on', width: 105, sorter: (a, b) => a.received_on.localeCompare(b.received_on) },
                  { title: t('docs.in.sender'), dataIndex: 'sender', width: 130, ellipsis: true },
                  { title: t('docs.in.number'), dataIndex: 'doc_number', width: 165 },
                  {
                    title: t('docs.title'),
                    width: 280,
                    render: (_, r) => (
                      <Space size={4}>
                        {r.urgent && <Tag color="red">{t('docs.urgent')}</Tag>}
                        {r.secret && <Tag color="purple">{t('docs.secret')}</Tag>}
                        {r.title}
                      </Space>
                    ),
                  },
                  { title: t('docs.in.due'), dataIndex: 'due_on', width: 105 },
                  {
                    title: t('docs.in.handlers'),
                    width: 200,
                    render: (_, r) => (
                      <Space size={2} wrap>
                        {r.handlers.map((h) => (
                          <span key={h.id}>
                            {h.owner_name} <ActionStatusTag status={h.status} />
                          </span>
                        ))}
                      </Space>
                    ),
                  },
                  {
                    title: t('docs.in.state'),
                    width: 100,
                    render: (_, r) => (r.done ? <Tag color="green">{t('docs.in.done')}</Tag> : r.overdue_days > 0 ? <Tag color="red">{t('actions.overdue', { n: r.overdue_days })}</Tag> : <Tag color="blue">{t('docs.in.open')}</Tag>),
                  },
                  {
                    title: '',
                    width: 80,
                    render: (_, r) => (
                      <Button size="small" type="link" icon={<FilePdfOutlined />} onClick={() => void pdf(() => api.reportSlip(r.id))}>
                        {t('docs.in.slip')}
                      </Button>
                    ),
                  },
                ]}
              />
              </>
            ),
          },
          {
            key: 'out',
            label: <span data-testid="tab-outgoing">{t('docs.tab.out', { n: outgoing.length })}</span>,
            children: (
              <Table<OutgoingDoc>
                data-testid="outgoing-table"
                scroll={{ x: lang === 'zh-CN' ? 1200 : 1260 }}
                size="small"
                rowKey="id"
                dataSource={shownOut}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                locale={{ emptyText: <Empty description={t('docs.out.empty')} /> }}
                columns={[
                  { title: t('docs.out.number'), dataIndex: 'number', width: 170, render: (v: string | null, d) => (
                      <a onClick={() => setDetail(d.id)} data-number={v ?? ''}>
                        {v ?? '—'}
                      </a>
                    ),
                  },
                  {
                    title: t('docs.title'),
                    width: 300,
                    render: (_, d) => (
                      <Space size={4}>
                        {d.secret && <Tag color="purple">{t('docs.secret')}</Tag>}
                        {d.title}
                      </Space>
                    ),
                  },
                  { title: t('docs.category'), width: 100, render: (_, d) => categories.find((c) => c.code === d.category)?.name ?? d.category },
                  { title: t('docs.out.drafting'), width: 110, render: (_, d) => unitName(d.drafting_unit_id) },
                  { title: t('docs.out.signer'), width: 120, render: (_, d) =>
                      d.signer_id ? (
                        // 韩立新（总经理）于 2016-12-05 10:12 签发: the post that gave the authority, and the minute.
                        <Tooltip title={d.signed_by && d.signed_at ? t('docs.out.signing', { who: d.signed_by, at: d.signed_at.replace('T', ' ') }) : undefined}>
                          <span className="out-signer">{`${d.signed_by || person(d.signer_id)} ${d.signed_on ?? ''}`}</span>
                        </Tooltip>
                      ) : (
                        ''
                      ) },
                  { title: t('docs.out.issued'), dataIndex: 'issued_on', width: 105 },
                  { title: t('docs.out.status'), width: 90, render: (_, d) => <Tag color={STATUS_COLORS[d.status]}>{label('OutgoingStatus', d.status)}</Tag> },
                  {
                    title: '',
                    // Always in view, however narrow the window.
                    fixed: 'right',
                    width: lang === 'zh-CN' ? 210 : 270,
                    render: (_, d) => (
                      <Space size={0}>
                        <Button size="small" type="link" data-testid="out-text" data-title={d.title} onClick={() => setText(d)}>
                          {t('docs.text')}
                        </Button>
                        {d.status === 'draft' && (
                          <Button
                            size="small"
                            type="link"
                            data-testid="out-sign"
                            data-title={d.title}
                            onClick={() => {
                              setSigning(d);
                              // The signer is the person signed in: signing is done in person.
                              api.whoami().then((me) => me?.person_id && setSigner(me.person_id), () => undefined);
                            }}
                          >
                            {t('docs.out.sign')}
                          </Button>
                        )}
                        {d.status === 'signed' && (
                          // Numbering takes the category's next number for good: asked first, and the
                          // number is said when it is taken.
                          <Popconfirm
                            title={t('docs.out.issueConfirm', { date: today().format('YYYY-MM-DD') })}
                            okButtonProps={{ 'data-testid': 'issue-ok' } as ButtonProps}
                            onConfirm={() =>
                              void act(async () => {
                                const issued = await api.outgoingIssue(d.id, today().format('YYYY-MM-DD'));
                                void message.success(t('docs.out.issuedAs', { number: issued.number ?? '' }));
                              })
                            }
                          >
                            <Button size="small" type="link" data-testid="out-issue" data-title={d.title}>
                              {t('docs.out.issue')}
                            </Button>
                          </Popconfirm>
                        )}
                        {(d.status === 'draft' || d.status === 'signed') && (
                          <Popconfirm title={t('docs.out.withdrawConfirm')} onConfirm={() => void act(() => api.outgoingWithdraw(d.id))}>
                            <Button size="small" type="link" danger>
                              {t('docs.out.withdraw')}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      {receiving && snap && <IncomingDrawer api={api} snap={snap} from={receiving} onClose={() => setReceiving(null)} onSaved={() => { setReceiving(null); void message.success(t('docs.inbox.received')); load(); }} />}
      {adding === 'in' && <IncomingDrawer api={api} snap={snap} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); void message.success(t('docs.in.registered')); load(); }} />}
      {adding === 'out' && <OutgoingDrawer api={api} snap={snap} categories={categories} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); void message.success(t('docs.out.draftSaved')); load(); }} />}
      {text && <DocTextDrawer api={api} doc={text} onClose={() => { setText(null); load(); }} />}
      {detail && snap && <OutgoingDetailDrawer api={api} snap={snap} id={detail} onClose={() => setDetail(null)} onChanged={load} />}
      <Modal
        open={!!signing}
        title={t('docs.out.sign')}
        okButtonProps={{ id: 'sign-ok' }}
        onCancel={() => setSigning(null)}
        onOk={async () => {
          if (!signing) return;
          // Without a signer nothing can be signed: say so rather than do nothing.
          if (!signer) {
            void message.warning(t('docs.out.chooseSigner'));
            return;
          }
          if (await act(async () => {
            const d = await api.outgoingSign(signing.id, signer, signDate.format('YYYY-MM-DD'));
            void message.success(t('docs.out.signedOk', { who: d.signed_by }));
          })) setSigning(null);
        }}
      >
        <Space direction="vertical">
          <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 260 }} placeholder={t('docs.out.signer')} value={signer} onChange={setSigner} options={snap.people.filter((p) => !p.left).map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))} />
          <DatePicker value={signDate} onChange={(d) => d && setSignDate(d)} allowClear={false} />
        </Space>
      </Modal>
    </>
  );
}
