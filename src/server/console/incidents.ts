// Incidents: a ward opens one (stable id, ward, check and target, first and last seen, severity)
// when a check starts failing or the ward goes stale, and closes it when the check passes again.
// A check that fails again within the flap window reopens the same incident instead of a new one.
//
// Transitions follow the ward's sequence of *latest* reports (by report time): a late report older
// than the latest changes nothing. Times are report times (finishedAt, never later than arrival),
// so simulated days and a ward's spooled reports give the incident the time the room was seen.
// Every transition is written in the caller's transaction together with one outbox row per
// webhook receiver, so an acknowledged report never loses its alert.
import type Database from 'better-sqlite3';
import type { Report } from '../../report/model.js';
import { failingOf, passingKeys } from './figures.js';

export type Severity = 'critical' | 'warning';
export type IncidentEvent = 'incident.opened' | 'incident.reopened' | 'incident.closed';

export interface Incident {
  id: string;
  ward: string;
  /** `checkId`, `checkId:targetId`, or `stale`. */
  key: string;
  checkId: string;
  targetId: string;
  label: string;
  severity: Severity;
  state: 'open' | 'closed';
  openedAt: string;
  lastSeenAt: string;
  closedAt: string | null;
  /** How many times it closed and failed again within the flap window. */
  flaps: number;
  firstReportId: string | null;
  lastReportId: string | null;
  closeReportId: string | null;
}

export const STALE_KEY = 'stale';
export const DEFAULT_FLAP_HOURS = 6;

interface Row {
  id: number;
  ward: string;
  key: string;
  check_id: string;
  target_id: string;
  label: string;
  severity: Severity;
  state: 'open' | 'closed';
  opened_at: string;
  last_seen_at: string;
  closed_at: string | null;
  flaps: number;
  first_report_id: string | null;
  last_report_id: string | null;
  close_report_id: string | null;
}

export const incidentId = (n: number): string => `INC-${String(n).padStart(6, '0')}`;
export function parseIncidentId(id: string): number | undefined {
  const m = /^INC-(\d{1,15})$/i.exec(id.trim());
  return m ? Number(m[1]) : undefined;
}

function toIncident(r: Row): Incident {
  return {
    id: incidentId(r.id),
    ward: r.ward,
    key: r.key,
    checkId: r.check_id,
    targetId: r.target_id,
    label: r.label,
    severity: r.severity,
    state: r.state,
    openedAt: r.opened_at,
    lastSeenAt: r.last_seen_at,
    closedAt: r.closed_at,
    flaps: r.flaps,
    firstReportId: r.first_report_id,
    lastReportId: r.last_report_id,
    closeReportId: r.close_report_id,
  };
}

/** Receives each transition inside the intake transaction (the outbox writes its rows). */
export type TransitionSink = (event: IncidentEvent, incident: Incident, seq: number) => void;

export interface IncidentFilter {
  state?: 'open' | 'closed';
  ward?: string;
  limit?: number;
}

export class IncidentBook {
  private readonly q;

  constructor(
    private readonly db: Database.Database,
    private readonly opts: { flapMs: number; sink?: TransitionSink },
  ) {
    this.q = {
      openOf: db.prepare<[string], Row>("SELECT * FROM incidents WHERE ward = ? AND state = 'open'"),
      recentClosed: db.prepare<[string, string, string], Row>(
        "SELECT * FROM incidents WHERE ward = ? AND key = ? AND state = 'closed' AND closed_at >= ? ORDER BY closed_at DESC LIMIT 1",
      ),
      insert: db.prepare(
        "INSERT INTO incidents (ward, key, check_id, target_id, label, severity, state, opened_at, last_seen_at, first_report_id, last_report_id) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
      ),
      reopen: db.prepare(
        "UPDATE incidents SET state = 'open', closed_at = NULL, close_report_id = NULL, flaps = flaps + 1, last_seen_at = ?, last_report_id = ?, severity = ? WHERE id = ?",
      ),
      seen: db.prepare(
        'UPDATE incidents SET last_seen_at = ?, last_report_id = ?, severity = ?, label = ? WHERE id = ?',
      ),
      close: db.prepare("UPDATE incidents SET state = 'closed', closed_at = ?, close_report_id = ? WHERE id = ?"),
      byId: db.prepare<[number], Row>('SELECT * FROM incidents WHERE id = ?'),
      staleCandidates: db.prepare<[string], { ward: string; received_at: string; report_id: string }>(
        `SELECT l.ward, l.received_at, l.report_id FROM ward_latest l WHERE l.received_at < ?
           AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.ward = l.ward AND i.key = '${STALE_KEY}' AND i.state = 'open')`,
      ),
      countOpen: db.prepare<[], { severity: Severity; n: number }>(
        "SELECT severity, count(*) AS n FROM incidents WHERE state = 'open' GROUP BY severity",
      ),
    };
  }

