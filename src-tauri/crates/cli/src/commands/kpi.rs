//! `branchdesk kpi …`.

use branchdesk_app::kpi::ScoreQuery;
use branchdesk_app::AppError;
use branchdesk_domain::Lang;

use super::Door;
use super::{to_json, write_file};
use crate::args::*;

pub(crate) fn run(cmd: KpiCommand, db: &Door, lang: Lang) -> Result<(), AppError> {
    let zh = lang == Lang::Zh;
    match cmd {
        KpiCommand::Check { scheme, json } => {
            let report = branchdesk_app::kpi::check_scheme_file(&scheme)?;
            if json {
                say!("{}", to_json(&report)?);
            } else {
                for f in &report.findings {
                    let sev = match (f.severity, zh) {
                        (branchdesk_kpi::Severity::Error, true) => "错误",
                        (branchdesk_kpi::Severity::Error, false) => "error",
                        (branchdesk_kpi::Severity::Warning, true) => "警告",
                        (branchdesk_kpi::Severity::Warning, false) => "warning",
                    };
                    let subject = f
                        .subject
                        .as_deref()
                        .map(|s| format!("[{s}] "))
                        .unwrap_or_default();
                    say!(
                        "{sev} {subject}{} ({})",
                        if zh { &f.zh } else { &f.en },
                        f.code
                    );
                }
                if zh {
                    say!(
                        "方案 {}：{} 个错误，{} 个警告。",
                        report.scheme,
                        report.errors,
                        report.warnings
                    );
                } else {
                    say!(
                        "scheme {}: {} errors, {} warnings.",
                        report.scheme,
                        report.errors,
                        report.warnings
                    );
                }
            }
            if report.errors > 0 {
                std::process::exit(1);
            }
        }
        KpiCommand::Scheme(SchemeCommand::Add { file }) => {
            let s = db.open()?.kpi_add_scheme(&file)?;
            say!("{} v{} {}", s.id, s.version, s.name);
            for f in &s.findings {
                say!(
                    "  {} [{}] {}",
                    f.severity,
                    f.subject.as_deref().unwrap_or("-"),
                    f.message
                );
            }
        }
        KpiCommand::Scheme(SchemeCommand::List { json }) => {
            let list = db.open()?.kpi_schemes()?;
            if json {
                say!("{}", to_json(&list)?);
            } else {
                for s in &list {
                    say!(
                        "{}  v{}  {}  {} – {}",
                        s.id,
                        s.version,
                        s.name,
                        s.start,
                        s.end
                    );
                }
            }
        }
        KpiCommand::Data(DataCommand::Import { file }) => {
            let r = db.open()?.kpi_import(&file)?;
            if zh {
                say!("已导入：{} 项有变化，{} 项未变。", r.changed, r.unchanged);
            } else {
                say!(
                    "Imported: {} changed, {} unchanged.",
                    r.changed,
                    r.unchanged
                );
            }
        }
        KpiCommand::Score {
            scheme,
            data,
            scheme_id,
            period,
            cumulative,
            explain,
            json,
        } => {
            let q = ScoreQuery {
                scheme_id: scheme_id.as_deref(),
                period: &period,
                cumulative,
                explain,
            };
            let (r, unscored) = match (scheme, data) {
                (Some(scheme), Some(data)) => (
                    branchdesk_app::kpi::score_files(&scheme, &data, &q)?,
                    Vec::new(),
                ),
                _ => {
                    let v = db.open()?.kpi_score(&q)?;
                    (v.result, v.unscored)
                }
            };
            // Units left out are said on stderr, so `--json` output keeps its shape.
            if !unscored.is_empty() {
                eprintln!(
                    "{}",
                    if zh {
                        "排名为暂定，以下单位未计分："
                    } else {
                        "Provisional ranks; these units are not scored:"
                    }
                );
                for u in &unscored {
                    eprintln!("  {}（{}）：{}", u.name, u.unit, u.reasons.join("；"));
                }
            }
            if json {
                say!("{}", to_json(&r)?);
            } else {
                say!(
                    "{} {}{}",
                    r.scheme,
                    r.period,
                    if cumulative {
                        if zh {
                            "（累计）"
                        } else {
                            " (cumulative)"
                        }
                    } else {
                        ""
                    }
                );
                for u in &r.units {
                    let scores: Vec<String> =
                        u.indicators.iter().map(|i| i.score.to_string()).collect();
                    say!(
                        "{:>4}  {:<12} {:>8}  {}",
                        u.rank,
                        u.unit,
                        u.total.to_string(),
                        scores.join(" ")
                    );
                }
                for a in &r.rewards {
                    say!("{} {} ¥{}", a.reward, a.unit, a.amount);
                }
            }
        }
        KpiCommand::Publish {
            period,
            scheme_id,
            reason,
            json,
        } => {
            let s = db
                .open()?
                .kpi_publish(scheme_id.as_deref(), &period, &reason)?;
            show_status(&s, json, zh)?;
        }
        KpiCommand::Lock { period, json } => {
            let mut app = db.open()?;
            let s = app.kpi_lock(None, &period)?;
            show_status(&s, json, zh)?;
            if !json {
                show_payouts(&app.kpi_payouts(Some(&period))?, zh);
            }
        }
        KpiCommand::Reopen {
            period,
            reason,
            json,
        } => {
            let s = db.open()?.kpi_reopen(None, &period, &reason)?;
            show_status(&s, json, zh)?;
        }
        KpiCommand::Status {
            period,
            scheme_id,
            json,
        } => {
            let s = db.open()?.kpi_status(scheme_id.as_deref(), &period)?;
            show_status(&s, json, zh)?;
        }
        KpiCommand::Specialists {
            period,
            scheme_id,
            json,
        } => {
            let v = db.open()?.kpi_specialists(scheme_id.as_deref(), &period)?;
            if json {
                say!("{}", to_json(&v)?);
                return Ok(());
            }
            say!("{} {} ({})", v.scheme_name, v.period, v.as_of);
            for r in &v.rows {
                let who = r.person_name.as_deref().unwrap_or(if zh {
                    "（空缺）"
                } else {
                    "(vacant)"
                });
                let star = if r.put_forward {
                    if zh {
                        "  推荐参加全省评选"
                    } else {
                        "  put forward"
                    }
                } else {
                    ""
                };
                say!(
                    "{:>3}  {} {}  {}  {}{star}",
                    r.rank,
                    r.unit,
                    r.unit_name,
                    who,
                    r.total
                );
            }
        }
        KpiCommand::Payouts {
            period,
            pay,
            on,
            xlsx,
            json,
        } => {
            let mut app = db.open()?;
            if let Some(id) = pay {
                let p = app.kpi_pay(id, on.as_deref())?;
                if json {
                    say!("{}", to_json(&p)?);
                } else {
                    say!(
                        "{} {} {} ¥{} {} {}",
                        p.id,
                        p.unit_name,
                        p.rule,
                        p.amount,
                        p.paid_at.unwrap_or_default(),
                        p.paid_by.unwrap_or_default()
                    );
                }
                return Ok(());
            }
            if let Some(out) = xlsx {
                write_file(&out, &app.kpi_payouts_xlsx(period.as_deref())?)?;
                say!("{}", out.display());
                return Ok(());
            }
            let reg = app.kpi_payouts(period.as_deref())?;
            if json {
                say!("{}", to_json(&reg)?);
            } else {
                show_payouts(&reg, zh);
            }
        }
        KpiCommand::Results { period, json } => {
            let v = db.open()?.kpi_results(period.as_deref())?;
            if json {
                say!("{}", to_json(&v)?);
            } else {
                for r in &v.rows {
                    say!(
                        "{} v{} {:<10} {:>8} {:>3}/{:<3} {:?} {}",
                        r.period,
                        r.version,
                        r.unit_name,
                        r.total,
                        r.rank,
                        r.ranked,
                        r.state,
                        r.respond_by
                    );
                }
            }
        }
        KpiCommand::Answer {
            result,
            appeal,
            reason,
            evidence,
        } => {
            let mut files = Vec::new();
            for path in &evidence {
                let bytes = branchdesk_app::shared::files::read_input(
                    path,
                    branchdesk_app::kpi::EVIDENCE_MAX_BYTES as u64,
                )?;
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                files.push((name, bytes));
            }
            let r = db.open()?.kpi_answer_with(
                &branchdesk_app::kpi::AnswerInput {
                    result_id: result,
                    appeal: appeal.is_some(),
                    indicator: appeal.unwrap_or_default(),
                    reason: reason.unwrap_or_default(),
                },
                &files,
            )?;
            say!("{} {} v{} {:?}", r.unit_name, r.period, r.version, r.state);
        }
        KpiCommand::Evidence { id, out } => {
            let (_, bytes) = db.open()?.kpi_evidence_file(&id)?;
            write_file(&out, &bytes)?;
            say!("{}", out.display());
        }
        KpiCommand::Rule {
            response,
            uphold,
            comment,
        } => {
            let r = db.open()?.kpi_rule(&branchdesk_app::kpi::RulingInput {
                response_id: response,
                upheld: uphold,
                comment,
            })?;
            say!("{} {} v{} {:?}", r.unit_name, r.period, r.version, r.state);
        }
    }
    Ok(())
}

