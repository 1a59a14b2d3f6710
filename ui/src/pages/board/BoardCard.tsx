import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { Api, CommandError } from '../../api';
import type { FollowupsView } from '../../bindings/FollowupsView';
import type { Board } from '../../bindings/Board';
import type { BoardRow } from '../../bindings/BoardRow';
import type { Check } from '../../bindings/Check';
import type { Light } from '../../bindings/Light';
import type { Signal } from '../../bindings/Signal';
import { useI18n } from '../../i18n';
import { formatPeriod } from '../../format';
import { RaiseFollowup, openFollowup } from './Followups';

/** Most urgent first, as the board sorts its rows. */
const LIGHTS: Light[] = ['red', 'amber', 'missing', 'green'];
const COLORS: Record<Light, string> = { red: 'red', amber: 'orange', missing: 'default', green: 'green' };
const CHECKS: Check[] = ['plans', 'overdue', 'kpi', 'figures', 'submissions', 'docs', 'bundle'];

/**
 * 经营监控: one row per unit with a light per check; hovering a light gives its reason,
 * clicking it opens the page with the records behind it, expanding a row lists every reason.
 * At headquarters a red or amber reason can be followed up (督办) with the unit.
 */
export function BoardCard({
  api,
  onOpen,
  followups = null,
  onRaised = () => undefined,
}: {
  api: Api;
  onOpen: (page: string, id?: string) => void;
  followups?: FollowupsView | null;
  onRaised?: () => void;
}) {
  const { t, lang, label } = useI18n();
  const { message } = App.useApp();
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [only, setOnly] = useState<Light | 'all'>('all');
  const [raise, setRaise] = useState<{ unit: string; unitName: string; signal: Signal } | null>(null);

  useEffect(() => {
    api.board().then(setBoard, setError);
  }, [api]);

  const checks = useMemo(() => CHECKS.filter((c) => board?.rows.some((r) => r.signals.some((s) => s.check === c))), [board]);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!board) return <Card size="small" loading title={t('board.title')} />;

  const count = (l: Light) => board.rows.filter((r) => r.light === l).length;
  const rows = only === 'all' ? board.rows : board.rows.filter((r) => r.light === only);
  const light = (l: Light, testid?: string) => (
    <Tag color={COLORS[l]} data-testid={testid} style={{ marginInlineEnd: 0 }}>
      {label('Light', l)}
    </Tag>
  );
  const cell = (r: BoardRow, c: Check) => {
    const s = r.signals.find((x) => x.check === c);
    if (!s) {
      return (
        <Tooltip title={t('board.notJudged')}>
          <Typography.Text type="secondary">—</Typography.Text>
        </Tooltip>
      );
    }
    return (
      <Tooltip title={s.reason}>
        <a onClick={() => onOpen(s.page, s.open_id ?? undefined)} data-testid={`board-cell-${r.unit_code}-${c}`} aria-label={`${label('Check', c)}：${s.reason}`}>
          {light(s.light)}
        </a>
      </Tooltip>
    );
  };
  const reasons = (r: BoardRow) => (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid={`board-reasons-${r.unit_code}`}>
      {LIGHTS.flatMap((l) => r.signals.filter((s) => s.light === l)).map((s: Signal) => {
        const raised = openFollowup(followups, r.unit_code, s.check);
        const warning = s.light === 'red' || s.light === 'amber';
        return (
          <li key={s.check}>
            {light(s.light)} <Typography.Text strong>{label('Check', s.check)}</Typography.Text>：{s.reason}{' '}
            <a onClick={() => onOpen(s.page, s.open_id ?? undefined)}>{t('board.open')}</a>
            {raised ? (
              <Tag color="purple" style={{ marginInlineStart: 8 }} data-testid={`board-raised-${r.unit_code}-${s.check}`}>
                {t('board.raised')} · {label('FollowupState', raised.state)}
              </Tag>
            ) : (
              followups?.hq &&
              warning && (
                <a style={{ marginInlineStart: 8 }} onClick={() => setRaise({ unit: r.unit_code, unitName: r.unit_name, signal: s })} data-testid={`board-raise-${r.unit_code}-${s.check}`}>
                  {t('board.raise')}
                </a>
              )
            )}
          </li>
        );
      })}
    </ul>
  );
  const exportXlsx = () =>
    api.boardExport(board.as_of).then(
      (path) => void message.success({ content: <span data-testid="xlsx-saved">{t('board.saved', { path })}</span>, duration: 6 }),
      (e: CommandError) => void message.error(e.message),
    );

  return (
    <Card
      size="small"
      data-testid="board"
      title={
        <Space wrap>
          {t('board.title')}
          <Tooltip title={t('board.help')}>
            <QuestionCircleOutlined />
          </Tooltip>
          <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
            {t('board.asOf', { date: board.as_of, last: formatPeriod(board.last_month, lang), month: formatPeriod(board.month, lang) })}
          </Typography.Text>
        </Space>
      }
      extra={
        <Button size="small" icon={<FileExcelOutlined />} onClick={exportXlsx} data-testid="board-export" disabled={board.rows.length === 0}>
          {t('board.export')}
        </Button>
      }
    >
      {board.rows.length === 0 ? (
        <Alert type="info" showIcon title={t('board.none')} />
      ) : (
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Segmented
            data-testid="board-filter"
            value={only}
            onChange={(v) => setOnly(v as Light | 'all')}
            options={[
              { value: 'all', label: t('board.all', { n: board.rows.length }) },
              ...LIGHTS.map((l) => ({ value: l, label: `${label('Light', l)}（${count(l)}）`, disabled: count(l) === 0 })),
            ]}
          />
          <Table<BoardRow>
            size="small"
            rowKey="unit_id"
            dataSource={rows}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('board.empty') }}
            expandable={{ expandedRowRender: reasons }}
            onRow={(r) => ({ 'data-testid': `board-row-${r.unit_code}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: 'unit',
                title: t('board.unit'),
                fixed: 'left',
                render: (_: unknown, r) => (
                  <span>
                    {r.unit_name}
                    <br />
                    <Typography.Text type="secondary">{r.parent_name}</Typography.Text>
                  </span>
                ),
              },
              {
                key: 'light',
                title: t('board.overall'),
                sorter: (a, b) => LIGHTS.indexOf(a.light) - LIGHTS.indexOf(b.light),
                render: (_: unknown, r) => light(r.light, `board-light-${r.unit_code}`),
              },
              ...checks.map((c) => ({
                key: c,
                title: label('Check', c),
                align: 'center' as const,
                sorter: (a: BoardRow, b: BoardRow) => {
                  const at = (r: BoardRow) => LIGHTS.indexOf(r.signals.find((s) => s.check === c)?.light ?? 'green') + (r.signals.some((s) => s.check === c) ? 0 : 4);
                  return at(a) - at(b);
                },
                render: (_: unknown, r: BoardRow) => cell(r, c),
              })),
            ]}
          />
        </Space>
      )}
      <RaiseFollowup
        api={api}
        target={raise}
        today={board.as_of}
        onClose={(raised) => {
          setRaise(null);
          if (raised) onRaised();
        }}
      />
    </Card>
  );
}
