//! Full-text search over minutes, decisions, action items and plans (the index itself is in
//! `branchdesk-store`'s `search.rs`).

use std::collections::HashMap;

use branchdesk_store::Writer;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::shared::names::Names;
use crate::{App, Result};

/// A table whose records search finds: the `kind` its paragraphs are indexed under, and how to
/// index one record again (after another site's bundle wrote it).
pub(crate) struct Indexed {
    pub table: &'static str,
    #[allow(dead_code)] // read by the guard test below
    pub kind: &'static str,
    index: fn(&Writer<'_>, &str) -> Result<()>,
}

/// Every indexed table. `every_indexed_kind_is_listed` checks this against what the features
/// write into the index.
pub(crate) const INDEXED: &[Indexed] = &[
    Indexed {
        table: "meeting",
        kind: "meeting",
        index: |w, id| match w.meeting(id)? {
            Some((m, body)) => crate::minutes::index_meeting(w, &m, &body),
            None => Ok(()),
        },
    },
    Indexed {
        table: "action_item",
        kind: "action",
        index: |w, id| match w.action(id)? {
            Some(a) => crate::minutes::index_action(w, &a),
            None => Ok(()),
        },
    },
    Indexed {
        table: "plan_node",
        kind: "plan",
        index: |w, id| match w.plan_node(id)? {
            Some(n) => crate::plans::index_plan(w, &n),
            None => Ok(()),
        },
    },
    Indexed {
        table: "outgoing_doc",
        kind: "outgoing",
        index: |w, id| match w.outgoing_doc(id)? {
            Some(d) => crate::docs::index_outgoing(w, &d),
            None => Ok(()),
        },
    },
    Indexed {
        table: "incoming_doc",
        kind: "incoming",
        index: |w, id| match w.incoming_doc(id)? {
            Some(d) => crate::docs::index_incoming(w, &d),
            None => Ok(()),
        },
    },
];

/// Brings the index up to date with records another site's bundle wrote or deleted.
pub(crate) fn reindex(
    w: &Writer<'_>,
    written: &HashMap<&'static str, Vec<String>>,
    deleted: &HashMap<&'static str, Vec<String>>,
) -> Result<()> {
    for t in INDEXED {
        for id in deleted.get(t.table).into_iter().flatten() {
            w.unindex(id)?;
        }
        for id in written.get(t.table).into_iter().flatten() {
            (t.index)(w, id)?;
        }
    }
    Ok(())
}

/// One hit, with a short excerpt around the first match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchResult {
    /// `meeting`, `action` or `plan`.
    pub kind: String,
    /// The meeting, action item or plan node.
    pub ref_id: String,
    /// The meeting to open for an action item raised at one.
    pub meeting_id: Option<String>,
    pub title: String,
    pub excerpt: String,
    /// Character ranges `[start, end)` of the matches in `excerpt`, to highlight.
    pub marks: Vec<(u32, u32)>,
    pub unit_name: String,
    pub at: String,
}

/// An excerpt of at most about `width` characters around the first term found, and where
/// every term occurs in it.
fn excerpt(text: &str, terms: &[String], width: usize) -> (String, Vec<(u32, u32)>) {
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = chars.iter().flat_map(|c| c.to_lowercase()).collect();
    // to_lowercase keeps the length for the scripts that matter here; fall back otherwise.
    let lower = if lower.len() == chars.len() {
        lower
    } else {
        chars.clone()
    };
    let find = |term: &[char], from: usize| -> Option<usize> {
        (from..lower.len().saturating_sub(term.len() - 1)).find(|&i| lower[i..].starts_with(term))
    };
    let terms: Vec<Vec<char>> = terms
        .iter()
        .map(|t| t.chars().flat_map(char::to_lowercase).collect())
        .filter(|t: &Vec<char>| !t.is_empty())
        .collect();
    let first = terms.iter().filter_map(|t| find(t, 0)).min().unwrap_or(0);
    let start = first.saturating_sub(width / 3);
    let end = (start + width).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    out = out.replace('\n', " ");
    let mut marks = Vec::new();
    for t in &terms {
        let mut i = start;
        while let Some(at) = find(t, i) {
            if at + t.len() > end {
                break;
            }
            marks.push(((at - start) as u32, (at - start + t.len()) as u32));
            i = at + t.len();
        }
    }
    marks.sort_unstable();
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < chars.len() { "…" } else { "" };
    if !prefix.is_empty() {
        marks.iter_mut().for_each(|m| {
            m.0 += 1;
            m.1 += 1;
        });
    }
    (format!("{prefix}{out}{suffix}"), marks)
}

impl App {
    /// Records mentioning every term of `query` (Chinese words of any length, or Latin words
    /// by prefix), most recently written first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchResult>> {
        let hits = self.store.search(query, limit.clamp(1, 500))?;
        let names = Names::load(self)?;
        let terms: Vec<String> = query.split_whitespace().map(str::to_string).collect();
        Ok(hits
            .into_iter()
            .map(|h| {
                // The excerpt comes from where the words are: the body, else the title.
                let lower = h.body.to_lowercase();
                let in_body = terms.iter().any(|t| lower.contains(&t.to_lowercase()));
                let text = if in_body {
                    h.body.clone()
                } else {
                    h.title.clone()
                };
                let (excerpt, marks) = excerpt(&text, &terms, 80);
                let meeting_id = match h.kind.as_str() {
                    "meeting" => Some(h.ref_id.clone()),
                    "action" => self
                        .store
                        .action(&h.ref_id)
                        .ok()
                        .flatten()
                        .and_then(|a| a.meeting_id),
                    _ => None,
                };
                SearchResult {
                    meeting_id,
                    kind: h.kind,
                    ref_id: h.ref_id,
                    title: h.title,
                    excerpt,
                    marks,
                    unit_name: names.unit(h.unit_id.as_deref()),
                    at: h.at,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::{excerpt, INDEXED};

    /// A feature that indexes a new kind of record must list it in `INDEXED`, or records of
    /// that kind arriving in a bundle would never be found at headquarters.
    #[test]
    fn every_indexed_kind_is_listed() {
        let dir = tempfile::tempdir().unwrap();
        let app = crate::App::init(
            &dir.path().join("demo.db"),
            &crate::InitOptions {
                demo: true,
                ..Default::default()
            },
            crate::Ctx::local(),
        )
        .unwrap();
        let mut listed: Vec<&str> = INDEXED.iter().map(|t| t.kind).collect();
        listed.sort();
        assert_eq!(app.store.search_kinds().unwrap(), listed);
    }

    #[test]
    fn excerpts_mark_every_term() {
        let (e, m) = excerpt(
            "运营部制定年底续保专项方案，续保率不低于95%",
            &["续保".into()],
            80,
        );
        assert_eq!(e, "运营部制定年底续保专项方案，续保率不低于95%");
        assert_eq!(m, vec![(7, 9), (14, 16)]);
        let long = format!("{}续保{}", "前".repeat(100), "后".repeat(100));
        let (e, m) = excerpt(&long, &["续保".into()], 30);
        assert!(e.starts_with('…') && e.ends_with('…'));
        let (a, b) = (m[0].0 as usize, m[0].1 as usize);
        assert_eq!(e.chars().skip(a).take(b - a).collect::<String>(), "续保");
        let (_, m) = excerpt("Review the KPI scheme", &["kpi".into()], 80);
        assert_eq!(m, vec![(11, 14)]);
    }
}
