// Report intake, store, fleet dashboard, wards export and metrics, as one server module.
//   POST /api/v1/reports        ward token → 201 stored | 200 already stored | 400 | 401 | 403 | 409 | 413
//   GET  /api/v1/reports/:id    admin → the stored report
//   GET  /api/v1/wards          admin → JSON, or CSV with ?format=csv / Accept: text/csv
//   GET  /dashboard             admin (Bearer, cookie, or ?token= once) → HTML
//   GET  /metrics               admin unless publicMetrics → Prometheus text
// The in-process demo server (`check --demo`) has intake only, in memory (`memoryStore`): no
// console, no SQLite, so the ward side never needs better-sqlite3.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseNumberOption } from '../../number-option.js';
import { bearer, HttpError, readBody, sendJson, sendText } from '../http.js';
import type { ServerContext, ServerModule } from '../types.js';
import { parseReportJson } from '../../report/validate.js';
import { jsonDepth, MAX_REPORT_DEPTH } from '../json-depth.js';
import { RateLimiter } from '../limits.js';
import type { MetricsRegistry } from '../metrics.js';
import { consoleOptions } from '../console/options.js';
import { ConsoleService } from '../console/service.js';
import { DEFAULT_STALE_HOURS, fleet, fleetCsv, fleetMetrics } from './fleet.js';
import { DurabilityError, durableSyncFor, GroupCommit } from './group-commit.js';
import { type IntakeStore, ReportStore, sameToken } from './store.js';

export const DEFAULT_MAX_REPORT_BYTES = 2 * 1024 * 1024;

export interface ReportsOptions {
  /** Admin token from --admin-token / WARDKIT_ADMIN_TOKEN (admin tokens in the store work too). */
  adminToken?: string;
  maxReportSize?: number | string;
  staleHours?: number | string;
  publicMetrics?: boolean;
  /** Tokens to register at start, e.g. the demo server's: [{ ward, token }] or [{ admin: true, token }]. */
  seedTokens?: Array<{ token: string; ward?: string; admin?: boolean; viewer?: boolean }>;
  /** Intake only, kept in memory (the in-process demo server): no console, no better-sqlite3. */
  memoryStore?: boolean;
}

/** What --max-report-size and --stale-hours accept. */
export const REPORTS_LIMITS = {
  maxReportSize: { min: 1024, max: 1024 * 1024 * 1024 },
  staleHours: { min: 1, max: 24 * 366 },
} as const;

