-- Columns of older tables that hold an enum without a CHECK: a value outside it (from a
-- crafted bundle) would be stored and then make every read of the table fail. Guarded by
-- triggers (a CHECK cannot be added to an existing column); store/src/migrate.rs checks the
-- lists against the Rust enums.
CREATE TRIGGER meeting_kind_guard_ins BEFORE INSERT ON meeting
WHEN NEW.kind NOT IN ('weekly', 'monthly_review', 'general_manager', 'ad_hoc')
BEGIN SELECT RAISE(ABORT, 'meeting.kind'); END;
CREATE TRIGGER meeting_kind_guard_upd BEFORE UPDATE OF kind ON meeting
WHEN NEW.kind NOT IN ('weekly', 'monthly_review', 'general_manager', 'ad_hoc')
BEGIN SELECT RAISE(ABORT, 'meeting.kind'); END;
CREATE TRIGGER action_log_status_guard_ins BEFORE INSERT ON action_log
WHEN NEW.new_status NOT IN ('open', 'in_progress', 'done', 'cancelled')
  OR (NEW.old_status IS NOT NULL AND NEW.old_status NOT IN ('open', 'in_progress', 'done', 'cancelled'))
BEGIN SELECT RAISE(ABORT, 'action_log.status'); END;
CREATE TRIGGER action_log_status_guard_upd BEFORE UPDATE ON action_log
WHEN NEW.new_status NOT IN ('open', 'in_progress', 'done', 'cancelled')
  OR (NEW.old_status IS NOT NULL AND NEW.old_status NOT IN ('open', 'in_progress', 'done', 'cancelled'))
BEGIN SELECT RAISE(ABORT, 'action_log.status'); END;
CREATE TRIGGER plan_log_status_guard_ins BEFORE INSERT ON plan_log
WHEN NEW.to_status NOT IN ('issued', 'draft', 'submitted', 'approved', 'returned', 'executing', 'closed')
  OR (NEW.from_status IS NOT NULL AND NEW.from_status NOT IN ('issued', 'draft', 'submitted', 'approved', 'returned', 'executing', 'closed'))
BEGIN SELECT RAISE(ABORT, 'plan_log.status'); END;
CREATE TRIGGER plan_log_status_guard_upd BEFORE UPDATE ON plan_log
WHEN NEW.to_status NOT IN ('issued', 'draft', 'submitted', 'approved', 'returned', 'executing', 'closed')
  OR (NEW.from_status IS NOT NULL AND NEW.from_status NOT IN ('issued', 'draft', 'submitted', 'approved', 'returned', 'executing', 'closed'))
BEGIN SELECT RAISE(ABORT, 'plan_log.status'); END;
