//! The document register: categories, numbers and outgoing documents.

use branchdesk_domain::{
    Dispatch, DocCategory, DocContent, DocFile, DocForm, DocKind, DocReceipt, DocRecipient,
    DocRevision, IncomingDoc, OutgoingDoc, OutgoingStatus, RecipientRole, Urgency,
};
use std::borrow::Borrow;

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::{Error, Reader, Result, Writer};

const DOC_COLS: &str = "id, unit_id, category, title, drafting_unit_id, drafter_id, signer_id, signed_on, year, seq, number, issued_on, secret, status, created_at, updated_at, signed_by, signed_at";

fn doc_row(r: &Row<'_>) -> rusqlite::Result<OutgoingDoc> {
    let status: String = r.get(13)?;
    Ok(OutgoingDoc {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        category: r.get(2)?,
        title: r.get(3)?,
        drafting_unit_id: r.get(4)?,
        drafter_id: r.get(5)?,
        signer_id: r.get(6)?,
        signed_on: r.get(7)?,
        year: r.get(8)?,
        seq: r.get(9)?,
        number: r.get(10)?,
        issued_on: r.get(11)?,
        secret: r.get(12)?,
        status: OutgoingStatus::parse(&status).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                13,
                rusqlite::types::Type::Text,
                format!("unknown status {status}").into(),
            )
        })?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
        signed_by: r.get(16)?,
        signed_at: r.get(17)?,
    })
}

const CONTENT_COLS: &str = "doc_id, form, addressees, cc, body, attachments, issuer, written_on, printer, printed_on, copy_no, secrecy_term, urgency, note, updated_at";

fn content_row(r: &Row<'_>) -> rusqlite::Result<DocContent> {
    let bad = |i: usize, v: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown value {v}").into(),
        )
    };
    let form: String = r.get(1)?;
    let urgency: String = r.get(12)?;
    Ok(DocContent {
        doc_id: r.get(0)?,
        form: DocForm::parse(&form).ok_or_else(|| bad(1, &form))?,
        addressees: r.get(2)?,
        cc: r.get(3)?,
        body: r.get(4)?,
        attachments: r.get(5)?,
        issuer: r.get(6)?,
        written_on: r.get(7)?,
        printer: r.get(8)?,
        printed_on: r.get(9)?,
        copy_no: r.get(10)?,
        secrecy_term: r.get(11)?,
        urgency: Urgency::parse(&urgency).ok_or_else(|| bad(12, &urgency))?,
        note: r.get(13)?,
        updated_at: r.get(14)?,
    })
}

const FILE_COLS: &str = "id, doc_id, name, size, sha256, sort, added_at";

fn file_row(r: &Row<'_>) -> rusqlite::Result<DocFile> {
    Ok(DocFile {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        name: r.get(2)?,
        size: r.get(3)?,
        sha256: r.get(4)?,
        sort: r.get(5)?,
        added_at: r.get(6)?,
    })
}

fn recipient_row(r: &Row<'_>) -> rusqlite::Result<DocRecipient> {
    let role: String = r.get(2)?;
    Ok(DocRecipient {
        doc_id: r.get(0)?,
        unit_id: r.get(1)?,
        role: RecipientRole::parse(&role).unwrap_or(RecipientRole::Main),
        sent_at: r.get(3)?,
    })
}

const RECEIPT_COLS: &str =
    "doc_id, unit_id, received_on, received_by, incoming_id, done_on, outcome";

fn receipt_row(r: &Row<'_>) -> rusqlite::Result<DocReceipt> {
    Ok(DocReceipt {
        doc_id: r.get(0)?,
        unit_id: r.get(1)?,
        received_on: r.get(2)?,
        received_by: r.get(3)?,
        incoming_id: r.get(4)?,
        done_on: r.get(5)?,
        outcome: r.get(6)?,
    })
}

const IN_COLS: &str = "id, unit_id, received_on, sender, title, doc_number, urgent, instruction, secret, registered_by, created_at";

