//! Branchdesk's PDF engine. A [`Document`] is a list of blocks (headings, paragraphs, key/value
//! lines, tables); [`render`] lays it out on A4 pages with the group and unit in the header and
//! "第 x 页 / 共 y 页" with the generation time in the footer, wraps text by Chinese
//! line-breaking rules, breaks tables across pages with their header row repeated, and embeds
//! the shipped CJK font as a subset. Pure: data in, bytes out.

mod chart;
mod layout;
mod official;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

pub use chart::ChartNode;
pub use layout::{break_lines, Metrics};
pub use official::{render_official, Level, Official, Paragraph};

/// WenQuanYi Micro Hei (Apache-2.0; see assets/fonts).
pub(crate) const FONT: &[u8] = include_bytes!("../../../../assets/fonts/wqy-microhei.ttc");

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the report font cannot be read: {0}")]
    Font(String),
    #[error("the PDF could not be finished: {0}")]
    Pdf(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Share of the table's width.
    pub width: f32,
    pub align: Align,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Drawn last with a light background, e.g. 合计.
    pub total: Option<Vec<String>>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Title(String),
    Heading(String),
    Paragraph(String),
    /// Label/value lines, two per row.
    Fields(Vec<(String, String)>),
    Table(Table),
    /// A table whose body cells have their own background (a heat map, traffic lights):
    /// `fills[row][column]`, red/green/blue 0–1; `None` leaves a cell white.
    Shaded {
        table: Table,
        fills: Vec<Vec<Option<[f32; 3]>>>,
    },
    /// A horizontal bar chart: (label, value, text shown at the bar's end).
    Bars(Vec<(String, f64, String)>),
    /// Signature lines, side by side: each label followed by a rule to sign on, and a line
    /// labelled `date` under it. Kept together on one page.
    Signatures {
        labels: Vec<String>,
        date: String,
    },
    Space(f32),
}

#[derive(Debug, Clone)]
pub struct Document {
    /// PDF title (metadata) and file's subject.
    pub title: String,
    /// Metadata author: the site's name.
    pub author: String,
    /// Header, left: the group's name.
    pub header_left: String,
    /// Header, right: the unit's name.
    pub header_right: String,
    /// Footer, right: e.g. "生成于 2026-11-22 10:30".
    pub footer_note: String,
    /// "第 {page} 页 / 共 {pages} 页" or "Page {page} of {pages}".
    pub page_label: String,
    /// Creation date for the metadata, as PDF writes it: `D:20261122103000Z`.
    pub created: String,
    pub blocks: Vec<Block>,
}

// A4 and margins, in points.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 51.0; // 18 mm
const TOP: f32 = PAGE_H - 62.0;
const BOTTOM: f32 = 56.0;

const BODY: f32 = 10.0;
const SMALL: f32 = 8.0;
const TABLE: f32 = 9.0;

/// One thing to draw, in page coordinates (y from the bottom, points).
enum Mark {
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        /// Red, green, blue, 0–1.
        rgb: [f32; 3],
    },
}

struct Pages {
    pages: Vec<Vec<Mark>>,
    y: f32,
}

impl Pages {
    fn new() -> Pages {
        Pages {
            pages: vec![Vec::new()],
            y: TOP,
        }
    }
    fn page(&mut self) -> &mut Vec<Mark> {
        let n = self.pages.len() - 1;
        &mut self.pages[n]
    }
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }
    /// Makes room for `h` points, starting a page if needed.
    fn need(&mut self, h: f32) {
        if self.y - h < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }
}

