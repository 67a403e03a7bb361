-- OUT/kikigaki.sqlite: an index of the collection, rebuilt from the per-recording artifacts at will.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);

-- every recording the collection has seen, as its last run left it
CREATE TABLE IF NOT EXISTS recordings (
    id TEXT PRIMARY KEY,
    source TEXT, sha256 TEXT, duration REAL,
    status TEXT NOT NULL,          -- done, failed, pending
    error TEXT, stage TEXT,        -- why it failed, and in which stage
    wall REAL,                     -- seconds the last run took
    stage_wall TEXT,               -- JSON {stage: seconds computing it}
    stage_keys TEXT,               -- JSON {stage: artifact key}
    model TEXT, options TEXT,      -- the ASR model, and JSON of every stage's provenance
    worker TEXT, finished TEXT,    -- host:pid, UTC ISO time
    segments INTEGER, edits INTEGER, review INTEGER,  -- review: corrections a person must look at
    stamp TEXT                     -- modification times of the artifacts this row was read from
);

-- the corrected sentences, with their words' times to place a hit inside a sentence
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY,
    recording TEXT NOT NULL, segment INTEGER NOT NULL,
    start REAL, end REAL, speaker_id TEXT, speaker TEXT,
    text TEXT NOT NULL,
    words TEXT                     -- JSON [[characters, start, end], ...]
);
CREATE INDEX IF NOT EXISTS sentences_by_recording ON sentences (recording, segment);

-- substrings of three characters or more: trigrams need no word boundaries
CREATE VIRTUAL TABLE IF NOT EXISTS sentence_trigrams USING fts5 (
    text, content = 'sentences', content_rowid = 'id', tokenize = 'trigram');

-- one and two characters (撫順, 父): each character a token, a query a phrase of them
CREATE VIRTUAL TABLE IF NOT EXISTS sentence_chars USING fts5 (
    text, content = '', tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    recording TEXT NOT NULL, segment INTEGER NOT NULL, sentence INTEGER NOT NULL,
    label TEXT, text TEXT, normalized TEXT, reading TEXT, romanized TEXT,
    start REAL, end REAL, char_start INTEGER, char_end INTEGER
);
CREATE INDEX IF NOT EXISTS entities_by_recording ON entities (recording);
CREATE INDEX IF NOT EXISTS entities_by_sentence ON entities (sentence, label);

-- every folded spelling that finds an entity (text, normal form, reading, romanization, pinyin)
CREATE TABLE IF NOT EXISTS entity_forms (
    form TEXT NOT NULL, entity INTEGER NOT NULL, PRIMARY KEY (form, entity)) WITHOUT ROWID;

-- each `kikigaki run`: for throughput
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT, finished TEXT, cluster TEXT,
    recordings INTEGER, processed INTEGER, failed INTEGER, audio_seconds REAL, wall REAL
);
