//! 次月兑现: the register of rewards to pay. Rows are made when a period is locked (see
//! `cycle`); finance marks them paid with the day; the register exports to xlsx.

use branchdesk_domain::{Act, Lang};
use branchdesk_store::PayoutRow;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::parse_period;
use crate::shared::files::save;
use crate::{App, AppError, Result};

/// A reward to pay (negative: to recover, after a reopened period was locked again with a
/// smaller reward than was paid).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Payout {
    #[ts(type = "number")]
    pub id: i64,
    pub scheme_id: String,
    pub period: String,
    /// The published version whose rewards these are.
    #[ts(type = "number")]
    pub version: i64,
    pub reward: String,
    /// The reward's name in the scheme: the rule that produced the amount.
    pub rule: String,
    pub unit: String,
    pub unit_name: String,
    #[ts(type = "string")]
    pub amount: Decimal,
    /// The month it is paid in (次月兑现).
    pub due_month: String,
    pub paid_at: Option<String>,
    pub paid_by: Option<String>,
}

/// The payout register of a period (or of all periods), with its sums.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PayoutRegister {
    pub rows: Vec<Payout>,
    #[ts(type = "string")]
    pub total: Decimal,
    #[ts(type = "string")]
    pub paid: Decimal,
    #[ts(type = "string")]
    pub unpaid: Decimal,
}

fn payout(r: PayoutRow) -> Payout {
    Payout {
        id: r.id,
        scheme_id: r.scheme_id,
        period: r.period,
        version: r.version,
        reward: r.reward,
        rule: r.rule,
        unit: r.unit_code,
        unit_name: r.unit_name,
        // The schema only holds decimal text here.
        amount: r.amount.parse().unwrap_or_default(),
        due_month: r.due_month,
        paid_at: r.paid_at,
        paid_by: r.paid_by,
    }
}

impl App {
    /// The payout register of `period` (every period when absent).
    pub fn kpi_payouts(&self, period: Option<&str>) -> Result<PayoutRegister> {
        let period = period.map(parse_period).transpose()?.map(|p| p.to_string());
        let rows: Vec<Payout> = self
            .store
            .kpi_payouts(period.as_deref())?
            .into_iter()
            .map(payout)
            .collect();
        let total = rows.iter().map(|r| r.amount).sum();
        let paid = rows
            .iter()
            .filter(|r| r.paid_at.is_some())
            .map(|r| r.amount)
            .sum();
        Ok(PayoutRegister {
            rows,
            total,
            paid,
            unpaid: total - paid,
        })
    }

    /// Marks a payout paid on `on` (today when absent) by the person signed in.
    pub fn kpi_pay(&mut self, id: i64, on: Option<&str>) -> Result<Payout> {
        self.require(Act::PayRewards)?;
        let today = self.ctx.today();
        let day = match on {
            None => today,
            Some(s) => s.parse::<NaiveDate>().ok().filter(|d| *d <= today).ok_or_else(|| {
                AppError::invalid(
                    "paid_at",
                    format!("兑现日期“{s}”无效：请写成 2017-02-10 这样的日期，且不能晚于今天。"),
                    format!("The payment day {s:?} is not valid: write a date like 2017-02-10, not after today."),
                )
            })?,
        };
        let by = self.ctx.operator().to_string();
        let done = self
            .store
            .write(|w| w.pay_kpi_payout(id, &day.to_string(), &by))?;
        let row = self
            .store
            .kpi_payouts(None)?
            .into_iter()
            .find(|r| r.id == id);
        match (done, row) {
            (true, Some(r)) => {
                tracing::info!(id, "payout recorded");
                Ok(payout(r))
            }
            (false, Some(r)) => {
                let (on, by) = (r.paid_at.unwrap_or_default(), r.paid_by.unwrap_or_default());
                Err(AppError::Cycle {
                    code: "kpi.paid",
                    zh: format!("这笔奖励已于 {on} 由{by}登记兑现，不能重复登记。"),
                    en: format!("This reward was recorded as paid on {on} by {by}; it cannot be paid twice."),
                })
            }
            (_, None) => Err(AppError::Cycle {
                code: "kpi.no_payout",
                zh: format!("没有编号为 {id} 的兑现记录。"),
                en: format!("There is no payout {id}."),
            }),
        }
    }

