//! The 阅办单 and the register extract as PDFs.

use branchdesk_domain::{Label, Lang};
use branchdesk_report::{Align, Block, Table};

use crate::shared::files::save;
use crate::shared::print::{col, render};
use crate::{App, AppError, Result};

impl App {
    /// 收文阅办单: one incoming document, its instruction, and each handler's deadline, status
    /// and report, with lines for the registrar and the leader.
    pub fn report_slip(&self, id: &str) -> Result<Vec<u8>> {
        let zh = self.lang == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let row = self
            .incoming_list(&Default::default())?
            .into_iter()
            .find(|r| r.doc.id == id)
            .ok_or_else(|| {
                AppError::from(branchdesk_store::Error::NotFound(format!("收文 {id}")))
            })?;
        let d = &row.doc;
        let names = crate::shared::names::Names::load(self)?;
        let mut rows = Vec::new();
        for (i, h) in row.handlers.iter().enumerate() {
            let log = self.action_history(&h.item.id)?;
            let report = log
                .iter()
                .rev()
                .find(|c| !c.note.is_empty() && c.old_status.is_some())
                .map_or_else(String::new, |c| c.note.clone());
            let mut status = h.item.status.label(self.lang).to_string();
            if h.overdue_days > 0 {
                status.push_str(&if zh {
                    format!("（逾期{}天）", h.overdue_days)
                } else {
                    format!(" ({} days late)", h.overdue_days)
                });
            }
            rows.push(vec![
                (i + 1).to_string(),
                h.owner_name.clone(),
                h.item.due_on.clone(),
                status,
                h.item.closed_on.clone().unwrap_or_default(),
                report,
            ]);
        }
        let title = t("收文阅办单", "Read-and-handle slip");
        let blocks = vec![
            Block::Title(title.clone()),
            Block::Fields(vec![
                (t("来文单位", "From"), d.sender.clone()),
                (t("来文字号", "Number"), d.doc_number.clone()),
                (t("收文日期", "Received"), d.received_on.clone()),
                (t("办理时限", "Due"), row.due_on.clone()),
                (
                    t("紧急程度", "Urgency"),
                    if d.urgent {
                        t("急件", "Urgent")
                    } else {
                        t("普通", "Normal")
                    },
                ),
                (
                    t("密级", "Classification"),
                    if d.secret {
                        t("秘密", "Secret")
                    } else {
                        t("普通", "Normal")
                    },
                ),
                (t("收文单位", "Unit"), names.unit(Some(&d.unit_id))),
                (t("登记人", "Registered by"), d.registered_by.clone()),
            ]),
            Block::Heading(t("文件标题", "Title")),
            Block::Paragraph(d.title.clone()),
            Block::Heading(t("领导批示", "Instruction")),
            Block::Paragraph(if d.instruction.is_empty() {
                t("（无）", "(none)")
            } else {
                d.instruction.clone()
            }),
            Block::Heading(t("阅办情况", "Handling")),
            Block::Table(Table {
                columns: vec![
                    col(&t("序号", "No."), 30.0, Align::Right),
                    col(&t("阅办人", "Handler"), 60.0, Align::Left),
                    col(&t("办理时限", "Due"), 66.0, Align::Left),
                    col(&t("状态", "Status"), 104.0, Align::Left),
                    col(&t("办结日期", "Done on"), 66.0, Align::Left),
                    col(&t("办理情况", "Report"), 167.0, Align::Left),
                ],
                rows,
                total: None,
            }),
            Block::Signatures {
                labels: vec![t("文书登记", "Registrar"), t("领导签批", "Leader")],
                date: t("日期", "Date"),
            },
        ];
        let doc = self.document(title, names.unit(Some(&d.unit_id)), blocks)?;
        render(&doc)
    }

    pub fn report_slip_to_dir(&self, id: &str) -> Result<String> {
        let bytes = self.report_slip(id)?;
        let d = self.store.incoming_doc(id)?.ok_or_else(|| {
            AppError::from(branchdesk_store::Error::NotFound(format!("收文 {id}")))
        })?;
        let safe: String = d.title.chars().take(40).collect();
        save(
            format!(
                "{}{}-{safe}.pdf",
                if self.lang == Lang::Zh {
                    "阅办单-"
                } else {
                    "slip-"
                },
                d.received_on
            ),
            bytes,
        )
    }

