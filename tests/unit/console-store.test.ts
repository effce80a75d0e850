// The console's store on a real SQLite file: incidents (flapping, staleness, skipped checks, late
// reports), history backfill for a store from before the console, time-zone changes, retention.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleStore } from '../../src/server/console/store.js';
import { ReportStore } from '../../src/server/reports/store.js';
import type { Report } from '../../src/report/model.js';
import { wardReport } from '../helpers/console-reports.js';
import { tempDir } from '../helpers/temp.js';

let dir: string;
let reports: ReportStore;
let store: ConsoleStore;
const events: string[] = [];
const H = 3600_000;
const t0 = Date.parse('2026-11-20T12:00:00Z');

/** Store a report as intake does: report, history and incidents in one transaction. */
function put(r: Report, received = new Date(Math.max(Date.parse(r.finishedAt), t0))): void {
  reports.db
    .transaction(() => {
      if (reports.put(r, JSON.stringify(r), received) === 'stored') store.onStored(r, received);
    })
    .immediate();
}

const at = (h: number) => new Date(t0 + h * H);
const camera = (ward: string, h: number, fps: number) => wardReport(ward, at(h), { fps });

beforeEach(() => {
  dir = tempDir('wardkit-console-store-');
  reports = new ReportStore(dir);
  events.length = 0;
  store = new ConsoleStore(reports.db, {
    flapHours: 6,
    webhooks: { targets: [{ url: 'http://127.0.0.1:9/x', secret: 's'.repeat(16) }] },
  });
});

afterEach(() => {
  reports.close();
  rmSync(dir, { recursive: true, force: true });
});

const outbox = () =>
  (
    reports.db.prepare('SELECT idem_key, event FROM webhook_outbox ORDER BY id').all() as Array<{
      idem_key: string;
      event: string;
    }>
  ).map((r) => `${r.event}:${r.idem_key}`);

describe('incidents', () => {
  it('a check that fails again within the flap window reopens the same incident; later, a new one', () => {
    put(camera('w', 0, 30));
    put(camera('w', 1, 5)); // opens
    put(camera('w', 2, 30)); // closes
    put(camera('w', 4, 5)); // 2 h later: reopens the same
    put(camera('w', 5, 30)); // closes again
    put(camera('w', 20, 5)); // 15 h later: a new incident
    const list = store.incidents.list({ ward: 'w' });
    expect(list.map((i) => `${i.id}:${i.state}:${i.flaps}`)).toEqual(['INC-000002:open:0', 'INC-000001:closed:1']);
    expect(list[1]).toMatchObject({
      openedAt: at(1).toISOString(),
      closedAt: at(5).toISOString(),
      lastSeenAt: at(4).toISOString(),
      severity: 'critical',
      key: 'camera:main-camera',
    });
    expect(outbox()).toEqual([
      'incident.opened:INC-000001:opened:1',
      'incident.closed:INC-000001:closed:1',
      'incident.reopened:INC-000001:reopened:1',
      'incident.closed:INC-000001:closed:2',
      'incident.opened:INC-000002:opened:1',
    ]);
  });

  it('a skipped check does not close its incident; a report older than the latest changes nothing', () => {
    put(camera('w', 1, 5));
    const skipped = wardReport('w', at(2));
    skipped.results = skipped.results.map((r) => (r.checkId === 'camera' ? { ...r, status: 'skip', metrics: [] } : r));
    put(skipped);
    expect(store.incidents.list({ state: 'open' })).toHaveLength(1);
    put(camera('w', 0.5, 30)); // arrives late, older than the latest: not the ward's state
    expect(store.incidents.list({ state: 'open' })).toHaveLength(1);
    put(camera('w', 3, 30));
    expect(store.incidents.list({ state: 'open' })).toHaveLength(0);
  });

  it('a ward that goes stale opens an incident; its next report closes it', () => {
    put(camera('w', 0, 30), at(0));
    put(camera('v', 0, 30), at(40));
    expect(store.incidents.sweepStale(t0 + 40 * H, 36 * H)).toBe(1);
    expect(store.incidents.sweepStale(t0 + 41 * H, 36 * H)).toBe(0); // once
    const [inc] = store.incidents.list({ state: 'open' });
    expect(inc).toMatchObject({ ward: 'w', key: 'stale', openedAt: at(36).toISOString() });
    put(camera('w', 42, 30), at(42));
    expect(store.incidents.list({ state: 'open' })).toHaveLength(0);
    expect(store.incidents.get(inc.id)!.closedAt).toBe(at(42).toISOString());
  });

  it('an optional check failing opens a warning, not a critical incident', () => {
    const r = wardReport('w', at(1), { mic: -70 });
    r.results = r.results.map((x) => (x.checkId === 'microphone' ? { ...x, required: false } : x));
    r.readiness = 'DEGRADED';
    put(r);
    expect(store.incidents.list({ state: 'open' }).map((i) => `${i.key}:${i.severity}`)).toEqual([
      'microphone:room-mic:warning',
    ]);
  });
});

