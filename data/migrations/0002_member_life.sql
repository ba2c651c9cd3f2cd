-- 0002: member photos and the dated life-cycle history of each member.

-- Photos are kept apart from the dossier row so lists never load them, and
-- stored already scaled (JPEG) as they are shown and printed. A replaced
-- photo is marked deleted, not removed.
CREATE TABLE member_photos (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    jpeg       BLOB NOT NULL,
    sha256     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX member_photos_member ON member_photos(member_id) WHERE deleted_at IS NULL;

-- 组织关系转入/转出, 流动, 奖惩, 党内职务变动, 状态变更 …: one row per event.
-- details holds the kind-specific fields as JSON (介绍信编号, 去向, 有效期 …).
CREATE TABLE member_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    kind       TEXT NOT NULL,
    date       TEXT NOT NULL,
    details    TEXT NOT NULL DEFAULT '{}',
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX member_events_member ON member_events(member_id, date);
