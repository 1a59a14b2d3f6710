import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import type { Api, CommandError } from '../../api';
import type { KpiScoreView } from '../../bindings/KpiScoreView';
import type { SchemeSummary } from '../../bindings/SchemeSummary';
import type { UnitScore } from '../../bindings/UnitScore';
import { useI18n } from '../../i18n';
import { formatAmount, formatPeriod, windowPeriods } from '../../format';
import { BarChart, HeatMap, LineChart } from '../../components/Charts';
import type { SpecialistRow } from '../../bindings/SpecialistRow';
import type { KpiTrend } from '../../bindings/KpiTrend';
import { Publish } from './Publish';

type Kind = 'month' | 'quarter' | 'year';

export function Scores({ api, scheme, currentPeriod }: { api: Api; scheme: SchemeSummary; currentPeriod: string }) {
  const { t, lang } = useI18n();
  const periods = useMemo(() => windowPeriods(scheme.start, scheme.end), [scheme]);
  const [kind, setKind] = useState<Kind>('month');
  const initialMonth = periods.months.includes(currentPeriod) ? currentPeriod : periods.months[periods.months.length - 1];
  const [period, setPeriod] = useState(initialMonth);
  const [specialists, setSpecialists] = useState<Record<string, SpecialistRow>>({});
  const [cumulative, setCumulative] = useState(false);
  const { message } = App.useApp();
  const pdf = (make: () => Promise<string>) =>
    make().then(
      (path) => void message.success({ content: <span data-testid="pdf-saved">{t('report.saved', { path })}</span>, duration: 6 }),
      (e: CommandError) => void message.error(e.message),
    );
  const [view, setView] = useState<KpiScoreView | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [open, setOpen] = useState<UnitScore | null>(null);
  const [trend, setTrend] = useState<KpiTrend | null>(null);
  const [trendIndicator, setTrendIndicator] = useState(scheme.indicators[0]?.id);

  useEffect(() => {
    setTrend(null);
    if (open) api.kpiTrend(open.unit, scheme.id).then(setTrend, () => setTrend(null));
  }, [api, open, scheme.id]);

  const options = kind === 'month' ? periods.months : kind === 'quarter' ? periods.quarters : periods.years;
  useEffect(() => {
    if (!options.includes(period)) setPeriod(options[options.length - 1]);
  }, [kind]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!options.includes(period)) return;
    setError(null);
    api.kpiScore(period, cumulative, scheme.id).then(setView, (e: CommandError) => {
      setView(null);
      setError(e);
    });
    // Each unit's 系统推广专员, ranked by the unit's total (seed 001's 推广先进专员).
    setSpecialists({});
    if (!cumulative) {
      api.kpiSpecialists(period, scheme.id).then(
        (v) => setSpecialists(Object.fromEntries(v.rows.map((r) => [r.unit, r]))),
        () => setSpecialists({}),
      );
    }
  }, [api, period, cumulative, scheme.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const name = (code: string) => view?.unit_names[code] ?? code;
  const columns: ColumnsType<UnitScore> = [
    { title: t('kpi.rank'), dataIndex: 'rank', width: 64, fixed: 'left', align: 'right', sorter: (a, b) => a.rank - b.rank },
    {
      title: t('kpi.unit'),
      dataIndex: 'unit',
      width: 150,
      fixed: 'left',
      render: (c: string) => {
        const s = specialists[c];
        return (
          <span>
            {name(c)}
            {s?.person_name && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid={`specialist-${c}`}>
                {t('kpi.specialist', { name: s.person_name })}
                {s.put_forward && (
                  <Tag color="gold" style={{ marginInlineStart: 4 }}>
                    {t('kpi.putForward')}
                  </Tag>
                )}
              </Typography.Text>
            )}
          </span>
        );
      },
    },
    {
      title: t('kpi.total'),
      dataIndex: 'total',
      width: 84,
      fixed: 'left',
      align: 'right',
      sorter: (a, b) => Number(a.total) - Number(b.total),
      render: (v: string, u) => <strong data-testid={`total-${u.unit}`}>{v}</strong>,
    },
    // section subtotals (e.g. 运营指标 80 / 重点任务 20), when the scheme has sections
    ...scheme.sections.map((sec) => ({
      key: `section-${sec.id}`,
      title: (
        <span>
          {t('kpi.subtotal', { name: sec.name })}
          <br />
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {t('kpi.points', { n: Number(sec.points) })}
          </Typography.Text>
        </span>
      ),
      width: 100,
      align: 'right' as const,
      render: (_: unknown, u: UnitScore) => <span data-testid={`subtotal-${u.unit}-${sec.id}`}>{u.sections?.[sec.id]}</span>,
    })),
    ...scheme.indicators.map((ind, k) => ({
      key: ind.id,
      title: (
        <span title={ind.note ?? undefined}>
          {ind.name}
          <br />
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {t('kpi.points', { n: Number(ind.points) })}
          </Typography.Text>
        </span>
      ),
      width: 104,
      align: 'right' as const,
      render: (_: unknown, u: UnitScore) => <span data-testid={`score-${u.unit}-${ind.id}`}>{u.indicators[k]?.score}</span>,
    })),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          options={[
            { value: 'month', label: t('kpi.period.month') },
            { value: 'quarter', label: t('kpi.period.quarter') },
            { value: 'year', label: t('kpi.period.year') },
          ]}
        />
        <Select
          data-testid="score-period"
          style={{ width: 170 }}
          value={period}
          onChange={setPeriod}
          options={options.map((p) => ({ value: p, label: formatPeriod(p, lang) }))}
        />
        <Space>
          <Switch checked={cumulative} onChange={setCumulative} />
          {t('kpi.cumulative')}
        </Space>
        <Button icon={<FilePdfOutlined />} onClick={() => void pdf(() => api.reportBulletin(period, scheme.id))} data-testid="bulletin-pdf" disabled={cumulative}>
          {t('report.bulletinPdf')}
        </Button>
        {view && <Typography.Text type="secondary">{t('kpi.months', { months: view.result.months.map((m) => formatPeriod(m, lang)).join('、') })}</Typography.Text>}
      </Space>
      {!cumulative && options.includes(period) && <Publish key={`${scheme.id}-${period}`} api={api} schemeId={scheme.id} period={period} />}
      {error && <Alert type="error" showIcon title={<span style={{ whiteSpace: 'pre-wrap' }}>{error.message}</span>} />}
      {view && view.unscored.length > 0 && (
        // Units whose figures cannot be scored are named with the reasons; the others are ranked.
        <Alert
          type="warning"
          showIcon
          data-testid="unscored"
          title={t('kpi.provisional', { units: view.unscored.map((u) => u.name).join('、') })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {view.unscored.map((u) => (
                <li key={u.unit} data-testid={`unscored-${u.unit}`}>
                  <strong>{u.name}</strong>
                  {t('kpi.unscoredBecause')}
                  {u.reasons.join(lang === 'zh-CN' ? '；' : '; ')}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {view && (
        <>
          <Table<UnitScore>
            size="small"
            rowKey="unit"
            bordered
            pagination={false}
            scroll={{ x: 400 + scheme.indicators.length * 104 }}
            columns={columns}
            dataSource={view.result.units}
            onRow={(u) => ({ onClick: () => setOpen(u), style: { cursor: 'pointer' } })}
            footer={() => <Typography.Text type="secondary">{t('kpi.explainHint')}</Typography.Text>}
          />
          <Space align="start" style={{ width: '100%' }} size="middle">
            <Card size="small" title={t('kpi.chart')} style={{ width: 520 }}>
              <BarChart names={view.result.units.map((u) => name(u.unit))} values={view.result.units.map((u) => Number(u.total))} />
            </Card>
            <Card size="small" title={t('kpi.rewards')} style={{ minWidth: 360 }}>
              {view.result.rewards.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kpi.noRewards')} />
              ) : (
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(r) => `${r.reward}-${r.unit}`}
                  dataSource={view.result.rewards}
                  columns={[
                    { title: t('kpi.reward'), dataIndex: 'reward', render: (id: string) => scheme.rewards.find((r) => r.id === id)?.name ?? id },
                    { title: t('kpi.unit'), dataIndex: 'unit', render: (c: string) => name(c) },
                    { title: t('kpi.amount'), dataIndex: 'amount', align: 'right', render: (a: string) => formatAmount(a) },
                  ]}
                />
              )}
            </Card>
          </Space>
          {view.result.units.length > 1 && (
            <Card size="small" title={t('kpi.heatmap')} extra={<Typography.Text type="secondary">{t('kpi.heatmapHint')}</Typography.Text>}>
              <HeatMap
                rows={view.result.units.map((u) => name(u.unit))}
                columns={scheme.indicators.map((i) => i.name)}
                low={t('kpi.heatmapLow')}
                high={t('kpi.heatmapHigh')}
                cells={view.result.units.flatMap((u, row) =>
                  scheme.indicators.map((ind, column) => {
                    const score = u.indicators.find((x) => x.id === ind.id)?.score ?? '0';
                    const points = Number(ind.points);
                    return { row, column, share: points > 0 ? (Number(score) * 100) / points : 0, text: score };
                  }),
                )}
              />
            </Card>
          )}
        </>
      )}
      <Drawer
        size={560}
        open={open !== null}
        onClose={() => setOpen(null)}
        title={open ? `${name(open.unit)} · ${t('kpi.explain')}` : ''}
        extra={
          open && (
            <Button icon={<FilePdfOutlined />} onClick={() => void pdf(() => api.reportScorecard(open.unit, period, scheme.id))} data-testid="scorecard-pdf">
              {t('report.scorecardPdf')}
            </Button>
          )
        }
      >
        {open && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={3} bordered>
              <Descriptions.Item label={t('kpi.total')}>{open.total}</Descriptions.Item>
              <Descriptions.Item label={t('kpi.rank')}>{open.rank}</Descriptions.Item>
              <Descriptions.Item label={t('kpi.scheme.version')}>{`${scheme.id} v${scheme.version}`}</Descriptions.Item>
            </Descriptions>
            {trend && (
              <Card
                size="small"
                title={t('kpi.trend')}
                extra={
                  <Select
                    size="small"
                    style={{ width: 180 }}
                    value={trendIndicator}
                    onChange={setTrendIndicator}
                    options={trend.indicators.map((i) => ({ value: i.id, label: i.name }))}
                  />
                }
              >
                <LineChart
                  months={trend.months.map((m) => formatPeriod(m, lang))}
                  series={[
                    { name: t('kpi.total'), values: trend.totals.map((v) => (v === null ? null : Number(v))) },
                    ...trend.indicators
                      .filter((i) => i.id === trendIndicator)
                      .map((i) => ({ name: i.name, values: i.scores.map((v) => (v === null ? null : Number(v))) })),
                  ]}
                />
              </Card>
            )}
            {open.indicators.map((s, k) => (
              <Card key={s.id} size="small" title={`${scheme.indicators[k]?.name ?? s.id}：${s.score}`} data-testid={`explain-${s.id}`}>
                <Descriptions size="small" column={1}>
                  {s.value !== null && <Descriptions.Item label={t('kpi.value')}>{s.value}</Descriptions.Item>}
                  <Descriptions.Item label={t('kpi.formula')}>{lang === 'zh-CN' ? s.explain?.formula_zh : s.explain?.formula}</Descriptions.Item>
                  <Descriptions.Item label={t('kpi.inputs')}>
                    {Object.entries(s.explain?.inputs ?? {}).map(([k2, v]) => `${k2} = ${v}`).join('；')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('kpi.steps')}>
                    <ol style={{ margin: 0, paddingLeft: 18 }}>
                      {((lang === 'zh-CN' ? s.explain?.steps_zh : s.explain?.steps) ?? []).map((st, i) => (
                        <li key={i}>{st}</li>
                      ))}
                    </ol>
                  </Descriptions.Item>
                </Descriptions>
              </Card>
            ))}
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
