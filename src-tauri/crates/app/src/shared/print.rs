//! What every PDF report shares: the page header and footer from the site, columns, numbers and
//! money as offices write them, periods in words, and rendering.

use branchdesk_domain::{Lang, Period};
use branchdesk_report::{Align, Block, Column, Document};
use rust_decimal::Decimal;

use crate::{App, AppError, Result};

/// 2016-07 → 2016年7月 / Jul 2016; 2016-Q3 → 2016年第三季度 / Q3 2016; 2016 → 2016年度; text that
/// is not a period stays as it is.
pub fn period_label(p: &str, lang: Lang) -> String {
    p.parse::<Period>()
        .map_or_else(|_| p.to_string(), |p| p.label(lang))
}

/// 19006.0061 → 19,006.0061; text that is not a number stays as it is.
pub fn group_digits(s: &str) -> String {
    let Ok(d) = s.parse::<Decimal>() else {
        return s.to_string();
    };
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    if d.abs() < Decimal::from(1000) {
        return s.to_string();
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// ¥1,600.00
pub fn money(d: Decimal) -> String {
    let s = group_digits(&format!("{:.2}", d.round_dp(2)));
    match s.strip_prefix('-') {
        Some(rest) => format!("-¥{rest}"),
        None => format!("¥{s}"),
    }
}

pub(crate) fn col(title: &str, width: f32, align: Align) -> Column {
    Column {
        title: title.to_string(),
        width,
        align,
    }
}

impl App {
    pub(crate) fn document(
        &self,
        title: String,
        unit: String,
        blocks: Vec<Block>,
    ) -> Result<Document> {
        let site = self.store.site()?;
        let zh = self.lang == Lang::Zh;
        let now = chrono::Local::now().format("%Y-%m-%d %H:%M");
        Ok(Document {
            title,
            author: site.name.clone(),
            header_left: if site.group_name.is_empty() {
                site.name.clone()
            } else {
                site.group_name.clone()
            },
            header_right: unit,
            footer_note: if zh {
                format!("分支管理台 生成于 {now}")
            } else {
                format!("Branchdesk, generated {now}")
            },
            page_label: if zh {
                "第 {page} 页 / 共 {pages} 页".into()
            } else {
                "Page {page} of {pages}".into()
            },
            created: chrono::Utc::now().format("D:%Y%m%d%H%M%SZ").to_string(),
            blocks,
        })
    }
}

pub(crate) fn render(doc: &Document) -> Result<Vec<u8>> {
    branchdesk_report::render(doc).map_err(|e| AppError::Export(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_periods_as_offices_write_them() {
        assert_eq!(money(Decimal::new(160000, 2)), "¥1,600.00");
        assert_eq!(money(Decimal::new(1234567891, 1)), "¥123,456,789.10");
        assert_eq!(money(Decimal::new(-3005, 1)), "-¥300.50");
        assert_eq!(group_digits("19006.0061"), "19,006.0061");
        assert_eq!(group_digits("0.8859"), "0.8859");
        assert_eq!(group_digits("未实施"), "未实施");
        assert_eq!(period_label("2016-07", Lang::Zh), "2016年7月");
        assert_eq!(period_label("2016-Q3", Lang::Zh), "2016年第三季度");
        assert_eq!(period_label("2016-Q3", Lang::En), "Q3 2016");
    }
}
