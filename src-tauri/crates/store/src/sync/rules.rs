//! Who may write what when another site's bundle is applied.
//!
//! A bundle's signature proves who sent it, not what they may change. Every record in it is
//! checked against [`RULES`] before the import commits (CouchDB's `validate_doc_update` is the
//! model); one refused record refuses the whole bundle, naming the table, the record and the
//! rule, and the transaction leaves the database as it was.
//!
//! Every rule starts from the same two: a table is sent only by the sites its rule names, and a
//! record that exists here already is changed or deleted only by the site that owns it (a
//! record that came from nowhere else is this site's). Then each table's [`Check`]s:
//!
//! | table | checks |
//! | --- | --- |
//! | unit | its parent (see [`Check::Parent`]); its code is not reserved for another unit |
//! | unit_version | the unit is the sender's; its parent as for a unit |
//! | position | its unit is one the sender speaks for |
//! | position_version | the position is the sender's; its unit is one the sender speaks for |
//! | person | (only the owner's own rule) |
//! | assignment | the position is the sender's |
//! | kpi_scheme, doc_category | ids and codes are the sender's own names (stored as `name@site`) |
//! | kpi_value, kpi_value_log | the unit is one the sender speaks for (a figure is its unit's) |
//! | meeting, incoming_doc, submission, outgoing_doc | the unit is one the sender speaks for |
//! | meeting_revision | the meeting is the sender's |
//! | plan_node | the unit is one the sender speaks for, and the status is a step the sender may take (see [`Check::PlanStatus`]) |
//! | plan_log, plan_adjustment | the plan is the sender's |
//! | action_item | the unit, and the meeting or document it comes from, are the sender's |
//! | action_log | the item is the sender's |
//! | work_summary | the person is the sender's |
//! | doc_number | the document is the sender's |
//! | doc_scope, doc_dispatch, doc_revision, doc_content, doc_recipient | the document is the sender's |
//! | doc_file | the document is the sender's, and the bytes have the SHA-256 the record states |
//! | doc_receipt | the unit is one the sender speaks for, and the document was sent to that unit |
//! | announcement, hq_decision, kpi_result, kpi_ruling | headquarters only |
//! | kpi_response | the unit is one the sender speaks for, and the results it answers are that unit's |
//! | kpi_evidence | the unit, and the appeal it supports, are the sender's and the appeal is that unit's |
//! | board_followup, calendar_day | headquarters only |
//! | announcement_read | the unit is one the sender speaks for |
//! | board_report | the unit is one the sender speaks for, and the follow-up it answers is that unit's |
//!
//! "A unit the sender speaks for": at headquarters, a unit the sending unit owns or the unit it
//! joined as (its code from the enrolment); at a unit, one headquarters owns or the shared group
//! both sites hold under the same code.

use branchdesk_domain::Role;

/// Who may send a table's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Senders {
    /// Units and headquarters, each its own records.
    Any,
    /// Headquarters only (its announcements and decisions).
    Hq,
}

impl Senders {
    pub fn allows(self, role: Role) -> bool {
        self == Senders::Any || role == Role::Hq
    }
}