/// Renders the document to PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, Error> {
    let mut warnings = Vec::new();
    let font = ParsedFont::from_bytes(FONT, 0, &mut warnings)
        .ok_or_else(|| Error::Font("no font in the collection".into()))?;
    let m = Metrics::new(&font);
    let mut p = Pages::new();
    let width = PAGE_W - 2.0 * MARGIN_X;
    for block in &doc.blocks {
        match block {
            Block::Title(t) => {
                let size = 16.0;
                p.need(size * 2.2);
                for line in break_lines(&m, t, size, width) {
                    let w = m.width(&line, size);
                    p.y -= size * 1.4;
                    let y = p.y;
                    p.page().push(Mark::Text {
                        x: MARGIN_X + (width - w) / 2.0,
                        y,
                        size,
                        text: line,
                    });
                }
                p.y -= size * 0.8;
            }
            Block::Heading(t) => {
                let size = 12.0;
                p.need(size * 4.0);
                p.y -= size * 0.8;
                for line in break_lines(&m, t, size, width) {
                    p.y -= size * 1.4;
                    let y = p.y;
                    p.page().push(Mark::Text {
                        x: MARGIN_X,
                        y,
                        size,
                        text: line,
                    });
                }
                p.y -= 4.0;
            }
            Block::Paragraph(t) => {
                for line in t
                    .split('\n')
                    .flat_map(|para| break_lines(&m, para, BODY, width))
                {
                    p.need(BODY * 1.6);
                    p.y -= BODY * 1.6;
                    let y = p.y;
                    p.page().push(Mark::Text {
                        x: MARGIN_X,
                        y,
                        size: BODY,
                        text: line,
                    });
                }
            }
            Block::Fields(fields) => {
                let col = width / 2.0;
                for pair in fields.chunks(2) {
                    p.need(BODY * 1.7);
                    p.y -= BODY * 1.7;
                    let y = p.y;
                    for (i, (k, v)) in pair.iter().enumerate() {
                        let text = if k.is_ascii() {
                            format!("{k}: {v}")
                        } else {
                            format!("{k}：{v}")
                        };
                        let line = break_lines(&m, &text, BODY, col - 8.0)
                            .into_iter()
                            .next()
                            .unwrap_or_default();
                        p.page().push(Mark::Text {
                            x: MARGIN_X + col * i as f32,
                            y,
                            size: BODY,
                            text: line,
                        });
                    }
                }
                p.y -= 4.0;
            }
            Block::Table(t) => table(&mut p, &m, t, &[], width),
            Block::Shaded { table: t, fills } => table(&mut p, &m, t, fills, width),
            Block::Bars(bars) => chart(&mut p, &m, bars, width),
            Block::Signatures { labels, date } => {
                let n = labels.len().max(1) as f32;
                let col = width / n;
                p.need(BODY * 7.0);
                p.y -= BODY * 3.5;
                let y = p.y;
                for (i, label) in labels.iter().enumerate() {
                    let x = MARGIN_X + col * i as f32;
                    let colon = |l: &str| {
                        if l.is_ascii() {
                            format!("{l}: ")
                        } else {
                            format!("{l}：")
                        }
                    };
                    let text = colon(label);
                    let w = m.width(&text, BODY);
                    p.page().push(Mark::Text {
                        x,
                        y,
                        size: BODY,
                        text,
                    });
                    let date = colon(date);
                    let dw = m.width(&date, BODY);
                    p.page().push(Mark::Text {
                        x,
                        y: y - BODY * 2.2,
                        size: BODY,
                        text: date,
                    });
                    for (lx, ly) in [(x + w, y), (x + dw, y - BODY * 2.2)] {
                        p.page().push(Mark::Rule {
                            x1: lx,
                            y1: ly - 2.0,
                            x2: x + col - 14.0,
                            y2: ly - 2.0,
                            width: 0.5,
                        });
                    }
                }
                p.y -= BODY * 3.0;
            }
            Block::Space(h) => p.y -= h,
        }
    }

    let pages = p
        .pages
        .into_iter()
        .map(|marks| (marks, PAGE_W, PAGE_H))
        .collect();
    assemble(doc, &font, &m, pages)
}