fn incoming_row(r: &Row<'_>) -> rusqlite::Result<IncomingDoc> {
    Ok(IncomingDoc {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        received_on: r.get(2)?,
        sender: r.get(3)?,
        title: r.get(4)?,
        doc_number: r.get(5)?,
        urgent: r.get(6)?,
        instruction: r.get(7)?,
        secret: r.get(8)?,
        registered_by: r.get(9)?,
        created_at: r.get(10)?,
    })
}

const DISPATCH_COLS: &str = "id, doc_id, sent_on, to_unit, recipient, content, outcome";

fn dispatch_row(r: &Row<'_>) -> rusqlite::Result<Dispatch> {
    Ok(Dispatch {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        sent_on: r.get(2)?,
        to_unit: r.get(3)?,
        recipient: r.get(4)?,
        content: r.get(5)?,
        outcome: r.get(6)?,
    })
}

fn category_row(r: &Row<'_>) -> rusqlite::Result<DocCategory> {
    let kind: String = r.get(3)?;
    Ok(DocCategory {
        code: r.get(0)?,
        name: r.get(1)?,
        prefix: r.get(2)?,
        kind: DocKind::parse(&kind).unwrap_or(DocKind::Company),
        foreign: r.get(4)?,
    })
}

const CATEGORY_SQL: &str = "SELECT c.code, c.name, c.prefix, c.kind,
    EXISTS (SELECT 1 FROM sync_owner o WHERE o.tbl = 'doc_category' AND o.key = json_array(c.code))
    FROM doc_category c";

