-- Accounts (store/src/users.rs, app/src/users/). Local to this database: accounts never
-- travel in bundles; the names they act under do, in the audit columns.
--
-- An account belongs to a person of the organisation by 工号 (`login` = person.code, looked
-- up on the day, so an account can exist before the organisation is imported) or is a
-- headquarters staff account. The password itself is nowhere in here: it wraps the database
-- key in the key file beside the database (app/src/users/keyring.rs).
CREATE TABLE account (
    id          TEXT PRIMARY KEY,
    login       TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    hq_staff    INTEGER NOT NULL DEFAULT 0 CHECK (hq_staff IN (0, 1)),
    admin       INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
    disabled_at TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

-- Acts an administrator granted an account beyond what its posts allow.
CREATE TABLE account_grant (
    account_id TEXT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    act        TEXT NOT NULL,
    PRIMARY KEY (account_id, act)
) WITHOUT ROWID;

-- Sign-ins and what administrators did to accounts; failed sign-ins are counted in the key
-- file (the database cannot be opened without a password) and moved here at the next
-- successful one.
CREATE TABLE account_log (
    seq    INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    login  TEXT NOT NULL,
    event  TEXT NOT NULL,
    by     TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
