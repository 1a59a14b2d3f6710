-- The document register, outgoing side: numbering categories, every number ever handed out,
-- outgoing documents and the distribution scope of secret ones.

CREATE TABLE doc_category (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL CHECK (length(trim(name)) > 0),
    prefix TEXT NOT NULL CHECK (length(trim(prefix)) > 0),
    kind   TEXT NOT NULL CHECK (kind IN ('company', 'business')),
    sort   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- One row per number of a category and year. `reserved`: handed out, not yet on an issued
-- document; `used`: on an issued document, never given again; `released`: given back (its
-- draft was withdrawn) and handed out again before any new number, so numbers never skip.
CREATE TABLE doc_number (
    category TEXT NOT NULL REFERENCES doc_category (code),
    year     INTEGER NOT NULL,
    seq      INTEGER NOT NULL CHECK (seq > 0),
    state    TEXT NOT NULL CHECK (state IN ('reserved', 'used', 'released')),
    doc_id   TEXT,
    at       TEXT NOT NULL,
    PRIMARY KEY (category, year, seq)
) WITHOUT ROWID;

CREATE TABLE outgoing_doc (
    id               TEXT PRIMARY KEY,
    unit_id          TEXT NOT NULL REFERENCES unit (id),
    category         TEXT NOT NULL REFERENCES doc_category (code),
    title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
    drafting_unit_id TEXT REFERENCES unit (id),
    drafter_id       TEXT REFERENCES person (id),
    signer_id        TEXT REFERENCES person (id),
    signed_on        TEXT,
    year             INTEGER,
    seq              INTEGER,
    number           TEXT UNIQUE,
    issued_on        TEXT,
    secret           INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'signed', 'issued', 'withdrawn')),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (category, year, seq)
);

-- Who may receive a secret document: units (and everything below them) or positions.
CREATE TABLE doc_scope (
    doc_id      TEXT NOT NULL REFERENCES outgoing_doc (id),
    unit_id     TEXT REFERENCES unit (id),
    position_id TEXT REFERENCES position (id),
    CHECK ((unit_id IS NULL) <> (position_id IS NULL))
);
CREATE INDEX doc_scope_doc ON doc_scope (doc_id);

-- Incoming documents (收文) and their read-and-handle slip (阅办单). Each handler's task is an
-- action item pointing at the document, so it is followed up on the same board as meetings'.
CREATE TABLE incoming_doc (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES unit (id),
    received_on TEXT NOT NULL,
    sender      TEXT NOT NULL CHECK (length(trim(sender)) > 0),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    doc_number  TEXT NOT NULL DEFAULT '',
    urgent      INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    instruction TEXT NOT NULL DEFAULT '',
    secret      INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
    registered_by TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX incoming_doc_received ON incoming_doc (received_on);
ALTER TABLE action_item ADD COLUMN doc_id TEXT REFERENCES incoming_doc (id);
CREATE INDEX action_item_doc ON action_item (doc_id);

-- Who an issued document was sent to, and what the sender heard back (发文登记: 送达部门、
-- 接收人、办理结果).
CREATE TABLE doc_dispatch (
    id        TEXT PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES outgoing_doc (id),
    sent_on   TEXT NOT NULL,
    to_unit   TEXT NOT NULL CHECK (length(trim(to_unit)) > 0),
    recipient TEXT NOT NULL DEFAULT '',
    content   TEXT NOT NULL DEFAULT '',
    outcome   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX doc_dispatch_doc ON doc_dispatch (doc_id);

-- An issued document's earlier states: a correction keeps what it corrects.
CREATE TABLE doc_revision (
    doc_id   TEXT NOT NULL REFERENCES outgoing_doc (id),
    rev      INTEGER NOT NULL CHECK (rev > 0),
    snapshot TEXT NOT NULL,
    reason   TEXT NOT NULL,
    by       TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (doc_id, rev)
) WITHOUT ROWID;
