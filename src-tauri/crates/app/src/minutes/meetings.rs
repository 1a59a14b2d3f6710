//! Listing and reading meetings, starting a new one from its kind's template, and the items a
//! meeting of a series carries forward.

use std::collections::HashMap;

use branchdesk_domain::{AgendaItem, AttendRole, Attendee, MeetingKind, MinutesBody, Verdict};
use branchdesk_store::ActionQuery;
use serde::Deserialize;

use super::{ActionView, AttendeeView, MeetingRow, MinutesInput, MinutesView, RevisionInfo};
use crate::shared::input::parse_time;
use crate::shared::names::Names;
use crate::{App, AppError, Result};

/// What a new meeting of a kind starts with (assets/templates/minutes.toml).
#[derive(Debug, Clone, Deserialize)]
pub(super) struct KindTemplate {
    kind: MeetingKind,
    series: String,
    title: String,
    place: String,
    agenda: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct TemplateFile {
    kind: Vec<KindTemplate>,
}

pub(super) fn kind_template(kind: MeetingKind) -> Result<KindTemplate> {
    let file: TemplateFile =
        toml::from_str(include_str!("../../../../../assets/templates/minutes.toml"))
            .map_err(|e| AppError::Demo(format!("minutes templates: {e}")))?;
    file.kind
        .into_iter()
        .find(|t| t.kind == kind)
        .ok_or_else(|| AppError::Demo(format!("no minutes template for {}", kind.as_str())))
}

impl App {
    /// Every meeting, newest first.
    pub fn minutes_list(&self, unit_id: Option<&str>) -> Result<Vec<MeetingRow>> {
        let names = Names::load(self)?;
        let mut counts: HashMap<String, (i64, i64)> = HashMap::new();
        for a in self.store.actions(&ActionQuery::default())? {
            if let Some(m) = a.meeting_id {
                let c = counts.entry(m).or_default();
                c.0 += 1;
                c.1 += i64::from(a.status.is_open());
            }
        }
        let verdicts: HashMap<String, Option<Verdict>> = self
            .store
            .submissions(None)?
            .into_iter()
            .filter_map(|s| Some((s.meeting_id?, s.verdict)))
            .collect();
        Ok(self
            .store
            .meetings(unit_id)?
            .into_iter()
            .map(|(m, _)| {
                let (actions, open_actions) = counts.get(&m.id).copied().unwrap_or_default();
                MeetingRow {
                    unit_name: names.unit(Some(&m.unit_id)),
                    chair_name: names.person(m.chair_id.as_deref()),
                    verdict: verdicts.get(&m.id).copied().flatten(),
                    actions,
                    open_actions,
                    meeting: m,
                }
            })
            .collect())
    }

