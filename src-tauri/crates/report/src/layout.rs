//! Text measurement and line breaking by Chinese rules (禁则): no closing punctuation at the
//! start of a line, no opening bracket at its end; Latin words and numbers are not split
//! unless a single one is wider than the line.

use printpdf::ParsedFont;

/// Advance widths of the report font.
pub struct Metrics<'a> {
    upem: f32,
    advance: Box<dyn Fn(char) -> u16 + 'a>,
    /// Added after every character, in ems (a PDF's character spacing, `Tc`, over the size).
    tracking: f32,
}

impl<'a> Metrics<'a> {
    pub fn new(font: &'a ParsedFont) -> Metrics<'a> {
        let upem = f32::from(font.font_metrics.units_per_em.max(1));
        Metrics {
            upem,
            // The parsed font reports no advance for spaces, which viewers draw about a quarter
            // em wide (0.259 em in the embedded widths); U+3000 is a full em.
            advance: Box::new(move |c| {
                let a = font
                    .lookup_glyph_index(c as u32)
                    .map_or(0, |g| font.get_horizontal_advance(g));
                match c {
                    '\u{3000}' if a == 0 => upem as u16,
                    c if a == 0 && c.is_whitespace() => (upem * 0.259) as u16,
                    _ => a,
                }
            }),
            tracking: 0.0,
        }
    }

    /// `font`, with the characters it lacks measured in `fallback` (where they are drawn).
    pub fn with_fallback(font: &'a ParsedFont, fallback: &'a ParsedFont) -> Metrics<'a> {
        let primary = Metrics::new(font);
        let second = Metrics::new(fallback);
        let scale = primary.upem / second.upem;
        Metrics {
            upem: primary.upem,
            advance: Box::new(move |c| match (primary.advance)(c) {
                0 => (f32::from((second.advance)(c)) * scale) as u16,
                a => a,
            }),
            tracking: 0.0,
        }
    }

    /// The same font drawn with `em` more (or, negative, less) after every character.
    pub fn tracked(self, em: f32) -> Metrics<'a> {
        Metrics {
            tracking: em,
            ..self
        }
    }

    /// For tests: every character `em` wide, Latin ones half.
    pub fn fixed() -> Metrics<'static> {
        Metrics {
            upem: 1000.0,
            advance: Box::new(|c| if c.is_ascii() { 500 } else { 1000 }),
            tracking: 0.0,
        }
    }

    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars()
            .map(|c| f32::from((self.advance)(c)) / self.upem + self.tracking)
            .sum::<f32>()
            * size
    }
}

/// Characters that must not start a line.
const NO_START: &str = "。，、．）》〉」』】〕〗！？；：…—,.!?;:)]}%％’”·";
/// Characters that must not end a line.
const NO_END: &str = "（《〈「『【〔〖([{“‘¥￥$";

/// Breaks `text` into lines no wider than `width` at `size`.
pub fn break_lines(m: &Metrics, text: &str, size: f32, width: f32) -> Vec<String> {
    // Units that stay together: a run of Latin letters/digits (with . , % inside numbers), or
    // one other character.
    let mut units: Vec<String> = Vec::new();
    for c in text.chars() {
        let latin = c.is_ascii_alphanumeric();
        match units.last_mut() {
            // A sign belongs to the number after it.
            Some(last) if c.is_ascii_digit() && (last == "-" || last == "+" || last == "¥") => {
                last.push(c)
            }
            Some(last)
                if latin
                    && last
                        .chars()
                        .last()
                        .is_some_and(|p| p.is_ascii_alphanumeric() || ".,%-".contains(p))
                    && last
                        .chars()
                        .next()
                        .is_some_and(|f| f.is_ascii_alphanumeric()) =>
            {
                last.push(c)
            }
            Some(last)
                if ".,%".contains(c)
                    && last
                        .chars()
                        .all(|p| p.is_ascii_alphanumeric() || ".,%".contains(p))
                    && !last.is_empty() =>
            {
                last.push(c)
            }
            _ => units.push(c.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    // The line just overflowed by hanging punctuation: more closing punctuation ("）：")
    // hangs with it; anything else starts the next line.
    let mut hanging = false;
    for unit in units {
        let first = unit.chars().next().unwrap_or(' ');
        if hanging {
            if NO_START.contains(first) {
                line.push_str(&unit);
                continue;
            }
            lines.push(std::mem::take(&mut line));
            hanging = false;
        }
        let candidate = format!("{line}{unit}");
        if m.width(&candidate, size) <= width || line.is_empty() {
            if line.is_empty() && m.width(&unit, size) > width {
                // A single unit wider than the line: split it by characters.
                for c in unit.chars() {
                    if !line.is_empty() && m.width(&format!("{line}{c}"), size) > width {
                        lines.push(std::mem::take(&mut line));
                    }
                    line.push(c);
                }
                continue;
            }
            line = candidate;
            continue;
        }
        if NO_START.contains(first) {
            // Punctuation hangs at the end of the line rather than starting the next.
            line.push_str(&unit);
            hanging = true;
            continue;
        }
        // Move an opening bracket at the end down to the next line.
        let mut carry = String::new();
        while let Some(last) = line.chars().last() {
            if NO_END.contains(last) && line.chars().count() > 1 {
                line.pop();
                carry.insert(0, last);
            } else {
                break;
            }
        }
        lines.push(std::mem::take(&mut line));
        line = format!("{carry}{unit}");
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_closing_punctuation_hangs_together() {
        let m = Metrics::fixed();
        // 7 characters per line: "）" falls just past the end and "：" follows it.
        assert_eq!(
            break_lines(&m, "收文办理（关注）：一件", 10.0, 70.0),
            ["收文办理（关注）：", "一件"]
        );
        // And at every width, no line starts with closing punctuation, nothing is lost.
        let text = "收文办理（关注）：1 件收文超过办理时限，最久 9 天";
        for w in 20..200 {
            let lines = break_lines(&m, text, 10.0, w as f32);
            for l in &lines[1..] {
                let first = l.chars().next().unwrap();
                assert!(!NO_START.contains(first), "width {w}: {lines:?}");
            }
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let m = Metrics::fixed();
        // 5 characters per line at size 10 and width 50.
        let lines = break_lines(&m, "一二三四五。六七", 10.0, 50.0);
        assert_eq!(lines, ["一二三四五。", "六七"]);
        let lines = break_lines(&m, "一二三四（五六", 10.0, 50.0);
        assert_eq!(lines, ["一二三四", "（五六"]);
    }

    #[test]
    fn numbers_and_words_stay_whole() {
        let m = Metrics::fixed();
        let lines = break_lines(&m, "得分12.50分", 10.0, 40.0);
        assert_eq!(lines, ["得分", "12.50分"]);
        assert_eq!(break_lines(&m, "", 10.0, 40.0), [""]);
        // Longer than a line: split by characters, nothing lost.
        let long = "ABCDEFGHIJKLMNOP";
        assert_eq!(break_lines(&m, long, 10.0, 40.0).concat(), long);
    }
}
