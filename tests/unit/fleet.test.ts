import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { csvCell, fleet, fleetCsv, fleetMetrics, type WardStatus } from '../../src/server/reports/fleet.js';
import { ReportStore } from '../../src/server/reports/store.js';
import { makeReport } from '../helpers/submit-reports.js';
import { tempDir } from '../helpers/temp.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function store() {
  const d = tempDir('wardkit-fleet-');
  dirs.push(d);
  return new ReportStore(d);
}

describe('fleet', () => {
  it('latest report per ward by its finish time; stale after 36 h; a ward with only a token is stale', async () => {
    const s = await store();
    const now = Date.parse('2026-11-28T12:00:00Z');
    const old = makeReport('A', ['pass'], new Date(now - 40 * 3600_000));
    const newer = makeReport('A', ['fail'], new Date(now - 30 * 3600_000));
    s.put(newer, JSON.stringify(newer), new Date(now - 30 * 3600_000));
    s.put(old, JSON.stringify(old), new Date(now - 1000)); // arrives late (spooled), but is older
    const b = makeReport('B', ['pass'], new Date(now - 37 * 3600_000));
    s.put(b, JSON.stringify(b), new Date(now - 37 * 3600_000));
    s.createToken({ ward: 'C' });
    const rows = fleet(s, 36, now);
    s.close();
    expect(rows.map((r) => [r.ward, r.readiness, r.stale])).toEqual([
      ['A', 'NOT_READY', false],
      ['B', 'READY', true],
      ['C', null, true],
    ]);
    expect(rows[0].failingChecks).toEqual(['host']);
    expect(rows[0].ageSeconds).toBe(30 * 3600);
  });

  it("a report from a clock set in the future does not hide the ward's later reports", async () => {
    const s = await store();
    const now = Date.now();
    const future = makeReport('F', ['fail'], new Date(now + 365 * 86400_000));
    s.put(future, JSON.stringify(future), new Date(now - 3600_000));
    const next = makeReport('F', ['pass'], new Date(now - 60_000));
    s.put(next, JSON.stringify(next), new Date(now));
    const [row] = fleet(s, 36, now);
    s.close();
    expect(row).toMatchObject({ ward: 'F', readiness: 'READY', lastReportId: next.id });
  });

  it('CSV quotes and neutralises formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    const rows: WardStatus[] = [
      {
        ward: 'W1',
        readiness: 'READY',
        lastReportId: 'id',
        lastReportAt: 't',
        receivedAt: 't',
        ageSeconds: 5,
        failingChecks: ['a', 'b'],
        stale: false,
      },
    ];
    expect(fleetCsv(rows)).toBe(
      'ward,readiness,last_report_at,received_at,age_seconds,stale,failing_checks,last_report_id\r\nW1,READY,t,t,5,false,a b,id\r\n',
    );
  });

  it('metrics: readiness 0/1/2, label values escaped', () => {
    const rows: WardStatus[] = [
      {
        ward: 'W"1',
        readiness: 'DEGRADED',
        lastReportId: 'x',
        lastReportAt: 't',
        receivedAt: 't',
        ageSeconds: 7,
        failingChecks: [],
        stale: false,
      },
      {
        ward: 'W2',
        readiness: null,
        lastReportId: null,
        lastReportAt: null,
        receivedAt: null,
        ageSeconds: null,
        failingChecks: [],
        stale: true,
      },
    ];
    const text = fleetMetrics(rows, 3);
    expect(text).toContain('wardkit_ward_readiness{ward="W\\"1"} 1');
    expect(text).toContain('wardkit_ward_last_report_age_seconds{ward="W\\"1"} 7');
    expect(text).toContain('wardkit_ward_stale{ward="W2"} 1');
    expect(text).not.toContain('wardkit_ward_readiness{ward="W2"}');
    expect(text).toContain('wardkit_reports_stored 3');
  });
});
