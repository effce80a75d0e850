// The console's side of the report store: per-report history rows (time, day, readiness, trend
// figures), each ward's worst report per day, the latest report's check results, incidents, the
// webhook outbox and the API's reception sessions — all in the same SQLite file and, on intake,
// in the same transaction as the report itself.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Readiness, Report } from '../../report/model.js';
import { addDays, DEFAULT_TIMEZONE, localDay } from './clock.js';
import { extractFigures, failingOf, type Figures } from './figures.js';
import { IncidentBook, type Incident, type IncidentEvent } from './incidents.js';
import { migrate } from './migrations.js';
import { CONSOLE_MIGRATIONS } from './schema.js';
import type { Session } from './schedule.js';
import { WebhookOutbox, type WebhookOptions } from './webhooks.js';

export const RANK: Record<Readiness, number> = { READY: 0, DEGRADED: 1, NOT_READY: 2 };
export const READINESS_OF_RANK: Readiness[] = ['READY', 'DEGRADED', 'NOT_READY'];
export const DEFAULT_RETENTION_DAYS = 400;

/** A report's time: when the ward finished it, never later than its arrival (a clock set ahead must not hide later reports). */
export function reportTime(report: Pick<Report, 'finishedAt'>, received: Date): string {
  const finished = new Date(report.finishedAt);
  return (Number.isNaN(finished.getTime()) || finished > received ? received : finished).toISOString();
}

export interface HistoryRow {
  reportId: string;
  at: string;
  day: string;
  readiness: Readiness;
  failing: string[];
  figures: Figures;
}

export interface DayCell {
  day: string;
  readiness: Readiness;
  reportId: string;
}

export interface ConsoleStoreOptions {
  timeZone?: string;
  flapHours?: number;
  webhooks?: WebhookOptions;
  /** Base URL put into webhook payloads as links to the ward page. */
  publicUrl?: () => string;
}

export class ConsoleStore {
  readonly timeZone: string;
  readonly incidents: IncidentBook;
  readonly outbox: WebhookOutbox;
  private readonly q;

