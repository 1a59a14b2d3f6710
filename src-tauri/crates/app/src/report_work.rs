//! PDF reports of meetings and plans: the formal minutes (会议纪要) with signature lines, and
//! the plan (计划书) of a unit for a period with progress and deviations.

use std::collections::HashMap;

use branchdesk_domain::{ActionStatus, AttendRole, Lang, MeetingKind, PlanLevel, PlanStatus};
use branchdesk_report::{Align, Block, Table};
use rust_decimal::Decimal;

use crate::minutes::ActionView;
use crate::plans::{any_period_days, period_days, PlanRow};
use crate::report::{col, group_digits, render, save};
use crate::{App, AppError, Result};

fn kind_label(k: MeetingKind, zh: bool) -> &'static str {
    match (k, zh) {
        (MeetingKind::Weekly, true) => "例会",
        (MeetingKind::MonthlyReview, true) => "月度经营分析会",
        (MeetingKind::GeneralManager, true) => "总经理办公会",
        (MeetingKind::AdHoc, true) => "专题会议",
        (MeetingKind::Weekly, false) => "Weekly meeting",
        (MeetingKind::MonthlyReview, false) => "Monthly business review",
        (MeetingKind::GeneralManager, false) => "General manager's meeting",
        (MeetingKind::AdHoc, false) => "Ad hoc meeting",
    }
}

fn action_status(s: ActionStatus, zh: bool) -> &'static str {
    match (s, zh) {
        (ActionStatus::Open, true) => "未开始",
        (ActionStatus::InProgress, true) => "进行中",
        (ActionStatus::Done, true) => "已完成",
        (ActionStatus::Cancelled, true) => "已取消",
        (ActionStatus::Open, false) => "Open",
        (ActionStatus::InProgress, false) => "In progress",
        (ActionStatus::Done, false) => "Done",
        (ActionStatus::Cancelled, false) => "Cancelled",
    }
}

fn plan_status(s: PlanStatus, zh: bool) -> &'static str {
    match (s, zh) {
        (PlanStatus::Issued, true) => "已下达",
        (PlanStatus::Draft, true) => "起草中",
        (PlanStatus::Submitted, true) => "已上报",
        (PlanStatus::Approved, true) => "已批准",
        (PlanStatus::Returned, true) => "已退回",
        (PlanStatus::Executing, true) => "执行中",
        (PlanStatus::Closed, true) => "已关闭",
        (s, false) => s.as_str(),
    }
}

fn level_label(l: PlanLevel, zh: bool) -> &'static str {
    match (l, zh) {
        (PlanLevel::ThreeYear, true) => "三年规划",
        (PlanLevel::Annual, true) => "年度计划",
        (PlanLevel::Quarter, true) => "季度目标",
        (PlanLevel::Month, true) => "月度目标",
        (PlanLevel::PersonalMonth, true) => "个人月计划",
        (PlanLevel::PersonalWeek, true) => "个人周计划",
        (l, false) => l.as_str(),
    }
}

fn actions_table(items: &[ActionView], zh: bool) -> Block {
    let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
    Block::Table(Table {
        columns: vec![
            col(&t("序号", "No."), 30.0, Align::Right),
            col(&t("督办事项", "Action item"), 230.0, Align::Left),
            col(&t("责任人", "Owner"), 60.0, Align::Left),
            col(&t("完成时限", "Due"), 70.0, Align::Left),
            col(&t("状态", "Status"), 103.0, Align::Left),
        ],
        rows: items
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut status = action_status(a.item.status, zh).to_string();
                if a.overdue_days > 0 {
                    status.push_str(&if zh {
                        format!("（逾期{}天）", a.overdue_days)
                    } else {
                        format!(" ({} days late)", a.overdue_days)
                    });
                }
                vec![
                    (i + 1).to_string(),
                    a.item.title.clone(),
                    a.owner_name.clone(),
                    a.item.due_on.clone(),
                    status,
                ]
            })
            .collect(),
        total: None,
    })
}

