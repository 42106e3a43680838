-- Each commitment carries the ids of its responsible institutions ("3,17"), kept by triggers
-- from the link tables. Lists of tens of thousands of commitments read them with the row;
-- looking them up row by row in the link table was a third of `acuerdos --vencidos`.
-- The link tables stay the truth and keep the index the institution filter uses.

ALTER TABLE agreements ADD COLUMN responsible_ids TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN responsible_ids TEXT NOT NULL DEFAULT '';

CREATE TRIGGER agreement_responsibles_added AFTER INSERT ON agreement_responsibles BEGIN
    UPDATE agreements SET responsible_ids = coalesce((SELECT group_concat(institution_id) FROM
        agreement_responsibles WHERE agreement_id = NEW.agreement_id), '') WHERE id = NEW.agreement_id;
END;
CREATE TRIGGER agreement_responsibles_removed AFTER DELETE ON agreement_responsibles BEGIN
    UPDATE agreements SET responsible_ids = coalesce((SELECT group_concat(institution_id) FROM
        agreement_responsibles WHERE agreement_id = OLD.agreement_id), '') WHERE id = OLD.agreement_id;
END;
CREATE TRIGGER agreement_responsibles_changed AFTER UPDATE ON agreement_responsibles BEGIN
    UPDATE agreements SET responsible_ids = coalesce((SELECT group_concat(institution_id) FROM
        agreement_responsibles WHERE agreement_id = OLD.agreement_id), '') WHERE id = OLD.agreement_id;
    UPDATE agreements SET responsible_ids = coalesce((SELECT group_concat(institution_id) FROM
        agreement_responsibles WHERE agreement_id = NEW.agreement_id), '') WHERE id = NEW.agreement_id;
END;

CREATE TRIGGER activity_responsibles_added AFTER INSERT ON activity_responsibles BEGIN
    UPDATE activities SET responsible_ids = coalesce((SELECT group_concat(institution_id) FROM
        activity_responsibles WHERE activity_id = NEW.activity_id), '') WHERE id = NEW.activity_id;
END;
CREATE TRIGGER activity_responsibles_removed AFTER DELETE ON activity_responsibles BEGIN
    UPDATE activities SET responsible_ids = coalesce((SELECT group_concat(institution_id) FROM
        activity_responsibles WHERE activity_id = OLD.activity_id), '') WHERE id = OLD.activity_id;
END;
CREATE TRIGGER activity_responsibles_changed AFTER UPDATE ON activity_responsibles BEGIN
    UPDATE activities SET responsible_ids = coalesce((SELECT group_concat(institution_id) FROM
        activity_responsibles WHERE activity_id = OLD.activity_id), '') WHERE id = OLD.activity_id;
    UPDATE activities SET responsible_ids = coalesce((SELECT group_concat(institution_id) FROM
        activity_responsibles WHERE activity_id = NEW.activity_id), '') WHERE id = NEW.activity_id;
END;

UPDATE agreements SET responsible_ids = coalesce((SELECT group_concat(institution_id) FROM
    agreement_responsibles WHERE agreement_id = agreements.id), '');
UPDATE activities SET responsible_ids = coalesce((SELECT group_concat(institution_id) FROM
    activity_responsibles WHERE activity_id = activities.id), '');

-- Open agreements are what a secretariat lists most (`--vencidos`, pending, in progress).
-- Long lists walk sessions by date and each session's agreements by sequence; this index
-- holds the open ones with every column a list prints, so that walk skips the fulfilled and
-- never leaves the index for the table. The filter's status condition must read exactly as
-- this WHERE for SQLite to use it (see `store::commitments`).
CREATE INDEX agreements_open_walk ON agreements(session_id, seq, number, text, deadline, status, progress,
    done_on, responsible_ids) WHERE status IN ('pending', 'in_progress', 'rescheduled');
