import { useEffect, useState } from 'react';
import { Alert, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import type { Api } from '../../api';
import type { CommandError } from '../../api';
import type { Dashboard } from '../../bindings/Dashboard';
import { useI18n, type MessageKey } from '../../i18n';
import { formatPeriod } from '../../format';

/** `load` gives the figures (already on their way right after sign-in). */
export function HomePage({ api, load }: { api: Api; load?: () => Promise<Dashboard> }) {
  const { t, lang } = useI18n();
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<CommandError | null>(null);

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

  const stat = (key: MessageKey, id: string, value: number | string | undefined, danger = false) => (
    <Col xs={12} md={8} xl={6} key={id}>
      <Card size="small" loading={!data}>
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
      <Row gutter={[12, 12]}>
        {stat('home.units', 'units', data?.counts.units)}
        {stat('home.departments', 'departments', data?.counts.departments)}
        {stat('home.people', 'people', data?.counts.people)}
        {stat('home.positions', 'positions', data?.counts.positions)}
        {stat('home.openActions', 'open-actions', data?.open_action_items)}
        {stat('home.overdueActions', 'overdue-actions', data?.overdue_action_items, true)}
        {stat('home.latestKpi', 'latest-kpi', data ? (latest ? formatPeriod(latest, lang) : t('home.noKpi')) : undefined)}
      </Row>
      {data && (
        <Card size="small" title={t('home.attention')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {data.overdue_action_items > 0 ? (
              <Alert
                type="warning"
                showIcon
                icon={<ExclamationCircleOutlined />}
                title={t('home.overdueNotice', { n: data.overdue_action_items })}
              />
            ) : (
              <Alert type="success" showIcon title={t('home.allClear')} />
            )}
            {latest === data.current_period ? (
              <Alert type="info" showIcon title={t('home.kpiNotice', { period: formatPeriod(latest, lang), current })} />
            ) : (
              <Alert type="warning" showIcon title={t('home.kpiMissing', { current })} />
            )}
            <Alert type="info" showIcon title={t('home.noSync')} />
          </Space>
        </Card>
      )}
    </Space>
  );
}
