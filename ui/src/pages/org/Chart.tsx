// The drawn org chart: SVG boxes laid out by layout.ts, pan by dragging, zoom with the wheel
// or the buttons, collapse and expand per node, and search that opens the path to a person
// and centres on them. Only boxes inside the visible area are drawn, so a chart of thousands
// of nodes stays smooth.
import { useEffect, useMemo, useRef, useState } from 'react';
import { AutoComplete, Button, Input, Space, Tooltip } from 'antd';
import { CompressOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import type { OrgNode } from '../../bindings/OrgNode';
import { useI18n } from '../../i18n';
import { ancestors, BOX_H, BOX_W, buildTree, collapseBelow, layout } from './layout';

interface View {
  x: number;
  y: number;
  k: number;
}

const MAX_OPEN = 400;

export function OrgChart({ nodes, onOpen }: { nodes: OrgNode[]; onOpen: (n: OrgNode) => void }) {
  const { t } = useI18n();
  const tree = useMemo(() => buildTree(nodes), [nodes]);
  const [collapsed, setCollapsed] = useState<Set<string>>(() =>
    nodes.length > MAX_OPEN ? collapseBelow(tree, 2) : new Set(),
  );
  const [highlight, setHighlight] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [view, setView] = useState<View>({ x: 24, y: 24, k: 1 });
  const [size, setSize] = useState({ w: 1000, h: 600 });
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);
  const pendingFocus = useRef<string | null>(null);

  useEffect(() => {
    setCollapsed(nodes.length > MAX_OPEN ? collapseBelow(tree, 2) : new Set());
  }, [tree, nodes.length]);

  const drawn = useMemo(() => layout(tree, collapsed), [tree, collapsed]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Before the first layout pass (and in tests) the box has no size: assume a window's.
    const measure = () => setSize({ w: el.clientWidth || 1200, h: el.clientHeight || 800 });
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    measure();
    return () => ro.disconnect();
  }, []);

  // First view: the top of the chart, centred on the first root.
  const placed = useRef(false);
  useEffect(() => {
    if (placed.current || size.w === 0) return;
    const root = drawn.boxes.find((b) => b.node.parent === null || !tree.byId.has(b.node.parent));
    if (!root) return;
    placed.current = true;
    setView({ k: 1, x: size.w / 2 - (root.x + BOX_W / 2), y: 24 });
  }, [drawn, size, tree]);

  // Centre on a node once the layout that shows it exists.
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const b = drawn.boxes.find((x) => x.node.id === id);
    if (!b) return;
    pendingFocus.current = null;
    const k = 1;
    setView({ k, x: size.w / 2 - (b.x + BOX_W / 2) * k, y: size.h / 2 - (b.y + BOX_H / 2) * k });
  }, [drawn, size]);

  const focus = (id: string) => {
    const up = ancestors(tree, id);
    setCollapsed((c) => {
      const next = new Set(c);
      for (const a of up) next.delete(a);
      return next;
    });
    setHighlight(id);
    pendingFocus.current = id;
  };

  const fit = () => {
    const k = Math.min(1, Math.max(0.05, Math.min((size.w - 48) / (drawn.width || 1), (size.h - 48) / (drawn.height || 1))));
    setView({ k, x: (size.w - drawn.width * k) / 2, y: 24 });
  };

  const zoom = (factor: number, cx = size.w / 2, cy = size.h / 2) =>
    setView((v) => {
      const k = Math.min(3, Math.max(0.05, v.k * factor));
      return { k, x: cx - ((cx - v.x) * k) / v.k, y: cy - ((cy - v.y) * k) / v.k };
    });

  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const out: OrgNode[] = [];
    for (const n of nodes) {
      if (
        n.title.toLowerCase().includes(q) ||
        n.code.toLowerCase().includes(q) ||
        n.people.some((p) => p.name.includes(q) || p.code.toLowerCase() === q)
      )
        out.push(n);
      if (out.length >= 30) break;
    }
    return out;
  }, [query, nodes]);

  // Visible area in layout coordinates, with a margin.
  const vx0 = -view.x / view.k - BOX_W;
  const vy0 = -view.y / view.k - BOX_H;
  const vx1 = (size.w - view.x) / view.k;
  const vy1 = (size.h - view.y) / view.k;
  const visible = drawn.boxes.filter((b) => b.x >= vx0 && b.x <= vx1 && b.y >= vy0 && b.y <= vy1);

  return (
    <div className="bd-chart-wrap">
      <Space className="bd-chart-tools" wrap>
        <AutoComplete
          style={{ width: 280 }}
          value={query}
          onChange={setQuery}
          onSelect={(id: string) => {
            focus(id);
            setQuery('');
            // Close the list so it does not cover the chart.
            (document.activeElement as HTMLElement | null)?.blur();
          }}
          options={matches.map((n) => ({
            value: n.id,
            label: (
              <span data-testid="chart-search-option">
                {n.title}
                {n.people.length > 0 && `：${n.people.map((p) => p.name).join('、')}`}
                <span style={{ color: '#999' }}> {n.unit_name || n.code}</span>
              </span>
            ),
          }))}
        >
          <Input.Search placeholder={t('org.chart.search')} allowClear data-testid="chart-search" />
        </AutoComplete>
        <Tooltip title={t('org.chart.zoomIn')}>
          <Button icon={<PlusOutlined />} onClick={() => zoom(1.25)} />
        </Tooltip>
        <Tooltip title={t('org.chart.zoomOut')}>
          <Button icon={<MinusOutlined />} onClick={() => zoom(0.8)} />
        </Tooltip>
        <Button icon={<CompressOutlined />} onClick={fit} data-testid="chart-fit">
          {t('org.chart.fit')}
        </Button>
        <Button onClick={() => setCollapsed(new Set())} data-testid="chart-expand-all">
          {t('org.chart.expandAll')}
        </Button>
        <Button onClick={() => setCollapsed(collapseBelow(tree, 1))} data-testid="chart-collapse-all">
          {t('org.chart.collapseAll')}
        </Button>
        <span style={{ color: '#888' }} data-testid="chart-count">
          {t('org.chart.count', { shown: drawn.boxes.length, total: nodes.length })}
        </span>
      </Space>
      <div
        ref={box}
        className="bd-chart"
        data-testid="org-chart"
        onWheel={(e) => {
          const r = box.current?.getBoundingClientRect();
          zoom(e.deltaY < 0 ? 1.1 : 0.9, e.clientX - (r?.left ?? 0), e.clientY - (r?.top ?? 0));
        }}
        onMouseDown={(e) => {
          if ((e.target as Element).closest('[data-node]')) return;
          drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
        }}
        onMouseMove={(e) => {
          const d = drag.current;
          if (d) setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
        }}
        onMouseUp={() => (drag.current = null)}
        onMouseLeave={() => (drag.current = null)}
      >
        <svg width="100%" height="100%">
          <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
            <path d={drawn.path} stroke="#9fb3c8" strokeWidth={1.2} fill="none" />
            {visible.map((b) => (
              <NodeBox
                key={b.node.id}
                b={b}
                hi={b.node.id === highlight}
                onOpen={() => onOpen(b.node)}
                onToggle={() => toggle(b.node.id)}
              />
            ))}
          </g>
        </svg>
      </div>
    </div>
  );
}

