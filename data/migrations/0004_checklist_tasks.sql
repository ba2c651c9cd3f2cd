-- 0004: the 标准化党支部 checklist (per year, scored per branch) and the
-- year's 督办 task list (assigned, reported, reviewed, closed).
-- Points and scores are integer tenths of a point (2.5 分 = 25).

CREATE TABLE checklist_items (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    year       INTEGER NOT NULL,
    dimension  TEXT NOT NULL,
    item       TEXT NOT NULL,
    points     INTEGER NOT NULL,
    evidence   TEXT NOT NULL DEFAULT '',
    rule       TEXT NOT NULL DEFAULT '',
    bonus      INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX checklist_items_year ON checklist_items(year);

-- A closed year keeps its template and scores as they were.
CREATE TABLE checklist_years (
    year      INTEGER PRIMARY KEY,
    closed_at TEXT NOT NULL DEFAULT '',
    closed_by TEXT NOT NULL DEFAULT ''
);

-- Manual scores and the branch's evidence notes; automatic items are
-- computed from the records each time (and frozen when the year closes).
CREATE TABLE checklist_scores (
    item_id   INTEGER NOT NULL REFERENCES checklist_items(id),
    branch_id INTEGER NOT NULL REFERENCES org_units(id),
    score     INTEGER,
    reason    TEXT NOT NULL DEFAULT '',
    evidence  TEXT NOT NULL DEFAULT '',
    comment   TEXT NOT NULL DEFAULT '',
    scored_by TEXT NOT NULL DEFAULT '',
    scored_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item_id, branch_id)
);

CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    year        INTEGER NOT NULL,
    aspect      TEXT NOT NULL,
    title       TEXT NOT NULL,
    requirement TEXT NOT NULL DEFAULT '',
    due         TEXT NOT NULL,
    points      INTEGER NOT NULL DEFAULT 0,
    remind_days INTEGER NOT NULL DEFAULT 7,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX tasks_year ON tasks(year);

CREATE TABLE task_assignments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id    INTEGER NOT NULL REFERENCES tasks(id),
    branch_id  INTEGER NOT NULL REFERENCES org_units(id),
    status     TEXT NOT NULL DEFAULT '待办',
    due        TEXT NOT NULL,
    progress   TEXT NOT NULL DEFAULT '',
    score      INTEGER,
    comment    TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (task_id, branch_id)
);

-- Every step of the loop, kept: 报送, 通过, 退回, 督办.
CREATE TABLE task_steps (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    assignment_id INTEGER NOT NULL REFERENCES task_assignments(id),
    action        TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    due           TEXT,
    score         INTEGER,
    operator      TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX task_steps_assignment ON task_steps(assignment_id);
