-- 0003: 三会一课 and other meetings: minutes, attendance, templates,
-- required frequencies, attachments and a full-text index.

-- Required frequency per meeting kind (domain.md §5 defaults, editable in
-- 系统设置). period: month | quarter | year | none.
CREATE TABLE meeting_rules (
    kind       TEXT PRIMARY KEY,
    period     TEXT NOT NULL CHECK (period IN ('month', 'quarter', 'year', 'none')),
    times      INTEGER NOT NULL DEFAULT 1,
    sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE meeting_templates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    agenda     TEXT NOT NULL DEFAULT '',
    content    TEXT NOT NULL DEFAULT '',
    resolution TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

CREATE TABLE meetings (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id        INTEGER NOT NULL REFERENCES org_units(id),
    kind           TEXT NOT NULL,
    topic          TEXT NOT NULL DEFAULT '',
    date           TEXT NOT NULL,
    start_time     TEXT NOT NULL DEFAULT '',
    end_time       TEXT NOT NULL DEFAULT '',
    place          TEXT NOT NULL DEFAULT '',
    form           TEXT NOT NULL DEFAULT '线下',
    host           TEXT NOT NULL DEFAULT '',
    recorder       TEXT NOT NULL DEFAULT '',
    expected       INTEGER NOT NULL DEFAULT 0,
    present        INTEGER NOT NULL DEFAULT 0,
    on_leave       INTEGER NOT NULL DEFAULT 0,
    absent         INTEGER NOT NULL DEFAULT 0,
    leave_text     TEXT NOT NULL DEFAULT '',
    absent_text    TEXT NOT NULL DEFAULT '',
    guests         TEXT NOT NULL DEFAULT '',
    agenda         TEXT NOT NULL DEFAULT '',
    content        TEXT NOT NULL DEFAULT '',
    resolution     TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT '草稿',
    review_comment TEXT NOT NULL DEFAULT '',
    submitted_by   TEXT NOT NULL DEFAULT '',
    submitted_at   TEXT NOT NULL DEFAULT '',
    reviewed_by    TEXT NOT NULL DEFAULT '',
    reviewed_at    TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE INDEX meetings_unit_date ON meetings(unit_id, date);
CREATE INDEX meetings_status ON meetings(status);

-- Attendance as it was on the day: name and standing are copied, so a
-- member who later leaves the branch does not rewrite old minutes.
CREATE TABLE meeting_attendance (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    member_id  INTEGER NOT NULL REFERENCES members(id),
    name       TEXT NOT NULL,
    standing   TEXT NOT NULL DEFAULT '',
    committee  INTEGER NOT NULL DEFAULT 0,
    state      TEXT NOT NULL CHECK (state IN ('出席', '请假', '缺席')),
    reason     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX meeting_attendance_member ON meeting_attendance(member_id);

-- Files kept inside the application's storage (photos, scans, documents).
CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_entity TEXT NOT NULL,
    owner_id     INTEGER NOT NULL,
    file_name    TEXT NOT NULL,
    stored_name  TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    size         INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX attachments_owner ON attachments(owner_entity, owner_id);

-- Full-text search over 主题, 主要内容 and 决议. Chinese has no spaces, so
-- the indexed text is the Han runs cut into overlapping two-character
-- pieces (see bigrams in meetings_search.go): a two-character word is one
-- token and a longer phrase is a phrase of pieces. rowid = meetings.id.
CREATE VIRTUAL TABLE meeting_search USING fts5(body, tokenize = 'unicode61');