/// Adds header and footer to every page, now that the page count is known, and writes the PDF.
fn assemble(
    doc: &Document,
    font: &ParsedFont,
    m: &Metrics<'_>,
    mut pages: Vec<(Vec<Mark>, f32, f32)>,
) -> Result<Vec<u8>, Error> {
    let total = pages.len();
    let mut pdf = PdfDocument::new(&doc.title);
    let font_id = pdf.add_font(font);
    let mut out = Vec::with_capacity(total);
    for (i, (marks, w, h)) in pages.iter_mut().enumerate() {
        let (w, h) = (*w, *h);
        let hy = h - 40.0;
        marks.push(Mark::Text {
            x: MARGIN_X,
            y: hy,
            size: SMALL + 1.0,
            text: doc.header_left.clone(),
        });
        let rw = m.width(&doc.header_right, SMALL + 1.0);
        marks.push(Mark::Text {
            x: w - MARGIN_X - rw,
            y: hy,
            size: SMALL + 1.0,
            text: doc.header_right.clone(),
        });
        marks.push(Mark::Rule {
            x1: MARGIN_X,
            y1: hy - 5.0,
            x2: w - MARGIN_X,
            y2: hy - 5.0,
            width: 0.6,
        });
        let fy = 32.0;
        marks.push(Mark::Rule {
            x1: MARGIN_X,
            y1: fy + 12.0,
            x2: w - MARGIN_X,
            y2: fy + 12.0,
            width: 0.3,
        });
        let label = doc
            .page_label
            .replace("{page}", &(i + 1).to_string())
            .replace("{pages}", &total.to_string());
        let lw = m.width(&label, SMALL);
        marks.push(Mark::Text {
            x: (w - lw) / 2.0,
            y: fy,
            size: SMALL,
            text: label,
        });
        let nw = m.width(&doc.footer_note, SMALL);
        marks.push(Mark::Text {
            x: w - MARGIN_X - nw,
            y: fy,
            size: SMALL,
            text: doc.footer_note.clone(),
        });
        out.push(PdfPage::new(
            Mm(w * 25.4 / 72.0),
            Mm(h * 25.4 / 72.0),
            ops(marks, &font_id),
        ));
    }
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let bytes = pdf.with_pages(out).save(&opts, &mut Vec::new());
    finish(&bytes, doc, "")
}

