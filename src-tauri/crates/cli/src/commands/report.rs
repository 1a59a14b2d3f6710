//! `branchdesk report …`: the PDFs of every feature.

use branchdesk_app::AppError;

use super::write_file;
use super::Door;
use crate::args::*;

pub(crate) fn run(cmd: ReportCommand, db: &Door) -> Result<(), AppError> {
    let app = db.open()?;
    let (bytes, out) = match cmd {
        ReportCommand::Scorecard {
            unit,
            period,
            scheme_id,
            out,
        } => (
            app.report_scorecard(&unit, &period, scheme_id.as_deref())?,
            out,
        ),
        ReportCommand::Bulletin {
            period,
            scheme_id,
            version,
            out,
        } => (
            app.report_bulletin(&period, scheme_id.as_deref(), version)?,
            out,
        ),
        ReportCommand::Analysis { period, out } => (app.report_analysis(&period)?, out),
        ReportCommand::Minutes { id, out, official } => {
            let bytes = if official {
                app.report_minutes_official(&id)?
            } else {
                app.report_minutes(&id)?
            };
            (bytes, out)
        }
        ReportCommand::Document { id, out } => (app.report_document(&id)?, out),
        ReportCommand::Slip { id, out } => (app.report_slip(&id)?, out),
        ReportCommand::Register { from, to, out } => (app.report_register(&from, &to)?, out),
        ReportCommand::Plan { unit, period, out } => (app.report_plan(&unit, &period)?, out),
        ReportCommand::Orgchart { unit, as_of, out } => {
            (app.report_orgchart(unit.as_deref(), as_of.as_deref())?, out)
        }
    };
    write_file(&out, &bytes)?;
    say!("{}", out.display());
    Ok(())
}
