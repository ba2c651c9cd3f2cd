-- 0011: what derived values were made with (issue 17). The members'
-- stored pinyin and stroke keys (0009) come from go-pinyin's dictionary
-- and golang.org/x/text's collation tables, and from our own spelling;
-- a program that spells them otherwise respells every member's keys once
-- when it opens the database, and records its own version here. Not
-- audited: the keys are derived from the name, which the log records.
CREATE TABLE derived_versions (
    name    TEXT PRIMARY KEY,   -- 'member_keys'
    version TEXT NOT NULL
);
