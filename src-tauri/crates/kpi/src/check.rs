//! The scheme validator: catches what documents get wrong before anyone is scored on them.

use std::collections::{BTreeSet, HashSet};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::scheme::{Indicator, RewardKind, Rule, Scheme};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a scheme, named by indicator (or reward) and in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable: `points_sum`, `band_overlap`, `band_gap`, `best_below_points`, `unknown_metric`, …
    pub code: &'static str,
    /// The indicator, reward or section the finding is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub zh: String,
    pub en: String,
}

/// Metrics of the seed documents, known without a `[metrics]` catalogue.
pub const BUILT_IN_METRICS: &[&str] = &[
    "users",
    "quotes",
    "conversions",
    "closed_premium",
    "policy_sorting",
    "renewal_assigned",
    "renewal_due",
    "tasks_executed",
    "tasks_valid",
    "active_users",
    "mobile_quotes",
    "wechat_bound",
    "mobile_payment",
    "compliant_submissions",
    "qualifying_policies",
    "performance",
    "performance_target",
    "completed_amount",
];

struct Out(Vec<Finding>);

impl Out {
    fn push(
        &mut self,
        severity: Severity,
        code: &'static str,
        subject: Option<&str>,
        zh: String,
        en: String,
    ) {
        self.0.push(Finding {
            severity,
            code,
            subject: subject.map(str::to_string),
            zh,
            en,
        });
    }
    fn error(&mut self, code: &'static str, subject: Option<&str>, zh: String, en: String) {
        self.push(Severity::Error, code, subject, zh, en);
    }
    fn warn(&mut self, code: &'static str, subject: Option<&str>, zh: String, en: String) {
        self.push(Severity::Warning, code, subject, zh, en);
    }
}

/// Checks a parsed scheme; `raw` is the same file as a TOML table, for unknown-key checks.
pub fn check(s: &Scheme, raw: &toml::Table) -> Vec<Finding> {
    let mut out = Out(Vec::new());
    let h = &s.scheme;
    if h.start > h.end {
        out.error(
            "window",
            None,
            format!("考核期开始日期 {} 晚于结束日期 {}。", h.start, h.end),
            format!("The window starts ({}) after it ends ({}).", h.start, h.end),
        );
    }
    if h.rounding > 6 {
        out.error(
            "rounding",
            None,
            format!("保留小数位数 {} 过大（最多 6 位）。", h.rounding),
            format!(
                "rounding = {} is too many decimals (at most 6).",
                h.rounding
            ),
        );
    }
    unknown_fields(raw, &mut out);

    let mut ids = HashSet::new();
    for i in &s.indicators {
        if !ids.insert(i.id.as_str()) {
            out.error(
                "duplicate_id",
                Some(&i.id),
                format!("指标编号 {} 重复。", i.id),
                format!("Indicator id {} is used twice.", i.id),
            );
        }
    }
    let sum: Decimal = s.indicators.iter().map(|i| i.points).sum();
    if sum != h.points {
        out.error(
            "points_sum",
            None,
            format!("各指标分值合计 {sum} 分，与方案总分 {} 分不符。", h.points),
            format!(
                "The indicators' points add up to {sum}, not the scheme's {}.",
                h.points
            ),
        );
    }
    check_sections(s, &mut out);
    let known: BTreeSet<&str> = if s.metrics.is_empty() {
        BUILT_IN_METRICS.iter().copied().collect()
    } else {
        s.metrics.keys().map(String::as_str).collect()
    };
    for i in &s.indicators {
        check_indicator(i, &known, &mut out);
    }
    let mut reward_ids = HashSet::new();
    for r in &s.rewards {
        if !reward_ids.insert(r.id.as_str()) {
            out.error(
                "duplicate_id",
                Some(&r.id),
                format!("奖励编号 {} 重复。", r.id),
                format!("Reward id {} is used twice.", r.id),
            );
        }
        match &r.kind {
            RewardKind::Rank { prizes, .. } => {
                if prizes.is_empty() || prizes.iter().any(|p| p.count == 0) {
                    out.error("prizes", Some(&r.id), format!("奖励“{}”的名次奖须至少一档，每档名额大于 0。", r.name), format!("Reward {}: rank prizes need at least one tier, each with a count above 0.", r.name));
                }
            }
            RewardKind::Threshold { min_total, .. } => {
                if *min_total > h.points {
                    out.warn("threshold_unreachable", Some(&r.id), format!("奖励“{}”的门槛 {min_total} 分高于方案总分 {} 分，无法达到。", r.name, h.points), format!("Reward {}: the threshold {min_total} is above the scheme's {} points and cannot be reached.", r.name, h.points));
                }
            }
            RewardKind::PerItem { metric, .. } => unknown_metric(metric, &known, &r.id, &mut out),
            RewardKind::Pool {
                base,
                achievement,
                bands,
            } => {
                for m in [base, &achievement[0], &achievement[1]] {
                    unknown_metric(m, &known, &r.id, &mut out);
                }
                let ranges: Vec<_> = bands.iter().map(|b| (b.min, b.max)).collect();
                coverage(&ranges, &r.id, &r.name, &mut out);
            }
        }
    }
    out.0
}

