//! 用户: accounts, and who may do what. Authority follows the posts a person holds on the day
//! (the organisation is dated), by the small table [`RULES`], plus explicit grants an
//! administrator gives an account.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

str_enums! {
    /// An act that needs authority. Who may do it is in [`RULES`].
    pub enum Act {
        RegisterIncoming = "register_incoming", "登记收文", "register incoming documents";
        DraftCompanyDoc = "draft_company_doc", "起草公司文件", "draft company documents";
        DraftBusinessDoc = "draft_business_doc", "起草业务文件", "draft business documents";
        SignCompanyDoc = "sign_company_doc", "签发公司文件", "sign company documents";
        SignBusinessDoc = "sign_business_doc", "签发业务文件", "sign business documents";
        DecideAdjustment = "decide_adjustment", "审批目标调整", "decide target adjustments";
        EnterFigures = "enter_figures", "录入考核数据", "enter KPI figures";
        ReviewSubmission = "review_submission", "审核报送材料", "review submissions";
        FinaliseMinutes = "finalise_minutes", "定稿会议纪要", "finalise minutes";
        ApproveUnitPlan = "approve_unit_plan", "审批下级单位计划", "approve units' plans";
        ApprovePlan = "approve_plan", "审批本单位计划", "approve plans";
        ManageUsers = "manage_users", "管理用户", "manage users";
        RestoreBackup = "restore_backup", "从备份恢复数据库", "restore the database from a backup";
        PublishResults = "publish_results", "发布考核结果", "publish assessment results";
        LockResults = "lock_results", "锁定或重新开放考核结果", "lock or reopen assessment results";
        PayRewards = "pay_rewards", "登记奖励兑现", "record reward payments";
        AnswerResults = "answer_results", "确认或申诉考核结果", "confirm or appeal assessment results";
        RuleAppeal = "rule_appeal", "裁决考核申诉", "rule on assessment appeals";
        RaiseFollowup = "raise_followup", "督办预警事项", "raise and close follow-ups of warnings";
        PublishCalendar = "publish_calendar", "发布工作日历", "publish the working-day calendar";
        ReportFollowup = "report_followup", "答复总部督办", "report on headquarters' follow-ups";
    }

    /// What happened to an account, in its log.
    pub enum AccountEvent {
        SignedIn = "signed_in", "登录", "signed in";
        Failed = "failed", "登录失败", "failed sign-in";
        Created = "created", "创建账户", "account created";
        Disabled = "disabled", "停用账户", "account disabled";
        Enabled = "enabled", "启用账户", "account enabled";
        Reset = "reset", "重置密码", "password reset";
        PasswordChanged = "password_changed", "修改密码", "password changed";
        Recovered = "recovered", "用恢复密钥重置", "reset with the recovery key";
        Changed = "changed", "修改账户", "account changed";
        Confirmed = "confirmed", "签字确认", "confirmed with password";
    }
}

/// An account of this database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Account {
    pub id: String,
    /// 工号 of the person it belongs to, or a headquarters staff login.
    pub login: String,
    pub name: String,
    pub hq_staff: bool,
    pub admin: bool,
    pub disabled_at: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub grants: Vec<Act>,
}

/// A line of the account log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AccountLogLine {
    pub at: String,
    pub login: String,
    pub event: AccountEvent,
    pub by: String,
    pub detail: String,
}

