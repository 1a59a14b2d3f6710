//! The four sheets (单位 岗位 人员 任职) and their columns, used by the template, the export and
//! the import.

use crate::shared::problems::{FileProblem, Named};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Sheet {
    Units,
    Positions,
    People,
    Assignments,
}

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
            Sheet::Units => {
                const C: &[Col] = &[
                    col(
                        "code",
                        "编码",
                        "Code",
                        true,
                        "单位编码，唯一，导入后不可修改，如 ZB-ZD",
                    ),
                    col("name", "名称", "Name", true, "单位全称"),
                    col(
                        "kind",
                        "类型",
                        "Type",
                        true,
                        "集团、区域/板块、子公司、分公司（支公司）、办事处、部门",
                    ),
                    col(
                        "parent",
                        "上级单位编码",
                        "Parent code",
                        false,
                        "上级单位的编码；集团留空",
                    ),
                    col(
                        "control_mode",
                        "管控模式",
                        "Control mode",
                        false,
                        "运营管控型、战略管控型、财务管控型（子公司、分公司填写）",
                    ),
                    col("ownership", "股权", "Ownership", false, "控股、参股"),
                    col("industry", "行业", "Industry", false, "所属行业或板块"),
                    col(
                        "econ_assessed",
                        "经济责任制考核",
                        "Econ. assessment",
                        false,
                        "是、否（默认否）",
                    ),
                    col("sort", "排序", "Order", false, "整数，越小越靠前"),
                    col(
                        "closed",
                        "已撤销",
                        "Closed",
                        false,
                        "是、否（默认否）；撤销的单位保留历史",
                    ),
                ];
                C
            }
            Sheet::Positions => {
                const C: &[Col] = &[
                    col("code", "编码", "Code", true, "岗位编码，唯一，如 ZB-P-OPSD"),
                    col(
                        "unit",
                        "所属单位编码",
                        "Unit code",
                        true,
                        "岗位所在单位（部门）的编码",
                    ),
                    col("title", "岗位名称", "Title", true, "如 运营总监"),
                    col(
                        "superior",
                        "直属上级岗位编码",
                        "Superior code",
                        false,
                        "直属上级（行政隶属）岗位的编码，可在其他单位；最高岗位留空",
                    ),
                    col(
                        "description",
                        "职责描述",
                        "Role description",
                        false,
                        "一段话",
                    ),
                    col(
                        "duties",
                        "主要职责",
                        "Main duties",
                        false,
                        "每行一条，可带 1. 2. 编号",
                    ),
                    col(
                        "status",
                        "状态",
                        "Status",
                        false,
                        "正常、空缺、待招聘（待招聘岗位不计入在编人数）",
                    ),
                    col("sort", "排序", "Order", false, "整数，越小越靠前"),
                    col("closed", "已撤销", "Closed", false, "是、否（默认否）"),
                ];
                C
            }
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