    /// The register as an xlsx workbook for finance.
    pub fn kpi_payouts_xlsx(&self, period: Option<&str>) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{Format, FormatBorder, Workbook};
        let reg = self.kpi_payouts(period)?;
        let zh = self.lang == Lang::Zh;
        let bad = |e: rust_xlsxwriter::XlsxError| AppError::Export(e.to_string());
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name(if zh { "奖励兑现" } else { "Payouts" })
            .map_err(bad)?;
        let head = Format::new()
            .set_bold()
            .set_background_color("D9E7FD")
            .set_border(FormatBorder::Thin);
        let money = Format::new().set_num_format("#,##0.00");
        let heads: &[(&str, &str, f64)] = &[
            ("编号", "No.", 7.0),
            ("期间", "Period", 10.0),
            ("方案", "Scheme", 14.0),
            ("结果版本", "Version", 9.0),
            ("奖项", "Reward", 20.0),
            ("单位编码", "Unit code", 11.0),
            ("单位", "Unit", 18.0),
            ("金额（元）", "Amount (yuan)", 13.0),
            ("兑现月份", "Due", 10.0),
            ("兑现日期", "Paid on", 12.0),
            ("经办人", "Paid by", 18.0),
        ];
        for (c, (z, e, w)) in heads.iter().enumerate() {
            let c = c as u16;
            ws.write_string_with_format(0, c, if zh { *z } else { *e }, &head)
                .map_err(bad)?;
            ws.set_column_width(c, *w).map_err(bad)?;
        }
        for (i, r) in reg.rows.iter().enumerate() {
            let y = i as u32 + 1;
            ws.write_number(y, 0, r.id as f64).map_err(bad)?;
            ws.write_string(y, 1, &r.period).map_err(bad)?;
            ws.write_string(y, 2, &r.scheme_id).map_err(bad)?;
            ws.write_number(y, 3, r.version as f64).map_err(bad)?;
            ws.write_string(y, 4, &r.rule).map_err(bad)?;
            ws.write_string(y, 5, &r.unit).map_err(bad)?;
            ws.write_string(y, 6, &r.unit_name).map_err(bad)?;
            let amount: f64 = r.amount.to_string().parse().unwrap_or(0.0);
            ws.write_number_with_format(y, 7, amount, &money)
                .map_err(bad)?;
            ws.write_string(y, 8, &r.due_month).map_err(bad)?;
            ws.write_string(y, 9, r.paid_at.as_deref().unwrap_or(""))
                .map_err(bad)?;
            ws.write_string(y, 10, r.paid_by.as_deref().unwrap_or(""))
                .map_err(bad)?;
        }
        let y = reg.rows.len() as u32 + 1;
        let total: f64 = reg.total.to_string().parse().unwrap_or(0.0);
        ws.write_string_with_format(y, 6, if zh { "合计" } else { "Total" }, &head)
            .map_err(bad)?;
        ws.write_number_with_format(y, 7, total, &money)
            .map_err(bad)?;
        book.save_to_buffer().map_err(bad)
    }

    /// Writes the register into the export folder; returns the file's path.
    pub fn kpi_payouts_xlsx_to_dir(&self, period: Option<&str>) -> Result<String> {
        let bytes = self.kpi_payouts_xlsx(period)?;
        let tail = period.unwrap_or(if self.lang == Lang::Zh {
            "全部"
        } else {
            "all"
        });
        let name = if self.lang == Lang::Zh {
            format!("奖励兑现-{tail}.xlsx")
        } else {
            format!("payouts-{tail}.xlsx")
        };
        save(name, bytes)
    }
}
