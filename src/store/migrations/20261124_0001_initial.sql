-- Bodies, member institutions, representatives and the session calendar.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE institutions (
    id      INTEGER PRIMARY KEY,
    acronym TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    kind    TEXT NOT NULL
);

CREATE TABLE bodies (
    id                        INTEGER PRIMARY KEY,
    acronym                   TEXT NOT NULL UNIQUE,
    name                      TEXT NOT NULL,
    kind                      TEXT NOT NULL,
    parent_id                 INTEGER REFERENCES bodies(id) ON DELETE RESTRICT,
    coordinator_id            INTEGER REFERENCES institutions(id) ON DELETE RESTRICT,
    meeting_word              TEXT NOT NULL,
    timezone                  TEXT NOT NULL,
    place                     TEXT NOT NULL DEFAULT '',
    quorum                    TEXT NOT NULL,
    second_quorum             TEXT,
    second_wait_min           INTEGER,
    majority                  TEXT NOT NULL,
    casting_vote              INTEGER NOT NULL,
    minimum                   TEXT,
    notice_ordinary_days      INTEGER NOT NULL,
    notice_extraordinary_days INTEGER NOT NULL
);
CREATE INDEX bodies_parent ON bodies(parent_id);

CREATE TABLE memberships (
    id             INTEGER PRIMARY KEY,
    body_id        INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions(id) ON DELETE RESTRICT,
    rights         TEXT NOT NULL,
    office         TEXT NOT NULL,
    weight         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (body_id, institution_id)
);
CREATE INDEX memberships_institution ON memberships(institution_id);

CREATE TABLE representatives (
    membership_id INTEGER NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('titular', 'suplente')),
    name          TEXT NOT NULL,
    position      TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    designated_on TEXT,
    letter_ref    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (membership_id, role)
);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    body_id      INTEGER NOT NULL REFERENCES bodies(id) ON DELETE RESTRICT,
    kind         TEXT NOT NULL,
    number       INTEGER NOT NULL,
    year         INTEGER NOT NULL,
    date         TEXT,
    time         TEXT,
    window_from  INTEGER,
    window_to    INTEGER,
    window_slash INTEGER NOT NULL DEFAULT 0,
    -- first and last possible day, so range queries work for windows too
    starts_on    TEXT NOT NULL,
    ends_on      TEXT NOT NULL,
    planned      TEXT,
    place        TEXT NOT NULL DEFAULT '',
    modality     TEXT NOT NULL,
    link         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    UNIQUE (body_id, kind, number)
);
CREATE INDEX sessions_starts ON sessions(starts_on);
CREATE INDEX sessions_ends ON sessions(ends_on);
