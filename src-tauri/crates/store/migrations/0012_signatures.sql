-- Who signed an outgoing document, as the record shows it: "韩立新（总经理）" and the minute
-- ("2016-12-05T10:12"). The signer's id and day were there already; these name the person
-- with the post that gave them the authority, and travel in bundles with the document.
ALTER TABLE outgoing_doc ADD COLUMN signed_by TEXT NOT NULL DEFAULT '' CHECK (length(signed_by) <= 200);
ALTER TABLE outgoing_doc ADD COLUMN signed_at TEXT CHECK (signed_at IS NULL OR (length(signed_at) = 16 AND strftime('%Y-%m-%dT%H:%M', signed_at) IS signed_at));
