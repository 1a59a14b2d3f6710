//! 月度经营分析报告 (seed 003's monthly operating analysis) as a PDF: the board's lights with
//! their reasons, the KPI ranking with the change on the month before, a units × indicators
//! heat map, plans behind schedule with their 偏差分析, overdue items, how incoming documents
//! were handled, and each unit's total month by month.

use std::collections::BTreeMap;

use branchdesk_domain::{Check, Label, Lang, Light, Period};
use branchdesk_report::{Align, Block, Table};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{pace, BoardQuery};
use crate::docs::IncomingFilter;
use crate::kpi::ScoreQuery;
use crate::minutes::ActionFilter;
use crate::shared::files::save;
use crate::shared::input::month;
use crate::shared::print::{col, period_label, render};
use crate::{App, Result};

/// Overdue items listed before "and N more".
const MAX_ITEMS: usize = 30;

fn light_rgb(l: Light) -> [f32; 3] {
    match l {
        Light::Red => [1.0, 0.78, 0.76],
        Light::Amber => [1.0, 0.92, 0.64],
        Light::Green => [0.80, 0.92, 0.75],
        Light::Missing => [0.92, 0.92, 0.92],
    }
}

/// A share 0–100 as a colour from red through amber to green (the window's heat map's).
fn heat_rgb(share: f64) -> [f32; 3] {
    let (red, amber, green) = (
        light_rgb(Light::Red),
        light_rgb(Light::Amber),
        light_rgb(Light::Green),
    );
    let s = (share.clamp(0.0, 100.0) / 100.0) as f32;
    let mix = |a: [f32; 3], b: [f32; 3], k: f32| [0, 1, 2].map(|i| a[i] + (b[i] - a[i]) * k);
    if s < 0.5 {
        mix(red, amber, s * 2.0)
    } else {
        mix(amber, green, (s - 0.5) * 2.0)
    }
}

