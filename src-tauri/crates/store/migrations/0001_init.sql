-- Branchdesk schema, version 1.
-- Identifiers are text so that records created on different sites never collide.

CREATE TABLE site (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    id          TEXT NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL CHECK (role IN ('unit', 'hq')),
    group_name  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE unit (
    id            TEXT PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind          TEXT NOT NULL CHECK (kind IN ('group', 'region', 'subsidiary', 'branch', 'office', 'department')),
    parent_id     TEXT REFERENCES unit (id),
    control_mode  TEXT CHECK (control_mode IN ('operational', 'strategic', 'financial')),
    ownership     TEXT CHECK (ownership IN ('controlling', 'minority')),
    industry      TEXT,
    econ_assessed INTEGER NOT NULL DEFAULT 0 CHECK (econ_assessed IN (0, 1)),
    sort          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX unit_parent ON unit (parent_id);

CREATE TABLE position (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    unit_id     TEXT NOT NULL REFERENCES unit (id),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    superior_id TEXT REFERENCES position (id),
    description TEXT NOT NULL DEFAULT '',
    duties      TEXT NOT NULL DEFAULT '[]', -- JSON array of strings, in order
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'vacant', 'planned')),
    sort        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX position_unit ON position (unit_id);
CREATE INDEX position_superior ON position (superior_id);

CREATE TABLE person (
    id      TEXT PRIMARY KEY,
    code    TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone   TEXT,
    status  TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
    left_on TEXT
);

CREATE TABLE assignment (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES person (id),
    position_id TEXT NOT NULL REFERENCES position (id),
    kind        TEXT NOT NULL DEFAULT 'primary' CHECK (kind IN ('primary', 'acting', 'part_time')),
    start_on    TEXT NOT NULL,
    end_on      TEXT
);
CREATE INDEX assignment_person ON assignment (person_id);
CREATE INDEX assignment_position ON assignment (position_id);

CREATE TABLE meeting (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES unit (id),
    kind        TEXT NOT NULL,
    series      TEXT,
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    held_at     TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    chair_id    TEXT REFERENCES person (id),
    recorder_id TEXT REFERENCES person (id),
    status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final'))
);

CREATE TABLE action_item (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT REFERENCES meeting (id),
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner_id   TEXT REFERENCES person (id),
    due_on     TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled'))
);
CREATE INDEX action_item_open ON action_item (status, due_on);

-- Monthly KPI figures: one value per unit, month and metric. Values are decimal strings
-- (or grades), never binary floats.
CREATE TABLE kpi_value (
    unit_id TEXT NOT NULL REFERENCES unit (id),
    period  TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    metric  TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (unit_id, period, metric)
) WITHOUT ROWID;
CREATE INDEX kpi_value_period ON kpi_value (period);