    /// One meeting's minutes with its action items, carried items and revisions.
    pub fn minutes_get(&self, id: &str) -> Result<MinutesView> {
        let (meeting, body) = self
            .store
            .meeting(id)?
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("会议 {id}")))?;
        let today = self.ctx.today_str();
        let raised = self.store.actions(&ActionQuery {
            meeting_id: Some(id),
            ..Default::default()
        })?;
        let carried = if meeting.series.is_empty() {
            Vec::new()
        } else {
            self.store
                .carried_actions(&meeting.unit_id, &meeting.series, &meeting.held_at)?
        };
        let names = Names::load(self)?
            .with_titles_of(self, &raised.iter().chain(&carried).collect::<Vec<_>>())?;
        let actions = raised
            .into_iter()
            .map(|a| super::action_view(&names, a, &today))
            .collect();
        let carried = carried
            .into_iter()
            .map(|a| super::action_view(&names, a, &today))
            .collect();
        let revisions = self
            .store
            .meeting_revisions(id)?
            .into_iter()
            .map(|r| RevisionInfo {
                rev: r.rev,
                reason: r.reason,
                by: r.by,
                at: r.at,
            })
            .collect();
        Ok(MinutesView {
            unit_name: names.unit(Some(&meeting.unit_id)),
            chair_name: names.person(meeting.chair_id.as_deref()),
            recorder_name: names.person(meeting.recorder_id.as_deref()),
            attendees: body
                .attendees
                .iter()
                .map(|a| AttendeeView {
                    person_id: a.person_id.clone(),
                    name: names.person(Some(&a.person_id)),
                    role: a.role,
                    reason: a.reason.clone(),
                })
                .collect(),
            actions,
            carried,
            revisions,
            submission: self.store.submission_for_meeting(id)?,
            meeting,
            body,
        })
    }

    /// A finalised revision as it was kept.
    pub fn minutes_revision(&self, id: &str, rev: i64) -> Result<MinutesView> {
        let row = self
            .store
            .meeting_revisions(id)?
            .into_iter()
            .find(|r| r.rev == rev)
            .ok_or_else(|| branchdesk_store::Error::NotFound(format!("会议 {id} 第 {rev} 版")))?;
        serde_json::from_str(&row.snapshot)
            .map_err(|e| AppError::Export(format!("revision {rev} cannot be read: {e}")))
    }

    /// A new meeting's form: the kind's template, and from the series' latest meeting its
    /// place, chair, recorder and attendees. Nothing is saved.
    pub fn minutes_new(
        &self,
        unit_id: &str,
        kind: MeetingKind,
        series: Option<&str>,
    ) -> Result<MinutesInput> {
        let t = kind_template(kind)?;
        let names = Names::load(self)?;
        if !names.units.contains_key(unit_id) {
            return Err(AppError::invalid(
                "unit_id",
                "请选择召开会议的单位。",
                "Choose the unit holding the meeting.",
            ));
        }
        let series = series.map(str::trim).filter(|s| !s.is_empty()).map_or_else(
            || t.series.replace("{unit}", &names.unit(Some(unit_id))),
            str::to_string,
        );
        let previous = self.store.previous_meeting(unit_id, &series, None)?;
        // Today at 09:00; if the series already met then or later, a week after its latest
        // meeting, so the new one comes after it and carries its open items.
        let today = format!("{}T09:00", self.ctx.today_str());
        let held_at = match &previous {
            Some((m, _)) if m.held_at >= today => {
                chrono::NaiveDateTime::parse_from_str(&m.held_at, "%Y-%m-%dT%H:%M")
                    .map(|t| {
                        (t + chrono::Duration::days(7))
                            .format("%Y-%m-%dT%H:%M")
                            .to_string()
                    })
                    .unwrap_or(today)
            }
            _ => today,
        };
        let number = self
            .store
            .meetings(Some(unit_id))?
            .iter()
            .filter(|(m, _)| m.series == series)
            .count()
            + 1;
        let title = t
            .title
            .replace("{series}", &series)
            .replace("{n}", &number.to_string())
            .replace("{date}", &held_at[..10]);
        let (place, chair_id, recorder_id, attendees) = match previous {
            Some((m, b)) => (
                m.place,
                m.chair_id,
                m.recorder_id,
                b.attendees
                    .into_iter()
                    .map(|a| Attendee {
                        role: if a.role == AttendRole::Observer {
                            AttendRole::Observer
                        } else {
                            AttendRole::Present
                        },
                        reason: String::new(),
                        ..a
                    })
                    .collect(),
            ),
            None => (t.place.clone(), None, None, Vec::new()),
        };
        Ok(MinutesInput {
            id: None,
            unit_id: unit_id.to_string(),
            kind,
            series,
            title,
            held_at,
            place,
            chair_id,
            recorder_id,
            body: MinutesBody {
                attendees,
                agenda: t
                    .agenda
                    .iter()
                    .map(|a| AgendaItem {
                        title: a.clone(),
                        points: String::new(),
                    })
                    .collect(),
                decisions: Vec::new(),
                revision_note: String::new(),
            },
            actions: Vec::new(),
        })
    }

    /// The action items a meeting of `series` held at `held_at` would carry forward.
    pub fn minutes_carried(
        &self,
        unit_id: &str,
        series: &str,
        held_at: &str,
    ) -> Result<Vec<ActionView>> {
        let held_at = parse_time("held_at", held_at)?;
        let items = self
            .store
            .carried_actions(unit_id, series.trim(), &held_at)?;
        let names = Names::load(self)?.with_titles_of(self, &items.iter().collect::<Vec<_>>())?;
        let today = self.ctx.today_str();
        Ok(items
            .into_iter()
            .map(|a| super::action_view(&names, a, &today))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_template() {
        for k in MeetingKind::ALL {
            let t = kind_template(*k).unwrap();
            assert!(!t.agenda.is_empty(), "{k:?}");
        }
    }
}