  private emit(event: IncidentEvent, id: number): void {
    if (!this.opts.sink) return;
    const row = this.q.byId.get(id)!;
    // Each transition of an incident once: opened #1, closed #k (k-th close), reopened #k (k-th reopen).
    this.opts.sink(event, toIncident(row), event === 'incident.reopened' ? row.flaps : row.flaps + 1);
  }

  /**
   * A ward's new latest report at report time `at` (ISO). Opens, refreshes, reopens and closes its
   * incidents. Call inside the intake transaction.
   */
  onLatestReport(report: Report, at: string): void {
    const open = new Map(this.q.openOf.all(report.ward).map((r) => [r.key, r]));
    const failing = failingOf(report);
    const severity: Severity = report.readiness === 'NOT_READY' ? 'critical' : 'warning';
    const sev = (required: boolean): Severity => (required && severity === 'critical' ? 'critical' : 'warning');
    for (const f of failing) {
      const cur = open.get(f.key);
      if (cur) {
        this.q.seen.run(at, report.id, sev(f.required), f.label, cur.id);
        continue;
      }
      const since = new Date(Date.parse(at) - this.opts.flapMs).toISOString();
      const flap = this.q.recentClosed.get(report.ward, f.key, since);
      if (flap) {
        this.q.reopen.run(at, report.id, sev(f.required), flap.id);
        this.emit('incident.reopened', flap.id);
      } else {
        const r = this.q.insert.run(
          report.ward,
          f.key,
          f.checkId,
          f.targetId,
          f.label,
          sev(f.required),
          at,
          at,
          report.id,
          report.id,
        );
        this.emit('incident.opened', Number(r.lastInsertRowid));
      }
    }
    const failingKeys = new Set(failing.map((f) => f.key));
    const passing = passingKeys(report);
    for (const [key, cur] of open) {
      if (failingKeys.has(key)) continue;
      // A report closes what it shows working again, and any staleness. A check it skipped or
      // did not run leaves the incident open: nobody has seen it work.
      if (key === STALE_KEY || passing.has(key)) {
        const closedAt = at < cur.opened_at ? cur.opened_at : at;
        this.q.close.run(closedAt, report.id, cur.id);
        this.emit('incident.closed', cur.id);
      }
    }
  }

  /** Open a `stale` incident for each ward whose latest report arrived more than `staleMs` ago. */
  sweepStale(now: number, staleMs: number): number {
    let n = 0;
    const cutoff = new Date(now - staleMs).toISOString();
    this.db
      .transaction(() => {
        for (const w of this.q.staleCandidates.all(cutoff)) {
          const since = new Date(Date.parse(w.received_at) + staleMs).toISOString();
          const r = this.q.insert.run(
            w.ward,
            STALE_KEY,
            STALE_KEY,
            'default',
            STALE_KEY,
            'critical',
            since,
            since,
            w.report_id,
            w.report_id,
          );
          this.emit('incident.opened', Number(r.lastInsertRowid));
          n++;
        }
      })
      .immediate();
    return n;
  }

  get(id: string): Incident | undefined {
    const n = parseIncidentId(id);
    const row = n === undefined ? undefined : this.q.byId.get(n);
    return row ? toIncident(row) : undefined;
  }

  list(f: IncidentFilter = {}): Incident[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.state) where.push('state = ?'), args.push(f.state);
    if (f.ward) where.push('ward = ?'), args.push(f.ward);
    const sql = `SELECT * FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY (state = 'open') DESC, opened_at DESC, id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, Math.max(1, Math.min(f.limit ?? 1000, 10_000))) as Row[]).map(toIncident);
  }

  openCounts(): Record<Severity, number> {
    const out: Record<Severity, number> = { critical: 0, warning: 0 };
    for (const r of this.q.countOpen.all()) out[r.severity] = r.n;
    return out;
  }
}
