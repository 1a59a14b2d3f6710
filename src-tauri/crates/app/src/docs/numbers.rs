//! Numbering categories and their numbers: the lowest one given back is handed out first.

use branchdesk_domain::DocCategory;

use super::{year_of, Reserved};
use crate::{App, AppError, Result};

impl App {
    pub fn doc_categories(&self) -> Result<Vec<DocCategory>> {
        Ok(self.store.doc_categories()?)
    }

    /// Adds or changes a numbering category (code, name, prefix such as 淄人保发, kind).
    pub fn doc_category_save(&mut self, c: &DocCategory) -> Result<DocCategory> {
        let code = c.code.trim();
        let prefix = c.prefix.trim();
        if code.is_empty() || c.name.trim().is_empty() || prefix.is_empty() {
            return Err(AppError::invalid(
                "code",
                "类别编码、名称和文号前缀都不能为空。",
                "A category needs a code, a name and a prefix.",
            ));
        }
        if prefix.chars().any(|ch| "〔〕[]0123456789号".contains(ch)) {
            return Err(AppError::invalid("prefix", "文号前缀只写机关代字，如“淄人保发”；年份和序号由系统生成。", "The prefix is the issuer's code only (e.g. 淄人保发); year and number are added by the program."));
        }
        let c = DocCategory {
            code: code.into(),
            name: c.name.trim().into(),
            prefix: prefix.into(),
            kind: c.kind,
            foreign: false,
        };
        let sort = self.store.doc_categories()?.len() as i64;
        self.store
            .write(|w| w.put_doc_category(&c, sort).map_err(AppError::from))?;
        Ok(c)
    }

    /// A category of this site's own, to number in.
    pub(super) fn category(&self, code: &str) -> Result<DocCategory> {
        let found = self.store.doc_category(code)?;
        if found.as_ref().is_some_and(|c| c.foreign) {
            return Err(AppError::invalid(
                "category",
                format!("文件类别“{code}”是其他站点的，只有该站点可以用它编号。请选择本站的类别。"),
                format!("The document category \"{code}\" is another site's; only that site numbers in it. Choose one of this site's categories."),
            ));
        }
        found.ok_or_else(|| {
                AppError::invalid(
                    "category",
                    format!("没有文件类别“{code}”。请先添加该类别（branchdesk docs category --code … --prefix …）。"),
                    format!(
                        "No document category \"{code}\". Add it first (branchdesk docs category --code … --prefix …)."
                    ),
                )
            })
    }

    /// Reserves the next number of a category for `year` (this year by default), for a document
    /// numbered outside the register.
    pub fn doc_reserve_number(&mut self, category: &str, year: Option<i32>) -> Result<Reserved> {
        let c = self.category(category)?;
        let year = doc_year(year.unwrap_or_else(|| year_of(&self.ctx.today_str())))?;
        let at = self.ctx.now();
        let seq = self.store.write(|w| {
            w.reserve_number(&c.code, year, None, &at)
                .map_err(AppError::from)
        })?;
        Ok(Reserved {
            number: c.number(year, seq),
            category: c.code,
            year,
            seq,
        })
    }

    /// Gives a reserved number back; the next reservation or issue takes it.
    pub fn doc_release_number(&mut self, category: &str, year: i32, seq: i64) -> Result<()> {
        let c = self.category(category)?;
        let year = doc_year(year)?;
        let at = self.ctx.now();
        self.store
            .write(|w| w.set_number_state(&c.code, year, seq, "released", None, &at).map_err(AppError::from))
            .map_err(|_| AppError::invalid("seq", format!("{} 不是待用的预留文号（已用于发文的文号不能收回）。", c.number(year, seq)), format!("{} is not a reserved number (numbers on issued documents are never given back).", c.number(year, seq))))
    }
}

/// A document's year: 1900 to 2999, as written in 〔2016〕.
fn doc_year(year: i32) -> Result<i32> {
    if (1900..=2999).contains(&year) {
        Ok(year)
    } else {
        Err(AppError::invalid(
            "year",
            format!("{year} 不是有效的发文年份（应为四位数年份，如 2016）。"),
            format!("{year} is not a document year (write four digits, e.g. 2016)."),
        ))
    }
}
