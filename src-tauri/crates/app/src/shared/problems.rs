//! Problems found in a file or a grid, each with where it is, in both languages.

use branchdesk_domain::Lang;
use serde::Serialize;
use ts_rs::TS;

/// A sheet's or a column's name in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Named {
    pub fn get(self, lang: Lang) -> &'static str {
        if lang == Lang::Zh {
            self.zh
        } else {
            self.en
        }
    }
}

/// One thing wrong with an import file.
#[derive(Debug, Clone)]
pub struct FileProblem {
    pub sheet: Option<Named>,
    /// 1-based, as the spreadsheet shows it (the header is row 1).
    pub row: Option<u32>,
    pub col: Option<Named>,
    pub zh: String,
    pub en: String,
}

/// A problem as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProblemView {
    pub sheet: String,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
}

impl FileProblem {
    pub fn view(&self, lang: Lang) -> ProblemView {
        let column = self.col.map(|c| c.get(lang).to_string());
        ProblemView {
            sheet: self
                .sheet
                .map(|s| s.get(lang).to_string())
                .unwrap_or_default(),
            row: self.row,
            column,
            message: if lang == Lang::Zh {
                self.zh.clone()
            } else {
                self.en.clone()
            },
        }
    }

    /// "岗位 第 5 行 直属上级岗位编码：…" for the CLI and error messages.
    pub fn line(&self, lang: Lang) -> String {
        let v = self.view(lang);
        let zh = lang == Lang::Zh;
        let mut at = Vec::new();
        if !v.sheet.is_empty() {
            at.push(if zh {
                format!("工作表“{}”", v.sheet)
            } else {
                format!("sheet {}", v.sheet)
            });
        }
        if let Some(r) = v.row {
            at.push(if zh {
                format!("第 {r} 行")
            } else {
                format!("row {r}")
            });
        }
        if let Some(c) = &v.column {
            at.push(if zh {
                format!("“{c}”列")
            } else {
                format!("column {c}")
            });
        }
        if at.is_empty() {
            v.message
        } else {
            format!(
                "{}{}{}",
                at.join(if zh { " " } else { ", " }),
                if zh { "：" } else { ": " },
                v.message
            )
        }
    }
}

/// A rejected cell, named so the grid can mark it in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CellError {
    pub unit: String,
    pub metric: String,
    pub message: String,
}
