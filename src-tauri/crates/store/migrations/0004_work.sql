-- Minutes with revisions, action items with their history, submissions, plans, and the
-- full-text index.

-- The minutes' attendees, agenda and decisions as JSON (branchdesk_domain::MinutesBody).
ALTER TABLE meeting ADD COLUMN body TEXT NOT NULL DEFAULT '{}';
-- How many times the minutes were finalised; 0 for a draft never finalised.
ALTER TABLE meeting ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meeting ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE meeting SET series = coalesce(series, ''), rev = (status = 'final'),
    updated_at = held_at;
CREATE INDEX meeting_series ON meeting (unit_id, series, held_at);

-- Each finalised revision as it was (JSON), kept forever.
CREATE TABLE meeting_revision (
    meeting_id TEXT NOT NULL REFERENCES meeting (id),
    rev        INTEGER NOT NULL CHECK (rev > 0),
    snapshot   TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    by         TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (meeting_id, rev)
) WITHOUT ROWID;

ALTER TABLE action_item ADD COLUMN unit_id TEXT REFERENCES unit (id);
ALTER TABLE action_item ADD COLUMN detail TEXT NOT NULL DEFAULT '';
ALTER TABLE action_item ADD COLUMN plan_node_id TEXT;
ALTER TABLE action_item ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE action_item ADD COLUMN closed_on TEXT;
ALTER TABLE action_item ADD COLUMN sort INTEGER NOT NULL DEFAULT 0;
UPDATE action_item SET
    unit_id = (SELECT m.unit_id FROM meeting m WHERE m.id = action_item.meeting_id),
    created_at = coalesce((SELECT m.held_at FROM meeting m WHERE m.id = action_item.meeting_id), ''),
    closed_on = CASE WHEN status IN ('done', 'cancelled') THEN due_on END;
CREATE INDEX action_item_owner ON action_item (owner_id, due_on);
CREATE INDEX action_item_meeting ON action_item (meeting_id);

CREATE TABLE action_log (
    id         INTEGER PRIMARY KEY,
    action_id  TEXT NOT NULL REFERENCES action_item (id),
    old_status TEXT,
    new_status TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    by         TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX action_log_action ON action_log (action_id);

-- Seed 001 系统推广日常管理: what a unit submitted in a month and the reviewer's verdict.
CREATE TABLE submission (
    id           TEXT PRIMARY KEY,
    unit_id      TEXT NOT NULL REFERENCES unit (id),
    month        TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    kind         TEXT NOT NULL CHECK (kind IN ('minutes', 'briefing', 'bulletin', 'training')),
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    meeting_id   TEXT UNIQUE REFERENCES meeting (id),
    submitted_on TEXT NOT NULL,
    verdict      TEXT CHECK (verdict IN ('compliant', 'noncompliant')),
    verdict_note TEXT NOT NULL DEFAULT '',
    reviewed_by  TEXT,
    reviewed_at  TEXT
);
CREATE INDEX submission_month ON submission (month, unit_id);

CREATE TABLE plan_node (
    id                TEXT PRIMARY KEY,
    unit_id           TEXT NOT NULL REFERENCES unit (id),
    parent_id         TEXT REFERENCES plan_node (id),
    level             TEXT NOT NULL CHECK (level IN ('three_year', 'annual', 'quarter', 'month', 'personal_month', 'personal_week')),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner_person_id   TEXT REFERENCES person (id),
    owner_position_id TEXT REFERENCES position (id),
    period            TEXT NOT NULL,
    priority          TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('high', 'medium', 'low')),
    weight            TEXT NOT NULL DEFAULT '0',
    target_value      TEXT,
    target_unit       TEXT NOT NULL DEFAULT '',
    kpi_metric        TEXT,
    actual_value      TEXT,
    progress          TEXT NOT NULL DEFAULT '0',
    status            TEXT NOT NULL CHECK (status IN ('issued', 'draft', 'submitted', 'approved', 'returned', 'executing', 'closed')),
    deviation         TEXT NOT NULL DEFAULT '',
    outcome           TEXT NOT NULL DEFAULT '',
    milestones        TEXT NOT NULL DEFAULT '[]',
    sort              INTEGER NOT NULL DEFAULT 0,
    updated_at        TEXT NOT NULL
);
CREATE INDEX plan_node_unit ON plan_node (unit_id, period);
CREATE INDEX plan_node_parent ON plan_node (parent_id);
CREATE INDEX plan_node_owner ON plan_node (owner_person_id, period);

CREATE TABLE plan_log (
    id          INTEGER PRIMARY KEY,
    node_id     TEXT NOT NULL REFERENCES plan_node (id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    by          TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX plan_log_node ON plan_log (node_id);

CREATE TABLE plan_adjustment (
    id           TEXT PRIMARY KEY,
    node_id      TEXT NOT NULL REFERENCES plan_node (id),
    month        TEXT NOT NULL,
    old_target   TEXT,
    new_target   TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    requested_on TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
    decided_by   TEXT,
    decided_on   TEXT,
    decision     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_adjustment_node ON plan_adjustment (node_id);

-- 工作总结: the owner's own words for a week or month; the items come from the plan.
CREATE TABLE work_summary (
    person_id  TEXT NOT NULL REFERENCES person (id),
    period     TEXT NOT NULL,
    text       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (person_id, period)
) WITHOUT ROWID;

-- Full-text search. `search_doc` keeps each indexed paragraph as written; `search_fts` indexes
-- it as Chinese character bigrams and lower-cased words (see store/src/search.rs), so a
-- two-character word such as 续保 is found as well as longer ones.
CREATE TABLE search_doc (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    ref_id  TEXT NOT NULL,
    unit_id TEXT,
    title   TEXT NOT NULL,
    body    TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX search_doc_ref ON search_doc (ref_id);
CREATE VIRTUAL TABLE search_fts USING fts5 (tokens, content = '', contentless_delete = 1);
