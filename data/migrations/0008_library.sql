-- 资料库: documents kept in the attachment folder (named by content hash),
-- with title, category, tags (comma-separated) and date; content holds the
-- text extracted from .pdf, .docx and .txt files for search. library_search is
-- the bigram index of title, tags, description and content.
CREATE TABLE library_docs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL,
    category    TEXT NOT NULL,
    tags        TEXT NOT NULL DEFAULT '',
    date        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    file_name   TEXT NOT NULL DEFAULT '',
    stored_name TEXT NOT NULL DEFAULT '',
    sha256      TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL DEFAULT 0,
    content     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX library_docs_category ON library_docs(category, date);

CREATE VIRTUAL TABLE library_search USING fts5(body, tokenize = 'unicode61');

-- 工作清单: what a branch should do in a month (meetings, study, dues,
-- reports). months is a JSON list of months (1-12); [] means every month.
-- due_day is the day of the month it is due by (past the month's end: its
-- last day). Seeded from data/defaults/worklist.json on first run; the
-- office edits it.
CREATE TABLE worklist_items (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT NOT NULL,
    category   TEXT NOT NULL,
    months     TEXT NOT NULL DEFAULT '[]',
    due_day    INTEGER NOT NULL DEFAULT 31,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
