-- Exact checks of dates, months, periods and years, in the schema itself: whatever writes a
-- row (the program, an imported bundle, the sqlite3 shell), 2016-13, 2016-02-30 or a document
-- year of 0 or 99999 is refused with `branchdesk.invalid table.column`. (SQLite cannot add a
-- CHECK to an existing table, so these are triggers; `date(x) IS x` holds only for a real day.)

CREATE TRIGGER check_kpi_value_period_ins BEFORE INSERT ON kpi_value
WHEN NOT (NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.period, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid kpi_value.period');
END;

CREATE TRIGGER check_kpi_value_period_upd BEFORE UPDATE OF period ON kpi_value
WHEN NOT (NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.period, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid kpi_value.period');
END;

CREATE TRIGGER check_kpi_value_log_period_ins BEFORE INSERT ON kpi_value_log
WHEN NOT (NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.period, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid kpi_value_log.period');
END;

CREATE TRIGGER check_kpi_value_log_period_upd BEFORE UPDATE OF period ON kpi_value_log
WHEN NOT (NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.period, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid kpi_value_log.period');
END;

CREATE TRIGGER check_submission_month_ins BEFORE INSERT ON submission
WHEN NOT (NEW.month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.month, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.month, 1, 4) BETWEEN '1900' AND '2999')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid submission.month');
END;

CREATE TRIGGER check_submission_month_upd BEFORE UPDATE OF month ON submission
WHEN NOT (NEW.month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.month, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.month, 1, 4) BETWEEN '1900' AND '2999')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid submission.month');
END;

CREATE TRIGGER check_plan_adjustment_month_ins BEFORE INSERT ON plan_adjustment
WHEN NOT (NEW.month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.month, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.month, 1, 4) BETWEEN '1900' AND '2999')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid plan_adjustment.month');
END;

CREATE TRIGGER check_plan_adjustment_month_upd BEFORE UPDATE OF month ON plan_adjustment
WHEN NOT (NEW.month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.month, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.month, 1, 4) BETWEEN '1900' AND '2999')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid plan_adjustment.month');
END;