fn show_status(
    s: &branchdesk_app::kpi::PeriodStatus,
    json: bool,
    zh: bool,
) -> Result<(), AppError> {
    if json {
        say!("{}", to_json(s)?);
        return Ok(());
    }
    match (s.publications.first(), zh) {
        (Some(p), true) => say!(
            "{} {}：已发布第 {} 版（{} {}）",
            s.scheme_id,
            s.period,
            p.version,
            p.published_at,
            p.published_by
        ),
        (Some(p), false) => say!(
            "{} {}: version {} published ({} {})",
            s.scheme_id,
            s.period,
            p.version,
            p.published_at,
            p.published_by
        ),
        (None, true) => say!("{} {}：未发布", s.scheme_id, s.period),
        (None, false) => say!("{} {}: not published", s.scheme_id, s.period),
    }
    if s.changed {
        let (z, e) = if s.publications.is_empty() {
            ("  可以发布", "  ready to publish")
        } else {
            (
                "  现在的数据与发布的结果不同（可重新发布）",
                "  today's figures differ from the published results (publish again)",
            )
        };
        say!("{}", if zh { z } else { e });
    }
    if let Some(l) = &s.lock {
        if zh {
            say!("  已锁定：{}（{} {}）", l.period, l.at, l.by);
        } else {
            say!("  locked: {} ({} {})", l.period, l.at, l.by);
        }
    }
    Ok(())
}

fn show_payouts(reg: &branchdesk_app::kpi::PayoutRegister, zh: bool) {
    for p in &reg.rows {
        say!(
            "{:>4}  {} {:<10} {:<12} {:>10}  {} {}",
            p.id,
            p.period,
            p.unit_name,
            p.rule,
            p.amount.to_string(),
            p.due_month,
            p.paid_at
                .as_deref()
                .unwrap_or(if zh { "未兑现" } else { "unpaid" })
        );
    }
    if zh {
        say!(
            "合计 ¥{}，已兑现 ¥{}，待兑现 ¥{}",
            reg.total,
            reg.paid,
            reg.unpaid
        );
    } else {
        say!(
            "total ¥{}, paid ¥{}, unpaid ¥{}",
            reg.total,
            reg.paid,
            reg.unpaid
        );
    }
}
