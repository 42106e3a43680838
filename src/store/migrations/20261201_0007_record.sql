-- The record holds: an append-only bitácora chained by hashes, versions for the texts two
-- people may edit at once, memberships and designations that end instead of vanishing, and
-- the rows an approved acta rests on frozen by the database itself.

-- One entry per operation or access. `changes` holds what identifies each row touched and
-- what is needed to reverse it; `hash` chains every entry to the one before.
CREATE TABLE bitacora (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    op         TEXT NOT NULL,
    args       TEXT NOT NULL,
    body_id    INTEGER,
    session_id INTEGER,
    changes    TEXT NOT NULL,
    undoes     INTEGER,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX bitacora_actor ON bitacora(actor, seq);
CREATE INDEX bitacora_body ON bitacora(body_id, seq);
CREATE INDEX bitacora_undoes ON bitacora(undoes) WHERE undoes IS NOT NULL;
CREATE TRIGGER bitacora_append_only_update BEFORE UPDATE ON bitacora BEGIN
    SELECT RAISE(ABORT, 'la bitácora solo admite entradas nuevas: no se modifica');
END;
CREATE TRIGGER bitacora_append_only_delete BEFORE DELETE ON bitacora BEGIN
    SELECT RAISE(ABORT, 'la bitácora solo admite entradas nuevas: no se borra');
END;

-- Texts edited live carry a version: a save over a newer one is refused, not lost.
ALTER TABLE agenda_items ADD COLUMN notes_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE minutes ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- The libro de actas: each approved acta's place among the body's approved actas and the
-- hash of the one before it.
ALTER TABLE minutes ADD COLUMN folio INTEGER;
ALTER TABLE minutes ADD COLUMN prev_sha256 TEXT;
UPDATE minutes SET folio = f.folio, prev_sha256 = f.prev
FROM (
    SELECT m.session_id AS sid,
           row_number() OVER w AS folio,
           lag(m.sha256) OVER w AS prev
    FROM minutes m JOIN sessions s ON s.id = m.session_id
    WHERE m.status = 'approved'
    WINDOW w AS (PARTITION BY s.body_id ORDER BY m.approved_on, s.starts_on, s.id)
) AS f
WHERE minutes.session_id = f.sid;

-- A membership with history ends (baja) instead of being deleted.
ALTER TABLE memberships ADD COLUMN ended_on TEXT;
ALTER TABLE memberships ADD COLUMN end_reason TEXT NOT NULL DEFAULT '';

-- The roll of a session keeps the rights and weight each member had that day.
ALTER TABLE attendance ADD COLUMN rights TEXT;
ALTER TABLE attendance ADD COLUMN weight INTEGER;
UPDATE attendance SET rights = (SELECT m.rights FROM memberships m WHERE m.id = attendance.membership_id),
    weight = (SELECT m.weight FROM memberships m WHERE m.id = attendance.membership_id);

-- Titular and suplente designations with their history: a replaced person's designation
-- ends; the current one has no end date.
CREATE TABLE designations (
    id            INTEGER PRIMARY KEY,
    membership_id INTEGER NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('titular', 'suplente')),
    name          TEXT NOT NULL,
    position      TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    designated_on TEXT,
    letter_ref    TEXT NOT NULL DEFAULT '',
    ended_on      TEXT
);
CREATE UNIQUE INDEX designations_current ON designations(membership_id, role) WHERE ended_on IS NULL;
CREATE INDEX designations_membership ON designations(membership_id, role, designated_on);
INSERT INTO designations (membership_id, role, name, position, email, phone, designated_on, letter_ref)
    SELECT membership_id, role, name, position, email, phone, designated_on, letter_ref FROM representatives;
DROP TABLE representatives;

-- A membership that anything in the record names is never deleted.
CREATE TRIGGER memberships_keep_history BEFORE DELETE ON memberships
WHEN EXISTS (SELECT 1 FROM attendance WHERE membership_id = OLD.id AND presence <> 'absent')
  OR EXISTS (SELECT 1 FROM attendance a JOIN sessions s ON s.id = a.session_id
             WHERE a.membership_id = OLD.id AND s.status IN ('closed', 'in_progress', 'suspended'))
  OR EXISTS (SELECT 1 FROM vote_ballots WHERE membership_id = OLD.id)
  OR EXISTS (SELECT 1 FROM agreement_responsibles r JOIN agreements a ON a.id = r.agreement_id
             JOIN sessions s ON s.id = a.session_id
             WHERE r.institution_id = OLD.institution_id AND s.body_id = OLD.body_id)
  OR EXISTS (SELECT 1 FROM activity_responsibles r JOIN activities a ON a.id = r.activity_id
             JOIN work_plans p ON p.id = a.plan_id
             WHERE r.institution_id = OLD.institution_id AND p.body_id = OLD.body_id)
BEGIN
    SELECT RAISE(ABORT, 'la integrante tiene historial (asistencia, votos o compromisos): se da de baja, no se elimina');
END;

