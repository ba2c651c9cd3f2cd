-- 0005: 发展党员 (domain.md §4): candidates on the way to membership, each
-- step as done for them (people named on it, the branch vote's counts, the
-- materials on file), and the office's edits of the 25 steps' names and
-- required materials. Material files are rows of attachments owned by a
-- step record (owner_entity 'dev_step').

CREATE TABLE dev_candidates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    sex        TEXT NOT NULL DEFAULT '',
    id_number  TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    branch_id  INTEGER NOT NULL REFERENCES org_units(id),
    phone      TEXT NOT NULL DEFAULT '',
    education  TEXT NOT NULL DEFAULT '',
    job        TEXT NOT NULL DEFAULT '',
    apply_date TEXT,
    member_id  INTEGER REFERENCES members(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX dev_candidates_branch ON dev_candidates(branch_id);
CREATE INDEX dev_candidates_member ON dev_candidates(member_id);
CREATE UNIQUE INDEX dev_candidates_id_number ON dev_candidates(id_number)
    WHERE id_number <> '' AND deleted_at IS NULL;

CREATE TABLE dev_steps (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    candidate_id   INTEGER NOT NULL REFERENCES dev_candidates(id),
    step           INTEGER NOT NULL,
    date           TEXT,
    note           TEXT NOT NULL DEFAULT '',
    vote_expected  INTEGER,
    vote_present   INTEGER,
    vote_yes       INTEGER,
    vote_no        INTEGER,
    vote_abstain   INTEGER,
    outcome        TEXT NOT NULL DEFAULT '',
    extend_months  INTEGER NOT NULL DEFAULT 0,
    training_days  INTEGER NOT NULL DEFAULT 0,
    training_hours INTEGER NOT NULL DEFAULT 0,
    materials      TEXT NOT NULL DEFAULT '[]',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE INDEX dev_steps_candidate ON dev_steps(candidate_id, step);

-- 培养联系人 and 入党介绍人 named on a step.
CREATE TABLE dev_step_people (
    step_id   INTEGER NOT NULL REFERENCES dev_steps(id),
    member_id INTEGER,
    name      TEXT NOT NULL,
    role      TEXT NOT NULL,
    standing  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dev_step_people_step ON dev_step_people(step_id);

-- The office's wording of a step; the numbering, stage and rule are fixed.
CREATE TABLE dev_step_edits (
    step        INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    actor       TEXT NOT NULL DEFAULT '',
    materials   TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
);
