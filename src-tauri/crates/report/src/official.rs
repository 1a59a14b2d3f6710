//! The national format of official documents (党政机关公文格式, GB/T 9704-2012): A4, 天头
//! 37 mm, 订口 28 mm, a 版心 of 156 × 225 mm holding 22 lines of 28 characters of 3号 仿宋;
//! the red 发文机关标志 35 mm below the 版心's top, the number and the red separator, the
//! title in 2号 小标宋 broken symmetrically, 主送机关, the body with its four heading levels
//! (一、 黑体, （一） 楷体, 1. 仿宋加粗, （1） 仿宋), 附件说明, 发文机关署名 and 成文日期, 附注,
//! the 纪要's 出席/请假/列席 lists, the 版记 on the last page's foot, and "— 1 —" page numbers
//! in the outside corner. Pure: data in, bytes out.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfPage, PdfSaveOptions,
    Point, Pt, Rgb, TextItem, TextRenderingMode,
};

use crate::layout::{break_lines, Metrics};
use crate::{finish, Error, FONT};

/// Zhuque Fangsong, LXGW WenKai and Noto Serif CJK SC Bold, subset and renamed (OFL-1.1; see
/// assets/fonts/README.md).
const FANGSONG: &[u8] = include_bytes!("../../../../assets/fonts/BranchdeskFangsong.ttf");
const KAI: &[u8] = include_bytes!("../../../../assets/fonts/BranchdeskKai.ttf");
const SERIF: &[u8] = include_bytes!("../../../../assets/fonts/BranchdeskSerifBold.ttf");

/// What the metadata says each shipped font stands in for.
const SUBSTITUTES: &str = "字体：正文 Branchdesk Fangsong（朱雀仿宋，代仿宋_GB2312）；发文机关标志和标题 Branchdesk Serif Bold（思源宋体/Noto Serif CJK SC Bold，代方正小标宋）；一级标题 文泉驿微米黑（代黑体）；二级标题 Branchdesk Kai（霞鹜文楷，代楷体_GB2312）";

const MM: f32 = 72.0 / 25.4;
const PAGE_H: f32 = 297.0 * MM;
/// 订口 and 天头: the 版心's left and top edges.
pub const LEFT_MM: f32 = 28.0;
pub const TOP_MM: f32 = 37.0;
const LEFT: f32 = LEFT_MM * MM;
const TOP: f32 = TOP_MM * MM;
const WIDTH: f32 = 156.0 * MM;
const HEIGHT: f32 = 225.0 * MM;
pub const LINES: usize = 22;
pub const CHARS: usize = 28;
/// One line and one character of the grid.
const PITCH: f32 = HEIGHT / LINES as f32;
const CHAR: f32 = WIDTH / CHARS as f32;
/// 2号, 3号, 4号.
const SIZE2: f32 = 22.0;
const SIZE3: f32 = 16.0;
const SIZE4: f32 = 14.0;
const RED: [f32; 3] = [0.9, 0.0, 0.0];
const BLACK: [f32; 3] = [0.0, 0.0, 0.0];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Fangsong = 0,
    Kai = 1,
    Serif = 2,
    Hei = 3,
}

/// A body paragraph's level: 一、 （一） 1. （1）, or plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Text,
    One,
    Two,
    Three,
    Four,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub level: Level,
    pub text: String,
}

