-- @version 12 --------------------------------------------------------------
-- People found by a name search, read from one index in name order instead
-- of one person row each from anywhere in the file.  name_rank places a
-- person by the first letters of their given and family names, then by id
-- (name_rank_of(), lamtheo's own SQL function, text.h): people named alike
-- are next to each other.  The word index is keyed by it, so the first
-- matches it gives are near each other in person_by_name_rank, which holds
-- all that a hit shows.  A person inserted without it is given it here;
-- the batch import gives it itself (domain/person.c).
ALTER TABLE person ADD COLUMN name_rank INTEGER;
UPDATE person SET name_rank = name_rank_of(name_fold, id);
CREATE INDEX person_by_name_rank ON person(name_rank, name_sort, code, full_name, unit_id,
    position, category, key_cadre, head, name_fold);
DROP TRIGGER person_words_add;
DROP TRIGGER person_words_remove;
DROP TRIGGER person_words_change;
DROP TABLE person_name_words;
CREATE VIRTUAL TABLE person_name_words USING fts5(name_fold, content='person',
    content_rowid='name_rank', detail=none, columnsize=0);
CREATE TRIGGER person_words_add AFTER INSERT ON person BEGIN
    UPDATE person SET name_rank = name_rank_of(NEW.name_fold, NEW.id)
        WHERE id = NEW.id AND name_rank IS NULL;
    INSERT INTO person_name_words(rowid, name_fold)
        SELECT name_rank, name_fold FROM person WHERE id = NEW.id AND name_rank IS NOT NULL;
END;
CREATE TRIGGER person_words_remove AFTER DELETE ON person WHEN OLD.name_rank IS NOT NULL BEGIN
    INSERT INTO person_name_words(person_name_words, rowid, name_fold)
        VALUES ('delete', OLD.name_rank, OLD.name_fold);
END;
CREATE TRIGGER person_words_change AFTER UPDATE OF name_fold ON person
    WHEN OLD.name_fold IS NOT NEW.name_fold
BEGIN
    INSERT INTO person_name_words(person_name_words, rowid, name_fold)
        SELECT 'delete', OLD.name_rank, OLD.name_fold WHERE OLD.name_rank IS NOT NULL;
    UPDATE person SET name_rank = name_rank_of(NEW.name_fold, NEW.id) WHERE id = NEW.id;
    INSERT INTO person_name_words(rowid, name_fold)
        SELECT name_rank, name_fold FROM person WHERE id = NEW.id AND name_rank IS NOT NULL;
END;
-- (in rank order, as store/db.c fills it after a large import)
INSERT INTO person_name_words(rowid, name_fold) SELECT name_rank, name_fold FROM person
    WHERE name_rank IS NOT NULL ORDER BY name_rank;