impl App {
    /// 会议纪要 of one meeting, formatted for signing and filing.
    pub fn report_minutes(&self, id: &str) -> Result<Vec<u8>> {
        let v = self.minutes_get(id)?;
        let zh = self.lang == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let m = &v.meeting;
        let names = |role: AttendRole| -> String {
            let list: Vec<String> = v
                .attendees
                .iter()
                .filter(|a| a.role == role)
                .map(|a| {
                    if a.reason.is_empty() {
                        a.name.clone()
                    } else if zh {
                        format!("{}（{}）", a.name, a.reason)
                    } else {
                        format!("{} ({})", a.name, a.reason)
                    }
                })
                .collect();
            list.join(if zh { "、" } else { ", " })
        };
        let status = match (m.status, m.rev) {
            (branchdesk_domain::MeetingStatus::Final, r) => {
                if zh {
                    format!("已定稿（第{r}版）")
                } else {
                    format!("Final (revision {r})")
                }
            }
            _ => t(
                "草稿（未定稿，不作存档）",
                "Draft (not final, not for filing)",
            ),
        };
        let title = if m.title.contains("纪要") || !zh {
            m.title.clone()
        } else {
            format!("{}纪要", m.title)
        };
        let mut blocks = vec![
            Block::Title(title.clone()),
            Block::Fields(vec![
                (t("会议类型", "Type"), kind_label(m.kind, zh).to_string()),
                (t("会议时间", "Time"), m.held_at.replace('T', " ")),
                (t("地点", "Place"), m.place.clone()),
                (t("召开单位", "Unit"), v.unit_name.clone()),
                (t("主持人", "Chair"), v.chair_name.clone()),
                (t("记录人", "Recorder"), v.recorder_name.clone()),
                (t("纪要状态", "Status"), status),
            ]),
        ];
        for (label, role) in [
            (t("出席", "Present"), AttendRole::Present),
            (t("列席", "Observers"), AttendRole::Observer),
            (t("缺席", "Absent"), AttendRole::Absent),
        ] {
            let n = names(role);
            if !n.is_empty() {
                blocks.push(Block::Paragraph(if zh {
                    format!("{label}：{n}")
                } else {
                    format!("{label}: {n}")
                }));
            }
        }
        let mut section = 0;
        let mut heading = |zh_t: &str, en_t: &str| {
            section += 1;
            const N: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
            Block::Heading(if zh {
                format!("{}、{zh_t}", N[(section - 1) % 6])
            } else {
                format!("{section}. {en_t}")
            })
        };
        if !v.body.agenda.is_empty() {
            blocks.push(heading("议题及讨论要点", "Agenda and discussion"));
            for (i, a) in v.body.agenda.iter().enumerate() {
                blocks.push(Block::Paragraph(format!("{}. {}", i + 1, a.title)));
                if !a.points.is_empty() {
                    blocks.push(Block::Paragraph(
                        a.points
                            .lines()
                            .map(|l| format!("　　{l}"))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ));
                }
            }
        }
        blocks.push(heading("决议事项", "Decisions"));
        if v.body.decisions.is_empty() {
            blocks.push(Block::Paragraph(t("（无）", "(none)")));
        }
        for (i, d) in v.body.decisions.iter().enumerate() {
            blocks.push(Block::Paragraph(format!("{}. {d}", i + 1)));
        }
        blocks.push(heading("督办事项", "Action items"));
        if v.actions.is_empty() {
            blocks.push(Block::Paragraph(t("（无）", "(none)")));
        } else {
            blocks.push(actions_table(&v.actions, zh));
        }
        if !v.carried.is_empty() {
            blocks.push(heading(
                "前次会议督办事项落实情况",
                "Follow-up of earlier action items",
            ));
            blocks.push(actions_table(&v.carried, zh));
        }
        if let Some(r) = v.revisions.iter().rev().find(|r| !r.reason.is_empty()) {
            blocks.push(Block::Paragraph(if zh {
                format!("修订说明（第{}版）：{}", r.rev, r.reason)
            } else {
                format!("Revision {}: {}", r.rev, r.reason)
            }));
        }
        blocks.push(Block::Signatures {
            labels: vec![t("主持人签字", "Chair"), t("记录人签字", "Recorder")],
            date: t("日期", "Date"),
        });
        let doc = self.document(title, v.unit_name.clone(), blocks)?;
        render(&doc)
    }

