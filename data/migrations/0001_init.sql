-- 0001: settings, the audit log, the organisation tree and member dossiers.
-- Dates are TEXT 'YYYY-MM-DD'; timestamps TEXT RFC 3339 in UTC; money INTEGER 分.
-- Nothing is hard-deleted: rows carry deleted_at instead.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- 数据留痕: one row per insert/update/delete, hash-chained (see audit.go).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity, record_id);

-- The chain's end, so that removing the newest rows is detected too.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_id   INTEGER NOT NULL,
    last_hash TEXT NOT NULL,
    count     INTEGER NOT NULL
);

CREATE TABLE org_units (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    parent_id  INTEGER REFERENCES org_units(id),
    level      TEXT NOT NULL CHECK (level IN ('general', 'branch', 'group')),
    kind       TEXT NOT NULL,
    full_name  TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    founded    TEXT,
    liaison    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    term_start TEXT,
    term_years INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX org_units_parent ON org_units(parent_id);

CREATE TABLE org_posts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id    INTEGER NOT NULL REFERENCES org_units(id),
    title      TEXT NOT NULL,
    holder     TEXT NOT NULL,
    member_id  INTEGER REFERENCES members(id),
    start      TEXT NOT NULL,
    end        TEXT,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX org_posts_unit ON org_posts(unit_id);

CREATE TABLE members (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 基本信息
    name              TEXT NOT NULL,
    former_name       TEXT NOT NULL DEFAULT '',
    sex               TEXT NOT NULL DEFAULT '',
    ethnicity         TEXT NOT NULL DEFAULT '',
    birth_date        TEXT,
    id_number         TEXT NOT NULL DEFAULT '',
    native_place      TEXT NOT NULL DEFAULT '',
    birthplace        TEXT NOT NULL DEFAULT '',
    -- 联系方式
    phone             TEXT NOT NULL DEFAULT '',
    address           TEXT NOT NULL DEFAULT '',
    police_station    TEXT NOT NULL DEFAULT '',
    -- 学历与工作
    education         TEXT NOT NULL DEFAULT '',
    degree            TEXT NOT NULL DEFAULT '',
    school_major      TEXT NOT NULL DEFAULT '',
    work_start        TEXT,
    staff_no          TEXT NOT NULL DEFAULT '',
    work_unit         TEXT NOT NULL DEFAULT '',
    job_post          TEXT NOT NULL DEFAULT '',
    admin_title       TEXT NOT NULL DEFAULT '',
    pro_title         TEXT NOT NULL DEFAULT '',
    category          TEXT NOT NULL DEFAULT '',
    -- 党籍信息
    branch_id         INTEGER REFERENCES org_units(id),
    group_id          INTEGER REFERENCES org_units(id),
    standing          TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT '正常',
    apply_date        TEXT,
    activist_date     TEXT,
    candidate_date    TEXT,
    join_date         TEXT,
    full_date         TEXT,
    transfer_in_date  TEXT,
    join_branch       TEXT NOT NULL DEFAULT '',
    full_branch       TEXT NOT NULL DEFAULT '',
    introducer1       TEXT NOT NULL DEFAULT '',
    introducer2       TEXT NOT NULL DEFAULT '',
    cultivator        TEXT NOT NULL DEFAULT '',
    volunteer_no      TEXT NOT NULL DEFAULT '',
    party_post        TEXT NOT NULL DEFAULT '',
    rewards           TEXT NOT NULL DEFAULT '',
    punishments       TEXT NOT NULL DEFAULT '',
    dues_base         INTEGER NOT NULL DEFAULT 0,
    dues_paid_to      TEXT NOT NULL DEFAULT '',
    archive_location  TEXT NOT NULL DEFAULT '',
    remarks           TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
);
CREATE INDEX members_branch ON members(branch_id);
CREATE INDEX members_group ON members(group_id);
-- 公民身份号码 is unique among records that are not deleted.
CREATE UNIQUE INDEX members_id_number ON members(id_number)
    WHERE id_number <> '' AND deleted_at IS NULL;
