//! Names of the organisation's enumerations for people, in Chinese and English, and the
//! reverse: reading them back from a spreadsheet cell. One table per type, used by the history
//! view, the xlsx/CSV import and export, and the CLI.

use branchdesk_domain::{AssignmentKind, ControlMode, Lang, Ownership, PositionStatus, UnitKind};

pub(crate) trait Label: Sized + Copy + PartialEq + 'static {
    /// `(value, zh, en, other accepted spellings)`.
    fn table() -> &'static [(Self, &'static str, &'static str, &'static [&'static str])];

    fn label(&self, lang: Lang) -> &'static str {
        Self::table()
            .iter()
            .find(|(v, ..)| v == self)
            .map_or("", |(_, zh, en, _)| if lang == Lang::Zh { zh } else { en })
    }

    /// Reads a cell: the Chinese or English label, or another accepted spelling; any case,
    /// surrounding spaces ignored.
    fn from_label(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::table()
            .iter()
            .find(|(_, zh, en, alt)| {
                *zh == s
                    || en.eq_ignore_ascii_case(s)
                    || alt.iter().any(|a| a.eq_ignore_ascii_case(s))
            })
            .map(|(v, ..)| *v)
    }

    /// The Chinese labels, for messages and drop-down lists.
    fn choices_zh() -> Vec<&'static str> {
        Self::table().iter().map(|(_, zh, ..)| *zh).collect()
    }
}

impl Label for UnitKind {
    fn table() -> &'static [(Self, &'static str, &'static str, &'static [&'static str])] {
        &[
            (UnitKind::Group, "集团", "Group", &["group"]),
            (
                UnitKind::Region,
                "区域/板块",
                "Region",
                &["region", "区域", "板块", "sector"],
            ),
            (
                UnitKind::Subsidiary,
                "子公司",
                "Subsidiary",
                &["subsidiary"],
            ),
            (
                UnitKind::Branch,
                "分公司",
                "Branch",
                &["branch", "支公司", "分支机构"],
            ),
            (UnitKind::Office, "办事处", "Office", &["office"]),
            (
                UnitKind::Department,
                "部门",
                "Department",
                &["department", "部", "dept"],
            ),
        ]
    }
}

impl Label for ControlMode {
    fn table() -> &'static [(Self, &'static str, &'static str, &'static [&'static str])] {
        &[
            (
                ControlMode::Operational,
                "运营管控型",
                "Operational",
                &["operational", "运营管控"],
            ),
            (
                ControlMode::Strategic,
                "战略管控型",
                "Strategic",
                &["strategic", "战略管控"],
            ),
            (
                ControlMode::Financial,
                "财务管控型",
                "Financial",
                &["financial", "财务管控"],
            ),
        ]
    }
}

impl Label for Ownership {
    fn table() -> &'static [(Self, &'static str, &'static str, &'static [&'static str])] {
        &[
            (
                Ownership::Controlling,
                "控股",
                "Controlling",
                &["controlling", "全资"],
            ),
            (Ownership::Minority, "参股", "Minority", &["minority"]),
        ]
    }
}

impl Label for PositionStatus {
    fn table() -> &'static [(Self, &'static str, &'static str, &'static [&'static str])] {
        &[
            (
                PositionStatus::Active,
                "正常",
                "Active",
                &["active", "在岗"],
            ),
            (PositionStatus::Vacant, "空缺", "Vacant", &["vacant"]),
            (
                PositionStatus::Planned,
                "待招聘",
                "Planned",
                &["planned", "拟招聘", "拟设"],
            ),
        ]
    }
}

impl Label for AssignmentKind {
    fn table() -> &'static [(Self, &'static str, &'static str, &'static [&'static str])] {
        &[
            (
                AssignmentKind::Primary,
                "任职",
                "Primary",
                &["primary", "主岗", "正式"],
            ),
            (AssignmentKind::Acting, "代理", "Acting", &["acting"]),
            (
                AssignmentKind::PartTime,
                "兼职",
                "Part-time",
                &["part_time", "part time", "兼任"],
            ),
        ]
    }
}

impl Label for bool {
    fn table() -> &'static [(Self, &'static str, &'static str, &'static [&'static str])] {
        &[
            (true, "是", "Yes", &["y", "true", "1", "√", "✓"]),
            (false, "否", "No", &["n", "false", "0", "×"]),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_back() {
        assert_eq!(UnitKind::from_label(" 支公司 "), Some(UnitKind::Branch));
        assert_eq!(
            UnitKind::from_label("DEPARTMENT"),
            Some(UnitKind::Department)
        );
        assert_eq!(
            ControlMode::from_label("战略管控型"),
            Some(ControlMode::Strategic)
        );
        assert_eq!(
            PositionStatus::from_label("拟招聘"),
            Some(PositionStatus::Planned)
        );
        assert_eq!(bool::from_label("否"), Some(false));
        assert_eq!(
            AssignmentKind::from_label("兼职"),
            Some(AssignmentKind::PartTime)
        );
        assert_eq!(UnitKind::from_label("车间"), None);
        for (v, ..) in UnitKind::table() {
            assert_eq!(UnitKind::from_label(v.label(Lang::Zh)), Some(*v));
            assert_eq!(UnitKind::from_label(v.label(Lang::En)), Some(*v));
        }
    }
}
