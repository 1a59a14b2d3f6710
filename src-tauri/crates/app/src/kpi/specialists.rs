//! 专员排名 (seed 001 (二), 营销管理系统推广先进专员): each sub-branch's 系统推广专员 leads its
//! promotion, and is rewarded and ranked by that unit's total ("以上各考评项目总分达90分以上…奖励专员
//! 300元；全年考核成绩排名前三位的专员将有机会参加全省…评选"). So a specialist's score is their unit's,
//! and the ranking names the person who held the unit's 专员 post on the period's last day; the
//! first three of a year are put forward for the provincial selection.

use serde::Serialize;
use ts_rs::TS;

use super::{parse_period, ScoreQuery};
use crate::{App, Result};

/// Places put forward for the provincial selection at the end of a year.
const PUT_FORWARD: u32 = 3;

/// One unit's specialist with the unit's total and rank.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SpecialistRow {
    pub rank: u32,
    pub unit: String,
    pub unit_name: String,
    /// The 专员 on the period's last day; none when the post was empty.
    pub person_code: Option<String>,
    pub person_name: Option<String>,
    pub title: Option<String>,
    pub total: String,
    /// A year's first three: put forward for the provincial selection.
    pub put_forward: bool,
}

/// The specialists ranked by their units' totals for a period.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SpecialistsView {
    pub period: String,
    pub scheme_name: String,
    /// The day whose posts name the specialists.
    pub as_of: String,
    pub rows: Vec<SpecialistRow>,
}

impl App {
    /// Every ranked unit's 专员 for `period`, in rank order.
    pub fn kpi_specialists(
        &self,
        scheme_id: Option<&str>,
        period: &str,
    ) -> Result<SpecialistsView> {
        let p = parse_period(period)?;
        let view = self.kpi_score(&ScoreQuery {
            scheme_id,
            period,
            cumulative: false,
            explain: false,
        })?;
        let as_of = p.days().1.format("%Y-%m-%d").to_string();
        let org = self.org_snapshot(Some(&as_of))?;
        let year = matches!(p, branchdesk_domain::Period::Year { .. });
        let rows = view
            .result
            .units
            .iter()
            .map(|u| {
                let post = org
                    .positions
                    .iter()
                    .filter(|x| x.unit_code == u.unit && x.position.attrs.title.ends_with("专员"))
                    .find_map(|x| x.holders.first().map(|h| (h, &x.position.attrs.title)));
                SpecialistRow {
                    rank: u.rank,
                    unit: u.unit.clone(),
                    unit_name: view.unit_names.get(&u.unit).cloned().unwrap_or_default(),
                    person_code: post.map(|(h, _)| h.person_code.clone()),
                    person_name: post.map(|(h, _)| h.name.clone()),
                    title: post.map(|(_, t)| t.clone()),
                    total: u.total.to_string(),
                    put_forward: year && u.rank <= PUT_FORWARD,
                }
            })
            .collect();
        Ok(SpecialistsView {
            period: p.to_string(),
            scheme_name: view.scheme.name,
            as_of,
            rows,
        })
    }
}