  constructor(
    readonly db: Database.Database,
    private readonly opts: ConsoleStoreOptions = {},
  ) {
    this.timeZone = opts.timeZone ?? DEFAULT_TIMEZONE;
    migrate(db, CONSOLE_MIGRATIONS);
    this.outbox = new WebhookOutbox(db, opts.webhooks ?? { targets: [] });
    this.incidents = new IncidentBook(db, {
      flapMs: (opts.flapHours ?? 6) * 3600_000,
      sink: (event, inc, seq) => this.alert(event, inc, seq),
    });
    this.q = {
      history: db.prepare(
        'INSERT OR IGNORE INTO console_history (report_id, ward, at, day, rank, failing, figures) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      day: db.prepare(`INSERT INTO console_days (ward, day, rank, at, report_id) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (ward, day) DO UPDATE SET rank = excluded.rank, at = excluded.at, report_id = excluded.report_id
        WHERE excluded.rank > console_days.rank OR (excluded.rank = console_days.rank AND excluded.at >= console_days.at)`),
      isLatest: db.prepare<[string], { report_id: string }>('SELECT report_id FROM ward_latest WHERE ward = ?'),
      clearChecks: db.prepare('DELETE FROM console_checks WHERE ward = ?'),
      check: db.prepare(
        'INSERT OR REPLACE INTO console_checks (ward, check_id, target_id, status) VALUES (?, ?, ?, ?)',
      ),
      wardHistory: db.prepare<
        [string, string],
        { report_id: string; at: string; day: string; rank: number; failing: string; figures: string }
      >(
        'SELECT report_id, at, day, rank, failing, figures FROM console_history WHERE ward = ? AND at >= ? ORDER BY at',
      ),
      wardAll: db.prepare<
        [string],
        { report_id: string; at: string; day: string; rank: number; failing: string; figures: string }
      >('SELECT report_id, at, day, rank, failing, figures FROM console_history WHERE ward = ? ORDER BY at'),
      previous: db.prepare<[string, string, string, string], { report_id: string }>(
        'SELECT report_id FROM console_history WHERE ward = ? AND (at < ? OR (at = ? AND report_id < ?)) ORDER BY at DESC, report_id DESC LIMIT 1',
      ),
      atOf: db.prepare<[string], { at: string }>('SELECT at FROM console_history WHERE report_id = ?'),
      days: db.prepare('SELECT ward, day, rank FROM console_days WHERE day >= ?'),
      wardDays: db.prepare<[string, string], { day: string; rank: number; report_id: string }>(
        'SELECT day, rank, report_id FROM console_days WHERE ward = ? AND day >= ? ORDER BY day',
      ),
      // sort_at is the report time (finishedAt, never later than arrival), kept by the store itself.
      latestTimes: db.prepare<[], { ward: string; at: string }>('SELECT ward, sort_at AS at FROM ward_latest'),
      checks: db.prepare<[], { ward: string; check_id: string; target_id: string; status: string }>(
        'SELECT ward, check_id, target_id, status FROM console_checks ORDER BY ward, check_id, target_id',
      ),
      missing: db.prepare<[number], { id: string; received_at: string; body: string }>(
        'SELECT r.id, r.received_at, r.body FROM reports r WHERE NOT EXISTS (SELECT 1 FROM console_history h WHERE h.report_id = r.id) LIMIT ?',
      ),
      latestAll: db.prepare<[], { ward: string; report_id: string }>('SELECT ward, report_id FROM ward_latest'),
      body: db.prepare<[string], { body: string }>('SELECT body FROM reports WHERE id = ?'),
      meta: db.prepare<[string], { v: string }>('SELECT v FROM console_meta WHERE k = ?'),
      setMeta: db.prepare('INSERT OR REPLACE INTO console_meta (k, v) VALUES (?, ?)'),
      sessions: db.prepare<[], { id: string; day: string; time: string; wards: string; label: string | null }>(
        'SELECT id, day, time, wards, label FROM schedule_sessions ORDER BY day, time',
      ),
      addSession: db.prepare(
        'INSERT INTO schedule_sessions (id, day, time, wards, label, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      delSession: db.prepare('DELETE FROM schedule_sessions WHERE id = ?'),
      oldReports: db.prepare<[string, number], { report_id: string }>(
        'SELECT h.report_id FROM console_history h WHERE h.at < ? AND NOT EXISTS (SELECT 1 FROM ward_latest l WHERE l.report_id = h.report_id) LIMIT ?',
      ),
      delReport: db.prepare('DELETE FROM reports WHERE id = ?'),
      delHistory: db.prepare('DELETE FROM console_history WHERE report_id = ?'),
      delDays: db.prepare('DELETE FROM console_days WHERE day < ?'),
      delIncidents: db.prepare("DELETE FROM incidents WHERE state = 'closed' AND closed_at < ?"),
    };
    this.backfill();
  }

  /**
   * Reports stored before the console existed (or while the time zone was another) get their
   * history rows; with a new time zone the days are recomputed. Runs at start-up.
   */
  private backfill(): void {
    const tz = this.q.meta.get('timeZone')?.v;
    if (tz !== undefined && tz !== this.timeZone) {
      this.db.function('wardkit_local_day', { deterministic: true }, (at: unknown) =>
        localDay(String(at), this.timeZone),
      );
      this.db
        .transaction(() => {
          this.db.exec('UPDATE console_history SET day = wardkit_local_day(at); DELETE FROM console_days;');
          this.db.exec(`INSERT INTO console_days (ward, day, rank, at, report_id)
          SELECT ward, day, rank, at, report_id FROM (SELECT ward, day, rank, at, report_id,
            row_number() OVER (PARTITION BY ward, day ORDER BY rank DESC, at DESC) AS n FROM console_history) WHERE n = 1`);
        })
        .immediate();
    }
    this.q.setMeta.run('timeZone', this.timeZone);
    for (;;) {
      const rows = this.q.missing.all(2000);
      if (!rows.length) break;
      this.db
        .transaction(() => {
          for (const r of rows) {
            let report: Report;
            try {
              report = JSON.parse(r.body) as Report;
            } catch {
              continue;
            }
            this.record({ ...report, id: r.id }, reportTime(report, new Date(r.received_at)));
          }
        })
        .immediate();
      if (rows.length < 2000) break;
    }
    if (!this.q.checks.all().length) {
      this.db
        .transaction(() => {
          for (const l of this.q.latestAll.all()) {
            const body = this.q.body.get(l.report_id)?.body;
            if (body) this.replaceChecks(JSON.parse(body) as Report);
          }
        })
        .immediate();
    }
  }

  private record(report: Report, at: string): void {
    const rank = RANK[report.readiness] ?? 2;
    const day = localDay(at, this.timeZone);
    const failing = failingOf(report).map((f) => f.key);
    this.q.history.run(
      report.id,
      report.ward,
      at,
      day,
      rank,
      JSON.stringify(failing),
      JSON.stringify(extractFigures(report)),
    );
    this.q.day.run(report.ward, day, rank, at, report.id);
    const g = this.gridCache;
    if (g && day >= g.from) {
      let m = g.cells.get(report.ward);
      if (!m) g.cells.set(report.ward, (m = new Map()));
      if ((m.get(day) ?? -1) < rank) m.set(day, rank);
    }
  }

  private replaceChecks(report: Report): void {
    this.q.clearChecks.run(report.ward);
    for (const r of Array.isArray(report.results) ? report.results : [])
      if (r?.checkId) this.q.check.run(report.ward, r.checkId, r.targetId ?? 'default', r.status);
  }

  /**
   * A report was just stored (call inside the store's transaction, after `ward_latest` moved):
   * history, day cell, and — when it is the ward's latest — check results and incidents.
   */
  onStored(stored: Report, received: Date): void {
    // Report ids compare case-insensitively; the store keeps them in lower case.
    const report = stored.id === stored.id.toLowerCase() ? stored : { ...stored, id: stored.id.toLowerCase() };
    const at = reportTime(report, received);
    this.record(report, at);
    if (this.q.isLatest.get(report.ward)?.report_id.toLowerCase() !== report.id) return;
    this.replaceChecks(report);
    this.incidents.onLatestReport(report, at);
  }

  private alert(event: IncidentEvent, inc: Incident, seq: number): void {
    const base = this.opts.publicUrl?.() ?? '';
    const kind = event.slice('incident.'.length);
    this.outbox.enqueue(`${inc.id}:${kind}:${seq}`, event, {
      incident: inc,
      ...(base ? { url: `${base}/wards/${encodeURIComponent(inc.ward)}#incidents` } : {}),
    });
  }