export async function createReportsModule(options: Record<string, unknown>): Promise<ServerModule> {
  const o = options as ReportsOptions;
  const maxBytes =
    parseNumberOption('--max-report-size', o.maxReportSize, REPORTS_LIMITS.maxReportSize) ?? DEFAULT_MAX_REPORT_BYTES;
  const staleHours = parseNumberOption('--stale-hours', o.staleHours, REPORTS_LIMITS.staleHours) ?? DEFAULT_STALE_HOURS;
  /** The Department's store (`serve`); undefined in the demo, which has `intakeStore` only. */
  let store: ReportStore | undefined;
  let intakeStore: IntakeStore | undefined;
  let console_: ConsoleService | undefined;
  let commits: GroupCommit | undefined;
  let diskFailureLogged = false;
  let received = 0;
  let metrics: MetricsRegistry | undefined;
  // Checked now, so that `serve` refuses a bad schedule or webhook setting before it listens.
  const consoleOpts = o.memoryStore ? undefined : consoleOptions(options, staleHours, o.adminToken);
  // Token guessing: each source may fail 10 times at once, then once per 5 s (429 + Retry-After
  // meanwhile). A right token never counts; a wrong one is never even checked while blocked. The
  // console's pages, APIs and log-in use the same limiter (its guard).
  const failures = new RateLimiter({ perSecond: 0.2, burst: 10 });
  const source = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';
  const notBlocked = (req: IncomingMessage) => {
    if (failures.blocked(source(req))) {
      throw new HttpError(429, 'too many failed attempts from this address, retry later', {
        'retry-after': String(Math.max(1, failures.retryAfter(source(req)))),
      });
    }
  };
  const failed = (req: IncomingMessage) => failures.allow(source(req));
  if (consoleOpts) consoleOpts.guard = { check: notBlocked, failed };
  /** The configured admin token or a stored admin token: valid, just not a ward's. */
  const isAdmin = (token: string | undefined) =>
    Boolean(token) && (sameToken(token!, o.adminToken) || intake_().authenticate(token)?.admin === true);
  const reader = (req: IncomingMessage) => {
    if (!console_) throw new HttpError(503, 'store not open');
    return console_.requireReader(req);
  };
  const db = () => {
    if (!store) throw new HttpError(503, 'store not open');
    return store;
  };
  const intake_ = () => {
    if (!intakeStore) throw new HttpError(503, 'store not open');
    return intakeStore;
  };

  const intakeCounters = (m: MetricsRegistry) => ({
    commits: m.counter(
      'wardkit_intake_commits_total',
      'Store transactions that wrote received reports (reports that arrive together share one).',
    ),
    flushes: m.counter(
      'wardkit_intake_disk_flushes_total',
      'Flushes to disk (fdatasync) that reports waited for before being acknowledged; one covers every commit before it.',
    ),
    accepted: m.counter('wardkit_intake_accepted_total', 'Reports stored (first time this id was received).'),
    duplicate: m.counter(
      'wardkit_intake_duplicate_total',
      'Reports received again with an id already stored for the ward (client retries); answered 200.',
    ),
    rejected: m.counter(
      'wardkit_intake_rejected_total',
      'Reports refused, by reason.',
      ['unauthorized', 'not_ward_token', 'too_large', 'not_json', 'schema', 'wrong_ward', 'id_conflict'].map(
        (reason) => ({
          reason,
        }),
      ),
    ),
  });
  let counters: ReturnType<typeof intakeCounters> | undefined;
  const reject = (reason: string) => counters?.rejected.inc({ reason });

  const intake = async (req: IncomingMessage, res: ServerResponse, _p: Record<string, string>, ctx: ServerContext) => {
    notBlocked(req);
    const presented = bearer(req);
    const who = intake_().authenticate(presented);
    if (!who) {
      // The configured admin token is a valid token, just not a ward's: 403 as for stored admin tokens.
      if (isAdmin(presented)) {
        reject('not_ward_token');
        throw new HttpError(403, 'not a ward token');
      }
      failed(req);
      reject('unauthorized');
      throw new HttpError(401, 'unknown or revoked token', {
        'www-authenticate': 'Bearer realm="wardkit", error="invalid_token"',
      });
    }
    if (!who.ward) {
      reject('not_ward_token');
      throw new HttpError(403, 'not a ward token');
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBytes);
    } catch (err) {
      if (err instanceof HttpError && err.status === 413) reject('too_large');
      throw err;
    }
    const text = raw.toString('utf8');
    // Measured on the text: a report nested thousands deep would parse, then break every reader.
    if (jsonDepth(text, MAX_REPORT_DEPTH) > MAX_REPORT_DEPTH) {
      reject('schema');
      return sendJson(res, 400, { error: `report nests deeper than ${MAX_REPORT_DEPTH} levels` });
    }
    const v = parseReportJson(text);
    if (!v.ok && v.notJson) {
      reject('not_json');
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
    if (!v.ok) {
      reject('schema');
      return sendJson(res, 400, { error: 'report does not match the schema', details: v.errors });
    }
    const report = v.report;
    if (report.ward !== who.ward) {
      reject('wrong_ward');
      throw new HttpError(403, 'this token belongs to another ward');
    }
    const now = new Date();
    // The report, its history row and any incident it opens or closes (with their webhook
    // deliveries) commit together: an acknowledged report never loses its alert. The answer waits
    // until the commit is on disk; reports arriving together share the commit and the flush.
    // The demo server (no SQLite, no console) keeps the report's id in memory only.
    let outcome;
    if (!store) outcome = intake_().put(report, text, now, who.id);
    else {
      const s = store;
      const c = console_!;
      const gc = commits;
      if (!gc) throw new HttpError(503, 'store not open');
      try {
        outcome = await gc.run(() => {
          const out = s.put(report, text, now, who.id);
          if (out === 'stored') c.onStored(report, now);
          return out;
        });
      } catch (err) {
        if (!(err instanceof DurabilityError)) throw err;
        // Not acknowledged: the ward keeps the report in its spool and sends it again later.
        if (!diskFailureLogged)
          ctx.log(`report store: ${err.message}; reports are refused until the server is restarted`);
        diskFailureLogged = true;
        throw new HttpError(503, 'the server could not save the report to disk; it stays in your spool', {
          'retry-after': '60',
        });
      }
    }
    if (outcome === 'conflict') {
      reject('id_conflict');
      return sendJson(res, 409, { error: 'report id already used by another ward' });
    }
    received++;
    counters?.[outcome === 'stored' ? 'accepted' : 'duplicate'].inc();
    if (outcome === 'stored') ctx.log(`report ${report.id} from ${report.ward}: ${report.readiness}`);
    sendJson(
      res,
      outcome === 'stored' ? 201 : 200,
      { id: report.id, status: outcome },
      outcome === 'stored' ? { location: `/api/v1/reports/${report.id}` } : {},
    );
  };

  const intakeRoute = { method: 'POST', path: '/api/v1/reports', handler: intake } as const;
  return {
    name: 'reports',
    routes: o.memoryStore
      ? [intakeRoute]
      : [
          intakeRoute,
          // Console pages and APIs; the service exists once the store is open.
          ...ConsoleService.routeTable(() => {
            if (!console_) throw new HttpError(503, 'store not open');
            return console_;
          }),
          {
            method: 'GET',
            path: '/api/v1/reports/:id',
            handler: (req, res, p) => {
              reader(req);
              const text = db().getText(p.id);
              if (text === undefined) throw new HttpError(404, 'no such report');
              sendText(res, 200, text, 'application/json; charset=utf-8');
            },
          },
          {
            method: 'GET',
            path: '/api/v1/wards',
            handler: (req, res) => {
              reader(req);
              const url = new URL(req.url ?? '/', 'http://x');
              const rows = fleet(db(), staleHours);
              const csv =
                url.searchParams.get('format') === 'csv' ||
                (!url.searchParams.get('format') && /\btext\/csv\b/.test(req.headers.accept ?? ''));
              if (csv)
                return sendText(res, 200, fleetCsv(rows), 'text/csv; charset=utf-8', {
                  'content-disposition': 'attachment; filename="wardkit-wards.csv"',
                });
              sendJson(res, 200, { staleHours, generatedAt: new Date().toISOString(), wards: rows });
            },
          },
          {
            method: 'GET',
            path: '/metrics',
            handler: (req, res) => {
              if (!o.publicMetrics) reader(req);
              const rows = fleet(db(), staleHours);
              sendText(
                res,
                200,
                fleetMetrics(rows, db().count()) + (metrics?.render() ?? '') + '\n' + console_!.metricsText(rows),
                'text/plain; version=0.0.4; charset=utf-8',
              );
            },
          },
        ],
    async start(ctx) {
      if (consoleOpts) {
        store = new ReportStore(ctx.dataDir);
        intakeStore = store;
      } else intakeStore = new (await import('./memory-store.js')).MemoryIntakeStore();
      for (const s of o.seedTokens ?? [])
        intakeStore.addToken(s.token, { ward: s.ward, admin: s.admin, viewer: s.viewer, label: 'seed' });
      metrics = ctx.metrics;
      counters = intakeCounters(ctx.metrics);
      if (store && consoleOpts) {
        const c = counters;
        const s = store;
        commits = new GroupCommit(
          s.db,
          durableSyncFor(s.db, () => c.flushes.inc()),
          { onCommit: () => c.commits.inc() },
        );
        console_ = new ConsoleService(s, consoleOpts, ctx.metrics);
        console_.start(ctx);
      }
    },
    async stop() {
      // Reports already received are written and flushed before the store closes; new ones get 503.
      const gc = commits;
      commits = undefined;
      await gc?.close();
      await console_?.stop();
      console_ = undefined;
      intakeStore?.close();
      intakeStore = undefined;
      store = undefined;
    },
    info: () => ({ intake: '/api/v1/reports', maxReportBytes: maxBytes, received }),
  };
}
