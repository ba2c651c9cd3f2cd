-- 0006: 党费 (domain.md §7): the office's dues standards with the month
-- they apply from, each member's base and category with their history, and
-- the ledger: one row per member per month, kept by the branch that
-- collected it. Months are 'YYYY-MM'; money is integer 分.

CREATE TABLE dues_rules (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    effective  TEXT NOT NULL,
    rules      TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX dues_rules_effective ON dues_rules(effective) WHERE deleted_at IS NULL;

CREATE TABLE dues_bases (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    effective  TEXT NOT NULL,
    category   TEXT NOT NULL,
    base       INTEGER NOT NULL DEFAULT 0,
    reason     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX dues_bases_member_month ON dues_bases(member_id, effective) WHERE deleted_at IS NULL;

CREATE TABLE dues_ledger (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id     INTEGER NOT NULL REFERENCES members(id),
    month         TEXT NOT NULL,
    branch_id     INTEGER NOT NULL REFERENCES org_units(id),
    due           INTEGER NOT NULL DEFAULT 0,
    paid          INTEGER NOT NULL DEFAULT 0,
    paid_date     TEXT,
    method        TEXT NOT NULL DEFAULT '',
    exempt_reason TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE UNIQUE INDEX dues_ledger_member_month ON dues_ledger(member_id, month) WHERE deleted_at IS NULL;
CREATE INDEX dues_ledger_month ON dues_ledger(month, branch_id);
