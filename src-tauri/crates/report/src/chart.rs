//! The org chart on landscape pages: boxes top-down (the same rules as the window's chart:
//! children side by side, three or more leaves stacked in a column), scaled to fit A4 or A3
//! landscape; when that would make the text too small, one page per branch below the top.

/// One box: `parent` is an index into the list (parents come first).
#[derive(Debug, Clone)]
pub struct ChartNode {
    pub parent: Option<usize>,
    pub title: String,
    pub subtitle: String,
    /// Drawn with a tinted fill (units), white otherwise (positions).
    pub tinted: bool,
}

pub(crate) const BOX_W: f32 = 120.0;
pub(crate) const BOX_H: f32 = 40.0;
const GAP_X: f32 = 12.0;
const GAP_Y: f32 = 30.0;
const INDENT: f32 = 16.0;
const STACK_GAP: f32 = 6.0;

/// A placed box (top-left corner, y downwards) and the connectors, in chart units.
pub(crate) struct Placed {
    pub boxes: Vec<(usize, f32, f32)>,
    pub lines: Vec<(f32, f32, f32, f32)>,
    pub width: f32,
    pub height: f32,
}

struct Measured {
    node: usize,
    width: f32,
    height: f32,
    stacked: bool,
    kids: Vec<Measured>,
}

fn measure(children: &[Vec<usize>], n: usize) -> Measured {
    let kids: Vec<Measured> = children[n].iter().map(|&c| measure(children, c)).collect();
    if kids.is_empty() {
        return Measured {
            node: n,
            width: BOX_W,
            height: BOX_H,
            stacked: false,
            kids,
        };
    }
    if kids.len() >= 3 && kids.iter().all(|k| k.kids.is_empty()) {
        let height = BOX_H + GAP_Y / 2.0 + kids.len() as f32 * (BOX_H + STACK_GAP);
        return Measured {
            node: n,
            width: BOX_W + INDENT,
            height,
            stacked: true,
            kids,
        };
    }
    let span = kids.iter().map(|k| k.width).sum::<f32>() + GAP_X * (kids.len() - 1) as f32;
    let height = BOX_H + GAP_Y + kids.iter().map(|k| k.height).fold(0.0, f32::max);
    Measured {
        node: n,
        width: span.max(BOX_W),
        height,
        stacked: false,
        kids,
    }
}

fn place(m: &Measured, left: f32, top: f32, out: &mut Placed) -> f32 {
    if m.stacked {
        out.boxes.push((m.node, left, top));
        let line_x = left + INDENT / 2.0;
        let mut y = top + BOX_H + GAP_Y / 2.0;
        let mut last = top + BOX_H;
        for k in &m.kids {
            out.boxes.push((k.node, left + INDENT, y));
            last = y + BOX_H / 2.0;
            out.lines.push((line_x, last, left + INDENT, last));
            y += BOX_H + STACK_GAP;
        }
        out.lines.push((line_x, top + BOX_H, line_x, last));
        return left;
    }
    if m.kids.is_empty() {
        let x = left + (m.width - BOX_W) / 2.0;
        out.boxes.push((m.node, x, top));
        return x;
    }
    let span = m.kids.iter().map(|k| k.width).sum::<f32>() + GAP_X * (m.kids.len() - 1) as f32;
    let mut cx = left + (m.width - span) / 2.0;
    let child_top = top + BOX_H + GAP_Y;
    let mut centres = Vec::new();
    for k in &m.kids {
        centres.push(place(k, cx, child_top, out) + BOX_W / 2.0);
        cx += k.width + GAP_X;
    }
    let (first, last) = (centres[0], centres[centres.len() - 1]);
    let mid = (first + last) / 2.0;
    out.boxes.push((m.node, mid - BOX_W / 2.0, top));
    let bar = top + BOX_H + GAP_Y / 2.0;
    out.lines.push((mid, top + BOX_H, mid, bar));
    out.lines.push((first, bar, last, bar));
    for c in centres {
        out.lines.push((c, bar, c, child_top));
    }
    mid - BOX_W / 2.0
}

/// Lays out the subtree under `root`, down to `depth_limit` levels below it (all when `None`).
pub(crate) fn layout(nodes: &[ChartNode], root: usize, depth_limit: Option<usize>) -> Placed {
    let mut children = vec![Vec::new(); nodes.len()];
    let mut depth = vec![0usize; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        if let Some(p) = n.parent.filter(|&p| p < i) {
            depth[i] = depth[p] + 1;
            if depth_limit.is_none_or(|d| depth[i] <= depth[root] + d) {
                children[p].push(i);
            }
        }
    }
    let m = measure(&children, root);
    let mut out = Placed {
        boxes: Vec::new(),
        lines: Vec::new(),
        width: m.width,
        height: m.height,
    };
    place(&m, 0.0, 0.0, &mut out);
    out
}

/// Space between branches placed side by side on one page.
pub(crate) const GAP_PAGE: f32 = 36.0;

/// Several laid-out branches next to each other, tops aligned.
pub(crate) fn side_by_side(parts: Vec<Placed>) -> Placed {
    let mut out = Placed {
        boxes: Vec::new(),
        lines: Vec::new(),
        width: 0.0,
        height: 0.0,
    };
    for p in parts {
        let dx = if out.boxes.is_empty() {
            0.0
        } else {
            out.width + GAP_PAGE
        };
        out.boxes
            .extend(p.boxes.into_iter().map(|(n, x, y)| (n, x + dx, y)));
        out.lines.extend(
            p.lines
                .into_iter()
                .map(|(x1, y1, x2, y2)| (x1 + dx, y1, x2 + dx, y2)),
        );
        out.width = dx + p.width;
        out.height = out.height.max(p.height);
    }
    out
}
