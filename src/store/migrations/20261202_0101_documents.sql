-- How each body writes its documents, and the facts its documents cite that were nowhere in
-- the record: the legal basis, the room and address, the convocatoria's oficio, annexes and
-- confirmation deadline, the reasons of a dissenting vote, and the
-- narrative of an informe de gestión. Each in a table of its own, so the record's tables keep
-- their shape.

-- One row per body that set anything; a body without a row takes the defaults.
CREATE TABLE body_documents (
    body_id         INTEGER PRIMARY KEY REFERENCES bodies(id) ON DELETE CASCADE,
    style           TEXT NOT NULL DEFAULT 'mx' CHECK (style IN ('mx', 'cr', 'hn', 'regional')),
    record_word     TEXT NOT NULL DEFAULT 'acta' CHECK (record_word IN ('acta', 'minuta')),
    record_pattern  TEXT NOT NULL DEFAULT '',
    legal_basis     TEXT NOT NULL DEFAULT '',
    room            TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    notice_signer   TEXT NOT NULL DEFAULT 'conductor' CHECK (notice_signer IN ('conductor', 'secretariat')),
    contact         TEXT NOT NULL DEFAULT '',
    signature_sheet INTEGER NOT NULL DEFAULT 0,
    term_from       TEXT,
    term_to         TEXT
);

-- What the convocatoria and the acta of one session cite beyond its date, time and place.
CREATE TABLE session_documents (
    session_id  INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    notice_ref  TEXT NOT NULL DEFAULT '',
    room        TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    annexes     TEXT NOT NULL DEFAULT '',
    confirm_by  TEXT
);

-- The reasons a member gives for its vote: a voto salvado (against, with its reasons) or a
-- voto razonado (any vote, explained). The acta transcribes them.
CREATE TABLE vote_reasons (
    vote_id       INTEGER NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
    membership_id INTEGER NOT NULL REFERENCES memberships(id),
    kind          TEXT NOT NULL CHECK (kind IN ('salvado', 'razonado')),
    text          TEXT NOT NULL,
    PRIMARY KEY (vote_id, membership_id)
);

-- What the Presidencia and the Secretaría Técnica write in the informe de gestión of a term.
CREATE TABLE management_narratives (
    body_id         INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    term_from       TEXT NOT NULL,
    term_to         TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',
    actions         TEXT NOT NULL DEFAULT '',
    representations TEXT NOT NULL DEFAULT '',
    cooperation     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (body_id, term_from, term_to)
);

-- What an approved acta states does not change underneath it.
CREATE TRIGGER frozen_session_documents_insert BEFORE INSERT ON session_documents
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = NEW.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: los datos de su convocatoria ya no cambian');
END;
CREATE TRIGGER frozen_session_documents_update BEFORE UPDATE ON session_documents
WHEN EXISTS (SELECT 1 FROM minutes WHERE session_id = OLD.session_id AND status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: los datos de su convocatoria ya no cambian');
END;
CREATE TRIGGER frozen_vote_reasons_insert BEFORE INSERT ON vote_reasons
WHEN EXISTS (SELECT 1 FROM votes v JOIN minutes m ON m.session_id = v.session_id
             WHERE v.id = NEW.vote_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
CREATE TRIGGER frozen_vote_reasons_update BEFORE UPDATE ON vote_reasons
WHEN EXISTS (SELECT 1 FROM votes v JOIN minutes m ON m.session_id = v.session_id
             WHERE v.id = OLD.vote_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
CREATE TRIGGER frozen_vote_reasons_delete BEFORE DELETE ON vote_reasons
WHEN EXISTS (SELECT 1 FROM votes v JOIN minutes m ON m.session_id = v.session_id
             WHERE v.id = OLD.vote_id AND m.status = 'approved') BEGIN
    SELECT RAISE(ABORT, 'la sesión tiene el acta aprobada: sus votaciones ya no cambian');
END;
