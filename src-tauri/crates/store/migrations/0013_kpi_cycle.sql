-- The assessment cycle after the score: published results (each publication a version, kept
-- for ever), locked periods (their figures no longer change), and the payouts (次月兑现) of the
-- rewards of a locked period. Local to the assessing site for now: they do not travel.

-- One publication of a period's results under a scheme. The newest version is in force;
-- earlier ones stay, so a bulletin printed from any of them can be printed again.
CREATE TABLE kpi_publication (
    scheme_id      TEXT NOT NULL,
    period         TEXT NOT NULL CHECK (length(period) BETWEEN 4 AND 7), -- 2016-07, 2016-Q3, 2016
    version        INTEGER NOT NULL CHECK (version > 0),
    scheme_version INTEGER NOT NULL,
    results        TEXT NOT NULL CHECK (json_valid(results)), -- the scores as published
    names          TEXT NOT NULL CHECK (json_valid(names)),   -- unit code → name on the day
    digest         TEXT NOT NULL CHECK (length(digest) = 64), -- SHA-256 of `results`
    reason         TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 2000), -- why republished
    published_by   TEXT NOT NULL CHECK (length(published_by) <= 200),
    published_at   TEXT NOT NULL,
    PRIMARY KEY (scheme_id, period, version)
) WITHOUT ROWID;

-- A month whose figures are locked, and by which period's lock (figures are the same under
-- every scheme, so a lock is of a period, not of a scheme's results).
CREATE TABLE kpi_lock (
    month     TEXT PRIMARY KEY,
    period    TEXT NOT NULL,
    locked_by TEXT NOT NULL,
    locked_at TEXT NOT NULL
) WITHOUT ROWID;

-- Every lock and reopening, with who, when and why.
CREATE TABLE kpi_lock_log (
    id     INTEGER PRIMARY KEY,
    period TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('lock', 'reopen')),
    reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
    by     TEXT NOT NULL,
    at     TEXT NOT NULL
);

-- Whatever writes (the program, a bundle, the sqlite3 shell), a locked month's figures stay.
-- Writing a figure as it already is passes: a unit resends what headquarters has not yet
-- acknowledged, and a bundle's upsert of an unchanged figure is not a change.
CREATE TRIGGER kpi_value_closed_ins BEFORE INSERT ON kpi_value
WHEN EXISTS (SELECT 1 FROM kpi_lock WHERE month = NEW.period)
 AND NOT EXISTS (SELECT 1 FROM kpi_value v WHERE v.unit_id = NEW.unit_id
                 AND v.period = NEW.period AND v.metric = NEW.metric AND v.value IS NEW.value)
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.closed ' || NEW.period);
END;

CREATE TRIGGER kpi_value_closed_upd BEFORE UPDATE ON kpi_value
WHEN (OLD.unit_id IS NOT NEW.unit_id OR OLD.period IS NOT NEW.period
      OR OLD.metric IS NOT NEW.metric OR OLD.value IS NOT NEW.value)
 AND EXISTS (SELECT 1 FROM kpi_lock WHERE month IN (OLD.period, NEW.period))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.closed ' || OLD.period);
END;

CREATE TRIGGER kpi_value_closed_del BEFORE DELETE ON kpi_value
WHEN EXISTS (SELECT 1 FROM kpi_lock WHERE month = OLD.period)
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.closed ' || OLD.period);
END;

-- A reward to pay: one row per reward and unit when a period is locked; when a reopened period
-- is locked again with other amounts, paid rows stay and a difference row is added (negative:
-- to be recovered), so the rows of a period always add up to its locked rewards.
CREATE TABLE kpi_payout (
    id        INTEGER PRIMARY KEY,
    scheme_id TEXT NOT NULL,
    period    TEXT NOT NULL,
    version   INTEGER NOT NULL, -- the publication whose rewards these are
    reward    TEXT NOT NULL,    -- the scheme's reward id
    unit_id   TEXT NOT NULL REFERENCES unit (id),
    amount    TEXT NOT NULL CHECK (amount GLOB '*[0-9]*' AND amount NOT GLOB '*[^-0-9.]*'),
    rule      TEXT NOT NULL CHECK (length(rule) <= 500), -- the reward's name in the scheme
    due_month TEXT NOT NULL CHECK (length(due_month) = 7 AND substr(due_month, 6, 2) BETWEEN '01' AND '12'),
    paid_at   TEXT CHECK (paid_at IS NULL OR date(paid_at) IS paid_at),
    paid_by   TEXT,
    CHECK ((paid_at IS NULL) = (paid_by IS NULL))
);
CREATE INDEX kpi_payout_period ON kpi_payout (period, scheme_id);
