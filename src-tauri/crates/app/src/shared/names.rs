//! Names for ids (people, units, meetings, plans, documents), loaded once per request.

use std::collections::HashMap;

use branchdesk_domain::{ActionItem, Person, Unit, UnitKind};

use crate::{App, Result};

/// Names for ids, loaded once per request.
pub struct Names {
    pub(crate) people: HashMap<String, Person>,
    pub(crate) units: HashMap<String, Unit>,
    pub(crate) meetings: HashMap<String, String>,
    pub(crate) plans: HashMap<String, String>,
}

impl Names {
    /// People and units.
    pub(crate) fn load(app: &App) -> Result<Names> {
        Ok(Names {
            people: app
                .store
                .people()?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect(),
            units: app
                .store
                .units(None)?
                .into_iter()
                .map(|u| (u.id.clone(), u))
                .collect(),
            meetings: HashMap::new(),
            plans: HashMap::new(),
        })
    }

    /// Also every meeting's and plan's title, for lists of many action items.
    pub(crate) fn with_all_titles(mut self, app: &App) -> Result<Names> {
        self.meetings = app.store.meeting_titles()?.into_iter().collect();
        for d in app.store.incoming_docs()? {
            self.meetings.insert(d.id.clone(), doc_source(&d));
        }
        self.plans = app.store.plan_titles()?.into_iter().collect();
        Ok(self)
    }

    /// Also the titles the given action items refer to.
    pub(crate) fn with_titles_of(mut self, app: &App, items: &[&ActionItem]) -> Result<Names> {
        for a in items {
            if let Some(m) = a
                .meeting_id
                .as_deref()
                .filter(|m| !self.meetings.contains_key(*m))
            {
                if let Some((meeting, _)) = app.store.meeting(m)? {
                    self.meetings.insert(meeting.id, meeting.title);
                }
            }
            if let Some(d) = a
                .doc_id
                .as_deref()
                .filter(|d| !self.meetings.contains_key(*d))
            {
                if let Some(doc) = app.store.incoming_doc(d)? {
                    self.meetings.insert(doc.id.clone(), doc_source(&doc));
                }
            }
            if let Some(p) = a
                .plan_node_id
                .as_deref()
                .filter(|p| !self.plans.contains_key(*p))
            {
                if let Some(node) = app.store.plan_node(p)? {
                    self.plans.insert(node.id, node.title);
                }
            }
        }
        Ok(self)
    }

    pub(crate) fn person(&self, id: Option<&str>) -> String {
        id.and_then(|id| self.people.get(id))
            .map_or_else(String::new, |p| p.name.clone())
    }

    /// Whether `unit` is `ancestor` or lies below it.
    pub(crate) fn within(&self, unit: &str, ancestor: &str) -> bool {
        let mut id = Some(unit.to_string());
        for _ in 0..64 {
            match id {
                Some(ref u) if u == ancestor => return true,
                Some(ref u) => id = self.units.get(u).and_then(|u| u.attrs.parent_id.clone()),
                None => return false,
            }
        }
        false
    }

    pub(crate) fn unit(&self, id: Option<&str>) -> String {
        id.and_then(|id| self.units.get(id))
            .map_or_else(String::new, |u| u.attrs.name.clone())
    }

    /// The unit a unit's submissions count for: itself, or for a department the nearest
    /// enclosing unit that is not a department.
    pub(crate) fn assessed_unit(&self, unit_id: &str) -> String {
        let mut id = unit_id.to_string();
        for _ in 0..64 {
            match self.units.get(&id) {
                Some(u) if u.attrs.kind == UnitKind::Department => match &u.attrs.parent_id {
                    Some(p) => id = p.clone(),
                    None => break,
                },
                _ => break,
            }
        }
        id
    }
}

/// Where a document's handling came from, as the board shows it: 收文：sender number.
pub(crate) fn doc_source(d: &branchdesk_domain::IncomingDoc) -> String {
    format!("收文：{} {}", d.sender, d.doc_number)
        .trim_end()
        .to_string()
}