impl App {
    /// The analysis of month `period`, as things stood at the end of the month after it (or
    /// today, if earlier): the month after is when such a report is written.
    pub fn report_analysis(&self, period: &str) -> Result<Vec<u8>> {
        let period = month("period", period)?;
        let p: Period = period
            .parse()
            .map_err(|_| crate::AppError::invalid("period", "月份无效。", "Not a month."))?;
        let next = p.next_month().unwrap_or(p);
        let as_of = self.ctx.today().min(next.days().1);
        let board = self.board(&BoardQuery {
            as_of: Some(as_of.format("%Y-%m-%d").to_string()),
            month: Some(next.to_string()),
        })?;
        let lang = self.lang;
        let zh = lang == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let site = self.store.site()?;
        let label = period_label(&period, lang);
        let mut blocks = vec![
            Block::Title(if zh {
                format!("{}{label}经营分析报告", site.name)
            } else {
                format!("{}: operating analysis, {label}", site.name)
            }),
            Block::Fields(vec![
                (t("分析月份", "Month"), label.clone()),
                (t("情况截至", "As of"), board.as_of.clone()),
                (t("单位数", "Units"), board.rows.len().to_string()),
                (t("编制", "Prepared by"), site.name.clone()),
            ]),
        ];

        // 一、总体情况
        let count = |l: Light| board.rows.iter().filter(|r| r.light == l).count();
        let scores = self.kpi_score(&ScoreQuery::of(&period)).ok();
        let before = p
            .previous()
            .and_then(|b| self.kpi_score(&ScoreQuery::of(&b.to_string())).ok());
        let mut summary = if zh {
            format!(
                "截至 {}，纳入监控的单位 {} 个：预警（红灯）{} 个，关注（黄灯）{} 个，正常 {} 个，无数据 {} 个。",
                board.as_of,
                board.rows.len(),
                count(Light::Red),
                count(Light::Amber),
                count(Light::Green),
                count(Light::Missing)
            )
        } else {
            format!(
                "As of {}, {} units monitored: {} red, {} amber, {} green, {} without data.",
                board.as_of,
                board.rows.len(),
                count(Light::Red),
                count(Light::Amber),
                count(Light::Green),
                count(Light::Missing)
            )
        };
        let name_of = |code: &str| {
            scores
                .as_ref()
                .and_then(|s| s.unit_names.get(code).cloned())
                .unwrap_or_else(|| code.to_string())
        };
        if let Some(s) = scores.as_ref().filter(|s| !s.result.units.is_empty()) {
            let n = Decimal::from(s.result.units.len() as u64);
            let avg = (s.result.units.iter().map(|u| u.total).sum::<Decimal>() / n).round_dp(2);
            let (best, worst) = (
                &s.result.units[0],
                &s.result.units[s.result.units.len() - 1],
            );
            summary.push_str(&if zh {
                format!(
                    "{label}考核平均得分 {avg}，最高 {}（{}），最低 {}（{}）。",
                    name_of(&best.unit),
                    best.total,
                    name_of(&worst.unit),
                    worst.total
                )
            } else {
                format!(
                    " {label}: average KPI total {avg}; highest {} ({}), lowest {} ({}).",
                    name_of(&best.unit),
                    best.total,
                    name_of(&worst.unit),
                    worst.total
                )
            });
        }
        blocks.push(Block::Heading(t("一、总体情况", "1. Overview")));
        blocks.push(Block::Paragraph(summary));

        // 二、经营监控: the lights as coloured cells, then the reasons of every red and amber.
        let checks: Vec<Check> = Check::ALL
            .iter()
            .copied()
            .filter(|c| {
                board
                    .rows
                    .iter()
                    .any(|r| r.signals.iter().any(|s| s.check == *c))
            })
            .collect();
        let mut columns = vec![
            col(&t("单位", "Unit"), 3.0, Align::Left),
            col(&t("总体", "Overall"), 1.2, Align::Center),
        ];
        columns.extend(
            checks
                .iter()
                .map(|c| col(c.label(lang), 1.4, Align::Center)),
        );
        let mut rows = Vec::new();
        let mut fills = Vec::new();
        for r in &board.rows {
            let mut row = vec![r.unit_name.clone(), r.light.label(lang).to_string()];
            let mut fill = vec![None, Some(light_rgb(r.light))];
            for c in &checks {
                match r.signals.iter().find(|s| s.check == *c) {
                    Some(s) => {
                        row.push(s.light.label(lang).to_string());
                        fill.push(Some(light_rgb(s.light)));
                    }
                    None => {
                        row.push("—".into());
                        fill.push(None);
                    }
                }
            }
            rows.push(row);
            fills.push(fill);
        }
        blocks.push(Block::Heading(t("二、经营监控", "2. Monitoring")));
        blocks.push(Block::Shaded {
            table: Table {
                columns,
                rows,
                total: None,
            },
            fills,
        });
        for r in board
            .rows
            .iter()
            .filter(|r| matches!(r.light, Light::Red | Light::Amber))
        {
            let reasons: Vec<String> = r
                .signals
                .iter()
                .filter(|s| matches!(s.light, Light::Red | Light::Amber))
                .map(|s| {
                    format!(
                        "{}（{}）：{}",
                        s.check.label(lang),
                        s.light.label(lang),
                        s.reason
                    )
                })
                .collect();
            blocks.push(Block::Paragraph(format!(
                "{}　{}",
                r.unit_name,
                reasons.join(if zh { "；" } else { "; " })
            )));
        }

        // 三、考核得分 and 四、单位 × 指标
        if let Some(s) = scores.as_ref().filter(|s| !s.result.units.is_empty()) {
            let prev = |code: &str| {
                before
                    .as_ref()
                    .and_then(|b| b.result.units.iter().find(|u| u.unit == code))
                    .map(|u| u.total)
            };
            let rows = s
                .result
                .units
                .iter()
                .map(|u| {
                    let p = prev(&u.unit);
                    vec![
                        u.rank.to_string(),
                        name_of(&u.unit),
                        u.total.to_string(),
                        p.map_or_else(|| "—".into(), |p| p.to_string()),
                        p.map_or_else(
                            || "—".into(),
                            |p| {
                                let d = u.total - p;
                                if d > Decimal::ZERO {
                                    format!("+{d}")
                                } else {
                                    d.to_string()
                                }
                            },
                        ),
                    ]
                })
                .collect();
            blocks.push(Block::Heading(t("三、考核得分", "3. KPI scores")));
            blocks.push(Block::Table(Table {
                columns: vec![
                    col(&t("名次", "Rank"), 0.8, Align::Right),
                    col(&t("单位", "Unit"), 3.0, Align::Left),
                    col(&t("得分", "Total"), 1.2, Align::Right),
                    col(&t("上月", "Month before"), 1.2, Align::Right),
                    col(&t("增减", "Change"), 1.2, Align::Right),
                ],
                rows,
                total: None,
            }));
            blocks.push(Block::Bars(
                s.result
                    .units
                    .iter()
                    .map(|u| {
                        let v: f64 = u.total.to_string().parse().unwrap_or(0.0);
                        (name_of(&u.unit), v, u.total.to_string())
                    })
                    .collect(),
            ));
            let inds = &s.scheme.indicators;
            let mut columns = vec![col(&t("单位", "Unit"), 2.6, Align::Left)];
            columns.extend(inds.iter().map(|i| col(&i.name, 1.0, Align::Center)));
            let mut rows = Vec::new();
            let mut fills = Vec::new();
            for u in &s.result.units {
                let mut row = vec![name_of(&u.unit)];
                let mut fill = vec![None];
                for i in inds {
                    let score = u.indicators.iter().find(|x| x.id == i.id).map(|x| x.score);
                    row.push(score.map_or_else(|| "—".into(), |d| d.to_string()));
                    fill.push(score.filter(|_| i.points > Decimal::ZERO).map(|d| {
                        let share: f64 = (d * Decimal::ONE_HUNDRED / i.points)
                            .to_string()
                            .parse()
                            .unwrap_or(0.0);
                        heat_rgb(share)
                    }));
                }
                rows.push(row);
                fills.push(fill);
            }
            blocks.push(Block::Heading(t(
                "四、单位 × 指标得分",
                "4. Units × indicators",
            )));
            blocks.push(Block::Paragraph(t(
                "底色按得分占该指标分值的比例：红色低，绿色高。",
                "Shaded by the score as a share of the indicator's points: red low, green high.",
            )));
            blocks.push(Block::Shaded {
                table: Table {
                    columns,
                    rows,
                    total: None,
                },
                fills,
            });
        }

        blocks.extend(self.analysis_work(&board.as_of, board.thresholds.plan_amber, &period)?);

        // 八、得分走势: each unit's total, month by month, up to this one.
        if let Some(s) = &scores {
            let months: Vec<String> = s
                .scheme
                .start
                .parse::<NaiveDate>()
                .ok()
                .map(Period::month_of)
                .into_iter()
                .flat_map(|first| std::iter::successors(Some(first), |m| m.next_month()))
                .take_while(|m| *m <= p)
                .map(|m| m.to_string())
                .collect();
            let mut totals: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for m in &months {
                let view = self.kpi_score(&ScoreQuery::of(m)).ok();
                for u in &s.result.units {
                    let v = view
                        .as_ref()
                        .and_then(|v| v.result.units.iter().find(|x| x.unit == u.unit))
                        .map_or_else(|| "—".into(), |x| x.total.to_string());
                    totals.entry(u.unit.clone()).or_default().push(v);
                }
            }
            if months.len() > 1 {
                let mut columns = vec![col(&t("单位", "Unit"), 2.6, Align::Left)];
                columns.extend(
                    months
                        .iter()
                        .map(|m| col(&period_label(m, lang), 1.0, Align::Right)),
                );
                let rows = s
                    .result
                    .units
                    .iter()
                    .map(|u| {
                        let mut r = vec![name_of(&u.unit)];
                        r.extend(totals.remove(&u.unit).unwrap_or_default());
                        r
                    })
                    .collect();
                blocks.push(Block::Heading(t(
                    "八、得分走势",
                    "8. Totals month by month",
                )));
                blocks.push(Block::Table(Table {
                    columns,
                    rows,
                    total: None,
                }));
            }
        }

        let doc = self.document(
            if zh {
                format!("{label}经营分析报告")
            } else {
                format!("Operating analysis {label}")
            },
            site.name.clone(),
            blocks,
        )?;
        render(&doc)
    }