  /** A ward's history rows since `sinceIso` (all when omitted), oldest first. */
  history(ward: string, sinceIso?: string): HistoryRow[] {
    const rows = sinceIso === undefined ? this.q.wardAll.all(ward) : this.q.wardHistory.all(ward, sinceIso);
    return rows.map((r) => ({
      reportId: r.report_id,
      at: r.at,
      day: r.day,
      readiness: READINESS_OF_RANK[r.rank],
      failing: JSON.parse(r.failing) as string[],
      figures: JSON.parse(r.figures) as Figures,
    }));
  }

  /** Iterate a ward's whole history without loading it at once (exports). */
  *iterateHistory(ward: string): Generator<HistoryRow> {
    for (const r of this.q.wardAll.iterate(ward) as Iterable<{
      report_id: string;
      at: string;
      day: string;
      rank: number;
      failing: string;
      figures: string;
    }>)
      yield {
        reportId: r.report_id,
        at: r.at,
        day: r.day,
        readiness: READINESS_OF_RANK[r.rank],
        failing: JSON.parse(r.failing) as string[],
        figures: JSON.parse(r.figures) as Figures,
      };
  }

  /** The report before `reportId` in the ward's history. */
  previousReportId(ward: string, reportId: string): string | undefined {
    const at = this.q.atOf.get(reportId)?.at;
    if (!at) return undefined;
    return this.q.previous.get(ward, at, at, reportId)?.report_id;
  }