    /// Writes the minutes into the export folder; returns the file's path.
    pub fn report_minutes_to_dir(&self, id: &str) -> Result<String> {
        let bytes = self.report_minutes(id)?;
        let title = self.minutes_get(id)?.meeting.title;
        let safe: String = title
            .chars()
            .map(|c| if "/\\:*?\"<>|".contains(c) { '-' } else { c })
            .collect();
        save(
            format!(
                "{}{}.pdf",
                if self.lang == Lang::Zh {
                    "会议纪要-"
                } else {
                    "minutes-"
                },
                safe
            ),
            bytes,
        )
    }

    /// 计划书: a unit's plans (and its departments') whose period falls within `period`, as a
    /// tree with weights, targets, actuals and progress, then milestones and deviations.
    pub fn report_plan(&self, unit: &str, period: &str) -> Result<Vec<u8>> {
        let zh = self.lang == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let unit_id = match self.store.unit_id_by_code(unit)? {
            Some(id) => id,
            None if self.store.units(None)?.iter().any(|u| u.id == unit) => unit.to_string(),
            None => {
                return Err(AppError::invalid(
                    "unit",
                    format!("没有编码为 {unit} 的单位。"),
                    format!("No unit with code {unit}."),
                ));
            }
        };
        let (from, to) = any_period_days(period).ok_or_else(|| {
            AppError::invalid(
                "period",
                format!("“{period}”不是有效期间（如 2016、2016-Q4、2016-12）。"),
                format!("\"{period}\" is not a period (e.g. 2016, 2016-Q4, 2016-12)."),
            )
        })?;
        let names = crate::minutes::Names::load(self)?;
        let rows: Vec<PlanRow> = self
            .plans(None)?
            .into_iter()
            .filter(|r| names.within(&r.node.unit_id, &unit_id))
            .filter(|r| {
                period_days(r.node.level, &r.node.period).is_some_and(|(f, e)| f >= from && e <= to)
            })
            .collect();
        let unit_name = names.unit(Some(&unit_id));
        let label = crate::report::period_label(period, self.lang);
        let title = if zh {
            format!("{unit_name}{label}计划书")
        } else {
            format!("{unit_name} plan, {label}")
        };
        if rows.is_empty() {
            return Err(AppError::invalid(
                "period",
                format!("{unit_name}在{label}没有计划。"),
                format!("{unit_name} has no plans in {label}."),
            ));
        }
        // Depth-first order; roots are the rows whose parent is not in the report.
        let ids: std::collections::HashSet<&str> =
            rows.iter().map(|r| r.node.id.as_str()).collect();
        let mut children: HashMap<Option<&str>, Vec<&PlanRow>> = HashMap::new();
        for r in &rows {
            let parent = r.node.parent_id.as_deref().filter(|p| ids.contains(p));
            children.entry(parent).or_default().push(r);
        }
        let mut ordered: Vec<(usize, &PlanRow)> = Vec::new();
        fn walk<'a>(
            c: &HashMap<Option<&'a str>, Vec<&'a PlanRow>>,
            at: Option<&'a str>,
            depth: usize,
            out: &mut Vec<(usize, &'a PlanRow)>,
        ) {
            for r in c.get(&at).into_iter().flatten() {
                out.push((depth, r));
                walk(c, Some(r.node.id.as_str()), depth + 1, out);
            }
        }
        walk(&children, None, 0, &mut ordered);
        let done = ordered
            .iter()
            .filter(|(_, r)| r.node.status == PlanStatus::Closed)
            .count();
        let mut blocks = vec![
            Block::Title(title.clone()),
            Block::Fields(vec![
                (t("单位", "Unit"), unit_name.clone()),
                (t("期间", "Period"), label.clone()),
                (t("计划事项", "Items"), ordered.len().to_string()),
                (t("已关闭", "Closed"), done.to_string()),
            ]),
            Block::Heading(t("一、计划与完成进度", "1. Plans and progress")),
            Block::Table(Table {
                columns: vec![
                    col(&t("计划 / 目标", "Plan / goal"), 140.0, Align::Left),
                    col(&t("层级", "Level"), 48.0, Align::Left),
                    col(&t("期间", "Period"), 46.0, Align::Left),
                    col(&t("责任人", "Owner"), 40.0, Align::Left),
                    col(&t("权重", "Wt."), 36.0, Align::Right),
                    col(&t("目标", "Target"), 48.0, Align::Right),
                    col(&t("实际", "Actual"), 40.0, Align::Right),
                    col(&t("进度", "Done"), 46.0, Align::Right),
                    col(&t("状态", "Status"), 49.0, Align::Left),
                ],
                rows: ordered
                    .iter()
                    .map(|(d, r)| {
                        let n = &r.node;
                        vec![
                            format!("{}{}", "   ".repeat(*d), n.title),
                            level_label(n.level, zh).to_string(),
                            n.period.clone(),
                            r.owner_name.clone(),
                            if n.parent_id.as_deref().is_some_and(|p| ids.contains(p)) {
                                format!("{}%", n.weight)
                            } else {
                                String::new()
                            },
                            n.target_value.as_deref().map_or_else(
                                || n.target_unit.clone(),
                                |v| format!("{}{}", group_digits(v), n.target_unit),
                            ),
                            r.actual.as_deref().map(group_digits).unwrap_or_default(),
                            format!("{}%", r.progress_pct),
                            plan_status(n.status, zh).to_string(),
                        ]
                    })
                    .collect(),
                total: None,
            }),
        ];
        let milestones: Vec<Vec<String>> = ordered
            .iter()
            .flat_map(|(_, r)| {
                r.node.milestones.iter().map(move |m| {
                    vec![
                        r.node.title.clone(),
                        m.title.clone(),
                        m.due_on.clone(),
                        if m.done {
                            t("已完成", "Done")
                        } else {
                            t("未完成", "Open")
                        },
                    ]
                })
            })
            .collect();
        let has_milestones = !milestones.is_empty();
        if has_milestones {
            blocks.push(Block::Heading(t("二、里程碑", "2. Milestones")));
            blocks.push(Block::Table(Table {
                columns: vec![
                    col(&t("计划", "Plan"), 190.0, Align::Left),
                    col(&t("里程碑", "Milestone"), 170.0, Align::Left),
                    col(&t("时间节点", "Due"), 70.0, Align::Left),
                    col(&t("状态", "Status"), 63.0, Align::Left),
                ],
                rows: milestones,
                total: None,
            }));
        }
        blocks.push(Block::Heading(if has_milestones {
            t("三、偏差分析", "3. Deviations")
        } else {
            t("二、偏差分析", "2. Deviations")
        }));
        let mut any = false;
        for (_, r) in &ordered {
            let n = &r.node;
            let short = match (
                n.target_value
                    .as_deref()
                    .and_then(|v| v.parse::<Decimal>().ok()),
                r.actual.as_deref().and_then(|v| v.parse::<Decimal>().ok()),
            ) {
                (Some(tv), Some(a)) => a < tv,
                _ => false,
            };
            if n.deviation.is_empty() && !short {
                continue;
            }
            any = true;
            let text = if n.deviation.is_empty() {
                t("（尚未填写偏差分析）", "(no deviation analysis yet)")
            } else {
                n.deviation.clone()
            };
            let figures = match (&n.target_value, &r.actual) {
                (Some(tv), Some(a)) => {
                    if zh {
                        format!("目标 {tv}{u}，实际 {a}{u}：", u = n.target_unit)
                    } else {
                        format!("target {tv}{u}, actual {a}{u}: ", u = n.target_unit)
                    }
                }
                _ => String::new(),
            };
            blocks.push(Block::Paragraph(if zh {
                format!("{}：{figures}{text}", n.title)
            } else {
                format!("{}: {figures}{text}", n.title)
            }));
        }
        if !any {
            blocks.push(Block::Paragraph(t(
                "各项计划均按目标推进，无偏差。",
                "Every plan is on target; no deviations.",
            )));
        }
        let doc = self.document(title, unit_name, blocks)?;
        render(&doc)
    }

