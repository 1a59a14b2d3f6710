//! The plan (计划书) of a unit for a period as a PDF, with progress and deviations.

use std::collections::HashMap;

use branchdesk_domain::{Label, Lang, PlanStatus};
use branchdesk_report::{Align, Block, Table};
use rust_decimal::Decimal;

use super::{any_period_days, period_days, PlanRow};
use crate::shared::files::save;
use crate::shared::print::{col, group_digits, render};
use crate::{App, AppError, Result};

impl App {
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
        let names = crate::shared::names::Names::load(self)?;
        let rows: Vec<PlanRow> = self
            .plans(None)?
            .into_iter()
            .filter(|r| names.within(&r.node.unit_id, &unit_id))
            .filter(|r| {
                period_days(r.node.level, &r.node.period).is_some_and(|(f, e)| f >= from && e <= to)
            })
            .collect();
        let unit_name = names.unit(Some(&unit_id));
        let label = crate::shared::print::period_label(period, self.lang);
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
                            n.level.label(self.lang).to_string(),
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
                            n.status.label(self.lang).to_string(),
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