  /**
   * Each ward's day cells since `firstDay`: ward → day → rank. Served from memory: loaded once
   * (the fleet page reads 3,400 wards × 30 days per view), then kept current by intake.
   */
  grid(firstDay: string): Map<string, Map<string, number>> {
    if (!this.gridCache || firstDay < this.gridCache.from) {
      const cache = new Map<string, Map<string, number>>();
      for (const [ward, day, rank] of this.q.days.raw().iterate(firstDay) as Iterable<[string, string, number]>) {
        let m = cache.get(ward);
        if (!m) cache.set(ward, (m = new Map()));
        m.set(day, rank);
      }
      this.gridCache = { from: firstDay, cells: cache };
    } else if (firstDay > addDays(this.gridCache.from, 7)) {
      // Days that left the window: dropped once a week, not on every view.
      for (const m of this.gridCache.cells.values()) for (const d of m.keys()) if (d < firstDay) m.delete(d);
      this.gridCache.from = firstDay;
    }
    return this.gridCache.cells;
  }

  private gridCache: { from: string; cells: Map<string, Map<string, number>> } | undefined;

  wardDays(ward: string, firstDay: string): DayCell[] {
    return this.q.wardDays
      .all(ward, firstDay)
      .map((r) => ({ day: r.day, readiness: READINESS_OF_RANK[r.rank], reportId: r.report_id }));
  }

  /** Report time (ISO) of each ward's latest report. */
  latestTimes(): Map<string, string> {
    return new Map(
      this.q.latestTimes
        .raw()
        .all()
        .map((r) => [(r as unknown as [string, string])[0], (r as unknown as [string, string])[1]]),
    );
  }

  /** The latest report's status of each check and target: [ward, checkId, targetId, status]. */
  checkStatuses(): Array<[string, string, string, string]> {
    return this.q.checks.raw().all() as unknown as Array<[string, string, string, string]>;
  }

  // --- reception sessions declared through the API -------------------------------------------
  sessions(): Session[] {
    return this.q.sessions.all().map((r) => ({
      id: r.id,
      day: r.day,
      time: r.time,
      wards: r.wards === 'all' ? 'all' : (JSON.parse(r.wards) as string[]),
      ...(r.label ? { label: r.label } : {}),
      source: 'api' as const,
    }));
  }

  addSession(s: Omit<Session, 'id' | 'source'>, now = new Date()): Session {
    const id = `s${randomBytes(5).toString('hex')}`;
    this.q.addSession.run(
      id,
      s.day,
      s.time,
      s.wards === 'all' ? 'all' : JSON.stringify(s.wards),
      s.label ?? null,
      now.toISOString(),
    );
    return { ...s, id, source: 'api' };
  }

  deleteSession(id: string): boolean {
    return this.q.delSession.run(id).changes > 0;
  }

  // --- retention --------------------------------------------------------------------------------
  /**
   * Delete reports older than `days` (by report time) in batches, never a ward's latest one;
   * their history rows, older day cells and closed incidents go with them. Yields between
   * batches so intake keeps running. Returns the number of reports deleted.
   */
  async prune(days: number, now = Date.now(), batch = 2000): Promise<number> {
    const cutoff = new Date(now - days * 86400_000).toISOString();
    let total = 0;
    for (;;) {
      if (!this.db.open) return total;
      const ids = this.q.oldReports.all(cutoff, batch).map((r) => r.report_id);
      if (!ids.length) break;
      this.db
        .transaction(() => {
          for (const id of ids) {
            this.q.delReport.run(id);
            this.q.delHistory.run(id);
          }
        })
        .immediate();
      total += ids.length;
      if (ids.length < batch) break;
      await new Promise((r) => setImmediate(r));
    }
    if (!this.db.open) return total;
    this.db
      .transaction(() => {
        this.q.delDays.run(addDays(localDay(now, this.timeZone), -days));
        this.q.delIncidents.run(cutoff);
      })
      .immediate();
    this.outbox.prune(now, 30 * 86400_000);
    return total;
  }
}
