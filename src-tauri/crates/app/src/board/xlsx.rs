//! The board as a workbook: one row per unit, a column per check with its light and reason.

use branchdesk_domain::{Check, Label, Lang, Light};

use super::BoardQuery;
use crate::shared::files::save;
use crate::{App, AppError, Result};

impl App {
    /// The board as xlsx: unit, overall light, then for each check its light and reason.
    pub fn board_xlsx(&self, q: &BoardQuery) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{Format, FormatBorder, Workbook};
        let board = self.board(q)?;
        let lang = self.lang;
        let zh = lang == Lang::Zh;
        let bad = |e: rust_xlsxwriter::XlsxError| AppError::Export(e.to_string());
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name(if zh { "经营监控" } else { "Monitoring" })
            .map_err(bad)?;
        let head = Format::new()
            .set_bold()
            .set_background_color("D9E7FD")
            .set_border(FormatBorder::Thin)
            .set_text_wrap();
        let colour = |l: Light| match l {
            Light::Red => "F4CCCC",
            Light::Amber => "FCE8B2",
            Light::Green => "D9EAD3",
            Light::Missing => "EEEEEE",
        };
        ws.write_string(
            0,
            0,
            format!(
                "{}{}",
                if zh { "监控日期：" } else { "As of " },
                board.as_of
            ),
        )
        .map_err(bad)?;
        let mut heads = vec![
            (if zh { "单位编码" } else { "Code" }.to_string(), 11.0),
            (if zh { "单位" } else { "Unit" }.to_string(), 18.0),
            (if zh { "上级单位" } else { "Parent" }.to_string(), 16.0),
            (if zh { "总体" } else { "Overall" }.to_string(), 9.0),
        ];
        for c in Check::ALL {
            heads.push((c.label(lang).to_string(), 9.0));
            heads.push((
                format!("{}{}", c.label(lang), if zh { "说明" } else { " reason" }),
                40.0,
            ));
        }
        for (c, (h, w)) in heads.iter().enumerate() {
            let c = c as u16;
            ws.write_string_with_format(1, c, h, &head).map_err(bad)?;
            ws.set_column_width(c, *w).map_err(bad)?;
        }
        for (i, r) in board.rows.iter().enumerate() {
            let y = i as u32 + 2;
            ws.write_string(y, 0, &r.unit_code).map_err(bad)?;
            ws.write_string(y, 1, &r.unit_name).map_err(bad)?;
            ws.write_string(y, 2, &r.parent_name).map_err(bad)?;
            let f = Format::new().set_background_color(colour(r.light));
            ws.write_string_with_format(y, 3, r.light.label(lang), &f)
                .map_err(bad)?;
            for (k, c) in Check::ALL.iter().enumerate() {
                let x = 4 + 2 * k as u16;
                if let Some(s) = r.signals.iter().find(|s| s.check == *c) {
                    let f = Format::new().set_background_color(colour(s.light));
                    ws.write_string_with_format(y, x, s.light.label(lang), &f)
                        .map_err(bad)?;
                    ws.write_string(y, x + 1, &s.reason).map_err(bad)?;
                }
            }
        }
        ws.set_freeze_panes(2, 2).map_err(bad)?;
        book.save_to_buffer().map_err(bad)
    }

    /// Writes the board into the export folder; returns the file's path.
    pub fn board_xlsx_to_dir(&self, q: &BoardQuery) -> Result<String> {
        let bytes = self.board_xlsx(q)?;
        let day = match &q.as_of {
            Some(d) => d.clone(),
            None => self.ctx.today_str(),
        };
        let name = if self.lang == Lang::Zh {
            format!("经营监控-{day}.xlsx")
        } else {
            format!("monitoring-{day}.xlsx")
        };
        save(name, bytes)
    }
}
