-- 0007: 学习记录 and 积分 (domain.md §8): each member's study records
-- (entered by hand, for a whole branch at once, from a meeting's attendance
-- or from an imported ledger), the activities that earn points besides
-- study (讲党课, 志愿服务), and the office's points rules. Points are not
-- stored: they are derived from these records (and meeting attendance) on
-- read, so every point is traceable to its source and never out of step.
-- Hours are tenths of a 学时 (1.5 学时 = 15); points are tenths of a 分.

CREATE TABLE study_records (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    branch_id  INTEGER NOT NULL REFERENCES org_units(id),
    date       TEXT NOT NULL,
    content    TEXT NOT NULL,
    hours      INTEGER NOT NULL CHECK (hours > 0),
    form       TEXT NOT NULL,
    organiser  TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'meeting', 'import')),
    meeting_id INTEGER REFERENCES meetings(id),
    source_ref TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX study_records_member ON study_records(member_id, date);
CREATE INDEX study_records_branch ON study_records(branch_id, date);
-- A meeting gives each attendee one record: generating twice adds nothing.
CREATE UNIQUE INDEX study_records_meeting ON study_records(meeting_id, member_id)
    WHERE meeting_id IS NOT NULL AND deleted_at IS NULL;

-- 讲党课 and 志愿服务: what earns points besides study and meetings.
CREATE TABLE activities (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    branch_id  INTEGER NOT NULL REFERENCES org_units(id),
    kind       TEXT NOT NULL,
    date       TEXT NOT NULL,
    content    TEXT NOT NULL,
    hours      INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX activities_member ON activities(member_id, date);

-- The office's points rules, one row per source kind (shipped defaults in
-- data/defaults/points_rules.json, loaded once).
CREATE TABLE points_rules (
    kind        TEXT PRIMARY KEY,
    points      INTEGER NOT NULL,
    monthly_cap INTEGER NOT NULL DEFAULT 0,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL
);

-- The 知识竞赛 question bank: 单选 / 多选 / 判断, the options as a JSON
-- list (A, B, C … in order), the answer as letters ("A", "AC") or 对 / 错,
-- points in tenths, a category to draw quizzes by.
CREATE TABLE questions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL CHECK (kind IN ('单选', '多选', '判断')),
    question   TEXT NOT NULL,
    options    TEXT NOT NULL DEFAULT '[]',
    answer     TEXT NOT NULL,
    points     INTEGER NOT NULL,
    category   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX questions_category ON questions(category);

-- A quiz taken by a member (on screen, or a paper scored by entering the
-- answers): its questions and the answers given are kept as JSON; the
-- score earns 知识竞赛 points (per 100 scored).
CREATE TABLE quiz_results (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    branch_id  INTEGER NOT NULL REFERENCES org_units(id),
    date       TEXT NOT NULL,
    title      TEXT NOT NULL,
    score      INTEGER NOT NULL,
    max_score  INTEGER NOT NULL CHECK (max_score > 0),
    answers    TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX quiz_results_member ON quiz_results(member_id, date);

-- 通知公告: from the office (or a branch) to some branches or all
-- (branches '[]'), published on a day; each branch copy marks what it has
-- read. Attached files are attachments rows owned by the notice.
CREATE TABLE notices (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    sender       TEXT NOT NULL DEFAULT '',
    publish_date TEXT NOT NULL,
    branches     TEXT NOT NULL DEFAULT '[]',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX notices_date ON notices(publish_date);

CREATE TABLE notice_reads (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    branch_id INTEGER NOT NULL REFERENCES org_units(id),
    read_at   TEXT NOT NULL,
    read_by   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (notice_id, branch_id)
);
