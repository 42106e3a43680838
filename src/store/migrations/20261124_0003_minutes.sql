-- Minutes (actas): the editable text, its approval cycle and, once approved, its fixed hash.
CREATE TABLE minutes (
    session_id  INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    text        TEXT NOT NULL,
    -- the text as last generated from the records, to tell the secretary's edits apart
    generated   TEXT NOT NULL,
    sent_on     TEXT,
    approved_in INTEGER REFERENCES sessions(id) ON DELETE RESTRICT,
    approval_vote INTEGER REFERENCES votes(id) ON DELETE SET NULL,
    approved_on TEXT,
    sha256      TEXT,
    updated_at  TEXT NOT NULL
);

CREATE TABLE minutes_observations (
    id             INTEGER PRIMARY KEY,
    session_id     INTEGER NOT NULL REFERENCES minutes(session_id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions(id) ON DELETE RESTRICT,
    text           TEXT NOT NULL,
    received_on    TEXT NOT NULL,
    decision       TEXT,
    decided_on     TEXT
);

-- Corrections to an approved acta, approved the same way; the acta itself never changes.
CREATE TABLE minutes_errata (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES minutes(session_id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    created_on  TEXT NOT NULL,
    approved_in INTEGER REFERENCES sessions(id) ON DELETE RESTRICT,
    approved_on TEXT,
    sha256      TEXT
);

-- The convocatoria of a session, when it was issued.
CREATE TABLE notices (
    session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    issued_on  TEXT NOT NULL,
    text       TEXT NOT NULL
);