/// A document as GB/T 9704 prints it. Empty strings leave their element out.
#[derive(Debug, Clone, Default)]
pub struct Official {
    /// Metadata: the file's title and author (the site).
    pub author: String,
    /// As PDF writes it: `D:20161205103000Z`.
    pub created: String,
    /// 份号, 密级和保密期限 (秘密★1年), 紧急程度 (特急): the 版心's first lines, left.
    pub copy_no: String,
    pub secrecy: String,
    pub urgency: String,
    /// 发文机关标志 (淄博市分公司文件) or 纪要标志 (总经理办公会议纪要), in red.
    pub mark: String,
    /// 发文字号 (淄人保发〔2016〕63号), centred under the mark; left when `signer` is set.
    pub number: String,
    /// 上行文: 签发人's name, right of the number.
    pub signer: Option<String>,
    pub title: String,
    /// 主送机关, without the colon.
    pub addressees: String,
    pub body: Vec<Paragraph>,
    /// 附件说明: the attachments' names, in order.
    pub attachments: Vec<String>,
    /// 纪要: (出席 / 请假 / 列席, the names), after the body.
    pub attendance: Vec<(String, String)>,
    /// 发文机关署名 and 成文日期 (2016年12月5日).
    pub issuer: String,
    pub date: String,
    /// 附注, without its brackets.
    pub note: String,
    /// 版记: 抄送机关 (without "抄送："), 印发机关 and 印发日期 (2016年12月5日).
    pub cc: String,
    pub printer: String,
    pub printed: String,
}

/// One thing to draw; `down` is measured from the page's top, in points.
enum Mark {
    Text {
        x: f32,
        down: f32,
        size: f32,
        face: Face,
        text: String,
        /// Character spacing (`Tc`), points.
        spacing: f32,
        rgb: [f32; 3],
        bold: bool,
    },
    Rule {
        x1: f32,
        x2: f32,
        down: f32,
        width: f32,
        rgb: [f32; 3],
    },
}

struct Fonts {
    parsed: Vec<ParsedFont>,
}