    /// 五、六、七: plans behind schedule, overdue items, incoming documents of the month.
    fn analysis_work(&self, day: &str, amber: u32, period: &str) -> Result<Vec<Block>> {
        let lang = self.lang;
        let zh = lang == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let as_of: NaiveDate = day.parse().unwrap_or_else(|_| self.ctx.today());
        let mut blocks = Vec::new();

        let mut behind: Vec<(Decimal, Vec<String>)> = Vec::new();
        for r in self.plans(None)? {
            let Some((progress, elapsed)) = pace(&r, as_of) else {
                continue;
            };
            let gap = elapsed - progress;
            if gap >= Decimal::from(amber) {
                behind.push((
                    gap,
                    vec![
                        r.unit_name.clone(),
                        r.node.title.clone(),
                        format!("{}%", progress.round_dp(1).normalize()),
                        format!("{}%", elapsed.round_dp(1).normalize()),
                        gap.round_dp(1).normalize().to_string(),
                        if r.node.deviation.trim().is_empty() {
                            t("（未填写）", "(none written)")
                        } else {
                            r.node.deviation.clone()
                        },
                    ],
                ));
            }
        }
        behind.sort_by_key(|b| std::cmp::Reverse(b.0));
        blocks.push(Block::Heading(t(
            "五、进度落后的计划",
            "5. Plans behind schedule",
        )));
        if behind.is_empty() {
            blocks.push(Block::Paragraph(t(
                "没有进度落后的计划。",
                "No plan is behind schedule.",
            )));
        } else {
            blocks.push(Block::Table(Table {
                columns: vec![
                    col(&t("单位", "Unit"), 1.8, Align::Left),
                    col(&t("计划", "Plan"), 3.2, Align::Left),
                    col(&t("完成", "Done"), 0.9, Align::Right),
                    col(&t("时间", "Time"), 0.9, Align::Right),
                    col(&t("落后", "Behind"), 0.9, Align::Right),
                    col(&t("偏差分析", "Deviation analysis"), 3.2, Align::Left),
                ],
                rows: behind.into_iter().map(|(_, r)| r).collect(),
                total: None,
            }));
        }

        let mut items = self.actions_board(&ActionFilter {
            overdue_only: true,
            today: Some(day.to_string()),
            ..ActionFilter::default()
        })?;
        items.retain(|a| a.item.doc_id.is_none());
        items.sort_by_key(|a| std::cmp::Reverse(a.overdue_days));
        blocks.push(Block::Heading(t("六、逾期事项", "6. Overdue items")));
        if items.is_empty() {
            blocks.push(Block::Paragraph(t(
                "没有逾期的督办事项。",
                "No overdue action item.",
            )));
        } else {
            let more = items.len().saturating_sub(MAX_ITEMS);
            blocks.push(Block::Table(Table {
                columns: vec![
                    col(&t("单位", "Unit"), 1.8, Align::Left),
                    col(&t("事项", "Item"), 4.0, Align::Left),
                    col(&t("责任人", "Owner"), 1.2, Align::Left),
                    col(&t("到期", "Due"), 1.4, Align::Center),
                    col(&t("逾期天数", "Days late"), 1.0, Align::Right),
                ],
                rows: items
                    .iter()
                    .take(MAX_ITEMS)
                    .map(|a| {
                        vec![
                            a.unit_name.clone(),
                            a.item.title.clone(),
                            a.owner_name.clone(),
                            a.item.due_on.clone(),
                            a.overdue_days.to_string(),
                        ]
                    })
                    .collect(),
                total: None,
            }));
            if more > 0 {
                blocks.push(Block::Paragraph(if zh {
                    format!("另有 {more} 项逾期事项未列出。")
                } else {
                    format!("{more} more overdue items are not listed.")
                }));
            }
        }

        // Incoming documents received in the month: how many, handled, in how many days.
        let docs = self.incoming_list(&IncomingFilter {
            overdue_only: false,
            today: Some(day.to_string()),
        })?;
        let mut per_unit: BTreeMap<String, (usize, usize, i64, usize)> = BTreeMap::new();
        let names = crate::shared::names::Names::load(self)?;
        for d in docs
            .iter()
            .filter(|d| d.doc.received_on.starts_with(period))
        {
            let e = per_unit
                .entry(names.unit(Some(&d.doc.unit_id)))
                .or_default();
            e.0 += 1;
            if d.done {
                e.1 += 1;
                let closed = d
                    .handlers
                    .iter()
                    .filter_map(|h| h.item.closed_on.clone())
                    .max()
                    .unwrap_or_default();
                e.2 += crate::shared::clock::days_between(&d.doc.received_on, &closed).max(0);
            }
            if d.overdue_days > 0 {
                e.3 += 1;
            }
        }
        blocks.push(Block::Heading(t("七、收文办理", "7. Incoming documents")));
        if per_unit.is_empty() {
            blocks.push(Block::Paragraph(t(
                "本月没有登记收文。",
                "No incoming document was registered this month.",
            )));
        } else {
            blocks.push(Block::Table(Table {
                columns: vec![
                    col(&t("单位", "Unit"), 2.4, Align::Left),
                    col(&t("收文", "Received"), 1.0, Align::Right),
                    col(&t("已办结", "Handled"), 1.0, Align::Right),
                    col(&t("平均办理天数", "Average days"), 1.4, Align::Right),
                    col(&t("超期未办", "Late, open"), 1.0, Align::Right),
                ],
                rows: per_unit
                    .into_iter()
                    .map(|(unit, (n, done, days, late))| {
                        let avg = if done == 0 {
                            "—".to_string()
                        } else {
                            (Decimal::from(days) / Decimal::from(done as u64))
                                .round_dp(1)
                                .normalize()
                                .to_string()
                        };
                        vec![unit, n.to_string(), done.to_string(), avg, late.to_string()]
                    })
                    .collect(),
                total: None,
            }));
        }
        Ok(blocks)
    }

    /// Writes the analysis into the export folder; returns the file's path.
    pub fn report_analysis_to_dir(&self, period: &str) -> Result<String> {
        let bytes = self.report_analysis(period)?;
        let name = if self.lang == Lang::Zh {
            format!("经营分析报告-{period}.pdf")
        } else {
            format!("operating-analysis-{period}.pdf")
        };
        save(name, bytes)
    }
}
