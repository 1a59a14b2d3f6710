// Top-down layout of the org chart. Pure functions, so they are tested without a window.
//
// A node's children sit side by side below it, the node centred over them. Children that are
// all leaves (three or more) are stacked in a column instead, the way printed org charts list a
// department's staff: this keeps wide charts readable. Collapsed nodes hide their subtree.
import type { OrgNode } from '../../bindings/OrgNode';

export const BOX_W = 168;
export const BOX_H = 60;
const GAP_X = 16;
const GAP_Y = 44;
const STACK_INDENT = 24;
const STACK_GAP = 8;

export interface Box {
  node: OrgNode;
  x: number;
  y: number;
  /** Number of children (visible or not), for the collapse toggle. */
  children: number;
  collapsed: boolean;
}

export interface Layout {
  boxes: Box[];
  /** All connector lines as one SVG path. */
  path: string;
  width: number;
  height: number;
}

export interface Tree {
  byId: Map<string, OrgNode>;
  children: Map<string, OrgNode[]>;
  roots: OrgNode[];
}

export function buildTree(nodes: OrgNode[]): Tree {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, OrgNode[]>();
  const roots: OrgNode[] = [];
  for (const n of nodes) {
    if (n.parent && byId.has(n.parent)) {
      const list = children.get(n.parent);
      if (list) list.push(n);
      else children.set(n.parent, [n]);
    } else roots.push(n);
  }
  return { byId, children, roots };
}

/** The ids to collapse so that only `depth` levels below the roots show. */
export function collapseBelow(tree: Tree, depth: number): Set<string> {
  const out = new Set<string>();
  const walk = (n: OrgNode, d: number) => {
    const ch = tree.children.get(n.id);
    if (!ch) return;
    if (d >= depth) {
      out.add(n.id);
      return;
    }
    for (const c of ch) walk(c, d + 1);
  };
  for (const r of tree.roots) walk(r, 0);
  return out;
}

/** The ancestors of `id`, nearest first. */
export function ancestors(tree: Tree, id: string): string[] {
  const out: string[] = [];
  let at = tree.byId.get(id)?.parent;
  while (at && tree.byId.has(at) && !out.includes(at)) {
    out.push(at);
    at = tree.byId.get(at)?.parent;
  }
  return out;
}

interface Measured {
  node: OrgNode;
  width: number;
  height: number;
  stacked: boolean;
  kids: Measured[];
  total: number;
}

export function layout(tree: Tree, collapsed: Set<string>): Layout {
  const measure = (n: OrgNode): Measured => {
    const all = tree.children.get(n.id) ?? [];
    const kids = collapsed.has(n.id) ? [] : all.map(measure);
    if (kids.length === 0) return { node: n, width: BOX_W, height: BOX_H, stacked: false, kids, total: all.length };
    const allLeaves = kids.every((k) => k.kids.length === 0);
    if (allLeaves && kids.length >= 3) {
      return {
        node: n,
        width: BOX_W + STACK_INDENT,
        height: BOX_H + GAP_Y / 2 + kids.length * (BOX_H + STACK_GAP),
        stacked: true,
        kids,
        total: all.length,
      };
    }
    const span = kids.reduce((s, k) => s + k.width, 0) + GAP_X * (kids.length - 1);
    const height = BOX_H + GAP_Y + Math.max(...kids.map((k) => k.height));
    return { node: n, width: Math.max(BOX_W, span), height, stacked: false, kids, total: all.length };
  };

  const boxes: Box[] = [];
  const segs: string[] = [];
  const place = (m: Measured, left: number, top: number): number => {
    // Returns the x of the node's box.
    if (m.stacked) {
      const x = left;
      boxes.push({ node: m.node, x, y: top, children: m.total, collapsed: false });
      const lineX = x + STACK_INDENT / 2;
      let y = top + BOX_H + GAP_Y / 2;
      let lastMid = top + BOX_H;
      for (const k of m.kids) {
        boxes.push({ node: k.node, x: x + STACK_INDENT, y, children: k.total, collapsed: collapsed.has(k.node.id) });
        lastMid = y + BOX_H / 2;
        segs.push(`M${lineX} ${lastMid}H${x + STACK_INDENT}`);
        y += BOX_H + STACK_GAP;
      }
      segs.push(`M${lineX} ${top + BOX_H}V${lastMid}`);
      return x;
    }
    if (m.kids.length === 0) {
      const x = left + (m.width - BOX_W) / 2;
      boxes.push({ node: m.node, x, y: top, children: m.total, collapsed: collapsed.has(m.node.id) && m.total > 0 });
      return x;
    }
    const span = m.kids.reduce((s, k) => s + k.width, 0) + GAP_X * (m.kids.length - 1);
    let cx = left + (m.width - span) / 2;
    const childTop = top + BOX_H + GAP_Y;
    const centres: number[] = [];
    for (const k of m.kids) {
      const kx = place(k, cx, childTop);
      centres.push(kx + BOX_W / 2);
      cx += k.width + GAP_X;
    }
    const mid = (centres[0] + centres[centres.length - 1]) / 2;
    const x = mid - BOX_W / 2;
    boxes.push({ node: m.node, x, y: top, children: m.total, collapsed: false });
    const barY = top + BOX_H + GAP_Y / 2;
    segs.push(`M${mid} ${top + BOX_H}V${barY}`);
    if (centres.length > 1) segs.push(`M${centres[0]} ${barY}H${centres[centres.length - 1]}`);
    for (const c of centres) segs.push(`M${c} ${barY}V${childTop}`);
    return x;
  };

  let left = 0;
  let height = 0;
  for (const r of tree.roots) {
    const m = measure(r);
    place(m, left, 0);
    left += m.width + GAP_X * 3;
    height = Math.max(height, m.height);
  }
  return { boxes, path: segs.join(''), width: Math.max(0, left - GAP_X * 3), height };
}