fn check_sections(s: &Scheme, out: &mut Out) {
    if s.sections.is_empty() {
        if let Some(i) = s.indicators.iter().find(|i| i.section.is_some()) {
            out.error(
                "unknown_section",
                Some(&i.id),
                format!("指标“{}”引用了分组，但方案未定义任何分组。", i.name),
                format!(
                    "Indicator {} names a section, but the scheme defines none.",
                    i.name
                ),
            );
        }
        return;
    }
    let total: Decimal = s.sections.iter().map(|x| x.points).sum();
    if total != s.scheme.points {
        out.error(
            "section_sum",
            None,
            format!(
                "各分组分值合计 {total} 分，与方案总分 {} 分不符。",
                s.scheme.points
            ),
            format!(
                "The sections add up to {total}, not the scheme's {} points.",
                s.scheme.points
            ),
        );
    }
    for sec in &s.sections {
        let sum: Decimal = s
            .indicators
            .iter()
            .filter(|i| i.section.as_deref() == Some(&sec.id))
            .map(|i| i.points)
            .sum();
        if sum != sec.points {
            out.error(
                "section_points",
                Some(&sec.id),
                format!(
                    "分组“{}”的指标合计 {sum} 分，与分组分值 {} 分不符。",
                    sec.name, sec.points
                ),
                format!(
                    "Section {}: its indicators add up to {sum}, not {}.",
                    sec.name, sec.points
                ),
            );
        }
    }
    for i in &s.indicators {
        match &i.section {
            Some(id) if !s.sections.iter().any(|x| &x.id == id) => {
                out.error(
                    "unknown_section",
                    Some(&i.id),
                    format!("指标“{}”的分组 {id} 未定义。", i.name),
                    format!("Indicator {}: section {id} is not defined.", i.name),
                );
            }
            None => out.error(
                "no_section",
                Some(&i.id),
                format!("方案定义了分组，但指标“{}”未归入任何分组。", i.name),
                format!(
                    "The scheme has sections but indicator {} is in none.",
                    i.name
                ),
            ),
            _ => {}
        }
    }
}

fn unknown_metric(m: &str, known: &BTreeSet<&str>, subject: &str, out: &mut Out) {
    if !known.contains(m) {
        out.error(
            "unknown_metric",
            Some(subject),
            format!("{subject} 使用了未定义的数据项 {m}；请在 [metrics] 中声明。"),
            format!("{subject} uses the unknown metric {m}; declare it under [metrics]."),
        );
    }
}

