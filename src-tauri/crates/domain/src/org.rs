use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The level of an organisational unit. The hierarchy has any depth:
/// group → optional region / sector → subsidiary or branch → department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum UnitKind {
    /// 集团
    Group,
    /// 区域 / 板块
    Region,
    /// 子公司
    Subsidiary,
    /// 分公司 / 支公司
    Branch,
    /// 办事处
    Office,
    /// 部门
    Department,
}

/// 管控模式 (seed 000): chosen per subsidiary, never one for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ControlMode {
    /// 运营管控型
    Operational,
    /// 战略管控型
    Strategic,
    /// 财务管控型
    Financial,
}

/// 控股 / 参股
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Ownership {
    Controlling,
    Minority,
}

/// A position may be filled, vacant, or planned (to be hired, not counted in headcount).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PositionStatus {
    #[default]
    Active,
    Vacant,
    Planned,
}

str_names!(UnitKind {
    Group = "group",
    Region = "region",
    Subsidiary = "subsidiary",
    Branch = "branch",
    Office = "office",
    Department = "department",
});
str_names!(ControlMode {
    Operational = "operational",
    Strategic = "strategic",
    Financial = "financial",
});
str_names!(Ownership {
    Controlling = "controlling",
    Minority = "minority",
});
str_names!(PositionStatus {
    Active = "active",
    Vacant = "vacant",
    Planned = "planned",
});

/// How a person holds a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AssignmentKind {
    /// 任职
    #[default]
    Primary,
    /// 代理
    Acting,
    /// 兼职
    PartTime,
}

str_names!(AssignmentKind {
    Primary = "primary",
    Acting = "acting",
    PartTime = "part_time",
});

/// "Since the beginning": the effective date of records whose start is unknown (data that
/// existed before the organisation was dated).
pub const BEGINNING: &str = "1900-01-01";

/// What a unit is on a given date. Every change of these fields is a new dated version; the
/// code and id never change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitAttrs {
    pub name: String,
    pub kind: UnitKind,
    /// The id of the unit above; `None` only for the top of the tree.
    pub parent_id: Option<String>,
    pub control_mode: Option<ControlMode>,
    pub ownership: Option<Ownership>,
    pub industry: String,
    /// Under economic-responsibility assessment (经济责任制考核).
    pub econ_assessed: bool,
    #[ts(type = "number")]
    pub sort: i64,
    /// Dissolved (撤销) from this version on. Kept, never deleted.
    pub closed: bool,
}

/// What a position is on a given date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PositionAttrs {
    pub unit_id: String,
    pub title: String,
    /// 直属上级: the position this one reports to, possibly in another unit.
    pub superior_id: Option<String>,
    /// 职责描述
    pub description: String,
    /// 主要职责, in order.
    pub duties: Vec<String>,
    pub status: PositionStatus,
    #[ts(type = "number")]
    pub sort: i64,
    pub closed: bool,
}

macro_rules! carry {
    ($t:ty { $($f:ident),+ $(,)? }) => {
        impl $t {
            /// Applies the change `before → after` (made at an earlier date) to `self`, a later
            /// version: every field that `self` still has as it was `before` takes the value of
            /// `after`; fields changed on their own later keep their later value.
            pub fn carry(&self, before: &Self, after: &Self) -> Self {
                Self {
                    $($f: if self.$f == before.$f { after.$f.clone() } else { self.$f.clone() }),+
                }
            }
        }
    };
}
carry!(UnitAttrs {
    name,
    kind,
    parent_id,
    control_mode,
    ownership,
    industry,
    econ_assessed,
    sort,
    closed
});
carry!(PositionAttrs {
    unit_id,
    title,
    superior_id,
    description,
    duties,
    status,
    sort,
    closed
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Unit {
    pub id: String,
    pub code: String,
    #[serde(flatten)]
    pub attrs: UnitAttrs,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Position {
    pub id: String,
    pub code: String,
    #[serde(flatten)]
    pub attrs: PositionAttrs,
}

/// A person. People who left are kept with the date they left, never deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Person {
    pub id: String,
    /// 工号
    pub code: String,
    pub name: String,
    pub phone: String,
    /// The last working day, for people who left.
    pub left_on: Option<String>,
}

/// A person holding a position from `start_on` to `end_on` (both inclusive; open-ended when
/// `end_on` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Assignment {
    pub id: String,
    pub person_id: String,
    pub position_id: String,
    pub kind: AssignmentKind,
    pub start_on: String,
    pub end_on: Option<String>,
}

impl Assignment {
    /// Whether the assignment holds on `date` (`YYYY-MM-DD`).
    pub fn holds_on(&self, date: &str) -> bool {
        self.start_on.as_str() <= date && self.end_on.as_deref().is_none_or(|e| date <= e)
    }
}

/// One dated version of a unit or position as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version<A> {
    pub valid_from: String,
    pub recorded_at: String,
    pub note: String,
    pub attrs: A,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for k in [
            UnitKind::Group,
            UnitKind::Region,
            UnitKind::Subsidiary,
            UnitKind::Branch,
            UnitKind::Office,
            UnitKind::Department,
        ] {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
            assert_eq!(UnitKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(
            ControlMode::parse("strategic"),
            Some(ControlMode::Strategic)
        );
        assert_eq!(
            PositionStatus::parse("planned"),
            Some(PositionStatus::Planned)
        );
        assert_eq!(Ownership::parse("none"), None);
        assert_eq!(
            AssignmentKind::parse("part_time"),
            Some(AssignmentKind::PartTime)
        );
    }

    fn unit(name: &str, parent: Option<&str>) -> UnitAttrs {
        UnitAttrs {
            name: name.into(),
            kind: UnitKind::Department,
            parent_id: parent.map(str::to_string),
            control_mode: None,
            ownership: None,
            industry: String::new(),
            econ_assessed: false,
            sort: 0,
            closed: false,
        }
    }

    #[test]
    fn an_earlier_change_carries_into_later_versions_unless_they_changed_the_field() {
        // Versions: v1 (name A, parent P) then v2 from July (moved to Q).
        let v1 = unit("A", Some("P"));
        let v2 = unit("A", Some("Q"));
        // A rename made effective in March, before the move.
        let renamed = unit("B", Some("P"));
        let v2_after = v2.carry(&v1, &renamed);
        assert_eq!(v2_after, unit("B", Some("Q")), "rename carries, move stays");
        // A later version that renamed on its own keeps its own name.
        let v3 = unit("C", Some("Q"));
        assert_eq!(v3.carry(&v1, &renamed), unit("C", Some("Q")));
    }

    #[test]
    fn assignment_dates_are_inclusive() {
        let a = Assignment {
            id: "a".into(),
            person_id: "p".into(),
            position_id: "x".into(),
            kind: AssignmentKind::Primary,
            start_on: "2016-03-01".into(),
            end_on: Some("2016-06-30".into()),
        };
        assert!(!a.holds_on("2016-02-29"));
        assert!(a.holds_on("2016-03-01"));
        assert!(a.holds_on("2016-06-30"));
        assert!(!a.holds_on("2016-07-01"));
    }
}
