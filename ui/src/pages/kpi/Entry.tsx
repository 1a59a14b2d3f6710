import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Modal, DatePicker, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { Api } from '../../api';
import { CommandError } from '../../api';
import type { EntryGrid } from '../../bindings/EntryGrid';
import type { UnitRef } from '../../bindings/UnitRef';
import type { SchemeSummary } from '../../bindings/SchemeSummary';
import { useI18n } from '../../i18n';
import { useGuard, useUnsaved } from '../../unsaved';
import { formatTime } from '../../format';

type Edits = Record<string, string>; // `${unit}\t${metric}` → typed text
const key = (unit: string, metric: string) => `${unit}\t${metric}`;

/** Splits text copied from Excel (tab-separated rows) into cells. */
export function parseClipboard(text: string): string[][] {
  const rows = text.replace(/\r/g, '').split('\n');
  if (rows.length > 1 && rows[rows.length - 1] === '') rows.pop();
  return rows.map((r) => r.split('\t').map((c) => c.trim()));
}

/** On hover, who changed the figure and when (loaded when first shown). */
function HistoryTip({ api, unit, period, metric, children }: { api: Api; unit: string; period: string; metric: string; children: React.ReactNode }) {
  const { t } = useI18n();
  const [text, setText] = useState<React.ReactNode>(null);
  const load = (visible: boolean) => {
    if (!visible || text) return;
    api.kpiHistory(unit, period, metric).then(
      (h) =>
        setText(
          h.length === 0
            ? t('kpi.entry.noHistory')
            : h.slice(0, 5).map((c, i) => (
                <div key={i}>{t('kpi.entry.change', { at: formatTime(c.at), by: c.by, old: c.old ?? '—', new: c.new })}</div>
              )),
        ),
      () => setText(null),
    );
  };
  return (
    <Tooltip title={text} mouseEnterDelay={0.6} onOpenChange={load}>
      <span style={{ display: 'block' }}>{children}</span>
    </Tooltip>
  );
}

