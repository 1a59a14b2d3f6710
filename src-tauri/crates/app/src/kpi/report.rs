//! The unit scorecard (考核得分表) and the bulletin (考评通报) as PDFs.

use branchdesk_domain::{Lang, Period};
use branchdesk_report::{Align, Block, Table};
use rust_decimal::Decimal;

use super::ScoreQuery;
use crate::shared::files::save;
use crate::shared::print::{col, group_digits, money, period_label, render};
use crate::{App, AppError, Result};

impl App {
    /// 考核得分表: one unit, one period, every indicator with its figure, score and rank,
    /// section subtotals, the total and rank, rewards, and each score's explanation.
    pub fn report_scorecard(
        &self,
        unit: &str,
        period: &str,
        scheme_id: Option<&str>,
    ) -> Result<Vec<u8>> {
        let view = self.kpi_score(&ScoreQuery {
            scheme_id,
            ..ScoreQuery::of(period).explained()
        })?;
        let zh = self.lang == Lang::Zh;
        let Some(score) = view.result.units.iter().find(|u| u.unit == unit) else {
            if let Some(u) = view.unscored.iter().find(|u| u.unit == unit) {
                return Err(AppError::invalid(
                    "unit",
                    format!("{} {period} 未计分：{}", u.name, u.reasons.join("；")),
                    format!(
                        "{} is not scored for {period}: {}",
                        u.name,
                        u.reasons.join("; ")
                    ),
                ));
            }
            return Err(AppError::invalid(
                "unit",
                format!("{period} 没有单位 {unit} 的考核得分。请检查单位编码，或先录入该期数据。"),
                format!("No scores for unit {unit} in {period}. Check the unit code or enter the figures first."),
            ));
        };
        let name = view
            .unit_names
            .get(unit)
            .cloned()
            .unwrap_or_else(|| unit.to_string());
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let mut blocks = vec![
            Block::Title(format!(
                "{}{}",
                view.scheme.name,
                t(" 考核得分表", " — scorecard")
            )),
            Block::Fields(vec![
                (t("单位", "Unit"), format!("{name}（{unit}）")),
                (
                    t("期间", "Period"),
                    period_label(&view.result.period, self.lang),
                ),
                (
                    t("总分", "Total"),
                    format!("{} / {}", score.total, view.scheme.points),
                ),
                (
                    t("排名", "Rank"),
                    format!("{} / {}", score.rank, view.result.units.len()),
                ),
                (
                    t("方案", "Scheme"),
                    format!("{} v{}", view.scheme.id, view.scheme.version),
                ),
                (
                    t("考核对象数", "Units assessed"),
                    view.result.units.len().to_string(),
                ),
            ]),
        ];
        let mut n = 0;
        let mut heading = |zh_: &str, en: &str| {
            n += 1;
            const CN: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
            Block::Heading(if zh {
                format!("{}、{zh_}", CN[(n - 1) % 6])
            } else {
                format!("{n}. {en}")
            })
        };
        blocks.push(heading("指标得分", "Indicator scores"));
        let mut rows = Vec::new();
        for (i, ind) in score.indicators.iter().enumerate() {
            let info = view.scheme.indicators.iter().find(|x| x.id == ind.id);
            rows.push(vec![
                (i + 1).to_string(),
                info.map_or(ind.id.clone(), |x| x.name.clone()),
                info.map_or(String::new(), |x| x.points.to_string()),
                ind.value
                    .as_deref()
                    .map_or_else(|| "—".into(), group_digits),
                ind.score.to_string(),
                ind.rank.map_or_else(|| "—".into(), |r| r.to_string()),
            ]);
        }
        blocks.push(Block::Table(Table {
            columns: vec![
                col(&t("序号", "No."), 0.6, Align::Center),
                col(&t("指标", "Indicator"), 3.6, Align::Left),
                col(&t("分值", "Points"), 0.9, Align::Right),
                col(&t("数据", "Figure"), 1.6, Align::Right),
                col(&t("得分", "Score"), 1.0, Align::Right),
                col(&t("排名", "Rank"), 0.8, Align::Right),
            ],
            rows,
            total: Some(vec![
                String::new(),
                t("合计", "Total"),
                view.scheme.points.to_string(),
                String::new(),
                score.total.to_string(),
                score.rank.to_string(),
            ]),
        }));
        if !view.scheme.sections.is_empty() {
            blocks.push(heading("分类小计", "Section subtotals"));
            let rows = view
                .scheme
                .sections
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.points.to_string(),
                        score
                            .sections
                            .get(&s.id)
                            .map_or_else(|| "—".into(), |d| d.to_string()),
                    ]
                })
                .collect();
            blocks.push(Block::Table(Table {
                columns: vec![
                    col(&t("类别", "Section"), 4.0, Align::Left),
                    col(&t("分值", "Points"), 1.0, Align::Right),
                    col(&t("得分", "Score"), 1.0, Align::Right),
                ],
                rows,
                total: None,
            }));
        }
        let rewards: Vec<Vec<String>> = view
            .result
            .rewards
            .iter()
            .filter(|r| r.unit == unit)
            .map(|r| {
                let name = view
                    .scheme
                    .rewards
                    .iter()
                    .find(|x| x.id == r.reward)
                    .map_or(r.reward.clone(), |x| x.name.clone());
                vec![name, money(r.amount)]
            })
            .collect();
        blocks.push(heading("奖励", "Rewards"));
        if rewards.is_empty() {
            blocks.push(Block::Paragraph(t(
                "本期无奖励。",
                "No rewards this period.",
            )));
        } else {
            let sum: Decimal = view
                .result
                .rewards
                .iter()
                .filter(|r| r.unit == unit)
                .map(|r| r.amount)
                .sum();
            blocks.push(Block::Table(Table {
                columns: vec![
                    col(&t("奖项", "Reward"), 4.0, Align::Left),
                    col(&t("金额", "Amount"), 1.5, Align::Right),
                ],
                rows: rewards,
                total: Some(vec![t("合计", "Total"), money(sum)]),
            }));
        }
        blocks.push(Block::Heading(t(
            "附录：得分说明",
            "Appendix: how each score was reached",
        )));
        for ind in &score.indicators {
            let name = view
                .scheme
                .indicators
                .iter()
                .find(|x| x.id == ind.id)
                .map_or(ind.id.clone(), |x| x.name.clone());
            let Some(e) = &ind.explain else { continue };
            let inputs: Vec<String> = e.inputs.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            let steps = if zh { &e.steps_zh } else { &e.steps };
            let (colon, stop, comma, semi) = if zh {
                ("：", "。", "，", "；")
            } else {
                (": ", ". ", ", ", "; ")
            };
            blocks.push(Block::Paragraph(format!(
                "{name}（{}）{colon}{}{stop}{}{}",
                ind.score,
                if zh { &e.formula_zh } else { &e.formula },
                if inputs.is_empty() {
                    String::new()
                } else {
                    format!("{}{}{stop}", t("数据：", "Figures: "), inputs.join(comma))
                },
                steps.join(semi)
            )));
        }
        let doc = self.document(
            format!(
                "{name} {} {}",
                period_label(&view.result.period, self.lang),
                t("考核得分表", "scorecard")
            ),
            name,
            blocks,
        )?;
        render(&doc)
    }

    /// 考评通报: all units ranked for a period, with totals, indicator scores, the change since
    /// the previous period, a bar chart of totals, and rewards.
    ///
    /// It shows a published version (`version`, else the newest) and says which; a period
    /// never published is printed from today's figures as a draft, and says so.
    pub fn report_bulletin(
        &self,
        period: &str,
        scheme_id: Option<&str>,
        version: Option<i64>,
    ) -> Result<Vec<u8>> {
        let (view, shown) = match self.kpi_published(scheme_id, period, version)? {
            Some((view, p)) => (view, Some(p)),
            None => (
                self.kpi_score(&ScoreQuery {
                    scheme_id,
                    ..ScoreQuery::of(period)
                })?,
                None,
            ),
        };
        // The period before as it was published, else as it scores today.
        let previous = previous_period(&view.result.period).and_then(|p| {
            match self.kpi_published(scheme_id, &p, None).ok().flatten() {
                Some((v, _)) => Some(v),
                None => self
                    .kpi_score(&ScoreQuery {
                        scheme_id,
                        ..ScoreQuery::of(&p)
                    })
                    .ok(),
            }
        });
        let zh = self.lang == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let label = period_label(&view.result.period, self.lang);
        let name = |code: &str| {
            view.unit_names
                .get(code)
                .cloned()
                .unwrap_or_else(|| code.to_string())
        };
        let mut units = view.result.units.clone();
        units.sort_by_key(|u| u.rank);
        let mut columns = vec![
            col(&t("排名", "Rank"), 0.9, Align::Center),
            col(&t("单位", "Unit"), 2.85, Align::Left),
        ];
        for ind in &view.scheme.indicators {
            columns.push(col(&ind.name, 1.0, Align::Right));
        }
        // Wide enough for a year's sum of quarters (235.74) on one line.
        columns.push(col(&t("总分", "Total"), 1.25, Align::Right));
        columns.push(col(&t("较上期", "Change"), 1.25, Align::Right));
        let rows = units
            .iter()
            .map(|u| {
                let mut r = vec![u.rank.to_string(), name(&u.unit)];
                for ind in &view.scheme.indicators {
                    r.push(
                        u.indicators
                            .iter()
                            .find(|x| x.id == ind.id)
                            .map_or_else(|| "—".into(), |x| x.score.to_string()),
                    );
                }
                r.push(u.total.to_string());
                let before = previous
                    .as_ref()
                    .and_then(|p| p.result.units.iter().find(|x| x.unit == u.unit))
                    .map(|x| x.total);
                r.push(before.map_or_else(
                    || "—".into(),
                    |b| {
                        let d = u.total - b;
                        if d > Decimal::ZERO {
                            format!("+{d}")
                        } else {
                            d.to_string()
                        }
                    },
                ));
                r
            })
            .collect();
        let mut blocks = vec![
            Block::Title(format!(
                "{}{}",
                view.scheme.name,
                t(" 考评通报", " — bulletin")
            )),
            Block::Fields(vec![
                (t("期间", "Period"), label.clone()),
                (t("考核对象", "Units"), units.len().to_string()),
                (t("满分", "Full marks"), view.scheme.points.to_string()),
                (
                    t("方案", "Scheme"),
                    format!("{} v{}", view.scheme.id, view.scheme.version),
                ),
                (
                    t("结果版本", "Results"),
                    match &shown {
                        // Short enough for its half of the line.
                        Some(p) if zh => format!(
                            "第 {} 版，{} 发布",
                            p.version,
                            p.published_at.get(..10).unwrap_or(&p.published_at)
                        ),
                        Some(p) => format!(
                            "version {}, published {}",
                            p.version,
                            p.published_at.get(..10).unwrap_or(&p.published_at)
                        ),
                        None => t(
                            "草稿（未发布，数据仍可能改动）",
                            "draft (not published; the figures may still change)",
                        ),
                    },
                ),
            ]),
        ];
        if let Some(p) = shown.as_ref().filter(|p| !p.reason.is_empty()) {
            blocks.push(Block::Paragraph(format!(
                "{}{}",
                t("本版更正说明：", "Corrected in this version: "),
                p.reason
            )));
        }
        blocks.push(Block::Heading(t("一、得分与排名", "1. Scores and ranks")));
        // Units whose figures could not be scored are named with the reasons, and the ranks
        // of the others are marked provisional, on the page itself.
        if !view.unscored.is_empty() {
            let names: Vec<&str> = view.unscored.iter().map(|u| u.name.as_str()).collect();
            blocks.push(Block::Paragraph(if zh {
                format!(
                    "排名为暂定：{} 未计分，其数据更正后排名可能变化。",
                    names.join("、")
                )
            } else {
                format!(
                    "Provisional ranks: {} not scored; the ranks may change once their figures are corrected.",
                    names.join(", ")
                )
            }));
            for u in &view.unscored {
                blocks.push(Block::Paragraph(format!(
                    "{}{}{}",
                    u.name,
                    t("（未计分）：", " (not scored): "),
                    u.reasons.join(t("；", "; ").as_str())
                )));
            }
        }
        blocks.extend([
            Block::Table(Table {
                columns,
                rows,
                total: None,
            }),
            Block::Heading(t("二、总分排名图", "2. Totals")),
            Block::Bars(
                units
                    .iter()
                    .map(|u| {
                        (
                            name(&u.unit),
                            u.total.to_string().parse::<f64>().unwrap_or(0.0),
                            u.total.to_string(),
                        )
                    })
                    .collect(),
            ),
        ]);
        blocks.push(Block::Heading(t("三、奖励", "3. Rewards")));
        if view.result.rewards.is_empty() {
            blocks.push(Block::Paragraph(t(
                "本期无奖励。",
                "No rewards this period.",
            )));
        } else {
            let sum: Decimal = view.result.rewards.iter().map(|r| r.amount).sum();
            blocks.push(Block::Table(Table {
                columns: vec![
                    col(&t("奖项", "Reward"), 3.0, Align::Left),
                    col(&t("单位", "Unit"), 3.0, Align::Left),
                    col(&t("金额", "Amount"), 1.5, Align::Right),
                ],
                rows: view
                    .result
                    .rewards
                    .iter()
                    .map(|r| {
                        let reward = view
                            .scheme
                            .rewards
                            .iter()
                            .find(|x| x.id == r.reward)
                            .map_or(r.reward.clone(), |x| x.name.clone());
                        vec![reward, name(&r.unit), money(r.amount)]
                    })
                    .collect(),
                total: Some(vec![t("合计", "Total"), String::new(), money(sum)]),
            }));
        }
        if !view.scheme.notes.is_empty() {
            blocks.push(Block::Heading(t("四、说明", "4. Notes")));
            for n in &view.scheme.notes {
                blocks.push(Block::Paragraph(format!("· {n}")));
            }
        }
        let site = self.store.site()?;
        let doc = self.document(
            format!("{} {label} {}", view.scheme.name, t("考评通报", "bulletin")),
            site.name,
            blocks,
        )?;
        render(&doc)
    }

    /// Writes the scorecard into the export folder; returns the file's path.
    pub fn report_scorecard_to_dir(
        &self,
        unit: &str,
        period: &str,
        scheme_id: Option<&str>,
    ) -> Result<String> {
        let bytes = self.report_scorecard(unit, period, scheme_id)?;
        let name = if self.lang == Lang::Zh {
            format!("考核得分表-{unit}-{period}.pdf")
        } else {
            format!("scorecard-{unit}-{period}.pdf")
        };
        save(name, bytes)
    }

    /// Writes the bulletin into the export folder; returns the file's path.
    pub fn report_bulletin_to_dir(
        &self,
        period: &str,
        scheme_id: Option<&str>,
        version: Option<i64>,
    ) -> Result<String> {
        let bytes = self.report_bulletin(period, scheme_id, version)?;
        let tail = version.map(|v| format!("-v{v}")).unwrap_or_default();
        let name = if self.lang == Lang::Zh {
            format!("考评通报-{period}{tail}.pdf")
        } else {
            format!("bulletin-{period}{tail}.pdf")
        };
        save(name, bytes)
    }
}

/// The period before: the month, quarter or year before.
pub(super) fn previous_period(p: &str) -> Option<String> {
    p.parse::<Period>().ok()?.previous().map(|p| p.to_string())
}