    /// Writes the plan into the export folder; returns the file's path.
    pub fn report_plan_to_dir(&self, unit: &str, period: &str) -> Result<String> {
        let bytes = self.report_plan(unit, period)?;
        let code = self
            .store
            .units(None)?
            .into_iter()
            .find(|u| u.id == unit || u.code == unit)
            .map_or_else(|| unit.to_string(), |u| u.code);
        save(
            format!(
                "{}-{code}-{period}.pdf",
                if self.lang == Lang::Zh {
                    "计划书"
                } else {
                    "plan"
                }
            ),
            bytes,
        )
    }
}

impl App {
    /// 收文阅办单: one incoming document, its instruction, and each handler's deadline, status
    /// and report, with lines for the registrar and the leader.
    pub fn report_slip(&self, id: &str) -> Result<Vec<u8>> {
        let zh = self.lang == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let row = self
            .incoming_list(false, None)?
            .into_iter()
            .find(|r| r.doc.id == id)
            .ok_or_else(|| {
                AppError::from(branchdesk_store::Error::NotFound(format!("收文 {id}")))
            })?;
        let d = &row.doc;
        let names = crate::minutes::Names::load(self)?;
        let mut rows = Vec::new();
        for (i, h) in row.handlers.iter().enumerate() {
            let log = self.action_history(&h.item.id)?;
            let report = log
                .iter()
                .rev()
                .find(|c| !c.note.is_empty() && c.old_status.is_some())
                .map_or_else(String::new, |c| c.note.clone());
            let mut status = action_status(h.item.status, zh).to_string();
            if h.overdue_days > 0 {
                status.push_str(&if zh {
                    format!("（逾期{}天）", h.overdue_days)
                } else {
                    format!(" ({} days late)", h.overdue_days)
                });
            }
            rows.push(vec![
                (i + 1).to_string(),
                h.owner_name.clone(),
                h.item.due_on.clone(),
                status,
                h.item.closed_on.clone().unwrap_or_default(),
                report,
            ]);
        }
        let title = t("收文阅办单", "Read-and-handle slip");
        let blocks = vec![
            Block::Title(title.clone()),
            Block::Fields(vec![
                (t("来文单位", "From"), d.sender.clone()),
                (t("来文字号", "Number"), d.doc_number.clone()),
                (t("收文日期", "Received"), d.received_on.clone()),
                (t("办理时限", "Due"), row.due_on.clone()),
                (
                    t("紧急程度", "Urgency"),
                    if d.urgent {
                        t("急件", "Urgent")
                    } else {
                        t("普通", "Normal")
                    },
                ),
                (
                    t("密级", "Classification"),
                    if d.secret {
                        t("秘密", "Secret")
                    } else {
                        t("普通", "Normal")
                    },
                ),
                (t("收文单位", "Unit"), names.unit(Some(&d.unit_id))),
                (t("登记人", "Registered by"), d.registered_by.clone()),
            ]),
            Block::Heading(t("文件标题", "Title")),
            Block::Paragraph(d.title.clone()),
            Block::Heading(t("领导批示", "Instruction")),
            Block::Paragraph(if d.instruction.is_empty() {
                t("（无）", "(none)")
            } else {
                d.instruction.clone()
            }),
            Block::Heading(t("阅办情况", "Handling")),
            Block::Table(Table {
                columns: vec![
                    col(&t("序号", "No."), 30.0, Align::Right),
                    col(&t("阅办人", "Handler"), 60.0, Align::Left),
                    col(&t("办理时限", "Due"), 66.0, Align::Left),
                    col(&t("状态", "Status"), 104.0, Align::Left),
                    col(&t("办结日期", "Done on"), 66.0, Align::Left),
                    col(&t("办理情况", "Report"), 167.0, Align::Left),
                ],
                rows,
                total: None,
            }),
            Block::Signatures {
                labels: vec![t("文书登记", "Registrar"), t("领导签批", "Leader")],
                date: t("日期", "Date"),
            },
        ];
        let doc = self.document(title, names.unit(Some(&d.unit_id)), blocks)?;
        render(&doc)
    }

