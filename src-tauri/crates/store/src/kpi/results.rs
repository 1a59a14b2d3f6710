//! Results sent down to units (`kpi_result`), the units' answers (`kpi_response`) and
//! headquarters' rulings on appeals (`kpi_ruling`). These travel in bundles (migration 0014).

use std::borrow::Borrow;

use rusqlite::{params, Connection};

use crate::rows::collect;
use crate::{Reader, Result, Writer};

/// One unit's results in one published version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub id: String,
    pub unit_id: String,
    pub scheme_name: String,
    pub period: String,
    pub version: i64,
    pub total: String,
    pub rank: i64,
    pub ranked: i64,
    pub reward: String,
    /// JSON: [{id, name, value, score}]
    pub scores: String,
    pub reason: String,
    pub published_by: String,
    pub published_at: String,
    pub respond_by: String,
}

/// A unit's answer to its results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseRow {
    pub id: String,
    pub result_id: String,
    pub unit_id: String,
    /// `confirm` or `appeal`.
    pub kind: String,
    pub indicator: String,
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// Headquarters' ruling on an appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulingRow {
    pub id: String,
    pub response_id: String,
    pub unit_id: String,
    /// `upheld` or `refused`.
    pub verdict: String,
    pub comment: String,
    pub decided_by: String,
    pub decided_at: String,
}

/// A file supporting an appeal; `body` is base64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    pub id: String,
    pub response_id: String,
    pub unit_id: String,
    pub name: String,
    pub size: i64,
    pub sha256: String,
    pub body: String,
    pub added_at: String,
}

/// A result with the unit's code and name, its answer and the ruling, as lists show it.
#[derive(Debug, Clone)]
pub struct ResultLine {
    pub result: ResultRow,
    pub unit_code: String,
    pub unit_name: String,
    pub response: Option<ResponseRow>,
    pub ruling: Option<RulingRow>,
}

impl<C: Borrow<Connection>> Reader<C> {
    /// Every result sent (at headquarters) or received (at a unit), newest first, with its
    /// answer and ruling; only `period`'s when given.
    pub fn kpi_results(&self, period: Option<&str>) -> Result<Vec<ResultLine>> {
        collect(
            self.conn(),
            "SELECT r.id, r.unit_id, r.scheme_name, r.period, r.version, r.total, r.rank, r.ranked,
                    r.reward, r.scores, r.reason, r.published_by, r.published_at, r.respond_by,
                    u.code, u.name,
                    s.id, s.kind, s.indicator, s.reason, s.by, s.at,
                    g.id, g.verdict, g.comment, g.decided_by, g.decided_at
             FROM kpi_result r JOIN unit u ON u.id = r.unit_id
             LEFT JOIN kpi_response s ON s.result_id = r.id
             LEFT JOIN kpi_ruling g ON g.response_id = s.id
             WHERE ?1 IS NULL OR r.period = ?1
             ORDER BY r.published_at DESC, r.period DESC, r.version DESC, r.rank, u.code",
            [period],
            |r| {
                let result = ResultRow {
                    id: r.get(0)?,
                    unit_id: r.get(1)?,
                    scheme_name: r.get(2)?,
                    period: r.get(3)?,
                    version: r.get(4)?,
                    total: r.get(5)?,
                    rank: r.get(6)?,
                    ranked: r.get(7)?,
                    reward: r.get(8)?,
                    scores: r.get(9)?,
                    reason: r.get(10)?,
                    published_by: r.get(11)?,
                    published_at: r.get(12)?,
                    respond_by: r.get(13)?,
                };
                let response = match r.get::<_, Option<String>>(16)? {
                    None => None,
                    Some(id) => Some(ResponseRow {
                        id,
                        result_id: result.id.clone(),
                        unit_id: result.unit_id.clone(),
                        kind: r.get(17)?,
                        indicator: r.get(18)?,
                        reason: r.get(19)?,
                        by: r.get(20)?,
                        at: r.get(21)?,
                    }),
                };
                let ruling = match (r.get::<_, Option<String>>(22)?, &response) {
                    (Some(id), Some(s)) => Some(RulingRow {
                        id,
                        response_id: s.id.clone(),
                        unit_id: result.unit_id.clone(),
                        verdict: r.get(23)?,
                        comment: r.get(24)?,
                        decided_by: r.get(25)?,
                        decided_at: r.get(26)?,
                    }),
                    _ => None,
                };
                Ok(ResultLine {
                    unit_code: r.get(14)?,
                    unit_name: r.get(15)?,
                    result,
                    response,
                    ruling,
                })
            },
        )
    }
}

impl<C: Borrow<Connection>> Reader<C> {
    /// The evidence of every appeal, without the files: (id, response id, name, size).
    pub fn kpi_evidence_list(&self) -> Result<Vec<(String, String, String, i64)>> {
        collect(
            self.conn(),
            "SELECT id, response_id, name, size FROM kpi_evidence ORDER BY added_at, name",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
    }

    /// One piece of evidence with its file.
    pub fn kpi_evidence(&self, id: &str) -> Result<Option<EvidenceRow>> {
        Ok(collect(
            self.conn(),
            "SELECT id, response_id, unit_id, name, size, sha256, body, added_at FROM kpi_evidence
             WHERE id = ?1",
            [id],
            |r| {
                Ok(EvidenceRow {
                    id: r.get(0)?,
                    response_id: r.get(1)?,
                    unit_id: r.get(2)?,
                    name: r.get(3)?,
                    size: r.get(4)?,
                    sha256: r.get(5)?,
                    body: r.get(6)?,
                    added_at: r.get(7)?,
                })
            },
        )?
        .pop())
    }
}

impl Writer<'_> {
    pub fn add_kpi_evidence(&self, e: &EvidenceRow) -> Result<()> {
        self.tx.execute(
            "INSERT INTO kpi_evidence (id, response_id, unit_id, name, size, sha256, body, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![e.id, e.response_id, e.unit_id, e.name, e.size, e.sha256, e.body, e.added_at],
        )?;
        Ok(())
    }

    pub fn add_kpi_result(&self, r: &ResultRow) -> Result<()> {
        self.tx.execute(
            "INSERT INTO kpi_result (id, unit_id, scheme_name, period, version, total, rank, ranked,
                reward, scores, reason, published_by, published_at, respond_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                r.id,
                r.unit_id,
                r.scheme_name,
                r.period,
                r.version,
                r.total,
                r.rank,
                r.ranked,
                r.reward,
                r.scores,
                r.reason,
                r.published_by,
                r.published_at,
                r.respond_by
            ],
        )?;
        Ok(())
    }

    pub fn add_kpi_response(&self, s: &ResponseRow) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO kpi_response (id, result_id, unit_id, kind, indicator, reason, by, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    s.id,
                    s.result_id,
                    s.unit_id,
                    s.kind,
                    s.indicator,
                    s.reason,
                    s.by,
                    s.at
                ],
            )
            .map_err(crate::Error::unique("kpi_response"))?;
        Ok(())
    }

    pub fn add_kpi_ruling(&self, g: &RulingRow) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO kpi_ruling (id, response_id, unit_id, verdict, comment, decided_by, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    g.id,
                    g.response_id,
                    g.unit_id,
                    g.verdict,
                    g.comment,
                    g.decided_by,
                    g.decided_at
                ],
            )
            .map_err(crate::Error::unique("kpi_ruling"))?;
        Ok(())
    }
}
