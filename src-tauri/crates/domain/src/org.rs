use serde::{Deserialize, Serialize};
use ts_rs::TS;

str_enums! {
    /// The level of an organisational unit. The hierarchy has any depth:
    /// group → optional region / sector → subsidiary or branch → department. A new unit is a
    /// department unless said otherwise.
    #[derive(Default)]
    pub enum UnitKind {
        Group = "group", "集团", "Group";
        Region = "region", "区域/板块", "Region", ["区域", "板块", "sector"];
        Subsidiary = "subsidiary", "子公司", "Subsidiary";
        /// 分公司 / 支公司
        Branch = "branch", "分公司", "Branch", ["支公司", "分支机构"];
        Office = "office", "办事处", "Office";
        #[default]
        Department = "department", "部门", "Department", ["部", "dept"];
    }

    /// 管控模式 (seed 000): chosen per subsidiary, never one for all.
    pub enum ControlMode {
        Operational = "operational", "运营管控型", "Operational", ["运营管控"];
        Strategic = "strategic", "战略管控型", "Strategic", ["战略管控"];
        Financial = "financial", "财务管控型", "Financial", ["财务管控"];
    }

    /// 控股 / 参股
    pub enum Ownership {
        Controlling = "controlling", "控股", "Controlling", ["全资"];
        Minority = "minority", "参股", "Minority";
    }

    /// A position may be filled, vacant, or planned (to be hired, not counted in headcount).
    #[derive(Default)]
    pub enum PositionStatus {
        #[default]
        Active = "active", "正常", "Active", ["在岗"];
        Vacant = "vacant", "空缺", "Vacant";
        Planned = "planned", "待招聘", "To be hired", ["拟招聘", "拟设", "planned"];
    }

    /// How a person holds a position.
    #[derive(Default)]
    pub enum AssignmentKind {
        #[default]
        Primary = "primary", "任职", "Primary", ["主岗", "正式"];
        Acting = "acting", "代理", "Acting";
        PartTime = "part_time", "兼职", "Part-time", ["part time", "兼任"];
    }
}

/// "Since the beginning": the effective date of records whose start is unknown (data that
/// existed before the organisation was dated).
pub const BEGINNING: &str = "1900-01-01";

record! {
    /// What a unit is on a given date. Every change of these fields is a new dated version; the
    /// code and id never change.
    pub struct UnitAttrs {
        pub name: String => Text, "名称", "Name",
            sheet("名称", "Name", required, "单位全称");
        pub kind: UnitKind => Choice(&UnitKind::CHOICE), "类型", "Type",
            sheet("类型", "Type", required, "集团、区域/板块、子公司、分公司（支公司）、办事处、部门");
        /// The id of the unit above; `None` only for the top of the tree.
        pub parent_id: Option<String> => Ref("unit"), "上级单位", "Parent unit",
            sheet("上级单位编码", "Parent code", optional, "上级单位的编码；集团留空");
        pub control_mode: Option<ControlMode> => Choice(&ControlMode::CHOICE), "管控模式", "Control mode",
            sheet("管控模式", "Control mode", optional, "运营管控型、战略管控型、财务管控型（子公司、分公司填写）");
        pub ownership: Option<Ownership> => Choice(&Ownership::CHOICE), "股权", "Ownership",
            sheet("股权", "Ownership", optional, "控股、参股");
        pub industry: String => Text, "行业", "Industry",
            sheet("行业", "Industry", optional, "所属行业或板块");
        /// Under economic-responsibility assessment (经济责任制考核).
        pub econ_assessed: bool => Bool, "经济责任制考核", "Econ. assessment",
            sheet("经济责任制考核", "Econ. assessment", optional, "是、否（默认否）");
        #[ts(type = "number")]
        pub sort: i64 => Int, "排序", "Order",
            sheet("排序", "Order", optional, "整数，越小越靠前");
        /// Dissolved (撤销) from this version on. Kept, never deleted.
        pub closed: bool => Bool, "已撤销", "Closed",
            sheet("已撤销", "Closed", optional, "是、否（默认否）；撤销的单位保留历史");
    }
}

record! {
    /// What a position is on a given date.
    pub struct PositionAttrs {
        pub unit_id: String => Ref("unit"), "所属单位", "Unit",
            sheet("所属单位编码", "Unit code", required, "岗位所在单位（部门）的编码");
        pub title: String => Text, "岗位名称", "Title",
            sheet("岗位名称", "Title", required, "如 运营总监");
        /// 直属上级: the position this one reports to, possibly in another unit.
        pub superior_id: Option<String> => Ref("position"), "直属上级", "Superior",
            sheet("直属上级岗位编码", "Superior code", optional, "直属上级（行政隶属）岗位的编码，可在其他单位；最高岗位留空");
        /// 职责描述
        pub description: String => Text, "职责描述", "Role description",
            sheet("职责描述", "Role description", optional, "一段话");
        /// 主要职责, in order.
        pub duties: Vec<String> => Lines, "主要职责", "Main duties",
            sheet("主要职责", "Main duties", optional, "每行一条，可带 1. 2. 编号");
        pub status: PositionStatus => Choice(&PositionStatus::CHOICE), "状态", "Status",
            sheet("状态", "Status", optional, "正常、空缺、待招聘（待招聘岗位不计入在编人数）");
        #[ts(type = "number")]
        pub sort: i64 => Int, "排序", "Order",
            sheet("排序", "Order", optional, "整数，越小越靠前");
        pub closed: bool => Bool, "已撤销", "Closed",
            sheet("已撤销", "Closed", optional, "是、否（默认否）");
    }
}

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
            ..Default::default()
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