/// Who a rule lets act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Holds a post with exactly this title.
    Title(&'static str),
    /// Holds a post whose title contains this (`经理` for 营销管理部经理).
    TitleHas(&'static str),
    /// Holds any post in a unit whose name contains this (`办公室`).
    InUnit(&'static str),
    /// A headquarters staff account.
    HqStaff,
    /// An administrator account.
    Admin,
}

/// One line of the table: the act, who may do it, and the same in words for refusals.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub act: Act,
    pub who: &'static [Who],
    pub zh: &'static str,
    pub en: &'static str,
}

use Who::{Admin, HqStaff, InUnit, Title, TitleHas};

const HEADS: &[Who] = &[
    Title("总经理"),
    TitleHas("副总经理"),
    TitleHas("总监"),
    TitleHas("经理"),
    TitleHas("主任"),
    TitleHas("主管"),
];

/// Who may do what. Read top to bottom; an act not here is open to every account.
pub const RULES: &[Rule] = &[
    Rule {
        act: Act::RegisterIncoming,
        who: &[InUnit("办公室"), Title("总经理")],
        zh: "办公室人员或总经理",
        en: "the office staff or the general manager",
    },
    Rule {
        act: Act::DraftCompanyDoc,
        who: &[InUnit("办公室"), Title("总经理")],
        zh: "办公室人员或总经理",
        en: "the office staff or the general manager",
    },
    Rule {
        act: Act::DraftBusinessDoc,
        who: HEADS,
        zh: "部门负责人",
        en: "a head of department",
    },
    Rule {
        act: Act::SignCompanyDoc,
        who: &[Title("总经理")],
        zh: "总经理本人",
        en: "the general manager in person",
    },
    Rule {
        act: Act::SignBusinessDoc,
        who: &[TitleHas("副总经理")],
        zh: "分管副总经理本人",
        en: "the deputy general manager in charge, in person",
    },
    Rule {
        act: Act::DecideAdjustment,
        who: &[Title("总经理"), TitleHas("副总经理"), HqStaff],
        zh: "总经理或主管副总经理（下级单位的申请：总部人员）",
        en: "the general manager or the deputy in charge (a unit's request: headquarters staff)",
    },
    Rule {
        act: Act::EnterFigures,
        who: &[
            InUnit("企划"),
            InUnit("运营"),
            Title("总经理"),
            TitleHas("副总经理"),
            HqStaff,
        ],
        zh: "企划、运营部门人员或经办人（另行授权）、总经理、副总经理",
        en: "planning or operations staff, staff granted it, the general manager or a deputy",
    },
    Rule {
        act: Act::ReviewSubmission,
        who: &[Title("办公室主任"), Title("总经理"), TitleHas("副总经理")],
        zh: "办公室主任、总经理或副总经理",
        en: "the head of the office, the general manager or a deputy",
    },
    Rule {
        act: Act::FinaliseMinutes,
        who: &[InUnit("办公室"), Title("总经理")],
        zh: "办公室人员或总经理",
        en: "the office staff or the general manager",
    },
    Rule {
        act: Act::ApproveUnitPlan,
        who: &[HqStaff],
        zh: "总部工作人员",
        en: "headquarters staff",
    },
    Rule {
        act: Act::ApprovePlan,
        who: HEADS,
        zh: "总经理、副总经理或部门负责人",
        en: "the general manager, a deputy or a head of department",
    },
    Rule {
        act: Act::ManageUsers,
        who: &[Admin],
        zh: "管理员",
        en: "an administrator",
    },
    Rule {
        act: Act::RestoreBackup,
        who: &[Admin],
        zh: "管理员",
        en: "an administrator",
    },
    Rule {
        act: Act::PublishResults,
        // Seed 001: the marketing department "按月汇总区县支公司考核数据并通报".
        who: &[
            Title("营销管理部经理"),
            Title("企划总监"),
            Title("总经理"),
            TitleHas("副总经理"),
            HqStaff,
        ],
        zh: "营销管理部经理、企划总监、总经理、副总经理或总部人员",
        en: "the head of marketing management or of planning, the general manager, a deputy or headquarters staff",
    },
    Rule {
        // Results become final, or are reopened, on the word of the one who answers for them.
        act: Act::LockResults,
        who: &[Title("总经理"), HqStaff],
        zh: "总经理或总部人员",
        en: "the general manager or headquarters staff",
    },
    Rule {
        // A unit answers for its results through the one who answers for the unit.
        act: Act::AnswerResults,
        who: &[Title("总经理"), TitleHas("副总经理")],
        zh: "本单位总经理或副总经理",
        en: "the unit's general manager or a deputy",
    },
    Rule {
        act: Act::RuleAppeal,
        who: &[HqStaff, Title("总经理")],
        zh: "总部人员或总部总经理",
        en: "headquarters staff or headquarters' general manager",
    },
    Rule {
        // The days deadlines are counted with, for every unit: headquarters' office or leaders.
        act: Act::PublishCalendar,
        who: &[HqStaff, InUnit("办公室"), Title("总经理"), TitleHas("副总经理")],
        zh: "总部人员、办公室人员、总经理或副总经理",
        en: "headquarters staff, the office staff, the general manager or a deputy",
    },
    Rule {
        // Seed 000: headquarters "实施监控" and "风险预警"; a warning is followed up on its word.
        act: Act::RaiseFollowup,
        who: &[HqStaff, Title("总经理"), TitleHas("副总经理")],
        zh: "总部人员、总部总经理或副总经理",
        en: "headquarters staff, headquarters' general manager or a deputy",
    },
    Rule {
        // The unit reports what it did through those who answer for its work.
        act: Act::ReportFollowup,
        who: HEADS,
        zh: "本单位总经理、副总经理或部门负责人",
        en: "the unit's general manager, a deputy or a head of department",
    },
    Rule {
        act: Act::PayRewards,
        who: &[InUnit("财务"), Title("办公室主任"), Title("总经理"), HqStaff],
        zh: "财务人员、办公室主任、总经理或总部人员",
        en: "finance staff, the head of the office, the general manager or headquarters staff",
    },
];

/// A post held on the day: its title and the name of its unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HeldPost {
    pub title: String,
    pub unit: String,
}

