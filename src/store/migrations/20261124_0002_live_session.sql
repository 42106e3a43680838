-- Conducting a session: agenda, roll call, votes with recounts, agreements, events.
ALTER TABLE bodies ADD COLUMN agreement_pattern TEXT NOT NULL DEFAULT '{siglas}/{tipo}-{sesion}/{anio}/{n:02}';
-- The body's own standing agenda items, one per line, put between the standard ones.
ALTER TABLE bodies ADD COLUMN agenda_template TEXT NOT NULL DEFAULT '';

ALTER TABLE sessions ADD COLUMN started_at TEXT;
ALTER TABLE sessions ADD COLUMN ended_at TEXT;
ALTER TABLE sessions ADD COLUMN call TEXT NOT NULL DEFAULT 'first';
ALTER TABLE sessions ADD COLUMN current_item INTEGER;

CREATE TABLE session_events (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_events_session ON session_events(session_id);

CREATE TABLE agenda_items (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    started_at TEXT,
    ended_at   TEXT,
    notes      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_items_session ON agenda_items(session_id, position);

CREATE TABLE attendance (
    session_id     INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    membership_id  INTEGER NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
    presence       TEXT NOT NULL,
    mode           TEXT NOT NULL,
    arrival        TEXT,
    departure      TEXT,
    -- who came, as it was that day: names change, the record must not
    representative TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, membership_id)
);

CREATE TABLE votes (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    item_id    INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE RESTRICT,
    motion     TEXT NOT NULL,
    mode       TEXT NOT NULL,
    rule       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX votes_item ON votes(item_id);

-- Each count of a vote; a recount adds a row and marks the earlier ones superseded.
CREATE TABLE vote_counts (
    id              INTEGER PRIMARY KEY,
    vote_id         INTEGER NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    at              TEXT NOT NULL,
    for_votes       INTEGER NOT NULL,
    against_votes   INTEGER NOT NULL,
    abstentions     INTEGER NOT NULL,
    eligible        INTEGER NOT NULL,
    quorum_present  INTEGER NOT NULL,
    quorum_required INTEGER NOT NULL,
    call            TEXT NOT NULL,
    approved        INTEGER NOT NULL,
    casting_vote    INTEGER NOT NULL,
    explanation     TEXT NOT NULL,
    superseded      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX vote_counts_vote ON vote_counts(vote_id);

-- Who could vote at that count (the snapshot), and how each voted when the vote is nominal.
CREATE TABLE vote_ballots (
    count_id      INTEGER NOT NULL REFERENCES vote_counts(id) ON DELETE CASCADE,
    membership_id INTEGER NOT NULL REFERENCES memberships(id) ON DELETE RESTRICT,
    weight        INTEGER NOT NULL,
    ballot        TEXT,
    PRIMARY KEY (count_id, membership_id)
);

CREATE TABLE agreements (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    item_id    INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE RESTRICT,
    vote_id    INTEGER REFERENCES votes(id) ON DELETE SET NULL,
    seq        INTEGER NOT NULL,
    number     TEXT NOT NULL UNIQUE,
    text       TEXT NOT NULL,
    deadline   TEXT,
    status     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (session_id, seq)
);

CREATE TABLE agreement_responsibles (
    agreement_id   INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institutions(id) ON DELETE RESTRICT,
    PRIMARY KEY (agreement_id, institution_id)
);
