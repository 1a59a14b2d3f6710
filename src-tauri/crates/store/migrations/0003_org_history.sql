-- Effective-dated organisation. `unit` and `position` keep the identity (id, code) and the
-- state as of today; every change is a new row in `unit_version` / `position_version`, valid
-- from a date until the next version. Nothing is rewritten in place: a correction for a date
-- that already has a version is a new row with a higher `rev`, and the highest wins.

ALTER TABLE unit ADD COLUMN closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1));
ALTER TABLE position ADD COLUMN closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1));

CREATE TABLE unit_version (
    rev           INTEGER PRIMARY KEY,
    unit_id       TEXT NOT NULL REFERENCES unit (id),
    valid_from    TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind          TEXT NOT NULL CHECK (kind IN ('group', 'region', 'subsidiary', 'branch', 'office', 'department')),
    parent_id     TEXT REFERENCES unit (id),
    control_mode  TEXT CHECK (control_mode IN ('operational', 'strategic', 'financial')),
    ownership     TEXT CHECK (ownership IN ('controlling', 'minority')),
    industry      TEXT NOT NULL DEFAULT '',
    econ_assessed INTEGER NOT NULL CHECK (econ_assessed IN (0, 1)),
    sort          INTEGER NOT NULL,
    closed        INTEGER NOT NULL CHECK (closed IN (0, 1)),
    recorded_at   TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX unit_version_asof ON unit_version (unit_id, valid_from, rev);

CREATE TABLE position_version (
    rev          INTEGER PRIMARY KEY,
    position_id  TEXT NOT NULL REFERENCES position (id),
    valid_from   TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    unit_id      TEXT NOT NULL REFERENCES unit (id),
    title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
    superior_id  TEXT REFERENCES position (id),
    description  TEXT NOT NULL DEFAULT '',
    duties       TEXT NOT NULL DEFAULT '[]',
    status       TEXT NOT NULL CHECK (status IN ('active', 'vacant', 'planned')),
    sort         INTEGER NOT NULL,
    closed       INTEGER NOT NULL CHECK (closed IN (0, 1)),
    recorded_at  TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX position_version_asof ON position_version (position_id, valid_from, rev);

-- What existed before dating began holds "since the beginning".
INSERT INTO unit_version (unit_id, valid_from, name, kind, parent_id, control_mode, ownership, industry, econ_assessed, sort, closed, recorded_at)
SELECT id, '1900-01-01', name, kind, parent_id, control_mode, ownership, coalesce(industry, ''), econ_assessed, sort, 0, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM unit ORDER BY rowid;

INSERT INTO position_version (position_id, valid_from, unit_id, title, superior_id, description, duties, status, sort, closed, recorded_at)
SELECT id, '1900-01-01', unit_id, title, superior_id, description, duties, status, sort, 0, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM position ORDER BY rowid;

CREATE INDEX assignment_dates ON assignment (start_on, end_on);