describe('history, days and retention', () => {
  it('the worst report of each local day, the latest on ties', () => {
    put(camera('w', 0, 30)); // 19:00 in Hanoi
    put(camera('w', 1, 5)); // 20:00
    put(camera('w', 2, 30)); // 21:00
    put(camera('w', 6, 30)); // 01:00 next day
    expect(store.wardDays('w', '2026-11-01').map((d) => `${d.day}:${d.readiness}`)).toEqual([
      '2026-11-20:NOT_READY',
      '2026-11-21:READY',
    ]);
    expect(store.history('w').map((h) => h.figures.fps)).toEqual([30, 5, 30, 30]);
  });

  it('a store from before the console gets its history at start; a new time zone moves the days', () => {
    put(camera('w', 0, 30));
    put(camera('w', 6, 5));
    reports.db.exec('DELETE FROM console_history; DELETE FROM console_days; DELETE FROM console_checks;');
    const again = new ConsoleStore(reports.db, {});
    expect(again.history('w').map((h) => h.figures.fps)).toEqual([30, 5]);
    expect(again.wardDays('w', '2026-11-01').map((d) => d.day)).toEqual(['2026-11-20', '2026-11-21']);
    expect(again.checkStatuses().filter(([, c]) => c === 'camera')).toEqual([['w', 'camera', 'main-camera', 'fail']]);
    const utc = new ConsoleStore(reports.db, { timeZone: 'UTC' });
    expect(utc.wardDays('w', '2026-11-01').map((d) => d.day)).toEqual(['2026-11-20']);
  });

  it('retention deletes old reports in batches but keeps each ward’s latest', async () => {
    for (let d = 0; d < 10; d++) put(camera('w', d * 24, 30));
    put(camera('old', 0, 30));
    const n = await store.prune(5, t0 + 9 * 24 * H + H, 3);
    expect(n).toBe(5); // days 0–4 of w; 'old' keeps its only (latest) report
    expect(reports.count('w')).toBe(5);
    expect(reports.count('old')).toBe(1);
    expect(store.history('w')).toHaveLength(5);
  });

  it('migrations run once and are recorded', () => {
    const db = new Database(join(dir, 'wardkit.sqlite'));
    const names = (db.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as Array<{ name: string }>).map(
      (r) => r.name,
    );
    db.close();
    expect(names).toContain('2026-12-incidents');
    expect(names).toContain('2026-12-viewer-tokens');
  });
});

describe('report ids', () => {
  it('an id in upper case is the same report (history, incidents)', () => {
    const r = camera('w', 1, 5);
    r.id = r.id.toUpperCase();
    put(r);
    expect(store.history('w').map((h) => h.reportId)).toEqual([r.id.toLowerCase()]);
    expect(store.incidents.list({ state: 'open' })[0].firstReportId).toBe(r.id.toLowerCase());
  });
});