impl<C: Borrow<Connection>> Reader<C> {
    pub fn doc_categories(&self) -> Result<Vec<DocCategory>> {
        let mut stmt = self
            .conn()
            .prepare(&format!("{CATEGORY_SQL} ORDER BY 5, c.sort, c.code"))?;
        let rows = stmt.query_map([], category_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn outgoing_docs(&self) -> Result<Vec<OutgoingDoc>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {DOC_COLS} FROM outgoing_doc ORDER BY coalesce(issued_on, created_at) DESC, rowid DESC"
        ))?;
        let rows = stmt.query_map([], doc_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn outgoing_doc(&self, id: &str) -> Result<Option<OutgoingDoc>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {DOC_COLS} FROM outgoing_doc WHERE id = ?1"),
                [id],
                doc_row,
            )
            .optional()?)
    }

    /// An outgoing document's text, if it has one.
    pub fn doc_content(&self, doc_id: &str) -> Result<Option<DocContent>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {CONTENT_COLS} FROM doc_content WHERE doc_id = ?1"),
                [doc_id],
                content_row,
            )
            .optional()?)
    }

    /// The units a document was sent to, in the order they were named, with their receipts.
    pub fn doc_recipients(&self, doc_id: &str) -> Result<Vec<(DocRecipient, Option<DocReceipt>)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT doc_id, unit_id, role, sent_at FROM doc_recipient WHERE doc_id = ?1 ORDER BY role DESC, sent_at, unit_id",
        )?;
        let recipients = stmt
            .query_map([doc_id], recipient_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        recipients
            .into_iter()
            .map(|r| {
                let receipt = self.doc_receipt(&r.doc_id, &r.unit_id)?;
                Ok((r, receipt))
            })
            .collect()
    }

    pub fn doc_receipt(&self, doc_id: &str, unit_id: &str) -> Result<Option<DocReceipt>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {RECEIPT_COLS} FROM doc_receipt WHERE doc_id = ?1 AND unit_id = ?2"
                ),
                [doc_id, unit_id],
                receipt_row,
            )
            .optional()?)
    }

    /// A document's attachments, in order, without their bytes.
    pub fn doc_files(&self, doc_id: &str) -> Result<Vec<DocFile>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {FILE_COLS} FROM doc_file WHERE doc_id = ?1 ORDER BY sort, added_at, id"
        ))?;
        let rows = stmt.query_map([doc_id], file_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One attachment's bytes.
    pub fn doc_file_data(&self, id: &str) -> Result<Option<(DocFile, Vec<u8>)>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {FILE_COLS}, data FROM doc_file WHERE id = ?1"),
                [id],
                |r| Ok((file_row(r)?, r.get(7)?)),
            )
            .optional()?)
    }

    /// The receipt an incoming document was registered from, if it was sent through sync.
    pub fn receipt_of_incoming(&self, incoming_id: &str) -> Result<Option<DocReceipt>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {RECEIPT_COLS} FROM doc_receipt WHERE incoming_id = ?1"),
                [incoming_id],
                receipt_row,
            )
            .optional()?)
    }

    /// Documents sent to this site's own units (not to units another site speaks for) and not
    /// yet signed for, oldest first.
    pub fn doc_inbox(&self) -> Result<Vec<DocRecipient>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.doc_id, r.unit_id, r.role, r.sent_at FROM doc_recipient r
             WHERE NOT EXISTS (SELECT 1 FROM doc_receipt x WHERE x.doc_id = r.doc_id AND x.unit_id = r.unit_id)
               AND NOT EXISTS (SELECT 1 FROM sync_owner o WHERE o.tbl = 'unit' AND o.key = json_array(r.unit_id))
             ORDER BY r.sent_at, r.doc_id",
        )?;
        let rows = stmt.query_map([], recipient_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Handlers of an incoming document still open.
    pub fn open_handlers(&self, incoming_id: &str) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM action_item WHERE doc_id = ?1 AND status IN ('open', 'in_progress')",
            [incoming_id],
            |r| r.get(0),
        )?)
    }

    /// Incoming documents, newest first.
    pub fn incoming_docs(&self) -> Result<Vec<IncomingDoc>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {IN_COLS} FROM incoming_doc ORDER BY received_on DESC, created_at DESC"
        ))?;
        let rows = stmt.query_map([], incoming_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn incoming_doc(&self, id: &str) -> Result<Option<IncomingDoc>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {IN_COLS} FROM incoming_doc WHERE id = ?1"),
                [id],
                incoming_row,
            )
            .optional()?)
    }

    pub fn doc_category(&self, code: &str) -> Result<Option<DocCategory>> {
        Ok(self
            .conn()
            .query_row(
                &format!("{CATEGORY_SQL} WHERE c.code = ?1"),
                [code],
                category_row,
            )
            .optional()?)
    }

    pub fn dispatch(&self, id: &str) -> Result<Option<Dispatch>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {DISPATCH_COLS} FROM doc_dispatch WHERE id = ?1"),
                [id],
                dispatch_row,
            )
            .optional()?)
    }

    /// The scope of a secret document: (unit ids, position ids).
    pub fn doc_scope(&self, doc_id: &str) -> Result<(Vec<String>, Vec<String>)> {
        let mut stmt = self
            .conn()
            .prepare("SELECT unit_id, position_id FROM doc_scope WHERE doc_id = ?1")?;
        let rows: Vec<(Option<String>, Option<String>)> = stmt
            .query_map([doc_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((
            rows.iter().filter_map(|r| r.0.clone()).collect(),
            rows.iter().filter_map(|r| r.1.clone()).collect(),
        ))
    }

    /// Where an issued document was sent, in order.
    pub fn dispatches(&self, doc_id: &str) -> Result<Vec<Dispatch>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {DISPATCH_COLS} FROM doc_dispatch WHERE doc_id = ?1 ORDER BY sent_on, rowid"
        ))?;
        let rows = stmt.query_map([doc_id], dispatch_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// An issued document's corrections, oldest first.
    pub fn doc_revisions(&self, doc_id: &str) -> Result<Vec<DocRevision>> {
        let mut stmt = self.conn().prepare(
            "SELECT rev, snapshot, reason, by, at FROM doc_revision WHERE doc_id = ?1 ORDER BY rev",
        )?;
        let rows = stmt.query_map([doc_id], |r| {
            let snapshot: String = r.get(1)?;
            Ok(DocRevision {
                rev: r.get(0)?,
                before: serde_json::from_str(&snapshot).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        1,
                        rusqlite::types::Type::Text,
                        e.into(),
                    )
                })?,
                reason: r.get(2)?,
                by: r.get(3)?,
                at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Writer<'_> {
    pub fn put_doc_category(&self, c: &DocCategory, sort: i64) -> Result<()> {
        self.tx.execute(
            "INSERT INTO doc_category (code, name, prefix, kind, sort) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, prefix = excluded.prefix, kind = excluded.kind",
            params![c.code, c.name, c.prefix, c.kind.as_str(), sort],
        )?;
        Ok(())
    }

    /// Hands out the next number of a category and year: the lowest one given back, else one
    /// more than the highest ever handed out. The caller's transaction is immediate, so two
    /// writers never get the same number.
    pub fn reserve_number(
        &self,
        category: &str,
        year: i32,
        doc_id: Option<&str>,
        at: &str,
    ) -> Result<i64> {
        let released: Option<i64> = self
            .tx
            .query_row(
                "SELECT min(seq) FROM doc_number WHERE category = ?1 AND year = ?2 AND state = 'released'",
                params![category, year],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let seq = match released {
            Some(s) => s,
            None => self.tx.query_row(
                "SELECT coalesce(max(seq), 0) + 1 FROM doc_number WHERE category = ?1 AND year = ?2",
                params![category, year],
                |r| r.get(0),
            )?,
        };
        self.tx.execute(
            "INSERT INTO doc_number (category, year, seq, state, doc_id, at) VALUES (?1, ?2, ?3, 'reserved', ?4, ?5)
             ON CONFLICT (category, year, seq) DO UPDATE SET state = 'reserved', doc_id = excluded.doc_id, at = excluded.at",
            params![category, year, seq, doc_id, at],
        )?;
        Ok(seq)
    }

    /// Marks a number `used` by an issued document, or `released` for reuse.
    pub fn set_number_state(
        &self,
        category: &str,
        year: i32,
        seq: i64,
        state: &str,
        doc_id: Option<&str>,
        at: &str,
    ) -> Result<()> {
        let n = self.tx.execute(
            "UPDATE doc_number SET state = ?4, doc_id = ?5, at = ?6 WHERE category = ?1 AND year = ?2 AND seq = ?3 AND state <> 'used'",
            params![category, year, seq, state, doc_id, at],
        )?;
        if n == 0 {
            return Err(Error::NotFound(format!("{category} {year} {seq}")));
        }
        Ok(())
    }

    pub fn put_outgoing_doc(&self, d: &OutgoingDoc) -> Result<()> {
        self.tx.execute(
            &format!(
                "INSERT INTO outgoing_doc ({DOC_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
                 ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, category = excluded.category, title = excluded.title,
                   drafting_unit_id = excluded.drafting_unit_id, drafter_id = excluded.drafter_id, signer_id = excluded.signer_id,
                   signed_on = excluded.signed_on, year = excluded.year, seq = excluded.seq, number = excluded.number,
                   issued_on = excluded.issued_on, secret = excluded.secret, status = excluded.status, updated_at = excluded.updated_at,
                   signed_by = excluded.signed_by, signed_at = excluded.signed_at"
            ),
            params![
                d.id, d.unit_id, d.category, d.title, d.drafting_unit_id, d.drafter_id, d.signer_id, d.signed_on,
                d.year, d.seq, d.number, d.issued_on, d.secret, d.status.as_str(), d.created_at, d.updated_at,
                d.signed_by, d.signed_at
            ],
        )?;
        Ok(())
    }

    pub fn put_doc_content(&self, c: &DocContent) -> Result<()> {
        self.tx.execute(
            &format!(
                "INSERT INTO doc_content ({CONTENT_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                 ON CONFLICT (doc_id) DO UPDATE SET form = excluded.form, addressees = excluded.addressees, cc = excluded.cc,
                   body = excluded.body, attachments = excluded.attachments, issuer = excluded.issuer,
                   written_on = excluded.written_on, printer = excluded.printer, printed_on = excluded.printed_on,
                   copy_no = excluded.copy_no, secrecy_term = excluded.secrecy_term, urgency = excluded.urgency,
                   note = excluded.note, updated_at = excluded.updated_at"
            ),
            params![
                c.doc_id, c.form.as_str(), c.addressees, c.cc, c.body, c.attachments, c.issuer, c.written_on,
                c.printer, c.printed_on, c.copy_no, c.secrecy_term, c.urgency.as_str(), c.note, c.updated_at
            ],
        )?;
        Ok(())
    }

    pub fn put_doc_recipient(&self, r: &DocRecipient) -> Result<()> {
        self.tx.execute(
            "INSERT INTO doc_recipient (doc_id, unit_id, role, sent_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (doc_id, unit_id) DO UPDATE SET role = excluded.role",
            params![r.doc_id, r.unit_id, r.role.as_str(), r.sent_at],
        )?;
        Ok(())
    }

    pub fn delete_doc_recipient(&self, doc_id: &str, unit_id: &str) -> Result<()> {
        self.tx.execute(
            "DELETE FROM doc_recipient WHERE doc_id = ?1 AND unit_id = ?2",
            [doc_id, unit_id],
        )?;
        Ok(())
    }

    pub fn put_doc_file(&self, f: &DocFile, data: &[u8]) -> Result<()> {
        self.tx.execute(
            "INSERT INTO doc_file (id, doc_id, name, size, sha256, data, sort, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![f.id, f.doc_id, f.name, f.size, f.sha256, data, f.sort, f.added_at],
        )?;
        Ok(())
    }

    pub fn delete_doc_file(&self, id: &str) -> Result<()> {
        self.tx
            .execute("DELETE FROM doc_file WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn put_doc_receipt(&self, r: &DocReceipt) -> Result<()> {
        self.tx.execute(
            &format!(
                "INSERT INTO doc_receipt ({RECEIPT_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (doc_id, unit_id) DO UPDATE SET received_on = excluded.received_on,
                   received_by = excluded.received_by, incoming_id = excluded.incoming_id,
                   done_on = excluded.done_on, outcome = excluded.outcome"
            ),
            params![
                r.doc_id,
                r.unit_id,
                r.received_on,
                r.received_by,
                r.incoming_id,
                r.done_on,
                r.outcome
            ],
        )?;
        Ok(())
    }

    pub fn put_incoming_doc(&self, d: &IncomingDoc) -> Result<()> {
        self.tx.execute(
            &format!(
                "INSERT INTO incoming_doc ({IN_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (id) DO UPDATE SET received_on = excluded.received_on, sender = excluded.sender,
                   title = excluded.title, doc_number = excluded.doc_number, urgent = excluded.urgent,
                   instruction = excluded.instruction, secret = excluded.secret"
            ),
            params![d.id, d.unit_id, d.received_on, d.sender, d.title, d.doc_number, d.urgent, d.instruction, d.secret, d.registered_by, d.created_at],
        )?;
        Ok(())
    }

    pub fn put_dispatch(&self, d: &Dispatch) -> Result<()> {
        self.tx.execute(
            "INSERT INTO doc_dispatch (id, doc_id, sent_on, to_unit, recipient, content, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET outcome = excluded.outcome",
            params![d.id, d.doc_id, d.sent_on, d.to_unit, d.recipient, d.content, d.outcome],
        )?;
        Ok(())
    }

    /// Keeps `before` as the next revision of its document; returns that revision's number.
    pub fn add_doc_revision(
        &self,
        before: &OutgoingDoc,
        reason: &str,
        by: &str,
        at: &str,
    ) -> Result<i64> {
        let rev: i64 = self.tx.query_row(
            "SELECT coalesce(max(rev), 0) + 1 FROM doc_revision WHERE doc_id = ?1",
            [&before.id],
            |r| r.get(0),
        )?;
        self.tx.execute(
            "INSERT INTO doc_revision (doc_id, rev, snapshot, reason, by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![before.id, rev, serde_json::to_string(before).expect("plain data serialises"), reason, by, at],
        )?;
        Ok(rev)
    }

    /// Replaces a document's scope.
    pub fn set_doc_scope(
        &self,
        doc_id: &str,
        units: &[String],
        positions: &[String],
    ) -> Result<()> {
        self.tx
            .execute("DELETE FROM doc_scope WHERE doc_id = ?1", [doc_id])?;
        for u in units {
            self.tx.execute(
                "INSERT INTO doc_scope (doc_id, unit_id) VALUES (?1, ?2)",
                params![doc_id, u],
            )?;
        }
        for p in positions {
            self.tx.execute(
                "INSERT INTO doc_scope (doc_id, position_id) VALUES (?1, ?2)",
                params![doc_id, p],
            )?;
        }
        Ok(())
    }
}
