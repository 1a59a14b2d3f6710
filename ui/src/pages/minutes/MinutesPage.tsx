// 会议纪要: the list of meetings, the follow-up board of action items (督办事项) and the review
// of submissions (报送审核).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Dropdown, Empty, Input, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import type { Api, CommandError } from '../../api';
import type { MeetingKind } from '../../bindings/MeetingKind';
import type { MeetingRow } from '../../bindings/MeetingRow';
import type { MinutesInput } from '../../bindings/MinutesInput';
import type { OrgSnapshot } from '../../bindings/OrgSnapshot';
import { useI18n } from '../../i18n';
import { KINDS, MinutesDrawer } from './Editor';
import { ActionBoard } from './Board';
import { Submissions } from './Submissions';

export function MinutesPage({ api, currentPeriod, openId }: { api: Api; currentPeriod: string; openId?: string }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [rows, setRows] = useState<MeetingRow[] | null>(null);
  const [snap, setSnap] = useState<OrgSnapshot | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [tab, setTab] = useState('list');
  const [open, setOpen] = useState<{ id: string } | { input: MinutesInput } | null>(null);
  const [q, setQ] = useState('');

  const load = useCallback(() => {
    Promise.all([api.minutesList(), api.orgSnapshot()]).then(([r, s]) => {
      setRows(r);
      setSnap(s);
    }, setError);
  }, [api]);
  useEffect(load, [load]);
  useEffect(() => {
    if (openId) {
      setTab('list');
      setOpen({ id: openId });
    }
  }, [openId]);

  const create = async (kind: MeetingKind) => {
    // A new meeting starts in the unit of the latest one (or the first unit).
    const unit = rows?.[0]?.unit_id ?? snap?.units.find((u) => u.kind !== 'group')?.id;
    if (!unit) return;
    const latestOfKind = rows?.find((r) => r.kind === kind && r.unit_id === unit);
    try {
      setOpen({ input: await api.minutesNew(unit, kind, latestOfKind?.series) });
    } catch (e) {
      void message.error((e as CommandError).message);
    }
  };

  const shown = useMemo(() => {
    const s = q.trim().toLowerCase();
    return (rows ?? []).filter((r) => !s || r.title.toLowerCase().includes(s) || r.series.includes(s) || r.unit_name.includes(s));
  }, [rows, q]);

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!rows || !snap) return <Spin />;

  const newMenu = (
    <Dropdown
      trigger={['click']}
      menu={{
        items: KINDS.map((k) => ({ key: k, label: <span data-testid={`new-meeting-${k}`}>{label('MeetingKind', k)}</span> })),
        onClick: (e) => void create(e.key as MeetingKind),
      }}
    >
      <Button type="primary" icon={<PlusOutlined />} data-testid="minutes-new">
        {t('minutes.new')}
      </Button>
    </Dropdown>
  );

  return (
    <>
      <div className="bd-page-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('minutes.title')}
        </Typography.Title>
        <Space>{newMenu}</Space>
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'list',
            label: <span data-testid="tab-meetings">{t('minutes.tab.list')}</span>,
            children: (
              <>
                <Input.Search allowClear placeholder={t('minutes.filter')} style={{ width: 260, marginBottom: 8 }} value={q} onChange={(e) => setQ(e.target.value)} />
                <Table<MeetingRow>
                  data-testid="meetings-table"
                  size="small"
                  rowKey="id"
                  dataSource={shown}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  onRow={(r) => ({ onClick: () => setOpen({ id: r.id }), style: { cursor: 'pointer' } })}
                  locale={{ emptyText: <Empty description={t('minutes.empty')}>{newMenu}</Empty> }}
                  columns={[
                    { title: t('minutes.col.time'), dataIndex: 'held_at', width: 140, render: (v: string) => v.replace('T', ' '), sorter: (a, b) => a.held_at.localeCompare(b.held_at) },
                    // On a narrow window the title keeps room to read; kind and unit (the title
                    // usually names both) give way.
                    { title: t('minutes.col.title'), dataIndex: 'title', minWidth: 180 },
                    { title: t('minutes.col.kind'), dataIndex: 'kind', width: 120, responsive: ['xl'], render: (k: MeetingKind) => label('MeetingKind', k) },
                    { title: t('minutes.col.unit'), dataIndex: 'unit_name', width: 130, responsive: ['xl'] },
                    { title: t('minutes.col.chair'), dataIndex: 'chair_name', width: 80 },
                    {
                      title: t('minutes.col.status'),
                      width: 110,
                      render: (_, r) =>
                        r.status === 'final' ? (
                          <Tag color="green" icon={<LockOutlined />}>{t('minutes.status.final', { rev: r.rev })}</Tag>
                        ) : r.rev > 0 ? (
                          <Tag color="orange">{t('minutes.status.revising')}</Tag>
                        ) : (
                          <Tag>{t('minutes.status.draft')}</Tag>
                        ),
                    },
                    { title: t('minutes.col.actions'), width: 90, align: 'right', render: (_, r) => `${r.open_actions} / ${r.actions}` },
                    {
                      title: t('minutes.col.verdict'),
                      width: 90,
                      render: (_, r) =>
                        r.verdict === 'compliant' ? <Tag color="green">{t('subs.compliant')}</Tag> : r.verdict === 'noncompliant' ? <Tag color="red">{t('subs.noncompliant')}</Tag> : r.status === 'final' ? <Tag color="orange">{t('subs.pending')}</Tag> : null,
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'board',
            label: <span data-testid="tab-board">{t('minutes.tab.board')}</span>,
            children: tab === 'board' && <ActionBoard api={api} snap={snap} onOpenMeeting={(id) => setOpen({ id })} />,
          },
          {
            key: 'subs',
            label: <span data-testid="tab-subs">{t('minutes.tab.subs')}</span>,
            children: tab === 'subs' && <Submissions api={api} snap={snap} month={currentPeriod} />,
          },
        ]}
      />
      {open && <MinutesDrawer api={api} snap={snap} start={open} onClose={() => setOpen(null)} onSaved={load} />}
    </>
  );
}