    pub fn report_slip_to_dir(&self, id: &str) -> Result<String> {
        let bytes = self.report_slip(id)?;
        let d = self.store.incoming_doc(id)?.ok_or_else(|| {
            AppError::from(branchdesk_store::Error::NotFound(format!("收文 {id}")))
        })?;
        let safe: String = d
            .title
            .chars()
            .take(40)
            .map(|c| if "/\\:*?\"<>|".contains(c) { '-' } else { c })
            .collect();
        save(
            format!(
                "{}{}-{safe}.pdf",
                if self.lang == Lang::Zh {
                    "阅办单-"
                } else {
                    "slip-"
                },
                d.received_on
            ),
            bytes,
        )
    }

    /// 公文登记簿 for a period (`from` to `to`, inclusive): documents received with their
    /// handling, and documents issued with their numbers.
    pub fn report_register(&self, from: &str, to: &str) -> Result<Vec<u8>> {
        let from = crate::org::parse_date("from", from)?;
        let to = crate::org::parse_date("to", to)?;
        let zh = self.lang == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let incoming: Vec<_> = self
            .incoming_list(false, None)?
            .into_iter()
            .filter(|r| r.doc.received_on >= from && r.doc.received_on <= to)
            .collect();
        let outgoing: Vec<_> = self
            .outgoing_list(None)?
            .into_iter()
            .filter(|d| {
                d.issued_on
                    .as_deref()
                    .is_some_and(|i| i >= from.as_str() && i <= to.as_str())
            })
            .collect();
        let title = if zh {
            format!("公文登记簿（{from} 至 {to}）")
        } else {
            format!("Document register, {from} to {to}")
        };
        let late = incoming
            .iter()
            .filter(|r| {
                r.overdue_days > 0
                    || r.handlers.iter().any(|h| {
                        h.item
                            .closed_on
                            .as_deref()
                            .is_some_and(|c| c > h.item.due_on.as_str())
                    })
            })
            .count();
        let mut blocks = vec![
            Block::Title(title.clone()),
            Block::Fields(vec![
                (t("收文", "Received"), incoming.len().to_string()),
                (t("发文", "Issued"), outgoing.len().to_string()),
                (t("超时限办理", "Handled late"), late.to_string()),
            ]),
            Block::Heading(t("一、收文", "1. Received")),
        ];
        blocks.push(Block::Table(Table {
            columns: vec![
                col(&t("收文日期", "Received"), 58.0, Align::Left),
                col(&t("来文单位", "From"), 76.0, Align::Left),
                col(&t("来文字号", "Number"), 106.0, Align::Left),
                col(&t("标题", "Title"), 131.0, Align::Left),
                col(&t("时限", "Due"), 58.0, Align::Left),
                col(&t("办理", "Handling"), 64.0, Align::Left),
            ],
            rows: incoming
                .iter()
                .map(|r| {
                    let state = if r.done {
                        t("已办结", "Done")
                    } else if r.overdue_days > 0 {
                        if zh {
                            format!("逾期{}天", r.overdue_days)
                        } else {
                            format!("{} days late", r.overdue_days)
                        }
                    } else {
                        t("办理中", "Open")
                    };
                    vec![
                        r.doc.received_on.clone(),
                        r.doc.sender.clone(),
                        r.doc.doc_number.clone(),
                        format!(
                            "{}{}",
                            if r.doc.urgent {
                                t("【急】", "[urgent] ")
                            } else {
                                String::new()
                            },
                            r.doc.title
                        ),
                        r.due_on.clone(),
                        state,
                    ]
                })
                .collect(),
            total: None,
        }));
        blocks.push(Block::Heading(t("二、发文", "2. Issued")));
        let cats = self.doc_categories()?;
        blocks.push(Block::Table(Table {
            columns: vec![
                col(&t("印发日期", "Issued"), 58.0, Align::Left),
                col(&t("文号", "Number"), 114.0, Align::Left),
                col(&t("类别", "Category"), 60.0, Align::Left),
                col(&t("标题", "Title"), 211.0, Align::Left),
                col(&t("密级", "Class."), 50.0, Align::Left),
            ],
            rows: outgoing
                .iter()
                .map(|d| {
                    vec![
                        d.issued_on.clone().unwrap_or_default(),
                        d.number.clone().unwrap_or_default(),
                        cats.iter()
                            .find(|c| c.code == d.category)
                            .map_or_else(|| d.category.clone(), |c| c.name.clone()),
                        d.title.clone(),
                        if d.secret {
                            t("秘密", "Secret")
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect(),
            total: None,
        }));
        let doc = self.document(title, self.store.site()?.name, blocks)?;
        render(&doc)
    }

    pub fn report_register_to_dir(&self, from: &str, to: &str) -> Result<String> {
        let bytes = self.report_register(from, to)?;
        save(
            format!(
                "{}{from}-{to}.pdf",
                if self.lang == Lang::Zh {
                    "公文登记簿-"
                } else {
                    "register-"
                }
            ),
            bytes,
        )
    }
}