/// The org chart of `nodes` (parents first; node 0 is the top) on landscape pages: the whole
/// chart on one A4 or A3 page if its text stays legible there, else the top two levels on the
/// first page and one page per branch below the top. The document's title is drawn above.
pub fn render_chart(doc: &Document, nodes: &[ChartNode]) -> Result<Vec<u8>, Error> {
    const A4: (f32, f32) = (PAGE_H, PAGE_W);
    const A3: (f32, f32) = (1190.55, 841.89);
    const LEGIBLE: f32 = 0.6; // 9 pt text at 60 %: about 5.4 pt, still readable on A3
    let mut warnings = Vec::new();
    let font = ParsedFont::from_bytes(FONT, 0, &mut warnings)
        .ok_or_else(|| Error::Font("no font in the collection".into()))?;
    let m = Metrics::new(&font);
    if nodes.is_empty() {
        return assemble(
            doc,
            &font,
            &m,
            vec![(
                vec![Mark::Text {
                    x: MARGIN_X,
                    y: A4.1 - 90.0,
                    size: 16.0,
                    text: doc.title.clone(),
                }],
                A4.0,
                A4.1,
            )],
        );
    }
    let fit = |p: &chart::Placed, (w, h): (f32, f32)| {
        ((w - 2.0 * MARGIN_X) / p.width)
            .min((h - 150.0) / p.height)
            .min(1.0)
    };
    let whole = chart::layout(nodes, 0, None);
    let mut plans: Vec<(chart::Placed, (f32, f32), String)> = Vec::new();
    if fit(&whole, A4) >= 0.75 {
        plans.push((whole, A4, doc.title.clone()));
    } else if fit(&whole, A3) >= LEGIBLE {
        plans.push((whole, A3, doc.title.clone()));
    } else {
        // The top two levels, then the branches below the top, side by side as many to a page
        // as fit at a legible size.
        plans.push((chart::layout(nodes, 0, Some(1)), A3, doc.title.clone()));
        let room = ((A3.0 - 2.0 * MARGIN_X) / 0.75, (A3.1 - 150.0) / 0.75);
        let mut group: Vec<(chart::Placed, &str)> = Vec::new();
        let flush = |group: &mut Vec<(chart::Placed, &str)>,
                     plans: &mut Vec<(chart::Placed, (f32, f32), String)>| {
            if group.is_empty() {
                return;
            }
            let names: Vec<&str> = group.iter().map(|g| g.1).collect();
            let title = match names.as_slice() {
                [a, b, c, _, ..] => format!("{}：{a}、{b}、{c} 等 {} 个", doc.title, names.len()),
                _ => format!("{}：{}", doc.title, names.join("、")),
            };
            plans.push((
                chart::side_by_side(std::mem::take(group).into_iter().map(|g| g.0).collect()),
                A3,
                title,
            ));
        };
        for (i, n) in nodes.iter().enumerate() {
            if n.parent != Some(0) {
                continue;
            }
            let placed = chart::layout(nodes, i, None);
            let width: f32 = group
                .iter()
                .map(|g| g.0.width + chart::GAP_PAGE)
                .sum::<f32>()
                + placed.width;
            let height = group
                .iter()
                .map(|g| g.0.height)
                .fold(placed.height, f32::max);
            if !group.is_empty() && (width > room.0 || height > room.1) {
                flush(&mut group, &mut plans);
            }
            group.push((placed, n.title.as_str()));
        }
        flush(&mut group, &mut plans);
    }
    let mut pages = Vec::new();
    for (placed, (w, h), title) in plans {
        let k = fit(&placed, (w, h));
        let mut marks = Vec::new();
        let tw = m.width(&title, 16.0);
        marks.push(Mark::Text {
            x: (w - tw) / 2.0,
            y: h - 80.0,
            size: 16.0,
            text: title,
        });
        let left = (w - placed.width * k) / 2.0;
        let top = h - 100.0;
        let px = |x: f32| left + x * k;
        let py = |y: f32| top - y * k;
        for &(x1, y1, x2, y2) in &placed.lines {
            marks.push(Mark::Rule {
                x1: px(x1),
                y1: py(y1),
                x2: px(x2),
                y2: py(y2),
                width: 0.6 * k.max(0.5),
            });
        }
        for &(n, x, y) in &placed.boxes {
            let node = &nodes[n];
            let (bx, by, bw, bh) = (
                px(x),
                py(y + chart::BOX_H),
                chart::BOX_W * k,
                chart::BOX_H * k,
            );
            marks.push(Mark::Fill {
                x: bx,
                y: by,
                w: bw,
                h: bh,
                rgb: [if node.tinted { 0.90 } else { 1.0 }; 3],
            });
            for (x1, y1, x2, y2) in [
                (bx, by, bx + bw, by),
                (bx, by + bh, bx + bw, by + bh),
                (bx, by, bx, by + bh),
                (bx + bw, by, bx + bw, by + bh),
            ] {
                marks.push(Mark::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width: 0.5,
                });
            }
            for (text, size, dy) in [
                (&node.title, 10.0 * k, 0.42),
                (&node.subtitle, 8.0 * k, 0.78),
            ] {
                let line = break_lines(&m, text, size, bw - 6.0 * k)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                let lw = m.width(&line, size);
                marks.push(Mark::Text {
                    x: bx + (bw - lw) / 2.0,
                    y: by + bh - bh * dy,
                    size,
                    text: line,
                });
            }
        }
        pages.push((marks, w, h));
    }
    assemble(doc, &font, &m, pages)
}

