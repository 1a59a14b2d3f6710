import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Descriptions, Empty, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import type { Api, CommandError } from '../../api';
import type { AnswerState } from '../../bindings/AnswerState';
import type { ResultView } from '../../bindings/ResultView';
import type { ResultsView } from '../../bindings/ResultsView';
import { useI18n } from '../../i18n';
import { formatAmount, formatPeriod } from '../../format';

const COLORS: Record<AnswerState, string> = {
  open: 'blue',
  superseded: 'default',
  lapsed: 'default',
  confirmed: 'green',
  appealed: 'orange',
  upheld: 'green',
  refused: 'red',
};

type Ask = { row: ResultView; kind: 'appeal' | 'rule'; indicator?: string; text: string; upheld: boolean; files: File[] } | null;

/**
 * 结果确认与申诉: at a unit, headquarters' results to confirm or appeal within the window; at
 * headquarters, every unit's answer and the appeals to rule on within ten working days.
 */
export function Answers({ api }: { api: Api }) {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [data, setData] = useState<ResultsView | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [ask, setAsk] = useState<Ask>(null);
  const [open, setOpen] = useState<ResultView | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    api.kpiResults().then(setData, setError);
  }, [api]);
  useEffect(load, [load]);

  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!data) return null;
  const fail = (e: CommandError) => void message.error({ content: <span data-testid="answer-error">{e.message}</span>, duration: 8 });
  const confirm = (r: ResultView) =>
    modal.confirm({
      title: t('kpi.answers.confirmTitle', { unit: r.unit_name, period: formatPeriod(r.period, lang), version: r.version }),
      content: t('kpi.answers.confirmText'),
      okText: t('kpi.answers.confirm'),
      onOk: () =>
        api.kpiAnswer({ result_id: r.id, appeal: false, indicator: '', reason: '' }).then(() => {
          load();
          void message.success(t('kpi.answers.confirmed'));
        }, fail),
    });
  const submit = async () => {
    if (!ask) return;
    const files = await Promise.all(ask.files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const p =
      ask.kind === 'appeal'
        ? api.kpiAppeal({ result_id: ask.row.id, appeal: true, indicator: ask.indicator ?? '', reason: ask.text }, files)
        : api.kpiRule({ response_id: ask.row.response_id ?? '', upheld: ask.upheld, comment: ask.text });
    p.then(() => {
      setAsk(null);
      load();
      void message.success(ask.kind === 'appeal' ? t('kpi.answers.appealed') : t('kpi.answers.ruled'));
    }, fail);
  };
  const indicatorName = (r: ResultView) => r.scores.find((s) => s.id === r.indicator)?.name ?? r.indicator;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{data.hq ? t('kpi.answers.introHq') : t('kpi.answers.introUnit')}</Typography.Text>
      {data.rows.length === 0 ? (
        <Empty description={data.hq ? t('kpi.answers.noneHq') : t('kpi.answers.noneUnit')} />
      ) : (
        <Table<ResultView>
          size="small"
          rowKey="id"
          bordered
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={data.rows}
          data-testid="answers-table"
          onRow={(r) => ({ onDoubleClick: () => setOpen(r) })}
          columns={[
            { title: t('kpi.payouts.period'), dataIndex: 'period', width: 160, render: (p: string, r) => `${formatPeriod(p, lang)} · v${r.version}` },
            { title: t('kpi.unit'), dataIndex: 'unit_name', width: 140 },
            { title: t('kpi.total'), dataIndex: 'total', width: 80, align: 'right' },
            { title: t('kpi.rank'), key: 'rank', width: 80, align: 'right', render: (_: unknown, r) => `${r.rank} / ${r.ranked}` },
            { title: t('kpi.amount'), dataIndex: 'reward', width: 110, align: 'right', render: (a: string) => (Number(a) ? formatAmount(a) : '—') },
            { title: t('kpi.answers.until'), dataIndex: 'respond_by', width: 110 },
            {
              title: t('kpi.answers.state'),
              key: 'state',
              render: (_: unknown, r) => (
                <Space orientation="vertical" size={2}>
                  <Tag color={COLORS[r.state]} data-testid={`answer-state-${r.unit}-${r.period}-${r.version}`}>
                    {t(`kpi.answers.state.${r.state}`)}
                  </Tag>
                  {r.indicator && <Typography.Text type="secondary">{t('kpi.answers.appealOn', { indicator: indicatorName(r), reason: r.appeal })}</Typography.Text>}
                  {r.state === 'appealed' && r.ruling_due && <Typography.Text type="warning">{t('kpi.answers.ruleBy', { day: r.ruling_due })}</Typography.Text>}
                  {r.evidence.map((e) => (
                    <Button
                      key={e.id}
                      size="small"
                      type="link"
                      icon={<PaperClipOutlined />}
                      style={{ padding: 0, height: 'auto' }}
                      data-testid={`evidence-${e.name}`}
                      onClick={() =>
                        api.kpiEvidenceSave(e.id).then(
                          (path) => void message.success({ content: <span data-testid="evidence-saved">{t('report.saved', { path })}</span>, duration: 6 }),
                          fail,
                        )
                      }
                    >
                      {`${e.name}（${(e.size / 1024).toFixed(0)} KB）`}
                    </Button>
                  ))}
                  {r.ruling && <Typography.Text type="secondary">{t('kpi.answers.ruling', { text: r.ruling })}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: '',
              key: 'act',
              width: 170,
              render: (_: unknown, r) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setOpen(r)}>
                    {t('kpi.answers.details')}
                  </Button>
                  {!data.hq && r.state === 'open' && (
                    <>
                      <Button size="small" data-testid={`answer-confirm-${r.unit}-${r.period}`} onClick={() => confirm(r)}>
                        {t('kpi.answers.confirm')}
                      </Button>
                      <Button size="small" data-testid={`answer-appeal-${r.unit}-${r.period}`} onClick={() => setAsk({ row: r, kind: 'appeal', text: '', upheld: false, files: [] })}>
                        {t('kpi.answers.appeal')}
                      </Button>
                    </>
                  )}
                  {data.hq && r.state === 'appealed' && (
                    <Button size="small" type="primary" data-testid={`answer-rule-${r.unit}-${r.period}`} onClick={() => setAsk({ row: r, kind: 'rule', text: '', upheld: false, files: [] })}>
                      {t('kpi.answers.rule')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal open={open !== null} footer={null} onCancel={() => setOpen(null)} width={640} title={open ? `${open.unit_name} · ${formatPeriod(open.period, lang)} · v${open.version}` : ''}>
        {open && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('kpi.total')}>{open.total}</Descriptions.Item>
              <Descriptions.Item label={t('kpi.rank')}>{`${open.rank} / ${open.ranked}`}</Descriptions.Item>
              <Descriptions.Item label={t('kpi.answers.publishedBy')} span={2}>{`${open.published_by} · ${open.published_at.slice(0, 10)}`}</Descriptions.Item>
              {open.reason && <Descriptions.Item label={t('kpi.answers.correction')} span={2}>{open.reason}</Descriptions.Item>}
            </Descriptions>
            <Table size="small" rowKey="id" pagination={false} dataSource={open.scores} columns={[
              { title: t('kpi.answers.indicator'), dataIndex: 'name' },
              { title: t('kpi.value'), dataIndex: 'value', align: 'right', render: (v: string | null) => v ?? '—' },
              { title: t('kpi.answers.score'), dataIndex: 'score', align: 'right' },
            ]} />
          </Space>
        )}
      </Modal>
      <Modal
        open={ask !== null}
        title={ask ? (ask.kind === 'appeal' ? t('kpi.answers.appealTitle', { unit: ask.row.unit_name, period: formatPeriod(ask.row.period, lang) }) : t('kpi.answers.ruleTitle', { unit: ask.row.unit_name, period: formatPeriod(ask.row.period, lang) })) : ''}
        okText={ask?.kind === 'appeal' ? t('kpi.answers.appeal') : t('kpi.answers.rule')}
        okButtonProps={{ 'data-testid': 'answer-ok' } as ButtonProps}
        onOk={() => void submit()}
        onCancel={() => setAsk(null)}
        destroyOnHidden
      >
        {ask?.kind === 'appeal' && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary">{t('kpi.answers.appealText', { until: ask.row.respond_by })}</Typography.Paragraph>
            <Select
              style={{ width: '100%' }}
              data-testid="answer-indicator"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('kpi.answers.indicator')}
              value={ask.indicator}
              onChange={(v) => setAsk({ ...ask, indicator: v })}
              options={ask.row.scores.map((s) => ({ value: s.id, label: `${s.name}（${s.score}）` }))}
            />
            <Input.TextArea rows={4} maxLength={2000} data-testid="answer-text" placeholder={t('kpi.answers.reason')} value={ask.text} onChange={(e) => setAsk({ ...ask, text: e.target.value })} />
            <input
              ref={fileRef}
              type="file"
              multiple
              hidden
              data-testid="answer-file-input"
              onChange={(e) => {
                const picked = Array.from(e.target.files ?? []);
                setAsk((x) => (x ? { ...x, files: [...x.files, ...picked].slice(0, 5) } : x));
                e.target.value = '';
              }}
            />
            <Button icon={<UploadOutlined />} data-testid="answer-files" disabled={ask.files.length >= 5} onClick={() => fileRef.current?.click()}>
              {t('kpi.answers.evidence')}
            </Button>
            {ask.files.length > 0 && (
              <ul data-testid="answer-file-list" style={{ margin: 0, paddingInlineStart: 18 }}>
                {ask.files.map((f, i) => (
                  <li key={`${f.name}-${i}`}>
                    {`${f.name}（${(f.size / 1024).toFixed(0)} KB）`}
                    <Button size="small" type="link" onClick={() => setAsk((x) => (x ? { ...x, files: x.files.filter((_, j) => j !== i) } : x))}>
                      {t('kpi.answers.removeFile')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </Space>
        )}
        {ask?.kind === 'rule' && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>{t('kpi.answers.appealOn', { indicator: indicatorName(ask.row), reason: ask.row.appeal })}</Typography.Paragraph>
            <Radio.Group value={ask.upheld} onChange={(e) => setAsk({ ...ask, upheld: e.target.value as boolean })} data-testid="answer-verdict">
              <Radio value={true}>{t('kpi.answers.uphold')}</Radio>
              <Radio value={false}>{t('kpi.answers.refuse')}</Radio>
            </Radio.Group>
            <Input.TextArea rows={4} maxLength={2000} data-testid="answer-text" placeholder={t('kpi.answers.grounds')} value={ask.text} onChange={(e) => setAsk({ ...ask, text: e.target.value })} />
            {ask.upheld && <Alert type="info" showIcon title={t('kpi.answers.upheldNext')} />}
          </Space>
        )}
      </Modal>
    </Space>
  );
}
