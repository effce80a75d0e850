// Report intake, store, fleet dashboard, wards export and metrics, as one server module.
//   POST /api/v1/reports        ward token → 201 stored | 200 already stored | 400 | 401 | 403 | 409 | 413
//   GET  /api/v1/reports/:id    admin → the stored report
//   GET  /api/v1/wards          admin → JSON, or CSV with ?format=csv / Accept: text/csv
//   GET  /dashboard             admin (Bearer, cookie, or ?token= once) → HTML
//   GET  /metrics               admin unless publicMetrics → Prometheus text
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseNumberOption } from '../../number-option.js';
import { bearer, HttpError, readBody, sendJson, sendText } from '../http.js';
import type { ServerContext, ServerModule } from '../types.js';
import { parseReportJson } from '../../report/validate.js';
import { ADMIN_COOKIE, isAdmin, requireAdmin } from './auth.js';
import { dashboardLang, renderDashboard } from './dashboard.js';
import { DEFAULT_STALE_HOURS, fleet, fleetCsv, fleetMetrics } from './fleet.js';
import { ReportStore } from './store.js';

export const DEFAULT_MAX_REPORT_BYTES = 2 * 1024 * 1024;

export interface ReportsOptions {
  /** Admin token from --admin-token / WARDKIT_ADMIN_TOKEN (admin tokens in the store work too). */
  adminToken?: string;
  maxReportSize?: number | string;
  staleHours?: number | string;
  publicMetrics?: boolean;
  /** Tokens to register at start, e.g. the demo server's: [{ ward, token }] or [{ admin: true, token }]. */
  seedTokens?: Array<{ token: string; ward?: string; admin?: boolean }>;
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
  let store: ReportStore | undefined;
  let received = 0;
  const db = () => {
    if (!store) throw new HttpError(503, 'store not open');
    return store;
  };

  const intake = async (req: IncomingMessage, res: ServerResponse, _p: Record<string, string>, ctx: ServerContext) => {
    const who = db().authenticate(bearer(req));
    if (!who)
      throw new HttpError(401, 'unknown or revoked token', {
        'www-authenticate': 'Bearer realm="wardkit", error="invalid_token"',
      });
    if (!who.ward) throw new HttpError(403, 'not a ward token');
    const raw = await readBody(req, maxBytes);
    const v = parseReportJson(raw.toString('utf8'));
    if (!v.ok && v.notJson) return sendJson(res, 400, { error: 'body is not JSON' });
    if (!v.ok) return sendJson(res, 400, { error: 'report does not match the schema', details: v.errors });
    const report = v.report;
    if (report.ward !== who.ward) throw new HttpError(403, 'this token belongs to another ward');
    const outcome = db().put(report, raw.toString('utf8'), new Date(), who.id);
    if (outcome === 'conflict') return sendJson(res, 409, { error: 'report id already used by another ward' });
    received++;
    if (outcome === 'stored') ctx.log(`report ${report.id} from ${report.ward}: ${report.readiness}`);
    sendJson(
      res,
      outcome === 'stored' ? 201 : 200,
      { id: report.id, status: outcome },
      outcome === 'stored' ? { location: `/api/v1/reports/${report.id}` } : {},
    );
  };

  return {
    name: 'reports',
    routes: [
      { method: 'POST', path: '/api/v1/reports', handler: intake },
      {
        method: 'GET',
        path: '/api/v1/reports/:id',
        handler: (req, res, p) => {
          requireAdmin(req, db(), o.adminToken);
          const r = db().get(p.id);
          if (!r) throw new HttpError(404, 'no such report');
          sendJson(res, 200, r);
        },
      },
      {
        method: 'GET',
        path: '/api/v1/wards',
        handler: (req, res) => {
          requireAdmin(req, db(), o.adminToken);
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
        path: '/dashboard',
        handler: (req, res, _p, ctx) => {
          const url = new URL(req.url ?? '/', 'http://x');
          const q = url.searchParams.get('token');
          if (q !== null) {
            // Browser log-in: keep the token in an HttpOnly cookie, then drop it from the address bar.
            if (!isAdmin(q, db(), o.adminToken)) throw new HttpError(401, 'admin token required');
            url.searchParams.delete('token');
            const secure = ctx.baseUrl.startsWith('https:') ? '; Secure' : '';
            res.writeHead(303, {
              location: url.pathname + (url.search || ''),
              'set-cookie': `${ADMIN_COOKIE}=${encodeURIComponent(q)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200${secure}`,
              'cache-control': 'no-store',
            });
            res.end();
            return;
          }
          requireAdmin(req, db(), o.adminToken);
          const html = renderDashboard(
            fleet(db(), staleHours),
            dashboardLang(url.searchParams.get('lang'), req.headers['accept-language']),
            staleHours,
          );
          sendText(res, 200, html, 'text/html; charset=utf-8', {
            'cache-control': 'no-store',
            'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          });
        },
      },
      {
        method: 'GET',
        path: '/metrics',
        handler: (req, res) => {
          if (!o.publicMetrics) requireAdmin(req, db(), o.adminToken);
          sendText(
            res,
            200,
            fleetMetrics(fleet(db(), staleHours), db().count()),
            'text/plain; version=0.0.4; charset=utf-8',
          );
        },
      },
    ],
    async start(ctx) {
      store = new ReportStore(ctx.dataDir);
      for (const s of o.seedTokens ?? []) store.addToken(s.token, { ward: s.ward, admin: s.admin, label: 'seed' });
    },
    async stop() {
      store?.close();
      store = undefined;
    },
    info: () => ({ intake: '/api/v1/reports', maxReportBytes: maxBytes, received }),
  };
}
