//! The formal minutes (会议纪要) as a PDF: the record form with signature lines, or the 纪要
//! in the national format (GB/T 9704-2012 §10.3) for issuing.

use branchdesk_domain::{chinese_date, AttendRole, Label, Lang};
use branchdesk_report::{Align, Block, Level, Official, Paragraph, Table};

use super::ActionView;
use crate::shared::files::save;
use crate::shared::print::{col, render};
use crate::{App, AppError, Result};

pub(super) fn actions_table(items: &[ActionView], lang: Lang) -> Block {
    let zh = lang == Lang::Zh;
    let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
    Block::Table(Table {
        columns: vec![
            col(&t("序号", "No."), 30.0, Align::Right),
            col(&t("督办事项", "Action item"), 230.0, Align::Left),
            col(&t("责任人", "Owner"), 60.0, Align::Left),
            col(&t("完成时限", "Due"), 70.0, Align::Left),
            col(&t("状态", "Status"), 103.0, Align::Left),
        ],
        rows: items
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut status = a.item.status.label(lang).to_string();
                if a.overdue_days > 0 {
                    status.push_str(&if zh {
                        format!("（逾期{}天）", a.overdue_days)
                    } else {
                        format!(" ({} days late)", a.overdue_days)
                    });
                }
                vec![
                    (i + 1).to_string(),
                    a.item.title.clone(),
                    a.owner_name.clone(),
                    a.item.due_on.clone(),
                    status,
                ]
            })
            .collect(),
        total: None,
    })
}

impl App {
    /// 会议纪要 of one meeting, formatted for signing and filing.
    pub fn report_minutes(&self, id: &str) -> Result<Vec<u8>> {
        let v = self.minutes_get(id)?;
        let zh = self.lang == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let m = &v.meeting;
        let names = |role: AttendRole| -> String {
            let list: Vec<String> = v
                .attendees
                .iter()
                .filter(|a| a.role == role)
                .map(|a| {
                    if a.reason.is_empty() {
                        a.name.clone()
                    } else if zh {
                        format!("{}（{}）", a.name, a.reason)
                    } else {
                        format!("{} ({})", a.name, a.reason)
                    }
                })
                .collect();
            list.join(if zh { "、" } else { ", " })
        };
        let status = match (m.status, m.rev) {
            (branchdesk_domain::MeetingStatus::Final, r) => {
                if zh {
                    format!("已定稿（第{r}版）")
                } else {
                    format!("Final (revision {r})")
                }
            }
            _ => t(
                "草稿（未定稿，不作存档）",
                "Draft (not final, not for filing)",
            ),
        };
        let title = if m.title.contains("纪要") || !zh {
            m.title.clone()
        } else {
            format!("{}纪要", m.title)
        };
        let mut blocks = vec![
            Block::Title(title.clone()),
            Block::Fields(vec![
                (t("会议类型", "Type"), m.kind.label(self.lang).to_string()),
                (t("会议时间", "Time"), m.held_at.replace('T', " ")),
                (t("地点", "Place"), m.place.clone()),
                (t("召开单位", "Unit"), v.unit_name.clone()),
                (t("主持人", "Chair"), v.chair_name.clone()),
                (t("记录人", "Recorder"), v.recorder_name.clone()),
                (t("纪要状态", "Status"), status),
            ]),
        ];
        for (label, role) in [
            (t("出席", "Present"), AttendRole::Present),
            (t("列席", "Observers"), AttendRole::Observer),
            (t("缺席", "Absent"), AttendRole::Absent),
        ] {
            let n = names(role);
            if !n.is_empty() {
                blocks.push(Block::Paragraph(if zh {
                    format!("{label}：{n}")
                } else {
                    format!("{label}: {n}")
                }));
            }
        }
        let mut section = 0;
        let mut heading = |zh_t: &str, en_t: &str| {
            section += 1;
            const N: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
            Block::Heading(if zh {
                format!("{}、{zh_t}", N[(section - 1) % 6])
            } else {
                format!("{section}. {en_t}")
            })
        };
        if !v.body.agenda.is_empty() {
            blocks.push(heading("议题及讨论要点", "Agenda and discussion"));
            for (i, a) in v.body.agenda.iter().enumerate() {
                blocks.push(Block::Paragraph(format!("{}. {}", i + 1, a.title)));
                if !a.points.is_empty() {
                    blocks.push(Block::Paragraph(
                        a.points
                            .lines()
                            .map(|l| format!("　　{l}"))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ));
                }
            }
        }
        blocks.push(heading("决议事项", "Decisions"));
        if v.body.decisions.is_empty() {
            blocks.push(Block::Paragraph(t("（无）", "(none)")));
        }
        for (i, d) in v.body.decisions.iter().enumerate() {
            blocks.push(Block::Paragraph(format!("{}. {d}", i + 1)));
        }
        blocks.push(heading("督办事项", "Action items"));
        if v.actions.is_empty() {
            blocks.push(Block::Paragraph(t("（无）", "(none)")));
        } else {
            blocks.push(actions_table(&v.actions, self.lang));
        }
        if !v.carried.is_empty() {
            blocks.push(heading(
                "前次会议督办事项落实情况",
                "Follow-up of earlier action items",
            ));
            blocks.push(actions_table(&v.carried, self.lang));
        }
        if let Some(r) = v.revisions.iter().rev().find(|r| !r.reason.is_empty()) {
            blocks.push(Block::Paragraph(if zh {
                format!("修订说明（第{}版）：{}", r.rev, r.reason)
            } else {
                format!("Revision {}: {}", r.rev, r.reason)
            }));
        }
        blocks.push(Block::Signatures {
            labels: vec![t("主持人签字", "Chair"), t("记录人签字", "Recorder")],
            date: t("日期", "Date"),
        });
        let doc = self.document(title, v.unit_name.clone(), blocks)?;
        render(&doc)
    }

