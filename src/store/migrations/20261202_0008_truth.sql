-- The record holds what happened (issue 13).

-- A session held on a day other than its scheduled one: `date` becomes the day it was held
-- and the scheduled day is kept here ("prevista").
ALTER TABLE sessions ADD COLUMN scheduled_on TEXT;

-- What a qualified majority (absolute, two thirds) counts against: the votes cast ('cast'),
-- the members with vote present ('present', what every earlier count used) or all the
-- members with vote ('members').
ALTER TABLE bodies ADD COLUMN majority_base TEXT NOT NULL DEFAULT 'present';
ALTER TABLE votes ADD COLUMN base TEXT NOT NULL DEFAULT 'present';
-- The weight of all the body's members with vote at that count, for the 'members' base.
ALTER TABLE vote_counts ADD COLUMN members INTEGER;

-- A recount says why it was made and who asked for it (a member of the roll, or nobody when
-- the Secretaría Técnica corrects its own count).
ALTER TABLE vote_counts ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE vote_counts ADD COLUMN requested_by INTEGER REFERENCES memberships(id) ON DELETE RESTRICT;

-- What reglamentos vary in besides majorities: whether a vote against must give its reasons
-- (voto razonado/salvado), whether agreements may be declared firme (Costa Rica, LGAP arts.
-- 56-57), and who conducts and signs: the Presidencia, or in working groups, subgroups and
-- subcommissions the Coordinación.
ALTER TABLE bodies ADD COLUMN dissent_reasons INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bodies ADD COLUMN firm_agreements INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bodies ADD COLUMN conducted_by TEXT NOT NULL DEFAULT 'presidency';
UPDATE bodies SET conducted_by = 'coordination' WHERE kind IN ('subcommission', 'working_group', 'subgroup');
-- An agreement declared firme in the session that adopted it.
ALTER TABLE agreements ADD COLUMN firm INTEGER NOT NULL DEFAULT 0;
