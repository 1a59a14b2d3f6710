//! The scheme library: stored versions and the built-in templates.

use std::path::{Path, PathBuf};

use branchdesk_kpi::Scheme;
use branchdesk_store::SchemeRow;

use super::files::load_valid_scheme;
use super::{summary, SchemeSummary, TEMPLATES};
use crate::{App, AppError, Result};

impl App {
    /// Validates a scheme file and archives it as the next version of its id.
    pub fn kpi_add_scheme(&mut self, path: &Path) -> Result<SchemeSummary> {
        let (scheme, source) = load_valid_scheme(path)?;
        self.store_add_scheme(&scheme, &source)
    }

    pub(crate) fn store_add_scheme(
        &mut self,
        scheme: &Scheme,
        source: &str,
    ) -> Result<SchemeSummary> {
        let at = self.ctx.now();
        self.store
            .write(|w| w.add_scheme(&scheme.scheme.id, &scheme.scheme.name, source, &at))?;
        let row = self.scheme_row(Some(&scheme.scheme.id))?;
        Ok(summary(&row, self.lang)?.1)
    }

    /// The latest version of every stored scheme.
    pub fn kpi_schemes(&self) -> Result<Vec<SchemeSummary>> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for row in self.store.schemes()? {
            if seen.insert(row.id.clone()) {
                out.push(summary(&row, self.lang)?.1);
            }
        }
        Ok(out)
    }

    /// The latest version of `id`; when `id` is `None`, of this site's first own scheme, or at
    /// a unit of the first one headquarters sent. A unit's scheme is never headquarters'
    /// default: headquarters names the one it scores units with.
    pub(super) fn scheme_row(&self, id: Option<&str>) -> Result<SchemeRow> {
        let rows = self.store.schemes()?;
        let found = match id {
            Some(id) => rows.into_iter().find(|r| r.id == id),
            None => {
                let unit = self.store.site()?.role == branchdesk_domain::Role::Unit;
                rows.into_iter().find(|r| r.owner.is_none() || unit)
            }
        };
        if found.is_none() && id.is_none() && !self.store.schemes()?.is_empty() {
            return Err(AppError::invalid(
                "scheme",
                "总部还没有自己的考核方案：请在方案库中选定要用的方案（单位上报的方案不作为总部的默认方案）。",
                "Headquarters has no scheme of its own yet: choose the scheme to use in the library (a unit's scheme is never headquarters' default).",
            ));
        }
        found.ok_or_else(|| {
            let name = id.unwrap_or("").to_string();
            AppError::invalid(
                "scheme",
                if name.is_empty() {
                    "还没有考核方案：请先用 branchdesk kpi scheme add 添加。".into()
                } else {
                    format!("没有编号为 {name} 的考核方案。")
                },
                if name.is_empty() {
                    "There is no scheme yet: add one with `branchdesk kpi scheme add`.".into()
                } else {
                    format!("There is no scheme {name}.")
                },
            )
        })
    }

    /// The built-in templates, as the library shows them (with the validator's findings).
    pub fn kpi_templates(&self) -> Result<Vec<SchemeSummary>> {
        TEMPLATES
            .iter()
            .map(|(id, source)| {
                let row = SchemeRow {
                    id: id.to_string(),
                    version: 0,
                    name: String::new(),
                    source: source.to_string(),
                    added_at: String::new(),
                    owner: None,
                };
                let (scheme, mut s) = summary(&row, self.lang)?;
                s.name = scheme.scheme.name;
                Ok(s)
            })
            .collect()
    }

    /// Stores a built-in template as the next version of its id.
    pub fn kpi_add_template(&mut self, id: &str) -> Result<SchemeSummary> {
        let Some((_, source)) = TEMPLATES.iter().find(|(t, _)| *t == id) else {
            return Err(AppError::invalid(
                "template",
                format!("没有名为 {id} 的方案模板。"),
                format!("There is no template {id}."),
            ));
        };
        let scheme = branchdesk_kpi::parse(source)
            .map_err(|e| AppError::Scheme(PathBuf::from(id), e.to_string()))?;
        self.store_add_scheme(&scheme, source)
    }
}
