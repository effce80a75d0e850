// The console's tables in the report store (one SQLite file), as named migrations. The base
// tables (reports, ward_latest, tokens) predate migrations and are created by the store itself.
import type { Migration } from './migrations.js';

export const CONSOLE_MIGRATIONS: Migration[] = [
  {
    name: '2026-12-console-history',
    up(db) {
      db.exec(`
        -- One row per stored report: its time (finishedAt, never later than its arrival), local day,
        -- readiness rank (0 READY, 1 DEGRADED, 2 NOT_READY), failing keys and trend figures.
        CREATE TABLE IF NOT EXISTS console_history (
          report_id TEXT PRIMARY KEY,
          ward TEXT NOT NULL,
          at TEXT NOT NULL,
          day TEXT NOT NULL,
          rank INTEGER NOT NULL,
          failing TEXT NOT NULL,
          figures TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS console_history_ward ON console_history (ward, at);
        CREATE INDEX IF NOT EXISTS console_history_at ON console_history (at);
        -- Each ward's worst report of each local day (the grid and the history strip).
        CREATE TABLE IF NOT EXISTS console_days (
          ward TEXT NOT NULL,
          day TEXT NOT NULL,
          rank INTEGER NOT NULL,
          at TEXT NOT NULL,
          report_id TEXT NOT NULL,
          PRIMARY KEY (ward, day)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS console_days_day ON console_days (day);
        -- The latest report's result per check and target (metrics, the failing-check filter).
        CREATE TABLE IF NOT EXISTS console_checks (
          ward TEXT NOT NULL,
          check_id TEXT NOT NULL,
          target_id TEXT NOT NULL,
          status TEXT NOT NULL,
          PRIMARY KEY (ward, check_id, target_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS console_meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
      `);
    },
  },
  {
    name: '2026-12-incidents',
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS incidents (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          ward TEXT NOT NULL,
          key TEXT NOT NULL,
          check_id TEXT NOT NULL,
          target_id TEXT NOT NULL,
          label TEXT NOT NULL,
          severity TEXT NOT NULL,
          state TEXT NOT NULL,
          opened_at TEXT NOT NULL,
          last_seen_at TEXT NOT NULL,
          closed_at TEXT,
          flaps INTEGER NOT NULL DEFAULT 0,
          first_report_id TEXT,
          last_report_id TEXT,
          close_report_id TEXT
        );
        CREATE INDEX IF NOT EXISTS incidents_ward ON incidents (ward, key, state);
        CREATE INDEX IF NOT EXISTS incidents_state ON incidents (state, opened_at);
      `);
    },
  },
  {
    name: '2026-12-webhook-outbox',
    up(db) {
      db.exec(`
        -- At-least-once webhook delivery: a row per (event, receiver), written in the same
        -- transaction as the incident change, deleted long after delivery.
        CREATE TABLE IF NOT EXISTS webhook_outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          idem_key TEXT NOT NULL,
          url TEXT NOT NULL,
          event TEXT NOT NULL,
          body TEXT NOT NULL,
          created_at TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          next_at INTEGER NOT NULL,
          delivered_at TEXT,
          gave_up_at TEXT,
          last_error TEXT,
          UNIQUE (idem_key, url)
        );
        CREATE INDEX IF NOT EXISTS webhook_outbox_queue ON webhook_outbox (url, id) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
      `);
    },
  },
  {
    name: '2026-12-schedule',
    up(db) {
      db.exec(`
        -- Reception sessions declared through the admin API (those of --schedule FILE live in memory).
        CREATE TABLE IF NOT EXISTS schedule_sessions (
          id TEXT PRIMARY KEY,
          day TEXT NOT NULL,
          time TEXT NOT NULL,
          wards TEXT NOT NULL,
          label TEXT,
          created_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    name: '2026-12-viewer-tokens',
    up(db) {
      // Read-only tokens for the console: pages and APIs, no management.
      const cols = db.prepare("SELECT name FROM pragma_table_info('tokens')").all() as Array<{ name: string }>;
      if (cols.length && !cols.some((c) => c.name === 'viewer'))
        db.exec('ALTER TABLE tokens ADD COLUMN viewer INTEGER NOT NULL DEFAULT 0');
    },
  },
];
