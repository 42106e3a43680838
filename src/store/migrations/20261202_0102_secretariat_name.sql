-- What the body calls its Secretaría Técnica in its documents ("Secretaría Ejecutiva" in
-- Honduras' CICESCT); empty: "Secretaría Técnica".
ALTER TABLE body_documents ADD COLUMN secretariat TEXT NOT NULL DEFAULT '';
