-- Stored search and sort keys of members' names (issue 17): a search or a
-- sorted list reads them instead of spelling every name on every call.
-- Each write of a name stores them (data/search.go, keysOf); the rows there
-- are are filled by the program right after this step (fillMemberKeys).
-- They are derived from the name, so the audit log does not record them.
ALTER TABLE members ADD COLUMN name_pinyin TEXT;        -- "shan'xiong'xin dan'xiong'xin"
ALTER TABLE members ADD COLUMN name_initials TEXT;      -- "sxx dxx"
ALTER TABLE members ADD COLUMN name_sort_pinyin BLOB;   -- sorts as the 拼音 name order
ALTER TABLE members ADD COLUMN name_sort_strokes BLOB;  -- sorts as the 笔画 name order
CREATE INDEX members_name_pinyin ON members(name_pinyin);
CREATE INDEX members_name_initials ON members(name_initials);
CREATE INDEX members_sort_pinyin ON members(branch_id, name_sort_pinyin);
CREATE INDEX members_sort_strokes ON members(branch_id, name_sort_strokes);
-- Compliance and the checklist read one year of every unit's meetings.
CREATE INDEX meetings_date ON meetings(date);