/// The best score an indicator can reach, before `max_score`.
pub(crate) fn best_score(i: &Indicator) -> Option<Decimal> {
    Some(match &i.rule {
        Rule::Percent => i.points,
        Rule::Target { cap, .. } => *cap * i.points,
        Rule::Rank { bands } => bands.iter().map(|b| b.points).max()?,
        Rule::Bands { bands } => bands.iter().map(|b| b.points).max()?,
        Rule::Grade { grades } => grades.values().map(|g| g.0).max()?,
        Rule::PerItem { .. } => i.points,
        Rule::Linear { anchors, .. } => anchors.iter().map(|a| a.share).max()? * i.points,
        Rule::Step {
            base, bonus_cap, ..
        } => *base + *bonus_cap,
    })
}

fn check_indicator(i: &Indicator, known: &BTreeSet<&str>, out: &mut Out) {
    let who = Some(i.id.as_str());
    let name = &i.name;
    match (&i.ratio, &i.metric) {
        (Some(_), Some(_)) | (None, None) => out.error(
            "measure",
            who,
            format!("指标“{name}”须且只能指定 ratio 或 metric 之一。"),
            format!("Indicator {name} needs exactly one of ratio or metric."),
        ),
        _ => {}
    }
    for m in i.metrics() {
        unknown_metric(m, known, &i.id, out);
    }
    if i.points <= Decimal::ZERO {
        out.error(
            "points",
            who,
            format!("指标“{name}”的分值须大于 0。"),
            format!("Indicator {name} must be worth more than 0 points."),
        );
    }
    if let Rule::Target { target: None, .. } = &i.rule {
        out.warn("target_unset", who, format!("指标“{name}”的目标值尚未设定（待总部设定），设定前无法计分。"), format!("Indicator {name}: the target is still to be set by HQ; it cannot be scored until then."));
    }
    match &i.rule {
        Rule::Target {
            target: Some(t),
            cap,
        } if *t <= Decimal::ZERO || *cap <= Decimal::ZERO => {
            out.error(
                "target",
                who,
                format!("指标“{name}”的目标值和封顶倍数须大于 0。"),
                format!("Indicator {name}: target and cap must be above 0."),
            );
        }
        Rule::Rank { bands } => check_rank_bands(i, bands, out),
        Rule::Bands { bands } => {
            let ranges: Vec<_> = bands.iter().map(|b| (b.min, b.max)).collect();
            coverage(&ranges, &i.id, name, out);
        }
        Rule::Grade { grades } if grades.is_empty() => {
            out.error(
                "grades",
                who,
                format!("指标“{name}”没有定义等级。"),
                format!("Indicator {name} defines no grades."),
            );
        }
        Rule::PerItem { each } if *each <= Decimal::ZERO => {
            out.error(
                "each",
                who,
                format!("指标“{name}”的每项分值须大于 0。"),
                format!("Indicator {name}: points per item must be above 0."),
            );
        }
        Rule::Linear { anchors, .. }
            if anchors.len() < 2 || anchors.windows(2).any(|w| w[0].at >= w[1].at) =>
        {
            out.error(
                "anchors",
                who,
                format!("指标“{name}”至少需要两个锚点，且完成率须从小到大排列。"),
                format!(
                    "Indicator {name}: at least two anchors, in increasing order of achievement."
                ),
            );
        }
        Rule::Step { step, .. } if *step <= Decimal::ZERO => {
            out.error(
                "step",
                who,
                format!("指标“{name}”的步长须大于 0。"),
                format!("Indicator {name}: the step must be above 0."),
            );
        }
        _ => {}
    }
    if let Some(best) = best_score(i) {
        let best = i.max_score.map_or(best, |m| best.min(m)).normalize();
        if best < i.points {
            out.warn(
                "best_below_points",
                who,
                format!("指标“{name}”满分 {} 分，但最高只能得 {best} 分。", i.points),
                format!(
                    "Indicator {name} is worth {} points but at best scores {best}.",
                    i.points
                ),
            );
        } else if best > i.points {
            out.warn(
                "best_above_points",
                who,
                format!(
                    "指标“{name}”最高可得 {best} 分，超过其分值 {} 分。",
                    i.points
                ),
                format!(
                    "Indicator {name} can score {best}, above its {} points.",
                    i.points
                ),
            );
        }
    }
}

