// 督办事项: every open action item by due date, overdue ones highlighted; following one up
// (new status, new due date with the reason) is logged and the history shown.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, DatePicker, Empty, Input, Modal, Select, Space, Switch, Table, Tag, Timeline, Button } from 'antd';
import dayjs from 'dayjs';
import type { Api, CommandError } from '../../api';
import type { ActionChange } from '../../bindings/ActionChange';
import type { ActionStatus } from '../../bindings/ActionStatus';
import type { ActionView } from '../../bindings/ActionView';
import type { OrgSnapshot } from '../../bindings/OrgSnapshot';
import { useI18n } from '../../i18n';
import { formatTime } from '../../format';

const STATUSES: ActionStatus[] = ['open', 'in_progress', 'done', 'cancelled'];
const COLORS: Record<ActionStatus, string> = { open: 'blue', in_progress: 'processing', done: 'success', cancelled: 'default' };

export function ActionStatusTag({ status }: { status: ActionStatus }) {
  const { label } = useI18n();
  return <Tag color={COLORS[status]}>{label('ActionStatus', status)}</Tag>;
}

function FollowUp({ api, item, onClose, onSaved }: { api: Api; item: ActionView; onClose: () => void; onSaved: () => void }) {
  const { t, label } = useI18n();
  const [status, setStatus] = useState<ActionStatus>(item.status === 'open' ? 'in_progress' : item.status);
  const [due, setDue] = useState(item.due_on);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<ActionChange[]>([]);
  useEffect(() => {
    api.actionHistory(item.id).then(setHistory, () => setHistory([]));
  }, [api, item.id]);
  const save = async () => {
    try {
      await api.actionUpdate({ id: item.id, status, due_on: due, note });
      onSaved();
    } catch (e) {
      setError((e as CommandError).message);
    }
  };
  return (
    <Modal open title={item.title} onCancel={onClose} onOk={() => void save()} okText={t('actions.followUp.save')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <span>{t('actions.col.status')}</span>
          <Select
            style={{ width: 130 }}
            showSearch={{ optionFilterProp: 'label' }}
            value={status}
            onChange={setStatus}
            options={STATUSES.map((s) => ({ value: s, label: label('ActionStatus', s) }))}
            data-testid="followup-status"
          />
          <span>{t('actions.col.due')}</span>
          <DatePicker allowClear={false} value={dayjs(due)} onChange={(d) => d && setDue(d.format('YYYY-MM-DD'))} />
        </Space>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('actions.followUp.note')} autoSize={{ minRows: 2 }} />
        <Timeline
          items={history.map((c) => ({
            color: COLORS[c.new_status] === 'success' ? 'green' : 'blue',
            children: (
              <div>
                <strong>{label('ActionStatus', c.new_status)}</strong> · {t('actions.col.due')} {c.due_on}
                {c.note && <div>{c.note}</div>}
                <div style={{ color: '#999', fontSize: 12 }}>
                  {formatTime(c.at)} · {c.by}
                </div>
              </div>
            ),
          }))}
        />
      </Space>
    </Modal>
  );
}

export function ActionBoard({ api, snap, onOpenMeeting }: { api: Api; snap: OrgSnapshot; onOpenMeeting: (id: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<ActionView[] | null>(null);
  const [owner, setOwner] = useState<string>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<ActionView | null>(null);

  const load = useCallback(() => {
    api
      .actionsBoard({ owner_id: owner ?? null, unit_id: null, overdue_only: overdueOnly, include_closed: includeClosed, today: null })
      .then(setItems, (e: CommandError) => void message.error(e.message));
  }, [api, owner, overdueOnly, includeClosed, message]);
  useEffect(load, [load]);

  const people = useMemo(() => snap.people.map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` })), [snap]);
  const shown = useMemo(() => {
    const s = q.trim().toLowerCase();
    return (items ?? []).filter((a) => !s || a.title.toLowerCase().includes(s) || a.owner_name.includes(s) || a.meeting_title.includes(s));
  }, [items, q]);
  const overdue = shown.filter((a) => a.overdue_days > 0).length;

  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('actions.filter.owner')} style={{ width: 180 }} options={people} value={owner} onChange={setOwner} />
        <Input.Search allowClear placeholder={t('actions.filter.text')} style={{ width: 220 }} value={q} onChange={(e) => setQ(e.target.value)} data-testid="board-filter" />
        <Space>
          <Switch size="small" checked={overdueOnly} onChange={setOverdueOnly} data-testid="board-overdue" />
          {t('actions.filter.overdue')}
        </Space>
        <Space>
          <Switch size="small" checked={includeClosed} onChange={setIncludeClosed} />
          {t('actions.filter.closed')}
        </Space>
        <span data-testid="board-count">{t('actions.count', { n: shown.length, overdue })}</span>
      </Space>
      <Table<ActionView>
        data-testid="action-board"
        size="small"
        rowKey="id"
        loading={!items}
        dataSource={shown}
        virtual
        scroll={{ y: Math.max(300, window.innerHeight - 300), x: 980 }}
        pagination={false}
        rowClassName={(a) => (a.overdue_days > 0 ? 'bd-overdue' : '')}
        locale={{ emptyText: <Empty description={t('actions.empty')} /> }}
        columns={[
          { title: t('actions.col.due'), dataIndex: 'due_on', width: 110, sorter: (a, b) => a.due_on.localeCompare(b.due_on), defaultSortOrder: 'ascend' },
          { title: t('actions.col.title'), dataIndex: 'title', width: 330, render: (v: string, a) => (
              <>
                <span className="bd-action-title">{v}</span>
                {a.plan_title && <div className="bd-action-plan">{t('actions.plan', { plan: a.plan_title })}</div>}
              </>
            ),
          },
          { title: t('actions.col.owner'), dataIndex: 'owner_name', width: 90, sorter: (a, b) => a.owner_name.localeCompare(b.owner_name, 'zh') },
          {
            title: t('actions.col.status'),
            width: 150,
            render: (_, a) => (
              <Space size={4}>
                <ActionStatusTag status={a.status} />
                {a.overdue_days > 0 && <Tag color="red">{t('actions.overdue', { n: a.overdue_days })}</Tag>}
              </Space>
            ),
          },
          {
            title: t('actions.col.meeting'),
            dataIndex: 'meeting_title',
            width: 220,
            ellipsis: true,
            render: (v: string, a) => (a.meeting_id ? <a onClick={() => onOpenMeeting(a.meeting_id!)}>{v}</a> : v),
          },
          { title: t('actions.col.unit'), dataIndex: 'unit_name', width: 120 },
          {
            title: '',
            width: 70,
            fixed: 'right',
            render: (_, a) => (
              <Button size="small" type="link" onClick={() => setEditing(a)} data-testid="followup">
                {t('actions.followUp')}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <FollowUp
          api={api}
          item={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(t('actions.followUp.saved'));
            load();
          }}
        />
      )}
    </>
  );
}
