import { useEffect, useState } from 'react';
import { Alert, Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { Api } from '../../api';
import type { CommandError } from '../../api';
import type { Dashboard } from '../../bindings/Dashboard';
import type { WorkKind } from '../../bindings/WorkKind';
import { useI18n, type MessageKey } from '../../i18n';
import { formatPeriod } from '../../format';
import { BoardCard } from '../board/BoardCard';
import { FollowupsCard, useFollowups } from '../board/Followups';

/** `load` gives the figures (already on their way right after sign-in). */
/** `onOpen(page, id)` opens a line's record (or a figure's page). */
const KIND_COLORS: Record<WorkKind, string> = { action: 'orange', incoming: 'purple', figures: 'cyan', bundle: 'geekblue', approval: 'gold', review: 'green', results: 'magenta', followup: 'volcano' };

export function HomePage({ api, load, onOpen = () => undefined }: { api: Api; load?: () => Promise<Dashboard>; onOpen?: (page: string, id?: string) => void }) {
  const { t, lang, label } = useI18n();
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const fu = useFollowups(api);
  // A report, a close or a return changes the work list too.
  const followups = {
    view: fu.view,
    reload: () => {
      fu.reload();
      api.dashboard().then(setData, setError);
    },
  };
  // A work line of this page (a follow-up) scrolls to its card instead of changing page.
  const openLine = (page: string, id?: string) => {
    if (page === 'home') document.getElementById('followups')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    else onOpen(page, id);
  };

  useEffect(() => {
    performance.mark('home:mounted');
    (load ? load() : api.dashboard()).then((d) => {
      performance.mark('home:data');
      setData(d);
    }, setError);
  }, [api]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (data) performance.mark('home:shown');
  }, [data]);

  if (error) return <Alert type="error" showIcon title={error.message} />;

  const stat = (key: MessageKey, id: string, value: number | string | undefined, page: string, danger = false) => (
    <Col xs={12} md={8} xl={6} key={id}>
      <Card size="small" loading={!data} hoverable onClick={() => onOpen(page)} style={{ cursor: 'pointer' }}>
        <Statistic
          className="bd-stat"
          title={t(key)}
          value={value ?? '—'}
          styles={danger && Number(value) > 0 ? { content: { color: "#cf1322" } } : undefined}
          valueRender={(node) => <span data-testid={`stat-${id}`}>{node}</span>}
        />
      </Card>
    </Col>
  );

  const current = data ? formatPeriod(data.current_period, lang) : '';
  const latest = data?.latest_kpi_period;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('home.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('home.subtitle')}</Typography.Text>
      </div>
      {data?.site.role === 'hq' && <BoardCard api={api} onOpen={onOpen} followups={followups.view} onRaised={followups.reload} />}
      {data?.site.role === 'hq' && <FollowupsCard api={api} view={followups.view} reload={followups.reload} />}
      {data && (
        <Card size="small" title={t('home.work', { n: data.work.length })} data-testid="work-list">
          {data.work.length === 0 ? (
            <Alert type="success" showIcon title={t('home.allClear')} />
          ) : (
            <List
              size="small"
              style={{ maxHeight: '45vh', overflow: 'auto' }}
              dataSource={data.work}
              renderItem={(w, i) => (
                <List.Item
                  data-testid={`work-${i}`}
                  style={{ cursor: 'pointer' }}
                  onClick={() => openLine(w.page, w.open_id ?? undefined)}
                  extra={
                    w.overdue_days > 0 ? (
                      <Tag color="red">{t('home.overdueDays', { n: w.overdue_days })}</Tag>
                    ) : w.due_on ? (
                      <Tag color="gold">{t('home.dueOn', { date: w.due_on })}</Tag>
                    ) : null
                  }
                >
                  <List.Item.Meta
                    avatar={<Tag color={KIND_COLORS[w.kind]}>{label('WorkKind', w.kind)}</Tag>}
                    title={
                      <span>
                        {w.mine && <Tag color="blue">{t('home.mine')}</Tag>}
                        {w.title}
                      </span>
                    }
                    description={w.detail}
                  />
                </List.Item>
              )}
            />
          )}
          {latest !== data.current_period && <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('home.kpiMissing', { current })} />}
        </Card>
      )}
      {data && data.site.role !== 'hq' && <FollowupsCard api={api} view={followups.view} reload={followups.reload} />}
      {data && data.site.role !== 'hq' && <BoardCard api={api} onOpen={onOpen} followups={followups.view} />}
      <Row gutter={[12, 12]}>
        {stat('home.units', 'units', data?.counts.units, 'org')}
        {stat('home.departments', 'departments', data?.counts.departments, 'org')}
        {stat('home.people', 'people', data?.counts.people, 'org')}
        {stat('home.positions', 'positions', data?.counts.positions, 'org')}
        {stat('home.openActions', 'open-actions', data?.open_action_items, 'minutes')}
        {stat('home.overdueActions', 'overdue-actions', data?.overdue_action_items, 'minutes', true)}
        {stat('home.latestKpi', 'latest-kpi', data ? (latest ? formatPeriod(latest, lang) : t('home.noKpi')) : undefined, 'kpi')}
      </Row>
    </Space>
  );
}