/// What a record must satisfy besides being the sender's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The unit named in this column is one the sender speaks for.
    Unit(&'static str),
    /// The record named in this column, of that table, is the sender's (or was written by this
    /// bundle as the sender's).
    Owns(&'static str, &'static str),
    /// A unit's parent, in this column: only headquarters sends a unit at the top of the tree;
    /// the unit a site joined as hangs under one of the recipient's units; any other unit
    /// under one the sender speaks for. No unit is its own ancestor.
    Parent(&'static str),
    /// A unit's code is not one headquarters reserved for another unit (an enrolment or a
    /// joined unit's code).
    Code,
    /// The record named in this column, of that table, is for the same unit as this record
    /// (its `unit_id`): a unit answers only what was sent to it, not another unit's results.
    SameUnit(&'static str, &'static str),
    /// The document named in this column was sent to this record's unit (a `doc_recipient`
    /// row): a unit signs only for what it was sent.
    Addressed(&'static str),
    /// The bytes in the first column have the SHA-256 (lower-case hex) in the second: an
    /// attachment changed on the way is refused.
    Digest(&'static str, &'static str),
    /// A plan's unit and status: a unit's own plan moves only by steps the unit takes itself
    /// (an annual or three-year plan becomes 已批准 only by headquarters' decision, except in
    /// the first bundle, which brings what was decided before the unit joined); only
    /// headquarters issues targets, and a target is the one plan it may send for a unit of
    /// the recipient's.
    PlanStatus,
}

impl Check {
    /// A stable name for messages and tests, e.g. `unit_version.unit_id`.
    pub fn name(self, table: &str) -> String {
        match self {
            Check::Unit(c) | Check::Owns(c, _) | Check::Parent(c) | Check::Digest(c, _) => {
                format!("{table}.{c}")
            }
            Check::SameUnit(c, _) | Check::Addressed(c) => format!("{table}.{c}.unit_id"),
            Check::Code => format!("{table}.code"),
            Check::PlanStatus => format!("{table}.status"),
        }
    }
}

/// The rule of one synced table.
pub struct Rule {
    pub table: &'static str,
    pub senders: Senders,
    pub checks: &'static [Check],
}

const fn rule(table: &'static str, checks: &'static [Check]) -> Rule {
    Rule {
        table,
        senders: Senders::Any,
        checks,
    }
}

use Check::{Addressed, Code, Digest, Owns, Parent, PlanStatus, SameUnit, Unit};

/// Every synced table's rule (a test keeps it in step with [`super::TABLES`]).
pub const RULES: &[Rule] = &[
    rule("unit", &[Parent("parent_id"), Code]),
    rule(
        "unit_version",
        &[Owns("unit_id", "unit"), Parent("parent_id")],
    ),
    rule("position", &[Unit("unit_id")]),
    rule(
        "position_version",
        &[Owns("position_id", "position"), Unit("unit_id")],
    ),
    rule("person", &[]),
    rule("assignment", &[Owns("position_id", "position")]),
    rule("kpi_scheme", &[]),
    rule("kpi_value", &[Unit("unit_id")]),
    rule("kpi_value_log", &[Unit("unit_id")]),
    rule("meeting", &[Unit("unit_id")]),
    rule("meeting_revision", &[Owns("meeting_id", "meeting")]),
    rule("plan_node", &[PlanStatus]),
    rule("plan_log", &[Owns("node_id", "plan_node")]),
    rule("plan_adjustment", &[Owns("node_id", "plan_node")]),
    rule("incoming_doc", &[Unit("unit_id")]),
    rule(
        "action_item",
        &[
            Unit("unit_id"),
            Owns("meeting_id", "meeting"),
            Owns("doc_id", "incoming_doc"),
        ],
    ),
    rule("action_log", &[Owns("action_id", "action_item")]),
    rule("submission", &[Unit("unit_id")]),
    rule("work_summary", &[Owns("person_id", "person")]),
    rule("doc_category", &[]),
    rule("doc_number", &[Owns("doc_id", "outgoing_doc")]),
    rule("outgoing_doc", &[Unit("unit_id")]),
    rule("doc_scope", &[Owns("doc_id", "outgoing_doc")]),
    rule("doc_dispatch", &[Owns("doc_id", "outgoing_doc")]),
    rule("doc_revision", &[Owns("doc_id", "outgoing_doc")]),
    rule("doc_content", &[Owns("doc_id", "outgoing_doc")]),
    rule("doc_recipient", &[Owns("doc_id", "outgoing_doc")]),
    rule(
        "doc_file",
        &[Owns("doc_id", "outgoing_doc"), Digest("data", "sha256")],
    ),
    rule("doc_receipt", &[Unit("unit_id"), Addressed("doc_id")]),
    Rule {
        senders: Senders::Hq,
        ..rule("announcement", &[])
    },
    Rule {
        senders: Senders::Hq,
        ..rule("calendar_day", &[])
    },
    rule("announcement_read", &[Unit("unit_id")]),
    Rule {
        senders: Senders::Hq,
        ..rule("hq_decision", &[])
    },
    Rule {
        senders: Senders::Hq,
        ..rule("kpi_result", &[])
    },
    rule(
        "kpi_response",
        &[Unit("unit_id"), SameUnit("result_id", "kpi_result")],
    ),
    rule(
        "kpi_evidence",
        &[
            Unit("unit_id"),
            Owns("response_id", "kpi_response"),
            SameUnit("response_id", "kpi_response"),
        ],
    ),
    Rule {
        senders: Senders::Hq,
        ..rule("kpi_ruling", &[])
    },
    Rule {
        senders: Senders::Hq,
        ..rule("board_followup", &[])
    },
    rule(
        "board_report",
        &[Unit("unit_id"), SameUnit("followup_id", "board_followup")],
    ),
];

pub fn rule_of(table: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.table == table)
}

/// Why a record was refused: the words of a rule, in Chinese and English.
pub(crate) fn words(check: Option<Check>) -> (&'static str, &'static str) {
    match check {
        None => (
            "这条记录在本站已经存在，但不属于发送方：只有创建记录的站点可以修改或删除它",
            "the record exists here and is not the sender's: only the site that made a record changes or deletes it",
        ),
        Some(Unit(_)) => (
            "所指的单位不在发送方的管辖范围内：每个站点只能为自己的单位报送记录",
            "the unit it names is not one the sender speaks for: a site sends records only for its own units",
        ),
        Some(Owns(..)) => (
            "所指的上级记录不属于发送方：只能在自己的记录之下添加或修改",
            "the record it belongs to is not the sender's: a site adds and changes only under its own records",
        ),
        Some(Parent(_)) => (
            "上级单位不在发送方的管辖范围内（单位只能挂在入网时的位置之下，组织顶层只能由总部设置，且单位不能成为自己的下级）",
            "the parent unit is not the sender's to use (a unit sits where it joined, only headquarters sets the top of the tree, and no unit is its own ancestor)",
        ),
        Some(SameUnit(..)) => (
            "所答复的记录是发给另一个单位的：每个单位只能答复发给自己的结果和督办",
            "the record it answers was sent to another unit: a unit answers only the results and follow-ups sent to it",
        ),
        Some(Addressed(_)) => (
            "该公文没有发给这个单位：每个单位只能签收发给自己的公文",
            "the document was not sent to that unit: a unit signs only for documents sent to it",
        ),
        Some(Digest(..)) => (
            "附件内容与其校验值（SHA-256）不符：文件在传输中被改动或损坏",
            "the attachment's bytes do not match its SHA-256: the file was changed or damaged on the way",
        ),
        Some(Code) => (
            "单位编码已由总部留给另一个单位（入网文件或已加入的单位）",
            "the unit code is reserved by headquarters for another unit (an enrolment or a joined unit)",
        ),
        Some(PlanStatus) => (
            "计划状态的变化不是发送方自己可以做的（年度和三年计划须经总部批准；目标只能由总部下达）",
            "the plan's status is not one the sender can give it (annual and three-year plans are approved by headquarters; only headquarters issues targets)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_synced_table_has_exactly_one_rule_and_every_rule_a_table() {
        for t in super::super::TABLES {
            assert_eq!(
                RULES.iter().filter(|r| r.table == t.name).count(),
                1,
                "rule for {}",
                t.name
            );
        }
        for r in RULES {
            assert!(
                super::super::TABLES.iter().any(|t| t.name == r.table),
                "{} is not synced",
                r.table
            );
        }
    }

    #[test]
    fn checks_name_columns_the_tables_have() {
        let s = crate::Store::in_memory().unwrap();
        for r in RULES {
            let t = super::super::tables::spec(r.table).unwrap();
            let cols = super::super::tables::columns(s.conn(), t).unwrap();
            for c in r.checks {
                if let Unit(col) | Owns(col, _) | Parent(col) | SameUnit(col, _) = c {
                    assert!(cols.iter().any(|x| x == col), "{}", c.name(r.table));
                }
                if let Owns(_, parent) = c {
                    assert!(super::super::tables::spec(parent).is_some(), "{parent}");
                }
                if let SameUnit(_, parent) = c {
                    // Both this record and the one it answers say which unit they are for.
                    let parent = super::super::tables::spec(parent).unwrap();
                    let pcols = super::super::tables::columns(s.conn(), parent).unwrap();
                    assert!(cols.iter().any(|x| x == "unit_id"), "{}", r.table);
                    assert!(pcols.iter().any(|x| x == "unit_id"), "{}", parent.name);
                }
            }
        }
    }
}
