-- KPI schemes (archived with every version) and the audit trail of KPI figures.

CREATE TABLE kpi_scheme (
    id       TEXT NOT NULL,
    version  INTEGER NOT NULL CHECK (version > 0),
    name     TEXT NOT NULL,
    source   TEXT NOT NULL, -- the scheme file (TOML), exactly as added
    added_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
) WITHOUT ROWID;

-- Who changed which figure when. `old_value` is NULL for a first entry.
CREATE TABLE kpi_value_log (
    id         INTEGER PRIMARY KEY,
    unit_id    TEXT NOT NULL REFERENCES unit (id),
    period     TEXT NOT NULL,
    metric     TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX kpi_value_log_cell ON kpi_value_log (unit_id, period, metric);
