//! `branchdesk plans …`.

use branchdesk_app::AppError;
use branchdesk_domain::PlanAction;

use super::to_json;
use super::Door;
use crate::args::*;

pub(crate) fn run(cmd: PlansCommand, db: &Door) -> Result<(), AppError> {
    let mut app = db.open()?;
    match cmd {
        PlansCommand::Step {
            plan,
            action,
            comment,
        } => {
            let step: PlanAction = serde_json::from_value(serde_json::Value::String(
                action.clone(),
            ))
            .map_err(|_| {
                AppError::invalid(
                    "action",
                    format!("“{action}”不是计划操作：可用 accept、submit、approve、return、start、close。"),
                    format!("\"{action}\" is not a plan step: use accept, submit, approve, return, start or close."),
                )
            })?;
            let id = app.plan_find(&plan)?;
            let r = app.plan_transition(&id, step, &comment)?;
            say!(
                "{}\t{}\t{}",
                r.node.id,
                r.node.status.as_str(),
                r.node.title
            );
        }
        PlansCommand::List { unit, json } => {
            let unit_id = match unit {
                None => None,
                Some(code) => Some(app.unit_id(&code)?.ok_or_else(|| {
                    AppError::invalid(
                        "unit",
                        format!("没有编码为 {code} 的单位。"),
                        format!("No unit with code {code}."),
                    )
                })?),
            };
            let rows = app.plans(unit_id.as_deref())?;
            if json {
                say!("{}", to_json(&rows)?);
            } else {
                for r in &rows {
                    say!(
                        "{}\t{}\t{}\t{}%\t{}\t{}",
                        r.node.period,
                        r.node.status.as_str(),
                        r.node.weight,
                        r.progress_pct,
                        r.node.title,
                        r.unit_name
                    );
                }
            }
        }
    }
    Ok(())
}
