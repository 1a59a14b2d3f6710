import { describe, expect, it } from 'vitest';
import type { OrgNode } from '../../bindings/OrgNode';
import { ancestors, BOX_H, BOX_W, buildTree, collapseBelow, layout } from './layout';
import { clip } from './Chart';

const n = (id: string, parent: string | null): OrgNode => ({
  id,
  parent,
  kind: 'position',
  code: id,
  title: id,
  unit_kind: null,
  unit_name: '',
  status: 'active',
  people: [],
  headcount: 0,
});

function overlaps(a: { x: number; y: number }, b: { x: number; y: number }) {
  return a.x < b.x + BOX_W && b.x < a.x + BOX_W && a.y < b.y + BOX_H && b.y < a.y + BOX_H;
}

describe('org chart layout', () => {
  it('puts parents above and centred over their children, with no boxes overlapping', () => {
    const nodes = [n('gm', null), n('a', 'gm'), n('b', 'gm'), n('a1', 'a'), n('a2', 'a'), n('b1', 'b')];
    const l = layout(buildTree(nodes), new Set());
    const at = new Map(l.boxes.map((b) => [b.node.id, b]));
    expect(l.boxes).toHaveLength(6);
    expect(at.get('a')!.y).toBeGreaterThan(at.get('gm')!.y);
    expect(at.get('a1')!.y).toBeGreaterThan(at.get('a')!.y);
    const mid = (id: string) => at.get(id)!.x + BOX_W / 2;
    expect(mid('a')).toBeCloseTo((mid('a1') + mid('a2')) / 2);
    for (const x of l.boxes) for (const y of l.boxes) if (x !== y) expect(overlaps(x, y)).toBe(false);
  });

  it('stacks three or more leaf children in a column to keep wide charts narrow', () => {
    const nodes = [n('head', null), ...['s1', 's2', 's3', 's4'].map((id) => n(id, 'head'))];
    const l = layout(buildTree(nodes), new Set());
    const xs = new Set(l.boxes.filter((b) => b.node.id !== 'head').map((b) => b.x));
    expect(xs.size).toBe(1);
    expect(l.width).toBeLessThan(2 * BOX_W);
  });

  it('collapses below a depth and finds the path to a node', () => {
    const nodes = [n('r', null), n('a', 'r'), n('b', 'a'), n('c', 'b')];
    const tree = buildTree(nodes);
    const collapsed = collapseBelow(tree, 1);
    expect([...collapsed]).toEqual(['a']);
    expect(layout(tree, collapsed).boxes.map((b) => b.node.id).sort()).toEqual(['a', 'r']);
    expect(ancestors(tree, 'c')).toEqual(['b', 'a', 'r']);
  });

  it('lays out 5,000 nodes without overlaps', () => {
    const nodes: OrgNode[] = [n('root', null)];
    for (let u = 0; u < 50; u++) {
      nodes.push(n(`u${u}`, 'root'));
      for (let p = 0; p < 99; p++) nodes.push(n(`u${u}p${p}`, p < 9 ? `u${u}` : `u${u}p${p % 9}`));
    }
    const l = layout(buildTree(nodes), new Set());
    expect(l.boxes).toHaveLength(nodes.length);
    const sorted = [...l.boxes].sort((a, b) => a.y - b.y || a.x - b.x);
    // neighbours on the same row never overlap
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].y === sorted[i - 1].y) expect(sorted[i].x).toBeGreaterThanOrEqual(sorted[i - 1].x + BOX_W);
    }
  });
});

describe('box labels', () => {
  it('fit by width: Chinese characters count double', () => {
    expect(clip('营销管理部经理', 10.5)).toBe('营销管理部经理');
    expect(clip('淄博市分公司营销管理部客户服务中心', 10.5)).toBe('淄博市分公司营销管理…');
    expect(clip('Branch · 3 people', 12.5)).toBe('Branch · 3 people');
  });
});
