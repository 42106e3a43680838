-- Following agreements up: dated progress with evidence, and changes of deadline or validity.
ALTER TABLE bodies ADD COLUMN warning_days INTEGER NOT NULL DEFAULT 15;
-- Share of the sessions held that each member institution should attend.
ALTER TABLE bodies ADD COLUMN attendance_target INTEGER NOT NULL DEFAULT 80;
ALTER TABLE agreements ADD COLUMN progress INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agreements ADD COLUMN done_on TEXT;
CREATE INDEX agreements_status ON agreements(status, deadline);
CREATE INDEX agreement_responsibles_institution ON agreement_responsibles(institution_id);

CREATE TABLE agreement_progress (
    id             INTEGER PRIMARY KEY,
    agreement_id   INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    on_date        TEXT NOT NULL,
    text           TEXT NOT NULL,
    percent        INTEGER NOT NULL,
    institution_id INTEGER REFERENCES institutions(id) ON DELETE RESTRICT,
    evidence_kind  TEXT,
    evidence_ref   TEXT,
    file_sha256    TEXT,
    reason         TEXT
);
CREATE INDEX agreement_progress_agreement ON agreement_progress(agreement_id);

-- Reprogramming keeps the earlier deadline on record; sin efecto keeps its reason.
CREATE TABLE agreement_changes (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    on_date      TEXT NOT NULL,
    status       TEXT NOT NULL,
    old_deadline TEXT,
    new_deadline TEXT,
    reason       TEXT NOT NULL
);