/// What printpdf leaves out: metadata as Unicode text (it writes raw UTF-8, which viewers show
/// as mojibake) with the real creation date, and the `ABCDEF+` tag that marks an embedded font
/// as a subset (each font its own tag, from its name). `subject` defaults to the title.
fn finish(bytes: &[u8], doc: &Document, subject: &str) -> Result<Vec<u8>, Error> {
    use lopdf::{Dictionary, Object, StringFormat};
    let pdf_err = |e: lopdf::Error| Error::Pdf(e.to_string());
    let mut pdf = lopdf::Document::load_mem(bytes).map_err(pdf_err)?;
    let text = |s: &str| {
        let mut b = vec![0xFE, 0xFF];
        b.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(b, StringFormat::Hexadecimal)
    };
    let mut info = Dictionary::new();
    info.set("Title", text(&doc.title));
    info.set("Author", text(&doc.author));
    info.set(
        "Subject",
        text(if subject.is_empty() {
            &doc.title
        } else {
            subject
        }),
    );
    info.set("Creator", text("Branchdesk 分支管理台"));
    info.set("Producer", text("Branchdesk (printpdf)"));
    info.set("CreationDate", Object::string_literal(doc.created.as_str()));
    info.set("ModDate", Object::string_literal(doc.created.as_str()));
    let info_id = pdf.add_object(info);
    pdf.trailer.set("Info", Object::Reference(info_id));
    // The font's own name, found in its descriptors, tagged as a subset: BDKAAB+Name.
    let names: std::collections::BTreeSet<Vec<u8>> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok()?.get(b"FontName").ok()?.as_name().ok())
        .map(<[u8]>::to_vec)
        .collect();
    let single = names.len() <= 1;
    let tagged = |name: &[u8]| -> Vec<u8> {
        match name.get(6) {
            Some(b'+') => name.to_vec(),
            _ if single => b"BDKREP+WenQuanYiMicroHei".to_vec(),
            _ => [b"BDKREP+".as_slice(), name].concat(),
        }
    };
    pdf.traverse_objects(|o| {
        if let Object::Dictionary(d) = o {
            for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
                let renamed = d.get(key).and_then(|n| n.as_name()).ok().map(tagged);
                if let Some(n) = renamed {
                    d.set(key, Object::Name(n));
                }
            }
        }
    });
    pdf.compress();
    let mut out = Vec::new();
    pdf.save_to(&mut out)
        .map_err(|e| Error::Pdf(e.to_string()))?;
    Ok(out)
}

fn table(p: &mut Pages, m: &Metrics, t: &Table, fills: &[Vec<Option<[f32; 3]>>], width: f32) {
    let total: f32 = t
        .columns
        .iter()
        .map(|c| c.width)
        .sum::<f32>()
        .max(f32::EPSILON);
    let widths: Vec<f32> = t.columns.iter().map(|c| c.width / total * width).collect();
    let pad = 3.0;
    let lh = TABLE * 1.35;
    let cells = |row: &[String]| -> Vec<Vec<String>> {
        row.iter()
            .enumerate()
            .map(|(i, c)| {
                break_lines(
                    m,
                    c,
                    TABLE,
                    widths.get(i).copied().unwrap_or(width) - 2.0 * pad,
                )
            })
            .collect()
    };
    let header: Vec<String> = t.columns.iter().map(|c| c.title.clone()).collect();
    let header_cells = cells(&header);
    let height = |c: &[Vec<String>]| {
        c.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * lh + 2.0 * pad
    };
    let header_h = height(&header_cells);
    let draw_row = |p: &mut Pages,
                    c: &[Vec<String>],
                    h: f32,
                    grey: Option<f32>,
                    head: bool,
                    fill: &[Option<[f32; 3]>]| {
        let top = p.y;
        let mut x = MARGIN_X;
        let mut fx = MARGIN_X;
        for (i, w) in widths.iter().enumerate() {
            if let Some(rgb) = fill.get(i).copied().flatten() {
                p.page().push(Mark::Fill {
                    x: fx,
                    y: top - h,
                    w: *w,
                    h,
                    rgb,
                });
            }
            fx += w;
        }
        if let Some(g) = grey {
            p.page().push(Mark::Fill {
                x: MARGIN_X,
                y: top - h,
                w: width,
                h,
                rgb: [g; 3],
            });
        }
        for (i, lines) in c.iter().enumerate() {
            let w = widths.get(i).copied().unwrap_or(0.0);
            let align = if head {
                Align::Center
            } else {
                t.columns.get(i).map_or(Align::Left, |col| col.align)
            };
            for (k, line) in lines.iter().enumerate() {
                let lw = m.width(line, TABLE);
                let tx = match align {
                    Align::Left => x + pad,
                    Align::Right => x + w - pad - lw,
                    Align::Center => x + (w - lw) / 2.0,
                };
                let ty = top - pad - TABLE - k as f32 * lh + 1.0;
                p.page().push(Mark::Text {
                    x: tx,
                    y: ty,
                    size: TABLE,
                    text: line.clone(),
                });
            }
            p.page().push(Mark::Rule {
                x1: x,
                y1: top,
                x2: x,
                y2: top - h,
                width: 0.4,
            });
            x += w;
        }
        p.page().push(Mark::Rule {
            x1: x,
            y1: top,
            x2: x,
            y2: top - h,
            width: 0.4,
        });
        p.page().push(Mark::Rule {
            x1: MARGIN_X,
            y1: top,
            x2: MARGIN_X + width,
            y2: top,
            width: 0.4,
        });
        p.page().push(Mark::Rule {
            x1: MARGIN_X,
            y1: top - h,
            x2: MARGIN_X + width,
            y2: top - h,
            width: 0.4,
        });
        p.y -= h;
    };
    p.need(header_h + lh * 2.0);
    p.y -= 4.0;
    draw_row(p, &header_cells, header_h, Some(0.90), true, &[]);
    let body = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r, None, fills.get(i).map_or(&[][..], Vec::as_slice)))
        .chain(t.total.iter().map(|r| (r, Some(0.95), &[][..])));
    for (row, grey, fill) in body {
        let c = cells(row);
        let h = height(&c);
        if p.y - h < BOTTOM {
            p.new_page();
            draw_row(p, &header_cells, header_h, Some(0.90), true, &[]);
        }
        draw_row(p, &c, h, grey, false, fill);
    }
    p.y -= 8.0;
}

