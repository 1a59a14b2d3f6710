// 报表: the PDF reports in one place (scorecard, bulletin, minutes, plan, org chart). Each card picks what the report is about and saves the
// PDF to the download folder, saying where it went.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Input, Row, Select, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { FilePdfOutlined } from '@ant-design/icons';
import type { Api, CommandError } from '../../api';
import type { SchemeSummary } from '../../bindings/SchemeSummary';
import type { MeetingRow } from '../../bindings/MeetingRow';
import { useI18n } from '../../i18n';
import { formatPeriod, windowPeriods } from '../../format';

export function ReportsPage({ api, currentPeriod }: { api: Api; currentPeriod: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [schemes, setSchemes] = useState<SchemeSummary[] | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [schemeId, setSchemeId] = useState<string>();
  const [units, setUnits] = useState<Record<string, string>>({});
  const [unit, setUnit] = useState<string>();
  const [period, setPeriod] = useState<string>();
  const [bulletinPeriod, setBulletinPeriod] = useState<string>();
  const [busy, setBusy] = useState<string | null>(null);
  const [meetings, setMeetings] = useState<MeetingRow[]>([]);
  const [meetingId, setMeetingId] = useState<string>();
  const [planUnits, setPlanUnits] = useState<{ id: string; name: string }[]>([]);
  const [planUnit, setPlanUnit] = useState<string>();
  const [planPeriod, setPlanPeriod] = useState(currentPeriod.slice(0, 4));
  // The analysis is written in the month after: by default of the month before this one.
  const [analysisMonth, setAnalysisMonth] = useState(dayjs(`${currentPeriod}-01`).subtract(1, 'month'));

  useEffect(() => {
    api.minutesList().then((rows) => {
      setMeetings(rows);
      setMeetingId((m) => m ?? rows.find((r) => r.status === 'final')?.id);
    }, () => setMeetings([]));
    Promise.all([api.plans(), api.orgSnapshot()]).then(([plans, snap]) => {
      const withPlans = new Set(plans.map((p) => p.unit_id));
      const list = snap.units.filter((u) => withPlans.has(u.id) && u.kind !== 'department').map((u) => ({ id: u.id, name: u.name }));
      setPlanUnits(list);
      setPlanUnit((u) => u ?? list[0]?.id);
    }, () => setPlanUnits([]));
  }, [api]);

  useEffect(() => {
    api.kpiSchemes().then((list) => {
      setSchemes(list);
      setSchemeId(list[0]?.id);
    }, setError);
  }, [api]);
  const scheme = schemes?.find((s) => s.id === schemeId);
  const periods = useMemo(() => (scheme ? windowPeriods(scheme.start, scheme.end) : null), [scheme]);
  const all = periods ? [...periods.months, ...periods.quarters, ...periods.years] : [];

  useEffect(() => {
    if (!periods) return;
    const month = periods.months.includes(currentPeriod) ? currentPeriod : periods.months[periods.months.length - 1];
    setPeriod(month);
    setBulletinPeriod(periods.quarters[periods.quarters.length - 1]);
    api.kpiScore(month, false, schemeId).then((v) => {
      setUnits(v.unit_names);
      setUnit((u) => u ?? Object.keys(v.unit_names)[0]);
    }, setError);
  }, [api, periods, currentPeriod, schemeId]);

  const save = async (key: string, make: () => Promise<string>) => {
    setBusy(key);
    try {
      const path = await make();
      void message.success({ content: <span data-testid="pdf-saved">{t('report.saved', { path })}</span>, duration: 6 });
    } catch (e) {
      void message.error((e as CommandError).message);
    } finally {
      setBusy(null);
    }
  };

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!schemes) return <Spin />;
  const periodOptions = all.map((p) => ({ value: p, label: formatPeriod(p, lang) }));
  return (
    <>
      <div className="bd-page-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('report.title')}
        </Typography.Title>
        {schemes.length > 1 && (
          <Select style={{ minWidth: 300 }} value={schemeId} onChange={setSchemeId} options={schemes.map((s) => ({ value: s.id, label: s.name }))} />
        )}
      </div>
      {!scheme ? (
        <Empty description={t('report.noScheme')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('report.analysis')} data-testid="card-analysis">
              <Typography.Paragraph type="secondary">{t('report.analysisHelp')}</Typography.Paragraph>
              <Space wrap>
                <DatePicker picker="month" allowClear={false} value={analysisMonth} onChange={(d) => d && setAnalysisMonth(d)} data-testid="analysis-month" />
                <Button
                  type="primary"
                  icon={<FilePdfOutlined />}
                  loading={busy === 'analysis'}
                  onClick={() => void save('analysis', () => api.reportAnalysis(analysisMonth.format('YYYY-MM')))}
                  data-testid="report-analysis"
                >
                  {t('report.export')}
                </Button>
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('report.scorecard')} data-testid="card-scorecard">
              <Typography.Paragraph type="secondary">{t('report.scorecardHelp')}</Typography.Paragraph>
              <Space wrap>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: 200 }}
                  value={unit}
                  onChange={setUnit}
                  options={Object.entries(units).map(([code, name]) => ({ value: code, label: name }))}
                />
                <Select style={{ width: 170 }} value={period} onChange={setPeriod} options={periodOptions} />
                <Button
                  type="primary"
                  icon={<FilePdfOutlined />}
                  loading={busy === 'scorecard'}
                  disabled={!unit || !period}
                  onClick={() => void save('scorecard', () => api.reportScorecard(unit ?? '', period ?? '', schemeId))}
                  data-testid="report-scorecard"
                >
                  {t('report.export')}
                </Button>
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('report.bulletin')} data-testid="card-bulletin">
              <Typography.Paragraph type="secondary">{t('report.bulletinHelp')}</Typography.Paragraph>
              <Space wrap>
                <Select style={{ width: 170 }} value={bulletinPeriod} onChange={setBulletinPeriod} options={periodOptions} />
                <Button
                  type="primary"
                  icon={<FilePdfOutlined />}
                  loading={busy === 'bulletin'}
                  disabled={!bulletinPeriod}
                  onClick={() => void save('bulletin', () => api.reportBulletin(bulletinPeriod ?? '', schemeId))}
                  data-testid="report-bulletin"
                >
                  {t('report.export')}
                </Button>
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('report.minutes')} data-testid="card-minutes">
              <Typography.Paragraph type="secondary">{t('report.minutesHelp')}</Typography.Paragraph>
              <Space wrap>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: 320 }}
                  value={meetingId}
                  onChange={setMeetingId}
                  options={meetings.map((m) => ({ value: m.id, label: `${m.held_at.slice(0, 10)} ${m.title}` }))}
                  notFoundContent={t('minutes.empty')}
                />
                <Button
                  type="primary"
                  icon={<FilePdfOutlined />}
                  loading={busy === 'minutes'}
                  disabled={!meetingId}
                  onClick={() => void save('minutes', () => api.reportMinutes(meetingId ?? ''))}
                  data-testid="report-minutes"
                >
                  {t('report.export')}
                </Button>
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('report.plan')} data-testid="card-plan">
              <Typography.Paragraph type="secondary">{t('report.planHelp')}</Typography.Paragraph>
              <Space wrap>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  style={{ width: 200 }}
                  value={planUnit}
                  onChange={setPlanUnit}
                  options={planUnits.map((u) => ({ value: u.id, label: u.name }))}
                />
                <Input style={{ width: 110 }} value={planPeriod} onChange={(e) => setPlanPeriod(e.target.value.trim())} placeholder="2016 / 2016-Q4" />
                <Button
                  type="primary"
                  icon={<FilePdfOutlined />}
                  loading={busy === 'plan'}
                  disabled={!planUnit || !planPeriod}
                  onClick={() => void save('plan', () => api.reportPlan(planUnit ?? '', planPeriod))}
                  data-testid="report-plan"
                >
                  {t('report.export')}
                </Button>
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('report.orgchart')} data-testid="card-orgchart">
              <Typography.Paragraph type="secondary">{t('report.orgchartHelp')}</Typography.Paragraph>
              <Button icon={<FilePdfOutlined />} loading={busy === 'orgchart'} onClick={() => void save('orgchart', () => api.reportOrgchart())} data-testid="report-orgchart">
                {t('report.export')}
              </Button>
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
