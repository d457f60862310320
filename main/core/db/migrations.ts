// Numbered migrations: entry N brings the schema to user_version N+1. Never edit a shipped entry; append.
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE cameras (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    location        TEXT NOT NULL DEFAULT '',
    main_url        TEXT NOT NULL,
    sub_url         TEXT,
    username        TEXT,
    password_sealed TEXT,
    enabled         INTEGER NOT NULL DEFAULT 1,
    retention_hours INTEGER NOT NULL DEFAULT 72,
    created_at      INTEGER NOT NULL
  );

  -- One row per closed recording file. Times are UTC epoch ms; tz/utc_offset_min keep the recording
  -- machine's local zone for evidence reports. path is relative to the recordings folder.
  CREATE TABLE segments (
    id             INTEGER PRIMARY KEY,
    camera_id      TEXT NOT NULL,
    path           TEXT NOT NULL UNIQUE,
    start_ms       INTEGER NOT NULL,
    end_ms         INTEGER NOT NULL,
    duration_ms    INTEGER NOT NULL,
    tz             TEXT NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    bytes          INTEGER NOT NULL,
    video_codec    TEXT,
    audio_codec    TEXT,
    sha256         TEXT NOT NULL,
    missing        INTEGER NOT NULL DEFAULT 0,
    indexed_at     INTEGER NOT NULL
  );
  CREATE INDEX segments_by_camera_time ON segments (camera_id, start_ms);
  CREATE INDEX segments_by_time ON segments (start_ms);

  -- A span without recording and why. end_ms is NULL while the gap is still open.
  CREATE TABLE gaps (
    id        INTEGER PRIMARY KEY,
    camera_id TEXT NOT NULL,
    start_ms  INTEGER NOT NULL,
    end_ms    INTEGER,
    cause     TEXT NOT NULL,
    detail    TEXT
  );
  CREATE INDEX gaps_by_camera_time ON gaps (camera_id, start_ms);

  -- Evidence holds: retention never deletes a segment that overlaps an active hold.
  CREATE TABLE holds (
    id             INTEGER PRIMARY KEY,
    camera_id      TEXT NOT NULL,
    start_ms       INTEGER NOT NULL,
    end_ms         INTEGER NOT NULL,
    reason         TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    released_at    INTEGER,
    release_reason TEXT
  );
  `,
  `
  -- Motion, doorbell and camera events. end_ms is NULL while the event goes on; snapshot_path is relative
  -- to the data folder.
  -- AUTOINCREMENT: an id is never reused, so a notification or link to a deleted event cannot open another.
  CREATE TABLE events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    camera_id     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    source        TEXT NOT NULL,
    start_ms      INTEGER NOT NULL,
    end_ms        INTEGER,
    zone_id       TEXT,
    zone_name     TEXT,
    peak_score    REAL,
    snapshot_path TEXT
  );
  CREATE INDEX events_by_camera_time ON events (camera_id, start_ms);
  CREATE INDEX events_by_time ON events (start_ms);
  `,
  `
  -- Segment ids must never be reused: retention and events-only trimming delete the newest rows too, and a
  -- UI (or an export) still holding an id would otherwise get other footage. SQLite cannot add AUTOINCREMENT
  -- to a table in place, so the table is rebuilt with the same rows and ids.
  CREATE TABLE segments_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    camera_id      TEXT NOT NULL,
    path           TEXT NOT NULL UNIQUE,
    start_ms       INTEGER NOT NULL,
    end_ms         INTEGER NOT NULL,
    duration_ms    INTEGER NOT NULL,
    tz             TEXT NOT NULL,
    utc_offset_min INTEGER NOT NULL,
    bytes          INTEGER NOT NULL,
    video_codec    TEXT,
    audio_codec    TEXT,
    sha256         TEXT NOT NULL,
    missing        INTEGER NOT NULL DEFAULT 0,
    indexed_at     INTEGER NOT NULL
  );
  INSERT INTO segments_new SELECT id, camera_id, path, start_ms, end_ms, duration_ms, tz, utc_offset_min, bytes,
    video_codec, audio_codec, sha256, missing, indexed_at FROM segments;
  DROP TABLE segments;
  ALTER TABLE segments_new RENAME TO segments;
  CREATE INDEX segments_by_camera_time ON segments (camera_id, start_ms);
  CREATE INDEX segments_by_time ON segments (start_ms);
  `,
  `
  -- The export log: every confirmed export and every evidence hold placed or released, append-only. Each row
  -- stores the SHA-256 of the previous row (64 zeros for the first), so an edit or a deletion breaks the chain;
  -- main/core/evidence/export-log.ts computes and verifies the hashes. payload is canonical JSON.
  -- AUTOINCREMENT: ids are never reused, and sqlite_sequence remembers the highest id ever written, so even
  -- deleting the newest entries leaves a gap the verifier sees. prev_hash is UNIQUE: the chain cannot fork.
  CREATE TABLE export_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms     INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    payload   TEXT NOT NULL,
    prev_hash TEXT NOT NULL UNIQUE,
    hash      TEXT NOT NULL UNIQUE
  );
  CREATE TRIGGER export_log_no_update BEFORE UPDATE ON export_log
  BEGIN
    SELECT RAISE(ABORT, 'the export log is append-only');
  END;
  CREATE TRIGGER export_log_no_delete BEFORE DELETE ON export_log
  BEGIN
    SELECT RAISE(ABORT, 'the export log is append-only');
  END;
  `
]