/// The person at the keyboard as the rules see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Actor {
    /// 工号, or the login of a headquarters staff account.
    pub login: String,
    pub name: String,
    /// The person's id in the organisation, if the account belongs to one.
    pub person_id: Option<String>,
    /// Posts held today.
    pub posts: Vec<HeldPost>,
    pub admin: bool,
    pub hq_staff: bool,
    /// Acts granted to this account explicitly.
    pub grants: Vec<Act>,
}

impl Actor {
    /// "孙倩（文书）": the name and the posts held, as refusals and audit lines show them.
    pub fn label(&self) -> String {
        let posts: Vec<&str> = self.posts.iter().map(|p| p.title.as_str()).collect();
        if posts.is_empty() {
            if self.hq_staff {
                format!("{}（总部）", self.name)
            } else {
                self.name.clone()
            }
        } else {
            format!("{}（{}）", self.name, posts.join("、"))
        }
    }

    fn matches(&self, who: Who) -> bool {
        match who {
            Title(t) => self.posts.iter().any(|p| p.title == t),
            TitleHas(t) => self.posts.iter().any(|p| p.title.contains(t)),
            InUnit(u) => self.posts.iter().any(|p| p.unit.contains(u)),
            HqStaff => self.hq_staff,
            Admin => self.admin,
        }
    }

    /// Whether this person may change a figure last entered by `author` (an audit label such
    /// as 李娜（运营专员）): figures are changed by whoever entered them or by the manager (the
    /// general manager, a deputy, or headquarters staff for the units' figures).
    pub fn may_change_figure_of(&self, author: &str) -> bool {
        let author_name = author.split('（').next().unwrap_or(author);
        author == self.label()
            || author_name == self.name
            || self.hq_staff
            || self.matches(Title("总经理"))
            || self.matches(TitleHas("副总经理"))
    }

    /// Whether this person may do `act` today; the refusal names the rule.
    pub fn may(&self, act: Act) -> Result<(), &'static Rule> {
        if self.grants.contains(&act) {
            return Ok(());
        }
        match RULES.iter().find(|r| r.act == act) {
            None => Ok(()),
            Some(rule) if rule.who.iter().any(|w| self.matches(*w)) => Ok(()),
            Some(rule) => Err(rule),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn actor(posts: &[(&str, &str)]) -> Actor {
        Actor {
            login: "X".into(),
            name: "某人".into(),
            person_id: None,
            posts: posts
                .iter()
                .map(|(t, u)| HeldPost {
                    title: (*t).into(),
                    unit: (*u).into(),
                })
                .collect(),
            admin: false,
            hq_staff: false,
            grants: Vec::new(),
        }
    }

    #[test]
    fn every_act_has_at_most_one_rule() {
        for a in Act::ALL {
            assert!(RULES.iter().filter(|r| r.act == *a).count() <= 1, "{a:?}");
        }
    }

    #[test]
    fn posts_decide() {
        let gm = actor(&[("总经理", "总经理室")]);
        let dgm = actor(&[("副总经理", "总经理室")]);
        let clerk = actor(&[("文书", "办公室")]);
        assert!(gm.may(Act::SignCompanyDoc).is_ok());
        assert!(dgm.may(Act::SignCompanyDoc).is_err());
        assert!(dgm.may(Act::SignBusinessDoc).is_ok());
        assert!(gm.may(Act::SignBusinessDoc).is_err());
        let refused = clerk.may(Act::SignCompanyDoc).unwrap_err();
        assert_eq!(refused.zh, "总经理本人");
        assert!(clerk.may(Act::RegisterIncoming).is_ok());
        assert!(dgm.may(Act::RegisterIncoming).is_err());
        assert!(clerk.may(Act::DecideAdjustment).is_err());
        assert!(dgm.may(Act::DecideAdjustment).is_ok());
        assert!(clerk.may(Act::ManageUsers).is_err());
        assert_eq!(clerk.label(), "某人（文书）");
    }

    #[test]
    fn figures_are_changed_by_who_entered_them_or_the_manager() {
        let mut ops = actor(&[("运营专员", "运营管理部")]);
        ops.name = "李娜".into();
        let mut other = actor(&[("企划专员", "企划部")]);
        other.name = "王强".into();
        let gm = actor(&[("总经理", "总经理室")]);
        assert!(ops.may_change_figure_of("李娜（运营专员）"));
        // The same person after a change of post is still the one who entered it.
        assert!(ops.may_change_figure_of("李娜（企划专员）"));
        assert!(!other.may_change_figure_of("李娜（运营专员）"));
        assert!(gm.may_change_figure_of("李娜（运营专员）"));
    }

    #[test]
    fn a_grant_adds_an_act() {
        let mut clerk = actor(&[("文书", "办公室")]);
        assert!(clerk.may(Act::EnterFigures).is_err());
        clerk.grants.push(Act::EnterFigures);
        assert!(clerk.may(Act::EnterFigures).is_ok());
    }
}