impl Fonts {
    fn load() -> Result<Fonts, Error> {
        let mut warnings = Vec::new();
        let parsed = [(FANGSONG, 0), (KAI, 0), (SERIF, 0), (FONT, 0)]
            .iter()
            .map(|(bytes, i)| {
                ParsedFont::from_bytes(bytes, *i, &mut warnings)
                    .ok_or_else(|| Error::Font("a document font cannot be read".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Fonts { parsed })
    }
    fn font(&self, f: Face) -> &ParsedFont {
        &self.parsed[f as usize]
    }
    /// Widths in `f`, with what it lacks measured in 黑体 (where it is drawn).
    fn metrics(&self, f: Face) -> Metrics<'_> {
        match f {
            Face::Hei => Metrics::new(self.font(f)),
            _ => Metrics::with_fallback(self.font(f), self.font(Face::Hei)),
        }
    }
    fn has(&self, f: Face, c: char) -> bool {
        c.is_whitespace() || self.font(f).lookup_glyph_index(c as u32).is_some()
    }
    /// The face's ascent over its size, as the PDF's font descriptor states it.
    fn ascent(&self, f: Face) -> f32 {
        let m = &self.font(f).font_metrics;
        f32::from(m.ascender) / f32::from(m.units_per_em.max(1))
    }
}

struct Flow<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Mark>>,
    /// The next free line of the grid on the last page.
    line: usize,
}

impl Flow<'_> {
    fn marks(&mut self) -> &mut Vec<Mark> {
        let n = self.pages.len() - 1;
        &mut self.pages[n]
    }
    /// Takes the next line of the grid, starting a page when this one is full.
    fn take_line(&mut self) -> usize {
        if self.line >= LINES {
            self.pages.push(Vec::new());
            self.line = 0;
        }
        self.line += 1;
        self.line - 1
    }
    fn blank(&mut self) {
        if self.line > 0 && self.line < LINES {
            self.line += 1;
        }
    }
    /// Keeps the next `n` lines on one page.
    fn keep(&mut self, n: usize) {
        if self.line + n > LINES {
            self.pages.push(Vec::new());
            self.line = 0;
        }
    }
    /// The baseline of grid line `line` for text of `face` at `size`: its top on the line's.
    fn baseline(&self, line: usize, face: Face, size: f32) -> f32 {
        TOP + line as f32 * PITCH + self.fonts.ascent(face) * size
    }
    fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        self.fonts.metrics(face).width(text, size)
    }
    fn text(&mut self, x: f32, down: f32, size: f32, face: Face, text: &str, rgb: [f32; 3]) {
        self.marks().push(Mark::Text {
            x,
            down,
            size,
            face,
            text: text.to_string(),
            spacing: 0.0,
            rgb,
            bold: false,
        });
    }

    /// Sets `text` on the grid in 3号 from the next line: the first line starting `first`
    /// points in, the others `rest` in; the first `head.chars` characters in `head.face`, the
    /// rest in 仿宋; every line but the last justified to the 版心's width.
    fn block(&mut self, text: &str, first: f32, rest: f32, head: Head) {
        let body = Face::Fangsong;
        let tracking = (CHAR - SIZE3) / SIZE3;
        let m = self.fonts.metrics(body).tracked(tracking);
        let slack = SIZE3 * 0.05; // a line of exactly 28 characters must fit
        let mut lines = break_lines(&m, text, SIZE3, WIDTH - first + slack);
        if lines.len() > 1 && rest > first {
            let first_line = lines.remove(0);
            let remainder = text[first_line.len()..].trim_start();
            lines = std::iter::once(first_line)
                .chain(break_lines(&m, remainder, SIZE3, WIDTH - rest + slack))
                .collect();
        }
        let plain = self.fonts.metrics(body);
        let mut done = 0usize; // characters of `text` set so far
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let n = self.take_line();
            let down = self.baseline(n, body, SIZE3);
            let indent = if i == 0 { first } else { rest };
            let chars: Vec<char> = line.chars().collect();
            let glyphs = plain.width(&line, SIZE3);
            let avail = WIDTH - indent;
            let mut spacing = CHAR - SIZE3;
            if i + 1 < count && chars.len() > 1 {
                let even = (avail - glyphs) / (chars.len() - 1) as f32;
                if even < spacing + SIZE3 * 0.5 {
                    spacing = even;
                }
            }
            // The heading's characters of this line, then the rest.
            let start = done;
            let in_head = head.chars.saturating_sub(start).min(chars.len());
            done += chars.len();
            // Whitespace break_lines trimmed off the line's end.
            while text[..]
                .chars()
                .nth(done)
                .is_some_and(|c| c.is_whitespace() && c != '\u{3000}')
            {
                done += 1;
            }
            let mut x = LEFT + indent;
            for (part, face, bold) in [
                (
                    chars[..in_head].iter().collect::<String>(),
                    head.face,
                    head.bold,
                ),
                (chars[in_head..].iter().collect::<String>(), body, false),
            ] {
                if part.is_empty() {
                    continue;
                }
                let w = self.fonts.metrics(face).width(&part, SIZE3);
                self.marks().push(Mark::Text {
                    x,
                    down,
                    size: SIZE3,
                    face,
                    text: part.clone(),
                    spacing,
                    rgb: BLACK,
                    bold,
                });
                x += w + spacing * part.chars().count() as f32;
            }
        }
    }

    /// A label in 黑体 (出席：) followed by names in 仿宋, lines after the first aligned with
    /// the first name, indented two characters.
    fn labelled(&mut self, label: &str, names: &str) {
        let label = format!("{label}：");
        let lw = label.chars().count() as f32 * CHAR;
        let text = format!("\u{3000}\u{3000}{label}{names}");
        let head = Head::new(2 + label.chars().count(), Face::Hei);
        self.block(&text, 0.0, 2.0 * CHAR + lw, head);
    }
}

/// The characters at a block's start set in another face (a heading's, a label's).
#[derive(Clone, Copy)]
struct Head {
    chars: usize,
    face: Face,
    bold: bool,
}

impl Head {
    const NONE: Head = Head {
        chars: 0,
        face: Face::Fangsong,
        bold: false,
    };
    fn new(chars: usize, face: Face) -> Head {
        Head {
            chars,
            face,
            bold: false,
        }
    }
}

/// How many characters of a paragraph make its heading: up to the first 。 (a heading
/// followed by its text: “（一）强化考核。各单位要……”), or all of it.
fn heading_chars(text: &str) -> usize {
    match text.char_indices().find(|(_, c)| *c == '。') {
        Some((i, _)) if i + '。'.len_utf8() < text.len() => text[..i].chars().count() + 1,
        _ => text.chars().count(),
    }
}