export function Entry({ api, scheme, currentPeriod }: { api: Api; scheme: SchemeSummary; currentPeriod: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState(currentPeriod);
  const [grid, setGrid] = useState<EntryGrid | null>(null);
  const [edits, setEdits] = useState<Edits>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<CommandError | null>(null);

  /** Reloads the month; `keepEdits` keeps what was typed and not saved yet (after an import). */
  const load = useCallback(
    (keepEdits = false) => {
      api.kpiEntry(month, scheme.id).then(
        (g) => {
          setGrid(g);
          if (!keepEdits) {
            setEdits({});
            setErrors({});
          }
          setLoadError(null);
        },
        (e: CommandError) => setLoadError(e),
      );
    },
    [api, month, scheme.id],
  );
  useEffect(() => load(), [load]);

  const original = (unit: string, metric: string) => grid?.values[unit]?.[metric] ?? '';
  const shown = (unit: string, metric: string) => edits[key(unit, metric)] ?? original(unit, metric);
  const dirty = useMemo(
    () => Object.entries(edits).filter(([k, v]) => {
      const [u, m] = k.split('\t');
      return v !== (grid?.values[u]?.[m] ?? '');
    }),
    [edits, grid],
  );
  useUnsaved('kpi-entry', dirty.length > 0);
  const guard = useGuard();

  const setCell = (unit: string, metric: string, value: string) => {
    setEdits((e) => ({ ...e, [key(unit, metric)]: value }));
    setErrors((e) => {
      const { [key(unit, metric)]: _, ...rest } = e;
      return rest;
    });
  };

  const save = useCallback(async () => {
    if (dirty.length === 0) {
      void message.info(t('kpi.entry.nothing'));
      return;
    }
    const cells = dirty.map(([k, value]) => {
      const [unit, metric] = k.split('\t');
      return { unit, metric, value };
    });
    try {
      const r = await api.kpiSave(month, cells, scheme.id);
      void message.success(t('kpi.entry.saved', { changed: r.changed, unchanged: r.unchanged }));
      load();
    } catch (e) {
      const err = e as CommandError;
      if (err.cells) {
        setErrors(Object.fromEntries(err.cells.map((c) => [key(c.unit, c.metric), c.message])));
        void message.error(t('kpi.entry.invalid'));
      } else void message.error(err.message);
    }
  }, [api, dirty, load, message, month, scheme.id, t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const focusCell = (r: number, c: number) => {
    const el = document.querySelector<HTMLElement>(`[data-cell="${r}:${c}"]`);
    el?.focus();
  };

  /** Paste from Excel: fills from this cell rightwards and downwards; a header row is skipped. */
  const onPaste = (r: number, c: number) => (e: React.ClipboardEvent) => {
    if (!grid) return;
    const text = e.clipboardData.getData('text');
    if (!/[\t\n]/.test(text)) return;
    e.preventDefault();
    let rows = parseClipboard(text);
    const names = new Set(grid.metrics.flatMap((m) => [m.id, m.name]));
    if (rows.length > 1 && rows[0].some((cell) => names.has(cell))) rows = rows.slice(1);
    const next: Edits = {};
    rows.forEach((row, i) =>
      row.forEach((value, j) => {
        const unit = grid.units[r + i];
        const metric = grid.metrics[c + j];
        if (unit && metric) next[key(unit.code, metric.id)] = value;
      }),
    );
    setEdits((old) => ({ ...old, ...next }));
  };

  const fileInput = useRef<HTMLInputElement>(null);
  const importFile = async (file: File) => {
    try {
      const r = await api.kpiImport(file.name, new Uint8Array(await file.arrayBuffer()));
      void message.success(t('kpi.entry.imported', { changed: r.changed, unchanged: r.unchanged }));
      load(true);
    } catch (e) {
      Modal.error({ title: t('kpi.entry.importFailed'), content: <div style={{ whiteSpace: 'pre-wrap', maxHeight: 360, overflow: 'auto' }}>{(e as CommandError).message}</div>, width: 560 });
    }
  };

  if (loadError) return <Alert type="error" showIcon title={loadError.message} />;

  // The first wrong cell in reading order (row by row, then column by column).
  const firstError = (grid?.units ?? [])
    .flatMap((u) => (grid?.metrics ?? []).map((m) => key(u.code, m.id)))
    .find((k) => k in errors);
  const columns: ColumnsType<UnitRef> = [
    { title: t('kpi.unit'), dataIndex: 'name', width: 140, fixed: 'left' },
    ...(grid?.metrics ?? []).map((m, c) => ({
      key: m.id,
      title: <span title={m.id}>{m.name}</span>,
      width: m.grades ? 120 : 110,
      render: (_: unknown, u: UnitRef, r: number) => {
        const k = key(u.code, m.id);
        const value = shown(u.code, m.id);
        const changed = k in edits && edits[k] !== original(u.code, m.id);
        const error = errors[k];
        const style = { background: error ? '#fff1f0' : changed ? '#fffbe6' : undefined, textAlign: 'right' as const };
        const cell = m.grades ? (
          <Select
            className={changed && !error ? 'cell-changed' : undefined}
            data-cell={`${r}:${c}`}
            data-testid={`cell-${u.code}-${m.id}`}
            value={value || undefined}
            onChange={(v: string) => setCell(u.code, m.id, v)}
            options={m.grades.map((g) => ({ value: g, label: g }))}
            status={error ? 'error' : undefined}
            style={{ width: '100%' }}
            size="small"
          />
        ) : (
          <Input
            data-cell={`${r}:${c}`}
            data-testid={`cell-${u.code}-${m.id}`}
            size="small"
            value={value}
            status={error ? 'error' : undefined}
            style={style}
            inputMode="decimal"
            onChange={(e) => setCell(u.code, m.id, e.target.value)}
            onPaste={onPaste(r, c)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                focusCell(e.shiftKey ? r - 1 : r + 1, c);
              }
            }}
          />
        );
        // Only the first wrong cell's message stays open (neighbours' would overlap); the
        // others show theirs on hover, and every wrong cell is outlined in red.
        return error ? (
          <Tooltip title={error} open={k === firstError ? true : undefined}>
            {cell}
          </Tooltip>
        ) : (
          <HistoryTip api={api} unit={u.code} period={month} metric={m.id}>
            {cell}
          </HistoryTip>
        );
      },
    })),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {t('kpi.entry.month')}
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && guard(() => setMonth(d.format('YYYY-MM')))}
        />
        <Button type="primary" onClick={() => void save()} data-testid="entry-save">
          {t('kpi.entry.save')}
        </Button>
        <Button onClick={() => fileInput.current?.click()} data-testid="entry-import">
          {t('kpi.entry.import')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,.xlsx,.xls,.ods"
          style={{ display: 'none' }}
          data-testid="entry-import-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importFile(f);
          }}
        />
        <Button onClick={() => load()} disabled={dirty.length === 0} data-testid="entry-reload">
          {t('kpi.entry.discard')}
        </Button>
        {dirty.length > 0 && <Tag color="gold">{t('kpi.entry.dirty', { n: dirty.length })}</Tag>}
        <Typography.Text type="secondary">{t('kpi.entry.hint')}</Typography.Text>
      </Space>
      <Table<UnitRef>
        size="small"
        bordered
        rowKey="code"
        pagination={false}
        loading={!grid}
        scroll={{ x: 140 + (grid?.metrics.length ?? 0) * 112, y: 'calc(100vh - 280px)' }}
        columns={columns}
        dataSource={grid?.units ?? []}
      />
    </Space>
  );
}
