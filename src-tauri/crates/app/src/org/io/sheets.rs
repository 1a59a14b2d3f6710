//! The four sheets (单位 岗位 人员 任职) and their columns, used by the template, the export and
//! the import.

use std::sync::LazyLock;

use branchdesk_domain::{Fields, PositionAttrs, UnitAttrs};

use crate::shared::problems::{FileProblem, Named};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Sheet {
    Units,
    Positions,
    People,
    Assignments,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Col {
    pub(super) key: &'static str,
    pub(super) zh: &'static str,
    pub(super) en: &'static str,
    pub(super) required: bool,
    pub(super) help: &'static str,
}

pub(super) const fn col(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    required: bool,
    help: &'static str,
) -> Col {
    Col {
        key,
        zh,
        en,
        required,
        help,
    }
}

/// A record's sheet: its code, then one column per declared field (`record!` in the domain).
fn record_cols<A: Fields>(code: Col) -> Vec<Col> {
    std::iter::once(code)
        .chain(A::FIELDS.iter().map(|f| Col {
            key: f.key(),
            zh: f.sheet.zh,
            en: f.sheet.en,
            required: f.sheet.required,
            help: f.sheet.help,
        }))
        .collect()
}

static UNIT_COLS: LazyLock<Vec<Col>> = LazyLock::new(|| {
    record_cols::<UnitAttrs>(col(
        "code",
        "编码",
        "Code",
        true,
        "单位编码，唯一，导入后不可修改，如 ZB-ZD",
    ))
});

static POSITION_COLS: LazyLock<Vec<Col>> = LazyLock::new(|| {
    record_cols::<PositionAttrs>(col(
        "code",
        "编码",
        "Code",
        true,
        "岗位编码，唯一，如 ZB-P-OPSD",
    ))
});

pub(super) const SHEETS: [Sheet; 4] = [
    Sheet::Units,
    Sheet::Positions,
    Sheet::People,
    Sheet::Assignments,
];

impl Sheet {
    pub(super) fn zh(self) -> &'static str {
        match self {
            Sheet::Units => "单位",
            Sheet::Positions => "岗位",
            Sheet::People => "人员",
            Sheet::Assignments => "任职",
        }
    }

    pub(super) fn en(self) -> &'static str {
        match self {
            Sheet::Units => "Units",
            Sheet::Positions => "Positions",
            Sheet::People => "People",
            Sheet::Assignments => "Assignments",
        }
    }

    pub(super) fn file_suffix(self) -> &'static str {
        match self {
            Sheet::Units => "units",
            Sheet::Positions => "positions",
            Sheet::People => "people",
            Sheet::Assignments => "assignments",
        }
    }

    pub(super) fn cols(self) -> &'static [Col] {
        match self {
            Sheet::Units => &UNIT_COLS,
            Sheet::Positions => &POSITION_COLS,
            Sheet::People => {
                const C: &[Col] = &[
                    col("code", "工号", "Staff no.", true, "人员编号，唯一"),
                    col("name", "姓名", "Name", true, ""),
                    col("phone", "电话", "Phone", false, ""),
                    col(
                        "left_on",
                        "离职日期",
                        "Left on",
                        false,
                        "最后工作日，如 2016-06-30；在职留空",
                    ),
                ];
                C
            }
            Sheet::Assignments => {
                const C: &[Col] = &[
                    col("person", "工号", "Staff no.", true, "人员的工号"),
                    col(
                        "position",
                        "岗位编码",
                        "Position code",
                        true,
                        "所任岗位的编码",
                    ),
                    col(
                        "kind",
                        "任职类型",
                        "Kind",
                        false,
                        "任职、代理、兼职（默认任职）",
                    ),
                    col("start_on", "开始日期", "Start", true, "如 2016-01-01"),
                    col("end_on", "结束日期", "End", false, "最后一天；仍在任留空"),
                ];
                C
            }
        }
    }

    pub(super) fn named(self) -> Named {
        Named {
            zh: self.zh(),
            en: self.en(),
        }
    }

    pub(super) fn from_name(s: &str) -> Option<Sheet> {
        let s = s.trim();
        SHEETS.into_iter().find(|sh| {
            sh.zh() == s
                || sh.en().eq_ignore_ascii_case(s)
                || s.to_ascii_lowercase().ends_with(sh.file_suffix())
        })
    }

    /// The sheet whose required columns all appear in `headers` (the most specific first).
    pub(super) fn from_headers(headers: &[String]) -> Option<Sheet> {
        [
            Sheet::Assignments,
            Sheet::Positions,
            Sheet::People,
            Sheet::Units,
        ]
        .into_iter()
        .find(|sh| {
            sh.cols()
                .iter()
                .filter(|c| c.required)
                .all(|c| headers.iter().any(|h| header_is(h, c)))
        })
    }
}

impl Col {
    pub(super) fn named(&self) -> Named {
        Named {
            zh: self.zh,
            en: self.en,
        }
    }
}

pub(super) fn header_is(h: &str, c: &Col) -> bool {
    let h = h.trim().trim_end_matches(['*', '＊']).trim();
    h == c.zh || h.eq_ignore_ascii_case(c.en) || h.eq_ignore_ascii_case(c.key)
}

pub(super) struct Problems(pub(super) Vec<FileProblem>);

impl Problems {
    pub(super) fn at(&mut self, sheet: Sheet, row: u32, col: &'static str, zh: String, en: String) {
        self.0.push(FileProblem {
            sheet: Some(sheet.named()),
            row: Some(row),
            col: sheet.cols().iter().find(|c| c.key == col).map(Col::named),
            zh,
            en,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_are_told_apart_by_their_headers() {
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            Sheet::from_headers(&h(&["工号", "岗位编码", "开始日期"])),
            Some(Sheet::Assignments)
        );
        assert_eq!(
            Sheet::from_headers(&h(&["工号*", "姓名*"])),
            Some(Sheet::People)
        );
        assert_eq!(
            Sheet::from_headers(&h(&["Code", "Unit code", "Title"])),
            Some(Sheet::Positions)
        );
        assert_eq!(
            Sheet::from_headers(&h(&["编码", "名称", "类型"])),
            Some(Sheet::Units)
        );
        assert_eq!(Sheet::from_headers(&h(&["单位", "期间"])), None);
    }
}