/// Breaks a title into as few lines as it needs, as even as the line-breaking rules allow
/// (排列对称: no long line over a short one).
fn title_lines(m: &Metrics, title: &str, size: f32, width: f32) -> Vec<String> {
    let total = m.width(title, size);
    let k = (total / width).ceil().max(1.0);
    let mut target = total / k;
    loop {
        let lines = break_lines(m, title, size, target);
        if lines.len() as f32 <= k || target >= width {
            return lines;
        }
        target = (target + size * 0.5).min(width);
    }
}

/// Lays out and renders the document.
pub fn render_official(doc: &Official) -> Result<Vec<u8>, Error> {
    // Parsing four CJK fonts is much of a document's time: once per thread (the parsed fonts
    // are not shareable between threads).
    thread_local! {
        static FONTS: std::cell::RefCell<Option<std::rc::Rc<Fonts>>> = const { std::cell::RefCell::new(None) };
    }
    let fonts = FONTS.with(|cell| -> Result<std::rc::Rc<Fonts>, Error> {
        let mut slot = cell.borrow_mut();
        if let Some(f) = slot.as_ref() {
            return Ok(f.clone());
        }
        let f = std::rc::Rc::new(Fonts::load()?);
        *slot = Some(f.clone());
        Ok(f)
    })?;
    let fonts = &*fonts;
    let mut f = Flow {
        fonts,
        pages: vec![Vec::new()],
        line: 0,
    };

    // 版头: 份号, 密级, 紧急程度 on the first lines, left.
    for (text, face) in [
        (&doc.copy_no, Face::Fangsong),
        (&doc.secrecy, Face::Hei),
        (&doc.urgency, Face::Hei),
    ] {
        if !text.is_empty() {
            let n = f.take_line();
            let down = f.baseline(n, face, SIZE3);
            f.text(LEFT, down, SIZE3, face, text, BLACK);
        }
    }
    if !doc.mark.is_empty() {
        // The mark's top 35 mm below the 版心's, its characters as large as fit (at most
        // about 18 mm), the ideographs' em box taken as the mark's outline.
        let n = doc.mark.chars().count().max(1) as f32;
        let size = (WIDTH / n).min(52.0);
        let top = TOP + 35.0 * MM;
        let w = f.width(Face::Serif, &doc.mark, size);
        f.text(
            LEFT + (WIDTH - w) / 2.0,
            top + 0.88 * size,
            size,
            Face::Serif,
            &doc.mark,
            RED,
        );
        let bottom = top + size;
        f.line = ((bottom - TOP) / PITCH).ceil() as usize + 2;
    }
    let mut rule_at = None;
    if !doc.number.is_empty() {
        let n = f.take_line();
        let down = f.baseline(n, Face::Fangsong, SIZE3);
        match &doc.signer {
            Some(name) => {
                f.text(LEFT + CHAR, down, SIZE3, Face::Fangsong, &doc.number, BLACK);
                let label = "签发人：";
                let lw = f.width(Face::Fangsong, label, SIZE3);
                let nw = f.width(Face::Kai, name, SIZE3);
                let x = LEFT + WIDTH - CHAR - nw - lw;
                f.text(x, down, SIZE3, Face::Fangsong, label, BLACK);
                f.text(x + lw, down, SIZE3, Face::Kai, name, BLACK);
            }
            None => {
                let w = f.width(Face::Fangsong, &doc.number, SIZE3);
                f.text(
                    LEFT + (WIDTH - w) / 2.0,
                    down,
                    SIZE3,
                    Face::Fangsong,
                    &doc.number,
                    BLACK,
                );
            }
        }
        // 4 mm under the number's line.
        rule_at = Some(TOP + n as f32 * PITCH + SIZE3 * 1.2 + 4.0 * MM);
    } else if !doc.mark.is_empty() {
        rule_at = Some(TOP + f.line.saturating_sub(1) as f32 * PITCH);
    }
    if let Some(down) = rule_at {
        f.marks().push(Mark::Rule {
            x1: LEFT,
            x2: LEFT + WIDTH,
            down,
            width: 1.0,
            rgb: RED,
        });
        f.line = ((down - TOP) / PITCH).ceil() as usize + 2;
    }

    // The title, 2号 小标宋, centred, broken symmetrically; 主送机关 a line under it.
    if !doc.title.is_empty() {
        let m = fonts.metrics(Face::Serif);
        for line in title_lines(&m, &doc.title, SIZE2, WIDTH) {
            let n = f.take_line();
            let w = m.width(&line, SIZE2);
            let down = TOP + n as f32 * PITCH + (PITCH - SIZE2) / 2.0 + 0.88 * SIZE2;
            f.text(
                LEFT + (WIDTH - w) / 2.0,
                down,
                SIZE2,
                Face::Serif,
                &line,
                BLACK,
            );
        }
        f.blank();
    }
    if !doc.addressees.is_empty() {
        f.block(&format!("{}：", doc.addressees), 0.0, 0.0, Head::NONE);
    }

    // The body: each paragraph two characters in.
    for p in &doc.body {
        let text = p.text.trim();
        if text.is_empty() {
            continue;
        }
        let heading = heading_chars(text) + 2;
        let head = match p.level {
            Level::Text | Level::Four => Head::NONE,
            Level::One => Head::new(heading, Face::Hei),
            Level::Two => Head::new(heading, Face::Kai),
            Level::Three => Head {
                bold: true,
                ..Head::new(heading, Face::Fangsong)
            },
        };
        f.block(&format!("\u{3000}\u{3000}{text}"), 0.0, 0.0, head);
    }

    // 附件说明: a line under the body, two characters in; names aligned with the first.
    if !doc.attachments.is_empty() {
        f.blank();
        let numbered = doc.attachments.len() > 1;
        for (i, name) in doc.attachments.iter().enumerate() {
            let no = if numbered {
                format!("{}.", i + 1)
            } else {
                String::new()
            };
            let lead = if i == 0 { "附件：" } else { "" };
            let indent = 2.0 * CHAR + if i == 0 { 0.0 } else { 3.0 * CHAR };
            let text = format!("{lead}{no}{name}");
            let rest = 5.0 * CHAR + f.width(Face::Fangsong, &no, SIZE3);
            f.block(&text, indent, rest, Head::NONE);
        }
    }

    // 纪要: 出席、请假、列席, a line under the body.
    if !doc.attendance.is_empty() {
        f.blank();
        for (label, names) in &doc.attendance {
            f.labelled(label, names);
        }
    }

    // 发文机关署名 and 成文日期: a line under what precedes; the date four characters from the
    // right, the issuer centred over it.
    if !doc.issuer.is_empty() || !doc.date.is_empty() {
        f.blank();
        f.keep(2);
        let dw = f.width(Face::Fangsong, &doc.date, SIZE3);
        let right = LEFT + WIDTH - 4.0 * CHAR;
        let centre = right - dw / 2.0;
        if !doc.issuer.is_empty() {
            let n = f.take_line();
            let iw = f.width(Face::Fangsong, &doc.issuer, SIZE3);
            let x = (centre - iw / 2.0)
                .min(LEFT + WIDTH - 2.0 * CHAR - iw)
                .max(LEFT);
            let down = f.baseline(n, Face::Fangsong, SIZE3);
            f.text(x, down, SIZE3, Face::Fangsong, &doc.issuer, BLACK);
        }
        if !doc.date.is_empty() {
            let n = f.take_line();
            let down = f.baseline(n, Face::Fangsong, SIZE3);
            f.text(right - dw, down, SIZE3, Face::Fangsong, &doc.date, BLACK);
        }
    }
    if !doc.note.is_empty() {
        f.block(
            &format!("\u{3000}\u{3000}（{}）", doc.note),
            0.0,
            0.0,
            Head::NONE,
        );
    }

    // 版记 at the foot of the last page: 抄送 and 印发 in 4号 between separator lines, the
    // last on the 版心's bottom edge.
    if !doc.cc.is_empty() || !doc.printer.is_empty() || !doc.printed.is_empty() {
        let m = fonts.metrics(Face::Fangsong);
        let inner = WIDTH - 2.0 * SIZE4;
        // (x, text) per line: lines after the first aligned with the first name.
        let lw = m.width("抄送：", SIZE4);
        let mut cc: Vec<(f32, String)> = Vec::new();
        if !doc.cc.is_empty() {
            let text = format!("抄送：{}", doc.cc);
            let lines = break_lines(&m, &text, SIZE4, inner);
            let first = lines[0].clone();
            cc.push((LEFT + SIZE4, first.clone()));
            if lines.len() > 1 {
                let rest = text[first.len()..].trim_start();
                for l in break_lines(&m, rest, SIZE4, inner - lw) {
                    cc.push((LEFT + SIZE4 + lw, l));
                }
            }
        }
        let rows = cc.len() + 1;
        if f.line + rows + 1 > LINES {
            f.pages.push(Vec::new());
        }
        let first_row = LINES - rows;
        let row_top = |r: usize| TOP + r as f32 * PITCH;
        let baseline = |r: usize| {
            row_top(r) + (PITCH - SIZE4 * 1.2) / 2.0 + fonts.ascent(Face::Fangsong) * SIZE4
        };
        for (i, (x, text)) in cc.iter().enumerate() {
            f.text(
                *x,
                baseline(first_row + i),
                SIZE4,
                Face::Fangsong,
                text,
                BLACK,
            );
        }
        let last = LINES - 1;
        f.text(
            LEFT + SIZE4,
            baseline(last),
            SIZE4,
            Face::Fangsong,
            &doc.printer,
            BLACK,
        );
        if !doc.printed.is_empty() {
            let printed = format!("{}印发", doc.printed);
            let w = m.width(&printed, SIZE4);
            f.text(
                LEFT + WIDTH - SIZE4 - w,
                baseline(last),
                SIZE4,
                Face::Fangsong,
                &printed,
                BLACK,
            );
        }
        let mut rules = vec![(row_top(first_row), 1.0), (TOP + HEIGHT, 1.0)];
        if !cc.is_empty() {
            rules.push((row_top(last), 0.7));
        }
        for (down, width) in rules {
            f.marks().push(Mark::Rule {
                x1: LEFT,
                x2: LEFT + WIDTH,
                down,
                width,
                rgb: BLACK,
            });
        }
    }

    // Page numbers: "— 1 —" in 4号, the dashes 7 mm under the 版心, one character in from the
    // outside edge (right on odd pages, left on even ones).
    let total = f.pages.len();
    for i in 0..total {
        let label = format!("— {} —", i + 1);
        let w = f.width(Face::Fangsong, &label, SIZE4);
        let x = if i % 2 == 0 {
            LEFT + WIDTH - SIZE4 - w
        } else {
            LEFT + SIZE4
        };
        let down = TOP + HEIGHT + 7.0 * MM + 0.3 * SIZE4;
        f.pages[i].push(Mark::Text {
            x,
            down,
            size: SIZE4,
            face: Face::Fangsong,
            text: label,
            spacing: 0.0,
            rgb: BLACK,
            bold: false,
        });
    }

    let mut pdf = PdfDocument::new(&doc.title);
    // Each font under its own name, tagged as a subset (printpdf would name it randomly).
    let ids: Vec<FontId> = [
        "BDKFSG+BranchdeskFangsong",
        "BDKKAI+BranchdeskKai",
        "BDKSRF+BranchdeskSerifBold",
        "BDKHEI+WenQuanYiMicroHei",
    ]
    .iter()
    .zip(&fonts.parsed)
    .map(|(name, font)| {
        let id = FontId(name.to_string());
        pdf.resources.fonts.map.insert(id.clone(), font.clone());
        id
    })
    .collect();
    let pages = f
        .pages
        .iter()
        .map(|marks| PdfPage::new(Mm(210.0), Mm(297.0), ops(marks, fonts, &ids)))
        .collect();
    let opts = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let bytes = pdf.with_pages(pages).save(&opts, &mut Vec::new());
    let meta = crate::Document {
        title: doc.title.clone(),
        author: doc.author.clone(),
        header_left: String::new(),
        header_right: String::new(),
        footer_note: String::new(),
        page_label: String::new(),
        created: doc.created.clone(),
        blocks: Vec::new(),
    };
    finish(&bytes, &meta, SUBSTITUTES)
}