fn check_rank_bands(i: &Indicator, bands: &[crate::scheme::RankBand], out: &mut Out) {
    let who = Some(i.id.as_str());
    let name = &i.name;
    let mut next = 1u32;
    for (k, b) in bands.iter().enumerate() {
        let label = match b.to {
            Some(t) => format!("{}-{}", b.from, t),
            None => format!("{}+", b.from),
        };
        if b.from > next {
            out.error(
                "rank_gap",
                who,
                format!("指标“{name}”的名次 {next}-{} 没有对应分档。", b.from - 1),
                format!(
                    "Indicator {name}: ranks {next}-{} fall in no band.",
                    b.from - 1
                ),
            );
        } else if b.from < next {
            out.error(
                "rank_overlap",
                who,
                format!("指标“{name}”的名次档 {label} 与前一档重叠。"),
                format!("Indicator {name}: rank band {label} overlaps the one before."),
            );
        }
        match b.to {
            Some(t) if t < b.from => {
                out.error(
                    "rank_band",
                    who,
                    format!("指标“{name}”的名次档 {label} 起止颠倒。"),
                    format!("Indicator {name}: rank band {label} ends before it starts."),
                );
                return;
            }
            Some(t) => next = t + 1,
            None if k + 1 < bands.len() => {
                out.error("rank_overlap", who, format!("指标“{name}”的名次档 {label} 未封顶，其后的分档永远用不到。"), format!("Indicator {name}: rank band {label} is open-ended, so the bands after it never apply."));
                return;
            }
            None => return,
        }
    }
    out.error("rank_uncovered", who, format!("指标“{name}”的名次分档只到第 {} 名，更靠后的单位没有得分；请将最后一档写成开放区间（省略 to）。", next - 1), format!("Indicator {name}: rank bands stop at {}; units ranked lower get no band. Leave the last band's `to` out.", next - 1));
}

fn fmt_range(min: Option<Decimal>, max: Option<Decimal>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("[{a}, {b})"),
        (Some(a), None) => format!("≥ {a}"),
        (None, Some(b)) => format!("< {b}"),
        (None, None) => "(all)".into(),
    }
}

/// Half-open bands must cover every value from 0 (or −∞) up without overlaps or gaps.
fn coverage(bands: &[(Option<Decimal>, Option<Decimal>)], id: &str, name: &str, out: &mut Out) {
    let who = Some(id);
    let mut sorted: Vec<_> = bands.to_vec();
    sorted.sort_by(|a, b| match (a.0, b.0) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, _) => std::cmp::Ordering::Less,
        (_, None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => x.cmp(&y),
    });
    for &(min, max) in &sorted {
        if let (Some(a), Some(b)) = (min, max) {
            if a >= b {
                out.error(
                    "band_empty",
                    who,
                    format!("“{name}”的分档 {} 为空区间。", fmt_range(min, max)),
                    format!("{name}: band {} is empty.", fmt_range(min, max)),
                );
            }
        }
    }
    match sorted.first() {
        Some((Some(a), _)) if *a > Decimal::ZERO => out.error(
            "band_gap",
            who,
            format!("“{name}”低于 {a} 的数值不在任何分档内。"),
            format!("{name}: values below {a} fall in no band."),
        ),
        None => out.error(
            "band_gap",
            who,
            format!("“{name}”没有任何分档。"),
            format!("{name} has no bands."),
        ),
        _ => {}
    }
    for w in sorted.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (Some(end), Some(start)) = (a.1, b.0) else {
            if a.1.is_none() {
                out.error(
                    "band_overlap",
                    who,
                    format!(
                        "“{name}”的分档 {} 与 {} 重叠。",
                        fmt_range(a.0, a.1),
                        fmt_range(b.0, b.1)
                    ),
                    format!(
                        "{name}: bands {} and {} overlap.",
                        fmt_range(a.0, a.1),
                        fmt_range(b.0, b.1)
                    ),
                );
            }
            continue;
        };
        if start < end {
            out.error(
                "band_overlap",
                who,
                format!(
                    "“{name}”的分档 {} 与 {} 在 {start} 至 {end} 之间重叠。",
                    fmt_range(a.0, a.1),
                    fmt_range(b.0, b.1)
                ),
                format!(
                    "{name}: bands {} and {} overlap between {start} and {end}.",
                    fmt_range(a.0, a.1),
                    fmt_range(b.0, b.1)
                ),
            );
        } else if start > end {
            out.error(
                "band_gap",
                who,
                format!("“{name}”在 {end} 至 {start} 之间的数值不在任何分档内。"),
                format!("{name}: values from {end} to {start} fall in no band."),
            );
        }
    }
    if let Some((_, Some(max))) = sorted.last() {
        out.error(
            "band_gap",
            who,
            format!("“{name}”大于等于 {max} 的数值不在任何分档内。"),
            format!("{name}: values of {max} and above fall in no band."),
        );
    }
}

