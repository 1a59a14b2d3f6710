import { useRef, useState } from 'react';
import { Alert, Button, Card, Input, List, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import type { Api, CommandError, PickedFile } from '../../api';
import type { LevelEvent } from '../../bindings/LevelEvent';
import type { LevelRun } from '../../bindings/LevelRun';
import type { LevelsReport } from '../../bindings/LevelsReport';
import { useI18n, type MessageKey } from '../../i18n';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Events a manager acts on. */
const FLAGS: LevelEvent[] = ['dismissal_flagged', 'decision_flagged'];
const CHANGES: LevelEvent[] = ['qualified', 'demoted', 'repromoted'];
const EVENT_COLORS: Partial<Record<LevelEvent, string>> = { qualified: 'green', repromoted: 'cyan', demoted: 'orange', dismissal_flagged: 'red', decision_flagged: 'magenta' };

/** The month columns of a figures file's header (to fill the range in). */
function monthsOf(csv: Uint8Array): string[] {
  const head = new TextDecoder().decode(csv.slice(0, 4096)).replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  return head
    .split(',')
    .map((c) => c.trim())
    .filter((c) => MONTH.test(c));
}

/**
 * 销售人员职级: a level table and the people's monthly figures, picked as files, run month by
 * month through seed 002's rules; each person's levels as a row of months, each month's events
 * with the figures and the rule, and what the manager has to act on first.
 */
export function LevelsPage({ api }: { api: Api }) {
  const { t, label, lang } = useI18n();
  const tableRef = useRef<HTMLInputElement>(null);
  const dataRef = useRef<HTMLInputElement>(null);
  const [table, setTable] = useState<PickedFile | null>(null);
  const [data, setData] = useState<PickedFile | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<LevelsReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pick = async (file: File | undefined, set: (f: PickedFile) => void) => {
    if (!file) return;
    set({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  };
  const run = async () => {
    if (!table || !data) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await api.levelsRun(table, data, from.trim(), to.trim()));
    } catch (e) {
      setReport(null);
      setError((e as CommandError).message);
    } finally {
      setBusy(false);
    }
  };

  const notes = (p: LevelRun) => p.months.flatMap((m) => m.notes.map((n) => ({ month: m.month, n })));
  const count = (events: LevelEvent[]) => (report ? report.people.reduce((s, p) => s + notes(p).filter((x) => events.includes(x.n.event)).length, 0) : 0);
  const flagged = report ? report.people.flatMap((p) => notes(p).filter((x) => FLAGS.includes(x.n.event)).map((x) => ({ p, ...x }))) : [];
  const say = (n: { zh: string; en: string }) => (lang === 'zh-CN' ? n.zh : n.en);

  const picker = (key: MessageKey, file: PickedFile | null, ref: React.RefObject<HTMLInputElement | null>, testid: string) => (
    <Space>
      <Typography.Text>{t(key)}</Typography.Text>
      <Button icon={<UploadOutlined />} onClick={() => ref.current?.click()} data-testid={`${testid}-pick`}>
        {t('levels.pick')}
      </Button>
      {file && <Typography.Text data-testid={`${testid}-name`}>{file.name}</Typography.Text>}
    </Space>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('levels.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('levels.subtitle')}</Typography.Text>
      </div>
      <Card size="small">
        <input ref={tableRef} type="file" accept=".toml,text/plain" hidden data-testid="levels-table-input" onChange={(e) => void pick(e.target.files?.[0], setTable).then(() => (e.target.value = ''))} />
        <input
          ref={dataRef}
          type="file"
          accept=".csv,text/csv"
          hidden
          data-testid="levels-data-input"
          onChange={(e) =>
            void pick(e.target.files?.[0], (f) => {
              setData(f);
              const months = monthsOf(f.bytes);
              if (months.length > 0) {
                setFrom(months[0]);
                setTo(months[months.length - 1]);
              }
            }).then(() => (e.target.value = ''))
          }
        />
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap size="large">
            {picker('levels.table', table, tableRef, 'levels-table')}
            {picker('levels.data', data, dataRef, 'levels-data')}
          </Space>
          <Space wrap>
            <Input addonBefore={t('levels.from')} value={from} onChange={(e) => setFrom(e.target.value)} placeholder="2017-01" style={{ width: 200 }} data-testid="levels-from" />
            <Input addonBefore={t('levels.to')} value={to} onChange={(e) => setTo(e.target.value)} placeholder="2017-06" style={{ width: 200 }} data-testid="levels-to" />
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={run} loading={busy} disabled={!table || !data || !MONTH.test(from.trim()) || !MONTH.test(to.trim())} data-testid="levels-run">
              {t('levels.run')}
            </Button>
          </Space>
          <Typography.Text type="secondary">{t('levels.help')}</Typography.Text>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={<span style={{ whiteSpace: 'pre-wrap' }}>{error}</span>} data-testid="levels-error" />}
      {report && (
        <Card
          size="small"
          data-testid="levels-report"
          title={
            <Space wrap>
              {report.table}
              <Tag>{t('levels.people', { n: report.people.length })}</Tag>
              <Tag color="blue">{t('levels.changes', { n: count(CHANGES) })}</Tag>
              <Tag color={flagged.length > 0 ? 'red' : 'default'} data-testid="levels-flag-count">
                {t('levels.flags', { n: flagged.length })}
              </Tag>
            </Space>
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            {flagged.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={t('levels.flagsTitle')}
                data-testid="levels-flags"
                description={
                  <List
                    size="small"
                    dataSource={flagged}
                    renderItem={(x) => (
                      <List.Item>
                        <Tag color={EVENT_COLORS[x.n.event]}>{label('LevelEvent', x.n.event)}</Tag>
                        {x.p.name}（{x.p.code}）：{say(x.n)}
                      </List.Item>
                    )}
                  />
                }
              />
            )}
            <Table<LevelRun>
              size="small"
              rowKey="code"
              dataSource={report.people}
              pagination={report.people.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              onRow={(p) => ({ 'data-testid': `levels-row-${p.code}` }) as React.HTMLAttributes<HTMLElement>}
              expandable={{
                rowExpandable: (p) => notes(p).length > 0,
                expandedRowRender: (p) => (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid={`levels-notes-${p.code}`}>
                    {notes(p).map((x, i) => (
                      <li key={i}>
                        <Tag color={EVENT_COLORS[x.n.event]}>{label('LevelEvent', x.n.event)}</Tag>
                        {say(x.n)}
                      </li>
                    ))}
                  </ul>
                ),
              }}
              columns={[
                { key: 'code', title: t('levels.code'), dataIndex: 'code', fixed: 'left' },
                { key: 'name', title: t('levels.name'), dataIndex: 'name', fixed: 'left' },
                ...report.months.map((m, i) => ({
                  key: m,
                  title: m,
                  align: 'center' as const,
                  render: (_: unknown, p: LevelRun) => {
                    const here = p.months[i];
                    if (!here) return null;
                    const moved = i > 0 && p.months[i - 1].level !== here.level;
                    const flag = here.notes.find((n) => FLAGS.includes(n.event));
                    const tip = [`${here.figure} → ${here.wage}`, ...here.notes.map(say)].join('\n');
                    return (
                      <Tooltip title={<span style={{ whiteSpace: 'pre-wrap' }}>{tip}</span>}>
                        <Tag color={flag ? 'red' : moved ? 'blue' : undefined} data-testid={`levels-cell-${p.code}-${m}`}>
                          {here.level}
                        </Tag>
                      </Tooltip>
                    );
                  },
                })),
              ]}
            />
            {count([...CHANGES, ...FLAGS]) === 0 && <Alert type="info" showIcon title={t('levels.noEvents')} />}
          </Space>
        </Card>
      )}
    </Space>
  );
}
