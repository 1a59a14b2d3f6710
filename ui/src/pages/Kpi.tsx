import { useEffect, useState } from 'react';
import { Alert, Empty, Spin, Tabs, Typography } from 'antd';
import type { Api, CommandError } from '../api';
import type { SchemeSummary } from '../bindings/SchemeSummary';
import { useI18n } from '../i18n';
import { Scores } from './kpi/Scores';
import { Entry } from './kpi/Entry';
import { Schemes } from './kpi/Schemes';

export function KpiPage({ api, currentPeriod }: { api: Api; currentPeriod: string }) {
  const { t } = useI18n();
  const [schemes, setSchemes] = useState<SchemeSummary[] | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [tab, setTab] = useState('scores');

  useEffect(() => {
    api.kpiSchemes().then(setSchemes, setError);
  }, [api]);

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!schemes) return <Spin />;
  const scheme = schemes[0];
  return (
    <>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('kpi.title')}
        {scheme && (
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400, marginLeft: 12 }}>
            {scheme.name}
          </Typography.Text>
        )}
      </Typography.Title>
      {!scheme ? (
        <Empty description={t('kpi.noScheme')} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'scores', label: <span data-testid="tab-scores">{t('kpi.tab.scores')}</span>, children: <Scores api={api} scheme={scheme} currentPeriod={currentPeriod} /> },
            { key: 'entry', label: <span data-testid="tab-entry">{t('kpi.tab.entry')}</span>, children: <Entry api={api} scheme={scheme} currentPeriod={currentPeriod} /> },
            { key: 'schemes', label: <span data-testid="tab-schemes">{t('kpi.tab.schemes')}</span>, children: <Schemes schemes={schemes} /> },
          ]}
        />
      )}
    </>
  );
}
