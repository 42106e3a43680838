-- Annual work plans (programa anual de trabajo / POA) and their activities: the second source
-- of commitments. Progress and changes now belong to either an agreement or an activity, so
-- one follow-up engine serves both.
CREATE TABLE work_plans (
    id       INTEGER PRIMARY KEY,
    body_id  INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    year     INTEGER NOT NULL,
    title    TEXT NOT NULL,
    UNIQUE (body_id, year)
);

CREATE TABLE activities (
    id                INTEGER PRIMARY KEY,
    plan_id           INTEGER NOT NULL REFERENCES work_plans(id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    number            TEXT NOT NULL UNIQUE,
    objective         TEXT NOT NULL,
    strategy          TEXT NOT NULL DEFAULT '',
    text              TEXT NOT NULL,
    goal              TEXT NOT NULL DEFAULT '',
    indicator         TEXT NOT NULL DEFAULT '',
    -- As the plan writes it ("1er semestre"); the deadline is the last day of that period.
    period            TEXT NOT NULL,
    deadline          TEXT,
    responsible_note  TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'pending',
    progress          INTEGER NOT NULL DEFAULT 0,
    done_on           TEXT,
    UNIQUE (plan_id, seq)
);
CREATE INDEX activities_status ON activities(status, deadline);

CREATE TABLE activity_responsibles (
    activity_id    INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions(id) ON DELETE RESTRICT,
    PRIMARY KEY (activity_id, institution_id)
);
CREATE INDEX activity_responsibles_institution ON activity_responsibles(institution_id);

CREATE TABLE commitment_progress (
    id             INTEGER PRIMARY KEY,
    agreement_id   INTEGER REFERENCES agreements(id) ON DELETE CASCADE,
    activity_id    INTEGER REFERENCES activities(id) ON DELETE CASCADE,
    on_date        TEXT NOT NULL,
    text           TEXT NOT NULL,
    percent        INTEGER NOT NULL,
    institution_id INTEGER REFERENCES institutions(id) ON DELETE RESTRICT,
    evidence_kind  TEXT,
    evidence_ref   TEXT,
    file_sha256    TEXT,
    reason         TEXT,
    CHECK ((agreement_id IS NULL) <> (activity_id IS NULL))
);
INSERT INTO commitment_progress (id, agreement_id, on_date, text, percent, institution_id, evidence_kind, evidence_ref,
    file_sha256, reason)
    SELECT id, agreement_id, on_date, text, percent, institution_id, evidence_kind, evidence_ref, file_sha256, reason
    FROM agreement_progress;
DROP TABLE agreement_progress;
CREATE INDEX commitment_progress_agreement ON commitment_progress(agreement_id);
CREATE INDEX commitment_progress_activity ON commitment_progress(activity_id);

CREATE TABLE commitment_changes (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER REFERENCES agreements(id) ON DELETE CASCADE,
    activity_id  INTEGER REFERENCES activities(id) ON DELETE CASCADE,
    on_date      TEXT NOT NULL,
    status       TEXT NOT NULL,
    old_deadline TEXT,
    new_deadline TEXT,
    reason       TEXT NOT NULL,
    CHECK ((agreement_id IS NULL) <> (activity_id IS NULL))
);
INSERT INTO commitment_changes (id, agreement_id, on_date, status, old_deadline, new_deadline, reason)
    SELECT id, agreement_id, on_date, status, old_deadline, new_deadline, reason FROM agreement_changes;
DROP TABLE agreement_changes;
CREATE INDEX commitment_changes_agreement ON commitment_changes(agreement_id);
CREATE INDEX commitment_changes_activity ON commitment_changes(activity_id);

-- Follow-up rounds: for a body and a cut-off date, one request (oficio) per responsible
-- institution listing its open commitments; when it was sent and when the answer came.
CREATE TABLE followup_rounds (
    id         INTEGER PRIMARY KEY,
    body_id    INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    cutoff     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (body_id, cutoff)
);

CREATE TABLE round_requests (
    id             INTEGER PRIMARY KEY,
    round_id       INTEGER NOT NULL REFERENCES followup_rounds(id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions(id) ON DELETE RESTRICT,
    reference      TEXT NOT NULL,
    -- The commitment numbers listed in the request, one per line, as they were at the cut-off.
    items          TEXT NOT NULL,
    sent_on        TEXT,
    answered_on    TEXT,
    answer_ref     TEXT,
    UNIQUE (round_id, institution_id)
);
