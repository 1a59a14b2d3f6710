//! Full-text search that works for Chinese.
//!
//! FTS5's tokenizers either split Chinese not at all (`unicode61`) or only find three
//! characters and more (`trigram`). So the text is turned into tokens here: each run of CJK
//! characters becomes its overlapping bigrams plus the run's last character alone, every other
//! run of letters and digits one lower-cased word. `续保率` → `续保 保率 率`.
//!
//! A query term becomes the phrase of its own tokens without the trailing single character
//! (`续保` → `"续保"`, `续保率` → `"续保 保率"`): consecutive bigrams match exactly where the
//! term occurs. A single character or a Latin word matches as a prefix (`续*`, `kpi*`).

use std::borrow::Borrow;

use rusqlite::{params, Connection};

use crate::{Reader, Result, Writer};

/// A paragraph to index: what it belongs to and its text.
pub struct SearchDoc<'a> {
    pub kind: &'a str,
    pub ref_id: &'a str,
    pub unit_id: Option<&'a str>,
    pub title: &'a str,
    pub body: &'a str,
    pub at: &'a str,
}

/// One hit: the paragraph as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub kind: String,
    pub ref_id: String,
    pub unit_id: Option<String>,
    pub title: String,
    pub body: String,
    pub at: String,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F
        | 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

#[derive(Debug, PartialEq, Eq)]
enum Run {
    Cjk(Vec<char>),
    Word(String),
}

fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
            cjk.push(c);
        } else if c.is_alphanumeric() {
            if !cjk.is_empty() {
                out.push(Run::Cjk(std::mem::take(&mut cjk)));
            }
            word.extend(c.to_lowercase());
        } else {
            if !cjk.is_empty() {
                out.push(Run::Cjk(std::mem::take(&mut cjk)));
            }
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
        }
    }
    if !cjk.is_empty() {
        out.push(Run::Cjk(cjk));
    }
    if !word.is_empty() {
        out.push(Run::Word(word));
    }
    out
}

/// The tokens stored for `text`, separated by spaces.
pub fn index_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for run in runs(text) {
        match run {
            Run::Word(w) => {
                out.push_str(&w);
                out.push(' ');
            }
            Run::Cjk(cs) => {
                for pair in cs.windows(2) {
                    out.push(pair[0]);
                    out.push(pair[1]);
                    out.push(' ');
                }
                out.push(cs[cs.len() - 1]);
                out.push(' ');
            }
        }
    }
    out
}