-- What an approved acta states is frozen in the records it was generated from.
CREATE TRIGGER frozen_sessions_update BEFORE UPDATE ON sessions
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su registro ya no cambia; corrija con una fe de erratas');
END;
CREATE TRIGGER frozen_sessions_delete BEFORE DELETE ON sessions
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su registro ya no cambia; corrija con una fe de erratas');
END;
CREATE TRIGGER frozen_attendance_insert BEFORE INSERT ON attendance
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = NEW.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su lista de asistencia ya no cambia');
END;
CREATE TRIGGER frozen_attendance_update BEFORE UPDATE ON attendance
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su lista de asistencia ya no cambia');
END;
CREATE TRIGGER frozen_attendance_delete BEFORE DELETE ON attendance
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su lista de asistencia ya no cambia');
END;
CREATE TRIGGER frozen_items_insert BEFORE INSERT ON agenda_items
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = NEW.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su orden del día ya no cambia');
END;
CREATE TRIGGER frozen_items_update BEFORE UPDATE ON agenda_items
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su orden del día y sus notas ya no cambian');
END;
CREATE TRIGGER frozen_items_delete BEFORE DELETE ON agenda_items
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su orden del día ya no cambia');
END;
CREATE TRIGGER frozen_events_insert BEFORE INSERT ON session_events
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = NEW.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: no se puede reabrir; corrija con una fe de erratas');
END;
CREATE TRIGGER frozen_events_change BEFORE UPDATE ON session_events
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su registro ya no cambia');
END;
CREATE TRIGGER frozen_events_delete BEFORE DELETE ON session_events
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su registro ya no cambia');
END;
CREATE TRIGGER frozen_votes_insert BEFORE INSERT ON votes
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = NEW.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
CREATE TRIGGER frozen_votes_update BEFORE UPDATE ON votes
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
CREATE TRIGGER frozen_votes_delete BEFORE DELETE ON votes
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
CREATE TRIGGER frozen_counts_insert BEFORE INSERT ON vote_counts
WHEN EXISTS (SELECT 1 FROM votes v JOIN minutes m ON m.session_id = v.session_id
             WHERE v.id = NEW.vote_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
CREATE TRIGGER frozen_counts_update BEFORE UPDATE ON vote_counts
WHEN EXISTS (SELECT 1 FROM votes v JOIN minutes m ON m.session_id = v.session_id
             WHERE v.id = OLD.vote_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
CREATE TRIGGER frozen_counts_delete BEFORE DELETE ON vote_counts
WHEN EXISTS (SELECT 1 FROM votes v JOIN minutes m ON m.session_id = v.session_id
             WHERE v.id = OLD.vote_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
CREATE TRIGGER frozen_ballots_insert BEFORE INSERT ON vote_ballots
WHEN EXISTS (SELECT 1 FROM vote_counts c JOIN votes v ON v.id = c.vote_id JOIN minutes m ON m.session_id = v.session_id
             WHERE c.id = NEW.count_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
CREATE TRIGGER frozen_ballots_change BEFORE UPDATE ON vote_ballots
WHEN EXISTS (SELECT 1 FROM vote_counts c JOIN votes v ON v.id = c.vote_id JOIN minutes m ON m.session_id = v.session_id
             WHERE c.id = OLD.count_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
CREATE TRIGGER frozen_ballots_delete BEFORE DELETE ON vote_ballots
WHEN EXISTS (SELECT 1 FROM vote_counts c JOIN votes v ON v.id = c.vote_id JOIN minutes m ON m.session_id = v.session_id
             WHERE c.id = OLD.count_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
-- Follow-up (status, progress, deadline) goes on after approval; what was agreed does not change.
CREATE TRIGGER frozen_agreements_insert BEFORE INSERT ON agreements
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = NEW.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus acuerdos ya no cambian');
END;
CREATE TRIGGER frozen_agreements_update BEFORE UPDATE OF session_id, item_id, vote_id, seq, number, text, created_at
ON agreements
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: el texto de sus acuerdos ya no cambia');
END;
CREATE TRIGGER frozen_agreements_delete BEFORE DELETE ON agreements
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus acuerdos ya no cambian');
END;
CREATE TRIGGER frozen_responsibles_insert BEFORE INSERT ON agreement_responsibles
WHEN EXISTS (SELECT 1 FROM agreements a JOIN minutes m ON m.session_id = a.session_id
             WHERE a.id = NEW.agreement_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: los responsables de sus acuerdos ya no cambian');
END;
CREATE TRIGGER frozen_responsibles_delete BEFORE DELETE ON agreement_responsibles
WHEN EXISTS (SELECT 1 FROM agreements a JOIN minutes m ON m.session_id = a.session_id
             WHERE a.id = OLD.agreement_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: los responsables de sus acuerdos ya no cambian');
END;
CREATE TRIGGER frozen_notices_change BEFORE UPDATE ON notices
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su convocatoria ya no cambia');
END;
CREATE TRIGGER frozen_notices_delete BEFORE DELETE ON notices
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: su convocatoria ya no cambia');
END;
CREATE TRIGGER frozen_minutes_update BEFORE UPDATE OF status, text, approved_in, approval_vote, approved_on, sha256,
    folio, prev_sha256, session_id ON minutes
WHEN OLD.status = 'approved' BEGIN
    SELECT RAISE(ABORT, 'el acta está aprobada y es definitiva; las correcciones se hacen con una fe de erratas');
END;
CREATE TRIGGER frozen_minutes_delete BEFORE DELETE ON minutes
WHEN OLD.status = 'approved' BEGIN
    SELECT RAISE(ABORT, 'el acta está aprobada y es definitiva; no se elimina');
END;
CREATE TRIGGER frozen_observations_change BEFORE UPDATE ON minutes_observations
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'el acta está aprobada: sus observaciones ya no cambian');
END;
CREATE TRIGGER frozen_observations_delete BEFORE DELETE ON minutes_observations
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'el acta está aprobada: sus observaciones ya no cambian');
END;
CREATE TRIGGER frozen_errata_update BEFORE UPDATE OF text, approved_in, approved_on, sha256, session_id ON minutes_errata
WHEN OLD.approved_in IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'la fe de erratas está aprobada y es definitiva');
END;
CREATE TRIGGER frozen_errata_delete BEFORE DELETE ON minutes_errata
WHEN OLD.approved_in IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'la fe de erratas está aprobada y es definitiva');
END;
