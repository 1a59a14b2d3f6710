//! The organisation chart as a PDF (组织架构图).

use branchdesk_domain::{Label, Lang};

use crate::shared::files::save;
use crate::{App, AppError, Result};

impl App {
    /// 组织架构图 of a unit (everything when `unit` is `None`) as of a date, on landscape pages.
    pub fn report_orgchart(&self, unit: Option<&str>, as_of: Option<&str>) -> Result<Vec<u8>> {
        use crate::org::{NodeKind, OrgView};
        let tree = self.org_tree(as_of, OrgView::Units, unit)?;
        let zh = self.lang == Lang::Zh;
        let index: std::collections::HashMap<&str, usize> = tree
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let nodes: Vec<branchdesk_report::ChartNode> = tree
            .nodes
            .iter()
            .map(|n| branchdesk_report::ChartNode {
                parent: n.parent.as_deref().and_then(|p| index.get(p).copied()),
                title: n.title.clone(),
                subtitle: match n.kind {
                    NodeKind::Unit => {
                        let kind = n.unit_kind.map(|k| k.label(self.lang)).unwrap_or_default();
                        if zh {
                            format!("{kind} · {} 人", n.headcount)
                        } else {
                            format!("{kind} · {} people", n.headcount)
                        }
                    }
                    NodeKind::Position if n.people.is_empty() => match (n.status, zh) {
                        (Some(branchdesk_domain::PositionStatus::Planned), true) => "待招聘".into(),
                        (Some(branchdesk_domain::PositionStatus::Planned), false) => {
                            "To be hired".into()
                        }
                        (_, true) => "空缺".into(),
                        (_, false) => "Vacant".into(),
                    },
                    NodeKind::Position => n
                        .people
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(if zh { "、" } else { ", " }),
                },
                tinted: n.kind == NodeKind::Unit,
            })
            .collect();
        let top = tree
            .nodes
            .first()
            .map(|n| n.title.clone())
            .unwrap_or_default();
        let date = tree.as_of.clone();
        let title = if zh {
            format!("{top} 组织架构图（{date}）")
        } else {
            format!("{top} organisation chart ({date})")
        };
        let doc = self.document(title, top, Vec::new())?;
        branchdesk_report::render_chart(&doc, &nodes).map_err(|e| AppError::Export(e.to_string()))
    }

    /// Writes the org chart into the export folder; returns the file's path.
    pub fn report_orgchart_to_dir(
        &self,
        unit: Option<&str>,
        as_of: Option<&str>,
    ) -> Result<String> {
        let bytes = self.report_orgchart(unit, as_of)?;
        let name = format!(
            "{}-{}.pdf",
            if self.lang == Lang::Zh {
                "组织架构图"
            } else {
                "org-chart"
            },
            unit.unwrap_or("all")
        );
        save(name, bytes)
    }
}