fn ops(marks: &[Mark], fonts: &Fonts, ids: &[FontId]) -> Vec<Op> {
    let mut out = Vec::with_capacity(marks.len() * 8);
    let colour = |rgb: [f32; 3]| Color::Rgb(Rgb::new(rgb[0], rgb[1], rgb[2], None));
    for mark in marks {
        match mark {
            Mark::Text {
                x,
                down,
                size,
                face,
                text,
                spacing,
                rgb,
                bold,
            } => {
                // Runs of characters the face has, and of those it lacks (drawn in 黑体).
                let mut runs: Vec<(Face, String)> = Vec::new();
                for c in text.chars() {
                    let fc = if fonts.has(*face, c) {
                        *face
                    } else {
                        Face::Hei
                    };
                    match runs.last_mut() {
                        Some((f, s)) if *f == fc => s.push(c),
                        _ => runs.push((fc, c.to_string())),
                    }
                }
                let mut x = *x;
                for (fc, run) in runs {
                    let id = &ids[fc as usize];
                    out.push(Op::StartTextSection);
                    out.push(Op::SetFillColor { col: colour(*rgb) });
                    if *bold {
                        out.push(Op::SetOutlineColor { col: colour(*rgb) });
                        out.push(Op::SetOutlineThickness { pt: Pt(0.45) });
                        out.push(Op::SetTextRenderingMode {
                            mode: TextRenderingMode::FillStroke,
                        });
                    }
                    out.push(Op::SetFontSize {
                        size: Pt(*size),
                        font: id.clone(),
                    });
                    out.push(Op::SetCharacterSpacing {
                        multiplier: *spacing,
                    });
                    out.push(Op::SetTextCursor {
                        pos: Point {
                            x: Pt(x),
                            y: Pt(PAGE_H - down),
                        },
                    });
                    out.push(Op::WriteText {
                        items: vec![TextItem::Text(run.clone())],
                        font: id.clone(),
                    });
                    if *bold {
                        out.push(Op::SetTextRenderingMode {
                            mode: TextRenderingMode::Fill,
                        });
                    }
                    out.push(Op::EndTextSection);
                    x +=
                        fonts.metrics(fc).width(&run, *size) + spacing * run.chars().count() as f32;
                }
            }
            Mark::Rule {
                x1,
                x2,
                down,
                width,
                rgb,
            } => {
                out.push(Op::SetOutlineColor { col: colour(*rgb) });
                out.push(Op::SetOutlineThickness { pt: Pt(*width) });
                let y = PAGE_H - down;
                let pt = |x: f32| LinePoint {
                    p: Point { x: Pt(x), y: Pt(y) },
                    bezier: false,
                };
                out.push(Op::DrawLine {
                    line: Line {
                        points: vec![pt(*x1), pt(*x2)],
                        is_closed: false,
                    },
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_ends_at_its_first_full_stop() {
        assert_eq!(heading_chars("（一）强化考核。各单位要按月报送。"), 8);
        assert_eq!(heading_chars("一、总体要求"), 6);
        assert_eq!(heading_chars("一、总体要求。"), 7);
    }

    #[test]
    fn a_long_title_breaks_evenly() {
        let m = Metrics::fixed();
        // 26 characters at 10 pt in a 200 pt line (20 a line): 13 + 13, not 20 + 6.
        let t = "关于印发二〇一六年度县支公司经营目标责任制考核办法的通知";
        let lines = title_lines(&m, t, 10.0, 200.0);
        assert_eq!(lines.len(), 2, "{lines:?}");
        let (a, b) = (lines[0].chars().count(), lines[1].chars().count());
        assert!(a.abs_diff(b) <= 1, "{lines:?}");
        assert_eq!(lines.concat(), t);
    }
}
