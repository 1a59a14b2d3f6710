//! Actual figures and progress over the whole plan tree.

use std::collections::HashMap;

use branchdesk_domain::PlanNode;
use rust_decimal::Decimal;

use super::{hundred, months_of, period_days};
use crate::{App, Result};

/// Computes actual figures and progress over the whole tree.
pub(super) struct Tree<'a> {
    nodes: HashMap<&'a str, &'a PlanNode>,
    children: HashMap<&'a str, Vec<&'a PlanNode>>,
    kpi: HashMap<String, Option<Decimal>>,
}

impl<'a> Tree<'a> {
    pub(super) fn new(app: &App, nodes: &'a [PlanNode]) -> Result<Tree<'a>> {
        let mut children: HashMap<&str, Vec<&PlanNode>> = HashMap::new();
        for n in nodes {
            if let Some(p) = &n.parent_id {
                children.entry(p.as_str()).or_default().push(n);
            }
        }
        let mut kpi = HashMap::new();
        for n in nodes {
            if let Some(metric) = &n.kpi_metric {
                let Some((from, to)) = period_days(n.level, &n.period) else {
                    continue;
                };
                let values =
                    app.store
                        .kpi_metric_values(&n.unit_id, metric, &months_of(from, to))?;
                let sum = if values.is_empty() {
                    None
                } else {
                    Some(
                        values
                            .iter()
                            .filter_map(|(_, v)| v.parse::<Decimal>().ok())
                            .sum(),
                    )
                };
                kpi.insert(n.id.clone(), sum);
            }
        }
        Ok(Tree {
            nodes: nodes.iter().map(|n| (n.id.as_str(), n)).collect(),
            children,
            kpi,
        })
    }

    pub(super) fn actual(&self, n: &PlanNode) -> Option<Decimal> {
        match self.kpi.get(&n.id) {
            Some(sum) => *sum,
            None => n.actual_value.as_deref().and_then(|v| v.parse().ok()),
        }
    }

    pub(super) fn progress(&self, n: &PlanNode, depth: u32) -> Decimal {
        let kids = self.children.get(n.id.as_str());
        if let Some(kids) = kids.filter(|k| !k.is_empty() && depth < 32) {
            let total: Decimal = kids
                .iter()
                .filter_map(|k| k.weight.parse::<Decimal>().ok())
                .sum();
            if total > Decimal::ZERO {
                let sum: Decimal = kids
                    .iter()
                    .map(|k| {
                        k.weight.parse::<Decimal>().unwrap_or_default()
                            * self.progress(k, depth + 1)
                    })
                    .sum();
                return sum / total;
            }
        }
        let target = n
            .target_value
            .as_deref()
            .and_then(|t| t.parse::<Decimal>().ok());
        match (target, self.actual(n)) {
            (Some(t), Some(a)) if t > Decimal::ZERO => {
                (a * hundred() / t).min(hundred()).max(Decimal::ZERO)
            }
            _ => n.progress.parse().unwrap_or_default(),
        }
    }

    pub(super) fn children_weight(&self, id: &str) -> Option<Decimal> {
        let kids = self.children.get(id)?;
        (!kids.is_empty()).then(|| {
            kids.iter()
                .filter_map(|k| k.weight.parse::<Decimal>().ok())
                .sum()
        })
    }

    /// Nodes at or below `id` whose children's weights do not add up to 100.
    pub(super) fn bad_weights(&self, id: &str, out: &mut Vec<(String, Decimal)>) {
        if let Some(w) = self.children_weight(id) {
            if w != hundred() {
                out.push((
                    self.nodes
                        .get(id)
                        .map_or_else(String::new, |n| n.title.clone()),
                    w,
                ));
            }
        }
        for k in self.children.get(id).into_iter().flatten() {
            self.bad_weights(&k.id, out);
        }
    }
}
