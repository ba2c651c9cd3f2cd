-- 0010: office ↔ branch exchange by signed package files (issue 16; see
-- docs/exchange.md). This copy's own identity (organisation, copy id, key
-- pair) is kept in settings (exchange.*).

-- The other copies this one exchanges with: on the office, one row per
-- branch (invited with a one-time trust code, pinned when the branch's
-- first package arrives); on a branch copy, the office.
CREATE TABLE xchg_copies (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    copy_id     TEXT NOT NULL DEFAULT '',   -- '' while a branch is invited and has not answered
    kind        TEXT NOT NULL CHECK (kind IN ('office', 'branch')),
    branch_id   INTEGER NOT NULL DEFAULT 0, -- the branch (local org unit id) of a branch copy
    name        TEXT NOT NULL DEFAULT '',
    public_key  TEXT NOT NULL DEFAULT '',   -- base64 ed25519 public key, once known
    trust_code  TEXT NOT NULL DEFAULT '',   -- office: the one-time code of the initial package, until used
    pinned_at   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);

-- Packages sent and received, numbered per sender and receiver.
CREATE TABLE xchg_packages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    direction  TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    peer       INTEGER NOT NULL REFERENCES xchg_copies(id),
    number     INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    manifest   TEXT NOT NULL,             -- the manifest as JSON
    file_name  TEXT NOT NULL DEFAULT '',
    sha256     TEXT NOT NULL DEFAULT '',
    carried    TEXT NOT NULL DEFAULT '{}', -- entity → records (applied, for a received package)
    pending    INTEGER NOT NULL DEFAULT 0,
    conflicts  INTEGER NOT NULL DEFAULT 0,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX xchg_packages_number ON xchg_packages(direction, peer, number);

-- Global ids of exchanged records: <copy id>/<entity>/<id on that copy>.
CREATE TABLE xchg_records (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    gid      TEXT NOT NULL UNIQUE,
    entity   TEXT NOT NULL,
    local_id INTEGER NOT NULL
);
CREATE UNIQUE INDEX xchg_records_local ON xchg_records(entity, local_id);

-- Change capture, per peer and record: the version both copies agree on
-- (base_hash) and the version last sent and not yet confirmed (sent_hash,
-- in package sent_number). A record whose current version differs from
-- base_hash has changed since the last exchange with that peer.
CREATE TABLE xchg_sync (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    peer        INTEGER NOT NULL REFERENCES xchg_copies(id),
    gid         TEXT NOT NULL,
    base_hash   TEXT NOT NULL DEFAULT '',
    sent_hash   TEXT NOT NULL DEFAULT '',
    sent_number INTEGER NOT NULL DEFAULT 0,
    -- this copy refused the peer's version: the next package tells the
    -- peer, which sends the record again (a missing reference may be there by then)
    refused     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX xchg_sync_peer_gid ON xchg_sync(peer, gid);

-- Member changes proposed by a branch copy, waiting for the office.
CREATE TABLE xchg_pending (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    package_id INTEGER NOT NULL REFERENCES xchg_packages(id),
    peer       INTEGER NOT NULL REFERENCES xchg_copies(id),
    entity     TEXT NOT NULL,
    gid        TEXT NOT NULL,
    member_id  INTEGER NOT NULL DEFAULT 0,
    name       TEXT NOT NULL DEFAULT '',
    proposed   TEXT NOT NULL,             -- the record as the branch has it (JSON)
    status     TEXT NOT NULL DEFAULT '待确认' CHECK (status IN ('待确认', '已接受', '已拒绝')),
    reason     TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX xchg_pending_status ON xchg_pending(status);

-- Records both copies changed since their last exchange: this copy's
-- version stays in its table, the package's waits here until decided.
CREATE TABLE xchg_conflicts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    package_id    INTEGER NOT NULL REFERENCES xchg_packages(id),
    peer          INTEGER NOT NULL REFERENCES xchg_copies(id),
    entity        TEXT NOT NULL,
    gid           TEXT NOT NULL,
    local_id      INTEGER NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    local         TEXT NOT NULL,          -- this copy's version when the conflict was found (JSON)
    incoming      TEXT NOT NULL,          -- the package's version (JSON)
    incoming_hash TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT '未处理' CHECK (status IN ('未处理', '已处理')),
    kept          TEXT NOT NULL DEFAULT '',
    decided_by    TEXT NOT NULL DEFAULT '',
    decided_at    TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX xchg_conflicts_status ON xchg_conflicts(status);
