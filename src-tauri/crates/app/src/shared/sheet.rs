//! Spreadsheet cells as text, the same for every import.

use calamine::Data;

/// How a date cell reads back.
#[derive(Clone, Copy)]
pub(crate) enum DateCell {
    /// 2016-07 (KPI months, which Excel turns into dates).
    Month,
    /// 2016-07-01
    Day,
}

/// A cell as the text a person typed: numbers through their shortest decimal text (1 not 1.0),
/// dates as [`DateCell`] says, booleans as 是/否, errors as `#DIV/0`-like text so the message
/// that rejects them shows what was there.
pub(crate) fn cell_text(d: &Data, dates: DateCell) -> String {
    let (fmt, len) = match dates {
        DateCell::Month => ("%Y-%m", 7),
        DateCell::Day => ("%Y-%m-%d", 10),
    };
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.format(fmt).to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(len).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(cell_text(&Data::Float(1001.0), DateCell::Day), "1001");
        assert_eq!(cell_text(&Data::Float(0.9), DateCell::Day), "0.9");
        assert_eq!(
            cell_text(
                &Data::DateTimeIso("2016-07-01T00:00:00".into()),
                DateCell::Month
            ),
            "2016-07"
        );
    }
}
