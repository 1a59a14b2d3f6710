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

macro_rules! str_enum {
    ($t:ty { $($v:ident = $s:literal),+ $(,)? }) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),+ }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)+ _ => None }
            }
        }
    };
}

str_enum!(UnitKind {
    Group = "group",
    Region = "region",
    Subsidiary = "subsidiary",
    Branch = "branch",
    Office = "office",
    Department = "department",
});
str_enum!(ControlMode {
    Operational = "operational",
    Strategic = "strategic",
    Financial = "financial",
});
str_enum!(Ownership {
    Controlling = "controlling",
    Minority = "minority",
});
str_enum!(PositionStatus {
    Active = "active",
    Vacant = "vacant",
    Planned = "planned",
});

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
    }
}
