//! Ready-made sets of positions from seed 004 (assets/templates/org/*.toml).

use std::collections::HashMap;

use branchdesk_domain::{PositionAttrs, PositionStatus};
use branchdesk_store::OrgTable;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::shared::input::parse_date;
use crate::{App, AppError, Result};

pub(super) const TEMPLATES: &[&str] = &[
    include_str!("../../../../../assets/templates/org/operations.toml"),
    include_str!("../../../../../assets/templates/org/planning.toml"),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TemplateFile {
    id: String,
    name: String,
    description: String,
    source: String,
    position: Vec<TemplatePosition>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TemplatePosition {
    key: String,
    title: String,
    superior: Option<String>,
    description: String,
    duties: Vec<String>,
    #[serde(default)]
    status: PositionStatus,
}

/// A ready-made set of positions (e.g. seed 004's operations department).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OrgTemplateInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub source: String,
    /// Titles, as "title ← superior title" lines in order.
    pub positions: Vec<TemplateLine>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TemplateLine {
    pub title: String,
    pub superior: Option<String>,
}

/// Applies a template to a unit: its positions are created there from `effective`; the top
/// ones report to `superior_id` (a position elsewhere) if given.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct TemplateInput {
    pub template: String,
    pub unit_id: String,
    pub superior_id: Option<String>,
    pub effective: String,
}

pub(super) fn templates() -> Result<Vec<TemplateFile>> {
    TEMPLATES
        .iter()
        .map(|t| {
            toml::from_str::<TemplateFile>(t)
                .map_err(|e| AppError::Demo(format!("org template: {e}")))
        })
        .collect()
}

impl App {
    pub fn org_templates(&self) -> Result<Vec<OrgTemplateInfo>> {
        Ok(templates()?
            .into_iter()
            .map(|t| {
                let title = |k: &str| {
                    t.position
                        .iter()
                        .find(|p| p.key == k)
                        .map(|p| p.title.clone())
                };
                OrgTemplateInfo {
                    positions: t
                        .position
                        .iter()
                        .map(|p| TemplateLine {
                            title: p.title.clone(),
                            superior: p.superior.as_deref().and_then(title),
                        })
                        .collect(),
                    id: t.id,
                    name: t.name,
                    description: t.description,
                    source: t.source,
                }
            })
            .collect())
    }

    /// Creates the template's positions in a unit; returns their codes.
    pub fn org_apply_template(&mut self, input: &TemplateInput) -> Result<Vec<String>> {
        let from = parse_date("effective", &input.effective)?;
        let Some(t) = templates()?.into_iter().find(|t| t.id == input.template) else {
            return Err(AppError::invalid(
                "template",
                "没有这个模板。",
                "No such template.",
            ));
        };
        let at = self.ctx.now();
        let codes = self.dated_write(&from, |w| -> Result<Vec<String>> {
            let Some(unit) = w
                .units(Some(&from))?
                .into_iter()
                .find(|u| u.id == input.unit_id && !u.attrs.closed)
            else {
                return Err(AppError::invalid(
                    "unit_id",
                    format!("所选单位在 {from} 不存在或已撤销。"),
                    format!("The chosen unit does not exist or is closed on {from}."),
                ));
            };
            let mut ids: HashMap<&str, String> = HashMap::new();
            let mut codes = Vec::new();
            for (i, p) in t.position.iter().enumerate() {
                let mut code = format!("{}-{}", unit.code, p.key);
                let mut n = 2;
                while w.id_by_code(OrgTable::Position, &code)?.is_some() {
                    code = format!("{}-{}-{n}", unit.code, p.key);
                    n += 1;
                }
                let superior_id = match &p.superior {
                    Some(k) => Some(ids.get(k.as_str()).cloned().ok_or_else(|| {
                        AppError::Demo(format!("template {}: unknown superior {k}", t.id))
                    })?),
                    None => input.superior_id.clone(),
                };
                let attrs = PositionAttrs {
                    unit_id: unit.id.clone(),
                    title: p.title.clone(),
                    superior_id,
                    description: p.description.clone(),
                    duties: p.duties.clone(),
                    status: p.status,
                    sort: i as i64,
                    ..PositionAttrs::default()
                };
                let id = w.add_position(&code, &attrs, &from, &at)?;
                ids.insert(p.key.as_str(), id);
                codes.push(code);
            }
            Ok(codes)
        })?;
        Ok(codes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse_and_keep_seed_004_order() {
        let t = templates().unwrap();
        let ops = t.iter().find(|t| t.id == "operations").unwrap();
        let titles: Vec<&str> = ops.position.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            ["总经理", "运营总监", "运营主管", "文案", "美工设计"]
        );
        assert_eq!(
            ops.position[1].superior.as_deref(),
            Some(ops.position[0].key.as_str())
        );
    }
}
