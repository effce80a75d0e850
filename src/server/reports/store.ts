// The Department's report store: one SQLite file (WAL) under the data folder. Holds the reports
// (each id once), each ward's latest report, and the access tokens (sha256 only, never the token).
// better-sqlite3 is an optional dependency, loaded only here and only when a store is opened: the
// ward side (check, the demo server's in-memory intake) never needs it, and a PC where its native
// binary cannot be installed gets a message that says so instead of a missing-bindings trace.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { EXIT, WardkitError } from '../../errors.js';
import type { Report } from '../../report/model.js';
import { migrate } from '../console/migrations.js';
import { CONSOLE_MIGRATIONS } from '../console/schema.js';

export const STORE_FILE = 'wardkit.sqlite';

export interface TokenRow {
  id: string;
  ward: string | null;
  admin: boolean;
  /** A read-only console token (pages and APIs, no changes). */
  viewer: boolean;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface WardRow {
  ward: string;
  reportId: string | null;
  readiness: Report['readiness'] | null;
  finishedAt: string | null;
  receivedAt: string | null;
  failing: string[];
}

export type StoreOutcome = 'stored' | 'duplicate' | 'conflict';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new token: 32 random bytes, base64url, with a prefix that makes a leaked one easy to find. */
export const newToken = (): string => `wk_${randomBytes(32).toString('base64url')}`;

/** Check ids of results that failed or errored (what the dashboard lists per ward). */
export function failingChecks(report: Report): string[] {
  const out = new Set<string>();
  for (const r of report.results)
    if (r.status === 'fail' || r.status === 'error')
      out.add(r.targetId === 'default' ? r.checkId : `${r.checkId}:${r.targetId}`);
  return [...out];
}

/** What report intake needs of a store: the SQLite one (`serve`) or the demo server's memory one. */
export interface IntakeStore {
  put(report: Report, body: string, now?: Date, tokenId?: string): StoreOutcome;
  addToken(token: string, o: { ward?: string; admin?: boolean; viewer?: boolean; label?: string }): void;
  authenticate(token: string | undefined): { id: string; ward: string | null; admin: boolean } | undefined;
  close(): void;
}

/** better-sqlite3's constructor, or a WardkitError (`store.noSqlite`) that says how to get it. */
export function loadSqlite(): typeof Database {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as typeof Database;
  } catch (err) {
    const detail = ((err as Error)?.message ?? String(err)).split('\n')[0].slice(0, 200);
    throw new WardkitError('store.noSqlite', { detail }, EXIT.INVALID, { cause: err });
  }
}

export class ReportStore implements IntakeStore {
  readonly db: Database.Database;
  private readonly q;

