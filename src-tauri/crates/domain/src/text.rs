//! Characters that have no place in a name or a note: control characters (NUL, escape
//! sequences that move a terminal's cursor or change its colours) and the Unicode controls that
//! reverse the direction of text (an "exe.txt" that shows as "txt.exe"). Text people type, files
//! bring and bundles carry is refused when it holds one; text shown in a terminal has them
//! replaced. Line breaks and tabs are text.

use std::borrow::Cow;

/// Whether `c` is refused in text.
pub fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The first refused character of `s` and its position (1-based, in characters).
pub fn first_forbidden(s: &str) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| forbidden(*c))
        .map(|(i, c)| (i + 1, c))
}

/// The first emoji in `s` (1-based position): the shipped fonts have none, so a title with one
/// would show boxes on screen and lose it in every PDF. Pictographs, emoticons, flags and the
/// emoji variation selector.
pub fn first_emoji(s: &str) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| matches!(*c as u32, 0x1F000..=0x1FAFF | 0xFE0F))
        .map(|(i, c)| (i + 1, c))
}

/// The first JSON escape of a refused character in `s` (`\u001b`, `\u202E`, …): text columns
/// that hold JSON would turn it into the character when read.
pub fn first_forbidden_escape(s: &str) -> Option<char> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(at) = s[i..].find("\\u") {
        let start = i + at + 2;
        let hex = b.get(start..start + 4)?;
        // An escaped backslash before it ("\\u0000") is text, not an escape.
        let slashes = s[..i + at]
            .bytes()
            .rev()
            .take_while(|&x| x == b'\\')
            .count();
        if slashes % 2 == 0 {
            if let Some(c) = std::str::from_utf8(hex)
                .ok()
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
            {
                if forbidden(c) {
                    return Some(c);
                }
            }
        }
        i = start;
    }
    None
}

/// How a refused character is named in a message: `U+202E`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// `s` with every refused character replaced by �, for a terminal.
pub fn printable(s: &str) -> Cow<'_, str> {
    if s.chars().any(forbidden) {
        Cow::Owned(
            s.chars()
                .map(|c| if forbidden(c) { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_are_found_and_chinese_punctuation_is_not() {
        assert_eq!(first_emoji("续保专题会议😀"), Some((7, '😀')));
        assert_eq!(first_emoji("关于“续保”的通知（一）★✓"), None);
        assert_eq!(first_emoji("🇨🇳国旗"), Some((1, '🇨')));
    }

    #[test]
    fn controls_and_direction_overrides_are_refused_line_breaks_are_not() {
        assert_eq!(first_forbidden("淄博市分公司\n第二行\t"), None);
        assert_eq!(first_forbidden("韩\u{1b}[31m立新"), Some((2, '\u{1b}')));
        assert_eq!(first_forbidden("a\0b"), Some((2, '\0')));
        assert_eq!(
            first_forbidden("报告\u{202e}txt.exe"),
            Some((3, '\u{202e}'))
        );
        assert_eq!(first_forbidden("\u{2067}x"), Some((1, '\u{2067}')));
        assert_eq!(first_forbidden("\u{85}"), Some((1, '\u{85}')));
        assert_eq!(code_point('\u{202e}'), "U+202E");
        assert_eq!(printable("a\u{1b}b"), "a\u{fffd}b");
        assert!(matches!(printable("淄博"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_inside_json_text_are_found() {
        assert_eq!(
            first_forbidden_escape(r#"{"a":"x\u001b[2J"}"#),
            Some('\u{1b}')
        );
        assert_eq!(
            first_forbidden_escape(r#"{"a":"\u202E"}"#),
            Some('\u{202e}')
        );
        assert_eq!(first_forbidden_escape(r#"{"a":"\n\u4e2d"}"#), None);
        assert_eq!(first_forbidden_escape(r#"{"a":"\\u0000"}"#), None);
        assert_eq!(first_forbidden_escape(r#"\u00"#), None);
    }
}
