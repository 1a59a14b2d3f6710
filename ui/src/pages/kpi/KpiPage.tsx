import { useCallback, useEffect, useState } from 'react';
import { Alert, Empty, Select, Space, Spin, Tabs, Typography } from 'antd';
import type { Api, CommandError } from '../../api';
import type { SchemeSummary } from '../../bindings/SchemeSummary';
import { useI18n } from '../../i18n';
import { Scores } from './Scores';
import { Entry } from './Entry';
import { Schemes } from './Schemes';
import { Payouts } from './Payouts';
import { Answers } from './Answers';
import { useGuard } from '../../unsaved';

/** `openTab`: a tab to open at first (the home page's 考核结果 lines open 结果确认与申诉). */
export function KpiPage({ api, currentPeriod, openTab }: { api: Api; currentPeriod: string; openTab?: string }) {
  const { t } = useI18n();
  const [schemes, setSchemes] = useState<SchemeSummary[] | null>(null);
  const [selected, setSelected] = useState<string | undefined>();
  const [error, setError] = useState<CommandError | null>(null);
  const [tab, setTab] = useState(openTab ?? 'scores');
  const guard = useGuard();

  const load = useCallback(() => {
    api.kpiSchemes().then((list) => {
      setSchemes(list);
      setSelected((s) => (s && list.some((x) => x.id === s) ? s : list[0]?.id));
    }, setError);
  }, [api]);
  useEffect(load, [load]);

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!schemes) return <Spin />;
  const scheme = schemes.find((s) => s.id === selected);
  const library = <Schemes api={api} schemes={schemes} onAdded={load} />;
  return (
    <>
      <Space style={{ marginBottom: 4 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('kpi.title')}
        </Typography.Title>
        {schemes.length > 0 && (
          <Select
            style={{ minWidth: 320 }}
            value={selected}
            onChange={setSelected}
            options={schemes.map((s) => ({ value: s.id, label: `${s.name}（v${s.version}）` }))}
          />
        )}
      </Space>
      {!scheme ? (
        <>
          <Empty description={t('kpi.noScheme')} />
          {library}
        </>
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => guard(() => setTab(k))}
          destroyOnHidden
          items={[
            { key: 'scores', label: <span data-testid="tab-scores">{t('kpi.tab.scores')}</span>, children: <Scores key={scheme.id} api={api} scheme={scheme} currentPeriod={currentPeriod} /> },
            { key: 'entry', label: <span data-testid="tab-entry">{t('kpi.tab.entry')}</span>, children: <Entry key={scheme.id} api={api} scheme={scheme} currentPeriod={currentPeriod} /> },
            { key: 'answers', label: <span data-testid="tab-answers">{t('kpi.tab.answers')}</span>, children: <Answers api={api} /> },
            { key: 'payouts', label: <span data-testid="tab-payouts">{t('kpi.tab.payouts')}</span>, children: <Payouts api={api} /> },
            { key: 'schemes', label: <span data-testid="tab-schemes">{t('kpi.tab.schemes')}</span>, children: library },
          ]}
        />
      )}
    </>
  );
}
