-- Keys and enrolment (store/src/sync/peers.rs, app/src/sync/enrol.rs and keys.rs).
--
-- An enrolment is bound to a passcode headquarters shows and reads out by phone: headquarters
-- keeps the key derived from it to check the unit's proof, and the unit key that used the
-- token (a second use with another key is refused and stays in the history).
ALTER TABLE sync_enrolment ADD COLUMN proof_key TEXT;
ALTER TABLE sync_enrolment ADD COLUMN used_key TEXT;
-- At a unit: the proof that it was told the passcode, sent with the token until acknowledged.
ALTER TABLE sync_peer ADD COLUMN enrol_proof TEXT;
-- At headquarters: when the unit's key was revoked (a stolen laptop); it re-enrols.
ALTER TABLE sync_peer ADD COLUMN revoked_at TEXT;
-- The key a peer signed with before it announced new ones (bundles already on their way).
ALTER TABLE sync_peer ADD COLUMN prev_sign_key BLOB CHECK (prev_sign_key IS NULL OR length(prev_sign_key) = 32);
-- This site's new keys are announced to the peer from this bundle number on (0: nothing to
-- announce); the old keys sign until the peer acknowledges one of those bundles.
ALTER TABLE sync_peer ADD COLUMN announce_from INTEGER NOT NULL DEFAULT 0;

-- This site's keys before the last rotation: bundles still encrypted to them can be read.
CREATE TABLE site_key_old (
    secret     BLOB NOT NULL CHECK (length(secret) = 64),
    retired_at TEXT NOT NULL
);

-- Keys revoked at headquarters: any bundle signed with one is refused.
CREATE TABLE sync_revoked (
    sign_key  BLOB PRIMARY KEY CHECK (length(sign_key) = 32),
    site_id   TEXT NOT NULL,
    unit_code TEXT,
    at        TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
