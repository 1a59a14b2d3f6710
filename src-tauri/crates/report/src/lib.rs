//! Branchdesk's PDF engine. A [`Document`] is a list of blocks (headings, paragraphs, key/value
//! lines, tables); [`render`] lays it out on A4 pages with the group and unit in the header and
//! "第 x 页 / 共 y 页" with the generation time in the footer, wraps text by Chinese
//! line-breaking rules, breaks tables across pages with their header row repeated, and embeds
//! the shipped CJK font as a subset. Pure: data in, bytes out.

mod layout;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

pub use layout::{break_lines, Metrics};

/// WenQuanYi Micro Hei (Apache-2.0; see assets/fonts).
const FONT: &[u8] = include_bytes!("../../../../assets/fonts/wqy-microhei.ttc");

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
    /// A horizontal bar chart: (label, value, text shown at the bar's end).
    Bars(Vec<(String, f64, String)>),
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
        grey: f32,
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
            Block::Table(t) => table(&mut p, &m, t, width),
            Block::Bars(bars) => chart(&mut p, &m, bars, width),
            Block::Space(h) => p.y -= h,
        }
    }

    // Header and footer on every page, now that the page count is known.
    let total = p.pages.len();
    let mut pdf = PdfDocument::new(&doc.title);
    let font_id = pdf.add_font(&font);
    let mut pages = Vec::with_capacity(total);
    for (i, marks) in p.pages.iter_mut().enumerate() {
        let hy = PAGE_H - 40.0;
        marks.push(Mark::Text {
            x: MARGIN_X,
            y: hy,
            size: SMALL + 1.0,
            text: doc.header_left.clone(),
        });
        let rw = m.width(&doc.header_right, SMALL + 1.0);
        marks.push(Mark::Text {
            x: PAGE_W - MARGIN_X - rw,
            y: hy,
            size: SMALL + 1.0,
            text: doc.header_right.clone(),
        });
        marks.push(Mark::Rule {
            x1: MARGIN_X,
            y1: hy - 5.0,
            x2: PAGE_W - MARGIN_X,
            y2: hy - 5.0,
            width: 0.6,
        });
        let fy = 32.0;
        marks.push(Mark::Rule {
            x1: MARGIN_X,
            y1: fy + 12.0,
            x2: PAGE_W - MARGIN_X,
            y2: fy + 12.0,
            width: 0.3,
        });
        let label = doc
            .page_label
            .replace("{page}", &(i + 1).to_string())
            .replace("{pages}", &total.to_string());
        let lw = m.width(&label, SMALL);
        marks.push(Mark::Text {
            x: (PAGE_W - lw) / 2.0,
            y: fy,
            size: SMALL,
            text: label,
        });
        let nw = m.width(&doc.footer_note, SMALL);
        marks.push(Mark::Text {
            x: PAGE_W - MARGIN_X - nw,
            y: fy,
            size: SMALL,
            text: doc.footer_note.clone(),
        });
        pages.push(PdfPage::new(Mm(210.0), Mm(297.0), ops(marks, &font_id)));
    }
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let bytes = pdf.with_pages(pages).save(&opts, &mut Vec::new());
    finish(&bytes, doc)
}

/// What printpdf leaves out: metadata as Unicode text (it writes raw UTF-8, which viewers show
/// as mojibake) with the real creation date, and the `ABCDEF+` tag that marks an embedded font
/// as a subset.
fn finish(bytes: &[u8], doc: &Document) -> Result<Vec<u8>, Error> {
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
    info.set("Subject", text(&doc.title));
    info.set("Creator", text("Branchdesk 分支管理台"));
    info.set("Producer", text("Branchdesk (printpdf)"));
    info.set("CreationDate", Object::string_literal(doc.created.as_str()));
    info.set("ModDate", Object::string_literal(doc.created.as_str()));
    let info_id = pdf.add_object(info);
    pdf.trailer.set("Info", Object::Reference(info_id));
    let tagged = "BDKREP+WenQuanYiMicroHei";
    pdf.traverse_objects(|o| {
        if let Object::Dictionary(d) = o {
            let is_font =
                d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"Font".as_slice());
            if is_font && d.has(b"BaseFont") {
                d.set("BaseFont", Object::Name(tagged.as_bytes().to_vec()));
            }
            if d.has(b"FontName") {
                d.set("FontName", Object::Name(tagged.as_bytes().to_vec()));
            }
        }
    });
    pdf.compress();
    let mut out = Vec::new();
    pdf.save_to(&mut out)
        .map_err(|e| Error::Pdf(e.to_string()))?;
    Ok(out)
}

fn table(p: &mut Pages, m: &Metrics, t: &Table, width: f32) {
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
    let draw_row = |p: &mut Pages, c: &[Vec<String>], h: f32, grey: Option<f32>, head: bool| {
        let top = p.y;
        let mut x = MARGIN_X;
        if let Some(g) = grey {
            p.page().push(Mark::Fill {
                x: MARGIN_X,
                y: top - h,
                w: width,
                h,
                grey: g,
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
    draw_row(p, &header_cells, header_h, Some(0.90), true);
    let body = t
        .rows
        .iter()
        .map(|r| (r, None))
        .chain(t.total.iter().map(|r| (r, Some(0.95))));
    for (row, grey) in body {
        let c = cells(row);
        let h = height(&c);
        if p.y - h < BOTTOM {
            p.new_page();
            draw_row(p, &header_cells, header_h, Some(0.90), true);
        }
        draw_row(p, &c, h, grey, false);
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
            grey: 0.55,
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
            Mark::Fill { x, y, w, h, grey } => {
                out.push(Op::SetFillColor {
                    col: Color::Rgb(Rgb::new(*grey, *grey, *grey, None)),
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