function NodeBox({
  b,
  hi,
  onOpen,
  onToggle,
}: {
  b: ReturnType<typeof layout>['boxes'][number];
  hi: boolean;
  onOpen: () => void;
  onToggle: () => void;
}) {
  const { t, label } = useI18n();
  const n = b.node;
  const unit = n.kind === 'unit';
  const vacant = !unit && n.people.length === 0;
  const planned = n.status === 'planned';
  const line2 = unit
    ? `${n.unit_kind ? label('UnitKind', n.unit_kind) : ''} · ${t('org.chart.headcount', { n: n.headcount })}`
    : vacant
      ? planned
        ? label('PositionStatus', 'planned')
        : label('PositionStatus', 'vacant')
      : n.people.map((p) => (p.kind === 'primary' ? p.name : `${p.name}（${label('AssignmentKind', p.kind)}）`)).join('、');
  return (
    <g transform={`translate(${b.x},${b.y})`} data-node={n.id} data-testid={`node-${n.code}`} style={{ cursor: 'pointer' }} onClick={onOpen}>
      <rect
        width={BOX_W}
        height={BOX_H}
        rx={4}
        fill={unit ? '#e8f1fd' : '#fff'}
        stroke={hi ? '#fa541c' : unit ? '#4a86d8' : '#b7c4d4'}
        strokeWidth={hi ? 3 : 1}
        strokeDasharray={planned ? '4 3' : undefined}
      />
      <text x={BOX_W / 2} y={23} textAnchor="middle" fontSize={14} fontWeight={600} fill="#1f2d3d">
        {clip(n.title, 10.5)}
      </text>
      <text x={BOX_W / 2} y={44} textAnchor="middle" fontSize={12} fill={vacant ? '#d4380d' : '#52606d'}>
        {clip(line2, 12.5)}
      </text>
      <title>{`${n.title}（${n.code}）\n${line2}`}</title>
      {b.children > 0 && (
        <g
          transform={`translate(${BOX_W / 2},${BOX_H})`}
          onClick={(e) => {
            e.stopPropagation();
            onToggle();
          }}
          data-testid={`toggle-${n.code}`}
        >
          <circle r={8} fill="#fff" stroke="#4a86d8" />
          <text y={4} textAnchor="middle" fontSize={11} fill="#4a86d8">
            {b.collapsed ? (b.children > 9 ? '+' : String(b.children)) : '−'}
          </text>
        </g>
      )}
    </g>
  );
}

/** Shortens `s` to about `ems` font-sizes of width: a CJK character is one, Latin about half. */
export function clip(s: string, ems: number): string {
  const width = (c: string) => (/[\u2e80-\uffef]/.test(c) ? 1 : 0.56);
  let used = 0;
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    used += width(chars[i]);
    if (used > ems) return `${chars.slice(0, i).join('')}…`;
  }
  return s;
}