    /// 纪要 in the national format (GB/T 9704-2012 §10.3): the red 纪要 mark, the meeting, what
    /// it discussed (一、 per agenda item), what it decided and who does what by when, then
    /// 出席、请假、列席 after the body. Always in Chinese: it is an official document.
    pub fn report_minutes_official(&self, id: &str) -> Result<Vec<u8>> {
        let v = self.minutes_get(id)?;
        let m = &v.meeting;
        let names = |role: AttendRole| -> String {
            v.attendees
                .iter()
                .filter(|a| a.role == role)
                .map(|a| {
                    if a.reason.is_empty() {
                        a.name.clone()
                    } else {
                        format!("{}（{}）", a.name, a.reason)
                    }
                })
                .collect::<Vec<_>>()
                .join("、")
        };
        let kind = m.kind.label(Lang::Zh);
        let mark = format!("{}纪要", kind.trim_end_matches("纪要"));
        let title = m.title.trim_end_matches("纪要").to_string();
        let day = chinese_date(m.held_at.get(..10).unwrap_or_default()).unwrap_or_default();
        let para = |level, text: String| Paragraph { level, text };
        let mut body = vec![para(
            Level::Text,
            format!(
                "{day}，{}{}召开{title}。现纪要如下：",
                if v.chair_name.is_empty() {
                    String::new()
                } else {
                    format!("{}同志", v.chair_name)
                },
                match (m.place.is_empty(), v.chair_name.is_empty()) {
                    (true, true) => String::new(),
                    (true, false) => "主持".to_string(),
                    (false, true) => format!("在{}", m.place),
                    (false, false) => format!("在{}主持", m.place),
                },
            ),
        )];
        const N: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        let mut section = 0;
        let mut heading = |text: &str| {
            section += 1;
            para(Level::One, format!("{}、{text}", N[(section - 1) % 10]))
        };
        for a in &v.body.agenda {
            body.push(heading(&a.title));
            body.extend(
                a.points
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| para(Level::Text, l.to_string())),
            );
        }
        if !v.body.decisions.is_empty() {
            body.push(heading("会议议定事项"));
            for (i, d) in v.body.decisions.iter().enumerate() {
                body.push(para(Level::Text, format!("（{}）{d}", i + 1)));
            }
        }
        if !v.actions.is_empty() {
            body.push(heading("督办事项"));
            for (i, a) in v.actions.iter().enumerate() {
                let owner = if a.owner_name.is_empty() {
                    String::new()
                } else {
                    format!("由{}负责，", a.owner_name)
                };
                let due = chinese_date(&a.item.due_on).unwrap_or_else(|| a.item.due_on.clone());
                body.push(para(
                    Level::Text,
                    format!(
                        "（{}）{}。{owner}{due}前完成。",
                        i + 1,
                        a.item.title.trim_end_matches('。')
                    ),
                ));
            }
        }
        let attendance = [
            ("出席", AttendRole::Present),
            ("请假", AttendRole::Absent),
            ("列席", AttendRole::Observer),
        ]
        .into_iter()
        .filter_map(|(label, role)| {
            let n = names(role);
            (!n.is_empty()).then(|| (label.to_string(), n))
        })
        .collect();
        let site = self.store.site()?;
        let official = Official {
            author: site.name.clone(),
            created: chrono::Utc::now().format("D:%Y%m%d%H%M%SZ").to_string(),
            mark,
            number: issue_of(&m.title),
            title,
            body,
            attendance,
            printer: format!("{}办公室", v.unit_name),
            printed: day,
            ..Official::default()
        };
        branchdesk_report::render_official(&official).map_err(|e| AppError::Export(e.to_string()))
    }

    /// Writes the minutes (the record form) into the export folder; returns the file's path.
    pub fn report_minutes_to_dir(&self, id: &str) -> Result<String> {
        self.save_minutes(id, self.report_minutes(id)?, ("会议纪要-", "minutes-"))
    }

    /// Writes the 纪要 in the national format into the export folder; returns the file's path.
    pub fn report_minutes_official_to_dir(&self, id: &str) -> Result<String> {
        self.save_minutes(
            id,
            self.report_minutes_official(id)?,
            ("纪要-", "minutes-gbt-"),
        )
    }

    fn save_minutes(&self, id: &str, bytes: Vec<u8>, (zh, en): (&str, &str)) -> Result<String> {
        let title = self.minutes_get(id)?.meeting.title;
        let safe: String = title.chars().collect();
        let prefix = if self.lang == Lang::Zh { zh } else { en };
        save(format!("{prefix}{safe}.pdf"), bytes)
    }
}

/// The issue a meeting's title names (2016年第11期总经理办公会 → 第11期), printed as the 纪要's
/// number.
fn issue_of(title: &str) -> String {
    let Some(start) = title.find('第') else {
        return String::new();
    };
    let rest = &title[start..];
    match rest.find('期') {
        Some(end) if rest[3..end].chars().all(|c| c.is_ascii_digit()) && end > 3 => {
            rest[..end + '期'.len_utf8()].to_string()
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_issue_is_read_from_the_title() {
        assert_eq!(super::issue_of("2016年第11期总经理办公会"), "第11期");
        assert_eq!(super::issue_of("第一次专题会议"), "");
        assert_eq!(super::issue_of("周例会"), "");
    }
}