const COMMON_INDICATOR_KEYS: &[&str] = &[
    "id",
    "name",
    "points",
    "section",
    "ratio",
    "metric",
    "order",
    "aggregate",
    "min_score",
    "max_score",
    "note",
    "rule",
];

fn rule_keys(rule: &str) -> Option<&'static [&'static str]> {
    Some(match rule {
        "percent" => &[],
        "target" => &["target", "cap"],
        "rank" | "bands" => &["bands"],
        "grade" => &["grades"],
        "per_item" => &["each"],
        "linear" => &["target", "anchors"],
        "step" => &[
            "target",
            "base",
            "step",
            "bonus",
            "bonus_cap",
            "penalty",
            "penalty_cap",
        ],
        _ => return None,
    })
}

fn reward_keys(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "rank" => &["prizes", "per"],
        "threshold" => &["min_total", "amount"],
        "per_item" => &["metric", "amount"],
        "pool" => &["base", "achievement", "bands"],
        _ => return None,
    })
}

/// Keys serde could not reject (see `scheme::Indicator`): a misspelt `targt` must not pass.
fn unknown_fields(raw: &toml::Table, out: &mut Out) {
    let tables = |key: &str| {
        raw.get(key)
            .and_then(|v| v.as_array())
            .cloned()
            .unwrap_or_default()
    };
    for t in tables("indicator") {
        let Some(t) = t.as_table() else { continue };
        let id = t.get("id").and_then(|v| v.as_str()).unwrap_or("?");
        let allowed = t
            .get("rule")
            .and_then(|v| v.as_str())
            .and_then(rule_keys)
            .unwrap_or(&[]);
        for k in t.keys() {
            if !COMMON_INDICATOR_KEYS.contains(&k.as_str()) && !allowed.contains(&k.as_str()) {
                out.error(
                    "unknown_field",
                    Some(id),
                    format!("指标 {id} 含有无法识别的字段 {k}。"),
                    format!("Indicator {id} has an unknown field {k}."),
                );
            }
        }
    }
    for t in tables("reward") {
        let Some(t) = t.as_table() else { continue };
        let id = t.get("id").and_then(|v| v.as_str()).unwrap_or("?");
        let allowed = t
            .get("kind")
            .and_then(|v| v.as_str())
            .and_then(reward_keys)
            .unwrap_or(&[]);
        for k in t.keys() {
            if !["id", "name", "note", "kind"].contains(&k.as_str())
                && !allowed.contains(&k.as_str())
            {
                out.error(
                    "unknown_field",
                    Some(id),
                    format!("奖励 {id} 含有无法识别的字段 {k}。"),
                    format!("Reward {id} has an unknown field {k}."),
                );
            }
        }
    }
}