/// The FTS5 query for what a user typed: every whitespace-separated term must occur.
/// `None` when there is nothing to search for.
pub fn match_query(query: &str) -> Option<String> {
    let mut terms = Vec::new();
    for term in query.split_whitespace() {
        let runs = runs(term);
        let mut tokens: Vec<String> = Vec::new();
        let n = runs.len();
        let mut prefix = false;
        for (i, run) in runs.into_iter().enumerate() {
            match run {
                Run::Word(w) => {
                    prefix = i + 1 == n;
                    tokens.push(w);
                }
                Run::Cjk(cs) if cs.len() == 1 => {
                    prefix = i + 1 == n;
                    tokens.push(cs[0].to_string());
                }
                Run::Cjk(cs) => {
                    prefix = false;
                    tokens.extend(cs.windows(2).map(|p| p.iter().collect::<String>()));
                    // A run followed by more of the term ends there in the text too, where the
                    // index has the run's last character alone.
                    if i + 1 < n {
                        tokens.push(cs[cs.len() - 1].to_string());
                    }
                }
            }
        }
        if tokens.is_empty() {
            continue;
        }
        // Tokens hold only letters and digits, so quoting them is safe.
        let phrase = format!("\"{}\"", tokens.join(" "));
        terms.push(if prefix { format!("{phrase}*") } else { phrase });
    }
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

impl Writer<'_> {
    /// Replaces everything indexed for `ref_id` by `docs`.
    pub fn index(&self, ref_id: &str, docs: &[SearchDoc<'_>]) -> Result<()> {
        self.unindex(ref_id)?;
        let mut doc = self.tx.prepare_cached(
            "INSERT INTO search_doc (kind, ref_id, unit_id, title, body, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut fts = self
            .tx
            .prepare_cached("INSERT INTO search_fts (rowid, tokens) VALUES (?1, ?2)")?;
        for d in docs {
            doc.execute(params![d.kind, d.ref_id, d.unit_id, d.title, d.body, d.at])?;
            let rowid = self.tx.last_insert_rowid();
            fts.execute(params![
                rowid,
                index_tokens(&format!("{}\n{}", d.title, d.body))
            ])?;
        }
        Ok(())
    }

    /// Removes everything indexed for `ref_id`.
    pub fn unindex(&self, ref_id: &str) -> Result<()> {
        let mut ids = self
            .tx
            .prepare_cached("SELECT id FROM search_doc WHERE ref_id = ?1")?;
        let ids: Vec<i64> = ids
            .query_map([ref_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut del = self
            .tx
            .prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?;
        for id in &ids {
            del.execute([id])?;
        }
        self.tx
            .execute("DELETE FROM search_doc WHERE ref_id = ?1", [ref_id])?;
        Ok(())
    }
}

impl<C: Borrow<Connection>> Reader<C> {
    /// The kinds of record the index holds paragraphs of.
    pub fn search_kinds(&self) -> Result<Vec<String>> {
        crate::rows::collect(
            self.conn(),
            "SELECT DISTINCT kind FROM search_doc ORDER BY kind",
            [],
            |r| r.get(0),
        )
    }

    /// Paragraphs matching `query` (see the module comment), most recently written first, at
    /// most `limit`. (FTS5 walks its index in rowid order, so this needs no ranking of every
    /// match: a word found in tens of thousands of paragraphs costs no more than a rare one.)
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(m) = match_query(query) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT d.kind, d.ref_id, d.unit_id, d.title, d.body, d.at
             FROM search_fts f JOIN search_doc d ON d.id = f.rowid
             WHERE search_fts MATCH ?1 ORDER BY f.rowid DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![m, limit as i64], |r| {
            Ok(SearchHit {
                kind: r.get(0)?,
                ref_id: r.get(1)?,
                unit_id: r.get(2)?,
                title: r.get(3)?,
                body: r.get(4)?,
                at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn tokens_are_bigrams_and_words() {
        assert_eq!(index_tokens("续保率"), "续保 保率 率 ");
        assert_eq!(index_tokens("KPI考核，续保"), "kpi 考核 核 续保 保 ");
        assert_eq!(index_tokens("提升至90%以上"), "提升 升至 至 90 以上 上 ");
    }

    #[test]
    fn queries() {
        assert_eq!(match_query("续保").as_deref(), Some("\"续保\""));
        assert_eq!(match_query("续保率").as_deref(), Some("\"续保 保率\""));
        assert_eq!(match_query("续").as_deref(), Some("\"续\"*"));
        assert_eq!(
            match_query("KPI 续保").as_deref(),
            Some("\"kpi\"* AND \"续保\"")
        );
        // A document number: runs of Chinese, digits and Chinese again.
        assert_eq!(
            match_query("淄人保发〔2017〕1号").as_deref(),
            Some("\"淄人 人保 保发 发 2017 1 号\"*")
        );
        // FTS5 syntax in what the user typed is only text.
        assert_eq!(match_query("\"*) OR (").as_deref(), Some("\"or\"*"));
        assert_eq!(match_query("\"*) ("), None);
        assert_eq!(match_query("   "), None);
    }

    fn store_with(texts: &[&str]) -> Store {
        let mut s = Store::in_memory().unwrap();
        s.write(|w| {
            for (i, t) in texts.iter().enumerate() {
                let id = format!("r{i}");
                w.index(
                    &id,
                    &[SearchDoc {
                        kind: "test",
                        ref_id: &id,
                        unit_id: None,
                        title: "",
                        body: t,
                        at: "2016-07-01",
                    }],
                )?;
            }
            Ok::<_, crate::Error>(())
        })
        .unwrap();
        s
    }

    fn found(s: &Store, q: &str) -> Vec<String> {
        let mut v: Vec<String> = s
            .search(q, 50)
            .unwrap()
            .into_iter()
            .map(|h| h.ref_id)
            .collect();
        v.sort();
        v
    }

    #[test]
    fn finds_two_character_words_exactly() {
        let s = store_with(&[
            "运营部制定年底续保专项方案",
            "车险续保率提升至80%",
            "保费收入与续期保费",
            "继续保持增长",
            "Review the KPI scheme",
        ]);
        // Substring semantics: 继续保持 contains 续保 too; 续期保费 does not.
        assert_eq!(found(&s, "续保"), ["r0", "r1", "r3"]);
        assert_eq!(found(&s, "续保率"), ["r1"]);
        assert_eq!(found(&s, "保费"), ["r2"]);
        assert_eq!(found(&s, "kpi"), ["r4"]);
        assert_eq!(found(&s, "sch"), ["r4"]);
        assert_eq!(found(&s, "方案 年底"), ["r0"]);
        assert!(found(&s, "续保 kpi").is_empty());
        let s = store_with(&[
            "淄人保发〔2016〕63号",
            "淄人保发〔2016〕6号",
            "鲁人保发〔2016〕63号",
        ]);
        assert_eq!(found(&s, "淄人保发〔2016〕63号"), ["r0"]);
        assert_eq!(found(&s, "人保发〔2016〕63"), ["r0", "r2"]);
    }
}
