-- What a site may write of another's (store/src/sync/rules.rs), for what is already stored.
--
-- Names local to a site are stored as `name@site` when they come from another site, so two
-- sites' "company" categories or "seed001-2016" schemes never meet (store/src/sync/apply.rs
-- does this for every bundle from now on). Categories and schemes that came before are renamed
-- here, with the numbers and documents that refer to them and their ownership rows.
PRAGMA defer_foreign_keys = ON;
UPDATE sync_state SET applying = 1;

UPDATE doc_number SET category = category || '@' || (
        SELECT o.site FROM sync_owner o WHERE o.tbl = 'doc_category' AND o.key = json_array(doc_number.category))
    WHERE EXISTS (SELECT 1 FROM sync_owner o WHERE o.tbl = 'doc_category' AND o.key = json_array(doc_number.category));
UPDATE outgoing_doc SET category = category || '@' || (
        SELECT o.site FROM sync_owner o WHERE o.tbl = 'doc_category' AND o.key = json_array(outgoing_doc.category))
    WHERE EXISTS (SELECT 1 FROM sync_owner o WHERE o.tbl = 'doc_category' AND o.key = json_array(outgoing_doc.category));
UPDATE sync_owner SET key = json_array(json_extract(key, '$[0]') || '@' || site, json_extract(key, '$[1]'), json_extract(key, '$[2]'))
    WHERE tbl = 'doc_number' AND EXISTS (
        SELECT 1 FROM sync_owner c WHERE c.tbl = 'doc_category' AND c.key = json_array(json_extract(sync_owner.key, '$[0]')));
UPDATE doc_category SET code = code || '@' || (
        SELECT o.site FROM sync_owner o WHERE o.tbl = 'doc_category' AND o.key = json_array(doc_category.code))
    WHERE EXISTS (SELECT 1 FROM sync_owner o WHERE o.tbl = 'doc_category' AND o.key = json_array(doc_category.code));
UPDATE sync_owner SET key = json_array(json_extract(key, '$[0]') || '@' || site) WHERE tbl = 'doc_category';

UPDATE kpi_scheme SET id = id || '@' || (
        SELECT o.site FROM sync_owner o WHERE o.tbl = 'kpi_scheme' AND o.key = json_array(kpi_scheme.id, kpi_scheme.version))
    WHERE EXISTS (SELECT 1 FROM sync_owner o WHERE o.tbl = 'kpi_scheme' AND o.key = json_array(kpi_scheme.id, kpi_scheme.version));
UPDATE sync_owner SET key = json_array(json_extract(key, '$[0]') || '@' || site, json_extract(key, '$[1]'))
    WHERE tbl = 'kpi_scheme';

UPDATE sync_state SET applying = 0;

-- A figure belongs to the site that owns its unit: this site does not enter figures for
-- another site's unit (they would never reach it, and its own would be refused here).
CREATE TRIGGER kpi_value_guard_unit BEFORE INSERT ON kpi_value
WHEN (SELECT applying FROM sync_state) = 0
    AND EXISTS (SELECT 1 FROM sync_owner WHERE tbl = 'unit' AND key = json_array(NEW.unit_id))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.owned kpi_value');
END;