fn chart(p: &mut Pages, m: &Metrics, bars: &[(String, f64, String)], width: f32) {
    let bar_h = 11.0;
    let gap = 4.0;
    let label_w = bars
        .iter()
        .map(|(l, ..)| m.width(l, TABLE))
        .fold(0.0, f32::max)
        .min(width * 0.3)
        + 6.0;
    let max = bars
        .iter()
        .map(|b| b.1)
        .fold(0.0, f64::max)
        .max(f64::EPSILON);
    let room = width - label_w - 60.0;
    p.y -= 6.0;
    for (label, value, text) in bars {
        p.need(bar_h + gap);
        let top = p.y;
        let lw = m.width(label, TABLE);
        p.page().push(Mark::Text {
            x: MARGIN_X + label_w - 6.0 - lw,
            y: top - bar_h + 2.0,
            size: TABLE,
            text: label.clone(),
        });
        let w = (value / max) as f32 * room;
        p.page().push(Mark::Fill {
            x: MARGIN_X + label_w,
            y: top - bar_h,
            w: w.max(0.5),
            h: bar_h,
            rgb: [0.55; 3],
        });
        p.page().push(Mark::Text {
            x: MARGIN_X + label_w + w + 4.0,
            y: top - bar_h + 2.0,
            size: TABLE,
            text: text.clone(),
        });
        p.y -= bar_h + gap;
    }
    p.y -= 6.0;
}

fn ops(marks: &[Mark], font: &FontId) -> Vec<Op> {
    let mut out = Vec::with_capacity(marks.len() * 5);
    let black = Color::Rgb(Rgb::new(0.1, 0.1, 0.1, None));
    for mark in marks {
        match mark {
            Mark::Text { x, y, size, text } => {
                if text.is_empty() {
                    continue;
                }
                out.push(Op::SetFillColor { col: black.clone() });
                out.push(Op::StartTextSection);
                out.push(Op::SetFontSize {
                    size: Pt(*size),
                    font: font.clone(),
                });
                out.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(*x),
                        y: Pt(*y),
                    },
                });
                out.push(Op::WriteText {
                    items: vec![TextItem::Text(text.clone())],
                    font: font.clone(),
                });
                out.push(Op::EndTextSection);
            }
            Mark::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                out.push(Op::SetOutlineColor {
                    col: Color::Rgb(Rgb::new(0.35, 0.35, 0.35, None)),
                });
                out.push(Op::SetOutlineThickness { pt: Pt(*width) });
                out.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: Pt(*x1),
                                    y: Pt(*y1),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: Pt(*x2),
                                    y: Pt(*y2),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Mark::Fill { x, y, w, h, rgb } => {
                out.push(Op::SetFillColor {
                    col: Color::Rgb(Rgb::new(rgb[0], rgb[1], rgb[2], None)),
                });
                let pt = |x: f32, y: f32| LinePoint {
                    p: Point { x: Pt(x), y: Pt(y) },
                    bezier: false,
                };
                out.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: vec![
                                pt(*x, *y),
                                pt(x + w, *y),
                                pt(x + w, y + h),
                                pt(*x, y + h),
                            ],
                        }],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
        }
    }
    out
}
