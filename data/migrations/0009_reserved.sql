-- 0009 is reserved for another branch of this session (search/pinyin keys).
-- This empty placeholder only keeps the numbering whole on the exchange
-- branch; drop it when that branch's 0009 is merged.
SELECT 1;