    /// 公文登记簿 for a period (`from` to `to`, inclusive): documents received with their
    /// handling, and documents issued with their numbers.
    pub fn report_register(&self, from: &str, to: &str) -> Result<Vec<u8>> {
        let from = crate::shared::input::parse_date("from", from)?;
        let to = crate::shared::input::parse_date("to", to)?;
        let zh = self.lang == Lang::Zh;
        let t = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        let incoming: Vec<_> = self
            .incoming_list(&Default::default())?
            .into_iter()
            .filter(|r| r.doc.received_on >= from && r.doc.received_on <= to)
            .collect();
        let outgoing: Vec<_> = self
            .outgoing_list(None)?
            .into_iter()
            .filter(|d| {
                d.issued_on
                    .as_deref()
                    .is_some_and(|i| i >= from.as_str() && i <= to.as_str())
            })
            .collect();
        let title = if zh {
            format!("公文登记簿（{from} 至 {to}）")
        } else {
            format!("Document register, {from} to {to}")
        };
        let late = incoming
            .iter()
            .filter(|r| {
                r.overdue_days > 0
                    || r.handlers.iter().any(|h| {
                        h.item
                            .closed_on
                            .as_deref()
                            .is_some_and(|c| c > h.item.due_on.as_str())
                    })
            })
            .count();
        let mut blocks = vec![
            Block::Title(title.clone()),
            Block::Fields(vec![
                (t("收文", "Received"), incoming.len().to_string()),
                (t("发文", "Issued"), outgoing.len().to_string()),
                (t("超时限办理", "Handled late"), late.to_string()),
            ]),
            Block::Heading(t("一、收文", "1. Received")),
        ];
        blocks.push(Block::Table(Table {
            columns: vec![
                col(&t("收文日期", "Received"), 58.0, Align::Left),
                col(&t("来文单位", "From"), 76.0, Align::Left),
                col(&t("来文字号", "Number"), 106.0, Align::Left),
                col(&t("标题", "Title"), 131.0, Align::Left),
                col(&t("时限", "Due"), 58.0, Align::Left),
                col(&t("办理", "Handling"), 64.0, Align::Left),
            ],
            rows: incoming
                .iter()
                .map(|r| {
                    let state = if r.done {
                        t("已办结", "Done")
                    } else if r.overdue_days > 0 {
                        if zh {
                            format!("逾期{}天", r.overdue_days)
                        } else {
                            format!("{} days late", r.overdue_days)
                        }
                    } else {
                        t("办理中", "Open")
                    };
                    vec![
                        r.doc.received_on.clone(),
                        r.doc.sender.clone(),
                        r.doc.doc_number.clone(),
                        format!(
                            "{}{}",
                            if r.doc.urgent {
                                t("【急】", "[urgent] ")
                            } else {
                                String::new()
                            },
                            r.doc.title
                        ),
                        r.due_on.clone(),
                        state,
                    ]
                })
                .collect(),
            total: None,
        }));
        blocks.push(Block::Heading(t("二、发文", "2. Issued")));
        let cats = self.doc_categories()?;
        blocks.push(Block::Table(Table {
            columns: vec![
                col(&t("印发日期", "Issued"), 58.0, Align::Left),
                col(&t("文号", "Number"), 114.0, Align::Left),
                col(&t("类别", "Category"), 60.0, Align::Left),
                col(&t("标题", "Title"), 211.0, Align::Left),
                col(&t("密级", "Class."), 50.0, Align::Left),
            ],
            rows: outgoing
                .iter()
                .map(|d| {
                    vec![
                        d.issued_on.clone().unwrap_or_default(),
                        d.number.clone().unwrap_or_default(),
                        cats.iter()
                            .find(|c| c.code == d.category)
                            .map_or_else(|| d.category.clone(), |c| c.name.clone()),
                        d.title.clone(),
                        if d.secret {
                            t("秘密", "Secret")
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect(),
            total: None,
        }));
        let doc = self.document(title, self.store.site()?.name, blocks)?;
        render(&doc)
    }

    pub fn report_register_to_dir(&self, from: &str, to: &str) -> Result<String> {
        let bytes = self.report_register(from, to)?;
        save(
            format!(
                "{}{from}-{to}.pdf",
                if self.lang == Lang::Zh {
                    "公文登记簿-"
                } else {
                    "register-"
                }
            ),
            bytes,
        )
    }
}