  constructor(dataDir: string) {
    const Sqlite = loadSqlite();
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, STORE_FILE);
    // Created private before SQLite opens it; SQLite gives the -wal/-shm files the same mode.
    closeSync(openSync(file, 'a', 0o600));
    this.db = new Sqlite(file);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: SQLite does not flush a commit itself; intake flushes the WAL (one flush for
    // many commits, off the event loop) before it answers, so an acknowledged report is on disk
    // (group-commit.ts). Other writes (tokens, schedule, webhook marks) reach the disk with the next
    // flush or checkpoint.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS reports (
        id TEXT PRIMARY KEY,
        ward TEXT NOT NULL,
        readiness TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        failing TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS reports_ward ON reports (ward, finished_at);
      CREATE TABLE IF NOT EXISTS ward_latest (
        ward TEXT PRIMARY KEY,
        report_id TEXT NOT NULL,
        readiness TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        failing TEXT NOT NULL,
        sort_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS tokens (
        id TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        ward TEXT,
        admin INTEGER NOT NULL DEFAULT 0,
        label TEXT,
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        last_used_at TEXT
      );
    `);
    migrate(this.db, CONSOLE_MIGRATIONS);
    this.q = {
      insert: this.db.prepare(
        'INSERT OR IGNORE INTO reports (id, ward, readiness, finished_at, received_at, failing, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      wardOf: this.db.prepare<[string], { ward: string }>('SELECT ward FROM reports WHERE id = ?'),
      latest:
        this.db.prepare(`INSERT INTO ward_latest (ward, report_id, readiness, finished_at, received_at, failing, sort_at) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (ward) DO UPDATE SET report_id = excluded.report_id, readiness = excluded.readiness, finished_at = excluded.finished_at,
          received_at = excluded.received_at, failing = excluded.failing, sort_at = excluded.sort_at
        WHERE excluded.sort_at >= ward_latest.sort_at`),
      tokenByHash: this.db.prepare<
        [string],
        { id: string; ward: string | null; admin: number; revoked_at: string | null }
      >('SELECT id, ward, admin, revoked_at FROM tokens WHERE hash = ?'),
      touchToken: this.db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?'),
      addToken: this.db.prepare(
        'INSERT INTO tokens (id, hash, ward, admin, viewer, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      listTokens: this.db.prepare(
        'SELECT id, ward, admin, viewer, label, created_at, revoked_at, last_used_at FROM tokens ORDER BY ward, created_at',
      ),
      revokeById: this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      revokeByWard: this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE ward = ? AND revoked_at IS NULL'),
      wards: this.db.prepare(`SELECT w.ward AS ward, l.report_id, l.readiness, l.finished_at, l.received_at, l.failing
        FROM (SELECT ward FROM ward_latest UNION SELECT ward FROM tokens WHERE ward IS NOT NULL AND revoked_at IS NULL) w
        LEFT JOIN ward_latest l ON l.ward = w.ward ORDER BY w.ward`),
      count: this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM reports'),
      countWard: this.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM reports WHERE ward = ?'),
      body: this.db.prepare<[string], { body: string }>('SELECT body FROM reports WHERE id = ?'),
    };
  }

  /**
   * Store a validated report once. `duplicate`: this id is already stored for this ward (the
   * client's retry or a spool left behind by a crash — success for the client). `conflict`: the
   * id exists for another ward.
   */
  put(report: Report, body: string, now = new Date(), tokenId?: string): StoreOutcome {
    const failing = JSON.stringify(failingChecks(report));
    const received = now.toISOString();
    return this.db
      .transaction((): StoreOutcome => {
        // Ids compare case-insensitively (UUIDs): one spelling is stored, lower case.
        const id = report.id.toLowerCase();
        const r = this.q.insert.run(id, report.ward, report.readiness, report.finishedAt, received, failing, body);
        if (tokenId) this.q.touchToken.run(received, tokenId);
        if (r.changes === 0) return this.q.wardOf.get(id)?.ward === report.ward ? 'duplicate' : 'conflict';
        // Latest = the most recent run, by the ward's clock but never later than its arrival: a
        // report from a clock set in the future must not hide every later report of that ward.
        const finished = new Date(report.finishedAt);
        const sortAt = (Number.isNaN(finished.getTime()) || finished > now ? now : finished).toISOString();
        this.q.latest.run(report.ward, id, report.readiness, report.finishedAt, received, failing, sortAt);
        return 'stored';
      })
      .immediate();
  }

  get(id: string): Report | undefined {
    // Lower case first; the exact spelling for rows stored before ids were folded.
    const row = this.q.body.get(id.toLowerCase()) ?? this.q.body.get(id);
    return row ? (JSON.parse(row.body) as Report) : undefined;
  }

  /** The stored text as received (no parse: a reader never rebuilds what it only passes on). */
  getText(id: string): string | undefined {
    return (this.q.body.get(id.toLowerCase()) ?? this.q.body.get(id))?.body;
  }

  count(ward?: string): number {
    return ward ? this.q.countWard.get(ward)!.n : this.q.count.get()!.n;
  }

  /** Every known ward (has a report or a live token) with its latest report, by ward id. */
  wards(): WardRow[] {
    return (
      this.q.wards.all() as Array<{
        ward: string;
        report_id: string | null;
        readiness: WardRow['readiness'];
        finished_at: string | null;
        received_at: string | null;
        failing: string | null;
      }>
    ).map((r) => ({
      ward: r.ward,
      reportId: r.report_id,
      readiness: r.readiness,
      finishedAt: r.finished_at,
      receivedAt: r.received_at,
      failing: r.failing ? (JSON.parse(r.failing) as string[]) : [],
    }));
  }

  /** Create a token; returns it in clear once. Only its sha256 is stored. */
  createToken(
    o: { ward?: string; admin?: boolean; viewer?: boolean; label?: string },
    now = new Date(),
  ): { id: string; token: string } {
    const token = newToken();
    const id = randomBytes(4).toString('hex');
    this.q.addToken.run(
      id,
      hashToken(token),
      o.ward ?? null,
      o.admin ? 1 : 0,
      o.viewer ? 1 : 0,
      o.label ?? null,
      now.toISOString(),
    );
    return { id, token };
  }

  /** Register a token chosen elsewhere (the demo server's); idempotent. */
  addToken(token: string, o: { ward?: string; admin?: boolean; viewer?: boolean; label?: string }): void {
    if (this.q.tokenByHash.get(hashToken(token))) return;
    this.q.addToken.run(
      randomBytes(4).toString('hex'),
      hashToken(token),
      o.ward ?? null,
      o.admin ? 1 : 0,
      o.viewer ? 1 : 0,
      o.label ?? null,
      new Date().toISOString(),
    );
  }

  listTokens(): TokenRow[] {
    return (
      this.q.listTokens.all() as Array<{
        id: string;
        ward: string | null;
        admin: number;
        viewer: number;
        label: string | null;
        created_at: string;
        revoked_at: string | null;
        last_used_at: string | null;
      }>
    ).map((r) => ({
      id: r.id,
      ward: r.ward,
      admin: r.admin === 1,
      viewer: r.viewer === 1,
      label: r.label,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  revoke(by: { id?: string; ward?: string }, now = new Date()): number {
    if (by.id) return this.q.revokeById.run(now.toISOString(), by.id).changes;
    if (by.ward) return this.q.revokeByWard.run(now.toISOString(), by.ward).changes;
    return 0;
  }

  /** Who a presented token is: a ward, an admin, or nobody (unknown or revoked). */
  authenticate(token: string | undefined): { id: string; ward: string | null; admin: boolean } | undefined {
    if (!token || token.length > 200) return undefined;
    const row = this.q.tokenByHash.get(hashToken(token));
    if (!row || row.revoked_at) return undefined;
    return { id: row.id, ward: row.ward, admin: row.admin === 1 };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Constant-time comparison of a presented token with a configured one. */
export function sameToken(presented: string | undefined, expected: string | undefined): boolean {
  if (!presented || !expected) return false;
  return timingSafeEqual(Buffer.from(hashToken(presented), 'hex'), Buffer.from(hashToken(expected), 'hex'));
}