CREATE TRIGGER check_unit_version_valid_from_ins BEFORE INSERT ON unit_version
WHEN NOT (date(NEW.valid_from) IS NEW.valid_from AND NEW.valid_from BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid unit_version.valid_from');
END;

CREATE TRIGGER check_unit_version_valid_from_upd BEFORE UPDATE OF valid_from ON unit_version
WHEN NOT (date(NEW.valid_from) IS NEW.valid_from AND NEW.valid_from BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid unit_version.valid_from');
END;

CREATE TRIGGER check_position_version_valid_from_ins BEFORE INSERT ON position_version
WHEN NOT (date(NEW.valid_from) IS NEW.valid_from AND NEW.valid_from BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid position_version.valid_from');
END;

CREATE TRIGGER check_position_version_valid_from_upd BEFORE UPDATE OF valid_from ON position_version
WHEN NOT (date(NEW.valid_from) IS NEW.valid_from AND NEW.valid_from BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid position_version.valid_from');
END;

CREATE TRIGGER check_assignment_start_on_ins BEFORE INSERT ON assignment
WHEN NOT (date(NEW.start_on) IS NEW.start_on AND NEW.start_on BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid assignment.start_on');
END;

CREATE TRIGGER check_assignment_start_on_upd BEFORE UPDATE OF start_on ON assignment
WHEN NOT (date(NEW.start_on) IS NEW.start_on AND NEW.start_on BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid assignment.start_on');
END;

CREATE TRIGGER check_assignment_end_on_ins BEFORE INSERT ON assignment
WHEN NOT (NEW.end_on IS NULL OR (date(NEW.end_on) IS NEW.end_on AND NEW.end_on BETWEEN '1900-01-01' AND '2999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid assignment.end_on');
END;

CREATE TRIGGER check_assignment_end_on_upd BEFORE UPDATE OF end_on ON assignment
WHEN NOT (NEW.end_on IS NULL OR (date(NEW.end_on) IS NEW.end_on AND NEW.end_on BETWEEN '1900-01-01' AND '2999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid assignment.end_on');
END;

CREATE TRIGGER check_person_left_on_ins BEFORE INSERT ON person
WHEN NOT (NEW.left_on IS NULL OR (date(NEW.left_on) IS NEW.left_on AND NEW.left_on BETWEEN '1900-01-01' AND '2999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid person.left_on');
END;

CREATE TRIGGER check_person_left_on_upd BEFORE UPDATE OF left_on ON person
WHEN NOT (NEW.left_on IS NULL OR (date(NEW.left_on) IS NEW.left_on AND NEW.left_on BETWEEN '1900-01-01' AND '2999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid person.left_on');
END;

CREATE TRIGGER check_action_item_due_on_ins BEFORE INSERT ON action_item
WHEN NOT (date(NEW.due_on) IS NEW.due_on AND NEW.due_on BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid action_item.due_on');
END;

CREATE TRIGGER check_action_item_due_on_upd BEFORE UPDATE OF due_on ON action_item
WHEN NOT (date(NEW.due_on) IS NEW.due_on AND NEW.due_on BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid action_item.due_on');
END;

CREATE TRIGGER check_action_item_closed_on_ins BEFORE INSERT ON action_item
WHEN NOT (NEW.closed_on IS NULL OR (date(NEW.closed_on) IS NEW.closed_on AND NEW.closed_on BETWEEN '1900-01-01' AND '2999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid action_item.closed_on');
END;

CREATE TRIGGER check_action_item_closed_on_upd BEFORE UPDATE OF closed_on ON action_item
WHEN NOT (NEW.closed_on IS NULL OR (date(NEW.closed_on) IS NEW.closed_on AND NEW.closed_on BETWEEN '1900-01-01' AND '2999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid action_item.closed_on');
END;

CREATE TRIGGER check_incoming_doc_received_on_ins BEFORE INSERT ON incoming_doc
WHEN NOT (date(NEW.received_on) IS NEW.received_on AND NEW.received_on BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid incoming_doc.received_on');
END;

CREATE TRIGGER check_incoming_doc_received_on_upd BEFORE UPDATE OF received_on ON incoming_doc
WHEN NOT (date(NEW.received_on) IS NEW.received_on AND NEW.received_on BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid incoming_doc.received_on');
END;

CREATE TRIGGER check_outgoing_doc_signed_on_ins BEFORE INSERT ON outgoing_doc
WHEN NOT (NEW.signed_on IS NULL OR (date(NEW.signed_on) IS NEW.signed_on AND NEW.signed_on BETWEEN '1900-01-01' AND '2999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid outgoing_doc.signed_on');
END;

CREATE TRIGGER check_outgoing_doc_signed_on_upd BEFORE UPDATE OF signed_on ON outgoing_doc
WHEN NOT (NEW.signed_on IS NULL OR (date(NEW.signed_on) IS NEW.signed_on AND NEW.signed_on BETWEEN '1900-01-01' AND '2999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid outgoing_doc.signed_on');
END;

CREATE TRIGGER check_outgoing_doc_issued_on_ins BEFORE INSERT ON outgoing_doc
WHEN NOT (NEW.issued_on IS NULL OR (date(NEW.issued_on) IS NEW.issued_on AND NEW.issued_on BETWEEN '1900-01-01' AND '2999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid outgoing_doc.issued_on');
END;

CREATE TRIGGER check_outgoing_doc_issued_on_upd BEFORE UPDATE OF issued_on ON outgoing_doc
WHEN NOT (NEW.issued_on IS NULL OR (date(NEW.issued_on) IS NEW.issued_on AND NEW.issued_on BETWEEN '1900-01-01' AND '2999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid outgoing_doc.issued_on');
END;

CREATE TRIGGER check_outgoing_doc_year_ins BEFORE INSERT ON outgoing_doc
WHEN NOT (NEW.year IS NULL OR (NEW.year BETWEEN 1900 AND 2999))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid outgoing_doc.year');
END;

CREATE TRIGGER check_outgoing_doc_year_upd BEFORE UPDATE OF year ON outgoing_doc
WHEN NOT (NEW.year IS NULL OR (NEW.year BETWEEN 1900 AND 2999))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid outgoing_doc.year');
END;

CREATE TRIGGER check_doc_number_year_ins BEFORE INSERT ON doc_number
WHEN NOT (NEW.year BETWEEN 1900 AND 2999)
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid doc_number.year');
END;

CREATE TRIGGER check_doc_number_year_upd BEFORE UPDATE OF year ON doc_number
WHEN NOT (NEW.year BETWEEN 1900 AND 2999)
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid doc_number.year');
END;

CREATE TRIGGER check_doc_dispatch_sent_on_ins BEFORE INSERT ON doc_dispatch
WHEN NOT (date(NEW.sent_on) IS NEW.sent_on AND NEW.sent_on BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid doc_dispatch.sent_on');
END;

CREATE TRIGGER check_doc_dispatch_sent_on_upd BEFORE UPDATE OF sent_on ON doc_dispatch
WHEN NOT (date(NEW.sent_on) IS NEW.sent_on AND NEW.sent_on BETWEEN '1900-01-01' AND '2999-12-31')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid doc_dispatch.sent_on');
END;

CREATE TRIGGER check_meeting_held_at_ins BEFORE INSERT ON meeting
WHEN NOT (strftime('%Y-%m-%dT%H:%M', NEW.held_at) IS NEW.held_at AND NEW.held_at BETWEEN '1900' AND '3000')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid meeting.held_at');
END;

CREATE TRIGGER check_meeting_held_at_upd BEFORE UPDATE OF held_at ON meeting
WHEN NOT (strftime('%Y-%m-%dT%H:%M', NEW.held_at) IS NEW.held_at AND NEW.held_at BETWEEN '1900' AND '3000')
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid meeting.held_at');
END;

CREATE TRIGGER check_work_summary_period_ins BEFORE INSERT ON work_summary
WHEN NOT ((NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.period, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999') OR (NEW.period GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]' AND substr(NEW.period, 7, 2) BETWEEN '01' AND '53' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid work_summary.period');
END;

CREATE TRIGGER check_work_summary_period_upd BEFORE UPDATE OF period ON work_summary
WHEN NOT ((NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.period, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999') OR (NEW.period GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]' AND substr(NEW.period, 7, 2) BETWEEN '01' AND '53' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999'))
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid work_summary.period');
END;

CREATE TRIGGER check_plan_node_period_ins BEFORE INSERT ON plan_node
WHEN NOT (CASE NEW.level
        WHEN 'three_year' THEN NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'
            AND CAST(substr(NEW.period, 6, 4) AS INTEGER) = CAST(substr(NEW.period, 1, 4) AS INTEGER) + 2
            AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2997'
        WHEN 'annual' THEN NEW.period GLOB '[0-9][0-9][0-9][0-9]' AND NEW.period BETWEEN '1900' AND '2999'
        WHEN 'quarter' THEN NEW.period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999'
        WHEN 'personal_week' THEN (NEW.period GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]' AND substr(NEW.period, 7, 2) BETWEEN '01' AND '53' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999')
        ELSE (NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.period, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999')
    END)
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid plan_node.period');
END;

CREATE TRIGGER check_plan_node_period_upd BEFORE UPDATE OF period, level ON plan_node
WHEN NOT (CASE NEW.level
        WHEN 'three_year' THEN NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'
            AND CAST(substr(NEW.period, 6, 4) AS INTEGER) = CAST(substr(NEW.period, 1, 4) AS INTEGER) + 2
            AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2997'
        WHEN 'annual' THEN NEW.period GLOB '[0-9][0-9][0-9][0-9]' AND NEW.period BETWEEN '1900' AND '2999'
        WHEN 'quarter' THEN NEW.period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999'
        WHEN 'personal_week' THEN (NEW.period GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]' AND substr(NEW.period, 7, 2) BETWEEN '01' AND '53' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999')
        ELSE (NEW.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND substr(NEW.period, 6, 2) BETWEEN '01' AND '12' AND substr(NEW.period, 1, 4) BETWEEN '1900' AND '2999')
    END)
BEGIN
    SELECT RAISE(ABORT, 'branchdesk.invalid plan_node.period');
END;
