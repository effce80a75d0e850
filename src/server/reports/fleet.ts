// The fleet view every output shares (dashboard, JSON, CSV, metrics): each ward, its latest
// readiness, the age of its last report, failing checks, stale after `staleHours` without a report.
import type { Report } from '../../report/model.js';
import type { ReportStore } from './store.js';

export interface WardStatus {
  ward: string;
  readiness: Report['readiness'] | null;
  lastReportId: string | null;
  /** finishedAt of the latest report (the ward's clock). */
  lastReportAt: string | null;
  /** When the server received it (the server's clock; ages are computed from this). */
  receivedAt: string | null;
  ageSeconds: number | null;
  failingChecks: string[];
  stale: boolean;
}

export const DEFAULT_STALE_HOURS = 36;

export function fleet(store: ReportStore, staleHours = DEFAULT_STALE_HOURS, now = Date.now()): WardStatus[] {
  return store.wards().map((w) => {
    const age = w.receivedAt ? Math.max(0, Math.round((now - Date.parse(w.receivedAt)) / 1000)) : null;
    return {
      ward: w.ward,
      readiness: w.readiness,
      lastReportId: w.reportId,
      lastReportAt: w.finishedAt,
      receivedAt: w.receivedAt,
      ageSeconds: age,
      failingChecks: w.failing,
      stale: age === null || age > staleHours * 3600,
    };
  });
}

/** A CSV cell: quoted when needed; a leading = + - @ is neutralised so spreadsheets do not run it. */
export function csvCell(v: string | number | boolean | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function fleetCsv(rows: WardStatus[]): string {
  const head = [
    'ward',
    'readiness',
    'last_report_at',
    'received_at',
    'age_seconds',
    'stale',
    'failing_checks',
    'last_report_id',
  ];
  const lines = [head.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.ward,
        r.readiness,
        r.lastReportAt,
        r.receivedAt,
        r.ageSeconds,
        r.stale,
        r.failingChecks.join(' '),
        r.lastReportId,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

const READINESS_VALUE: Record<Report['readiness'], number> = { READY: 0, DEGRADED: 1, NOT_READY: 2 };

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Prometheus text exposition format 0.0.4. */
export function fleetMetrics(rows: WardStatus[], storedTotal: number): string {
  const out: string[] = [];
  const family = (name: string, help: string, type: string, samples: Array<[string, number]>) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [ward, v] of samples) out.push(`${name}{ward="${label(ward)}"} ${v}`);
  };
  const reported = rows.filter((r) => r.readiness !== null);
  family(
    'wardkit_ward_readiness',
    'Readiness of the latest report: 0 READY, 1 DEGRADED, 2 NOT_READY.',
    'gauge',
    reported.map((r) => [r.ward, READINESS_VALUE[r.readiness!]]),
  );
  family(
    'wardkit_ward_last_report_age_seconds',
    "Seconds since the server received the ward's latest report.",
    'gauge',
    reported.map((r) => [r.ward, r.ageSeconds ?? 0]),
  );
  family(
    'wardkit_ward_failing_checks',
    'Failed or errored checks in the latest report.',
    'gauge',
    reported.map((r) => [r.ward, r.failingChecks.length]),
  );
  family(
    'wardkit_ward_stale',
    '1 when the ward sent no report within the stale limit (or never).',
    'gauge',
    rows.map((r) => [r.ward, r.stale ? 1 : 0]),
  );
  out.push(
    '# HELP wardkit_reports_stored Reports in the store.',
    '# TYPE wardkit_reports_stored gauge',
    `wardkit_reports_stored ${storedTotal}`,
  );
  return out.join('\n') + '\n';
}
