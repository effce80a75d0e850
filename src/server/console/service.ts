// The Department's console on top of the report store: pages (fleet, ward, report, incidents,
// schedule, log-in), the incidents/schedule/history APIs, the intake hook that keeps history and
// incidents in the report's own transaction, the webhook worker, the stale sweep and the daily
// retention prune. Admin and viewer tokens see everything read-only; only admin tokens change
// the schedule.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFormatter, type Lang } from '../../i18n/format.js';
import type { Report } from '../../report/model.js';
import { renderHtml } from '../../report/render/html.js';
import { bearer, HttpError, readBody, sendJson, sendText } from '../http.js';
import type { MetricsRegistry } from '../metrics.js';
import { gauge } from '../metrics.js';
import { ADMIN_COOKIE, cookie, pageLang } from './auth.js';
import { csvCell, fleet, type WardStatus } from '../reports/fleet.js';
import { hashToken, sameToken, type ReportStore } from '../reports/store.js';
import type { Route, ServerContext } from '../types.js';
import { VERSION } from '../../version.js';
import { addDays, checkTimeZone, DEFAULT_TIMEZONE, lastDays } from './clock.js';
import { changesBetween, FIGURES } from './figures.js';
import { CONTENT_SECURITY_POLICY, type PageContext } from './pages/layout.js';
import { renderFleet, type FleetRow } from './pages/fleet.js';
import { renderIncidents, renderLogin, renderSchedule } from './pages/lists.js';
import { renderWard } from './pages/ward.js';
import {
  DEFAULT_EVENING_HOUR,
  parseSchedule,
  parseSession,
  ScheduleError,
  upcoming,
  viewSession,
  type Schedule,
  type Session,
  type SessionView,
  type WardLatest,
} from './schedule.js';
import { ConsoleStore, DEFAULT_RETENTION_DAYS } from './store.js';
import type { WebhookTarget } from './webhooks.js';

export type Role = 'admin' | 'viewer';

export interface ConsoleOptions {
  timeZone?: string;
  /** Parsed schedule file (`serve --schedule FILE`). */
  schedule?: Schedule;
  webhooks?: WebhookTarget[];
  webhookBackoffMs?: number;
  webhookTimeoutMs?: number;
  retentionDays?: number;
  flapHours?: number;
  staleHours: number;
  adminToken?: string;
  /** How often to look for wards gone stale (ms). */
  sweepMs?: number;
  /**
   * Token guessing: `check` throws (429) while a source is blocked; `failed` counts a wrong token.
   * The reports module passes its limiter so pages, APIs and log-in share one budget per source.
   */
  guard?: { check(req: IncomingMessage): void; failed(req: IncomingMessage): void };
}

const HISTORY_DAYS = 90;
const GRID_DAYS = 30;
const COOKIE_MAX_AGE = 43200;
/** When each request's handler started (pages answer with a Server-Timing header). */
const STARTED = new WeakMap<ServerResponse, number>();

/** Read and parse a schedule file; ScheduleError with a catalog key when it is wrong. */
export function loadScheduleFile(file: string): Schedule {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScheduleError('console.schedule.err.read', {
      file,
      reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message,
    });
  }
  return parseSchedule(text, file);
}

/** A `next` parameter that can only lead back into this server. */
const safeNext = (v: string | null | undefined): string =>
  v && /^\/(?!\/)[^\s\\]*$/.test(v) && !v.startsWith('/login') ? v : '/dashboard';

export class ConsoleService {
  readonly store: ConsoleStore;
  readonly timeZone: string;
  private readonly roleQ;
  private readonly wardQ;
  private timers: NodeJS.Timeout[] = [];
  private ctx: ServerContext | undefined;

  constructor(
    private readonly reports: ReportStore,
    private readonly o: ConsoleOptions,
    private readonly metrics?: MetricsRegistry,
  ) {
    this.timeZone = checkTimeZone(o.timeZone ?? o.schedule?.timeZone ?? DEFAULT_TIMEZONE);
    this.store = new ConsoleStore(reports.db, {
      timeZone: this.timeZone,
      flapHours: o.flapHours,
      webhooks: {
        targets: o.webhooks ?? [],
        backoffMs: o.webhookBackoffMs,
        timeoutMs: o.webhookTimeoutMs,
        log: (m) => this.ctx?.log(m),
      },
      publicUrl: () => this.ctx?.baseUrl ?? '',
    });
    this.roleQ = reports.db.prepare<
      [string],
      { ward: string | null; admin: number; viewer: number; revoked_at: string | null }
    >('SELECT ward, admin, viewer, revoked_at FROM tokens WHERE hash = ?');
    this.wardQ = {
      latest: reports.db.prepare<
        [string],
        { report_id: string; readiness: Report['readiness']; received_at: string; failing: string }
      >('SELECT report_id, readiness, received_at, failing FROM ward_latest WHERE ward = ?'),
      token: reports.db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM tokens WHERE ward = ? AND revoked_at IS NULL',
      ),
      openByWard: reports.db.prepare<[], { ward: string; n: number }>(
        "SELECT ward, count(*) AS n FROM incidents WHERE state = 'open' GROUP BY ward",
      ),
    };
  }

  // --- lifecycle ------------------------------------------------------------------------------
  start(ctx: ServerContext): void {
    this.ctx = ctx;
    this.store.outbox.start();
    const sweep = () => {
      try {
        this.store.incidents.sweepStale(Date.now(), this.o.staleHours * 3600_000);
      } catch (err) {
        ctx.log(`stale sweep: ${(err as Error).message}`);
      }
    };
    sweep();
    this.timers.push(setInterval(sweep, this.o.sweepMs ?? 60_000));
    const days = this.o.retentionDays ?? DEFAULT_RETENTION_DAYS;
    const prune = () =>
      void this.store
        .prune(days)
        .then((n) => n && ctx.log(`retention: ${n} report(s) older than ${days} days deleted`))
        .catch((err) => ctx.log(`retention: ${(err as Error).message}`));
    // First prune a minute after start (not in the way of a restart's burst), then daily.
    this.timers.push(setTimeout(prune, 60_000), setInterval(prune, 86400_000));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.store.outbox.stop();
  }

  /** Intake hook: call inside the transaction that stored `report`. */
  onStored(report: Report, received: Date): void {
    this.store.onStored(report, received);
  }

  // --- who is asking --------------------------------------------------------------------------
  roleOf(token: string | undefined): Role | undefined {
    if (!token || token.length > 200) return undefined;
    if (sameToken(token, this.o.adminToken)) return 'admin';
    const row = this.roleQ.get(hashToken(token));
    if (!row || row.revoked_at) return undefined;
    return row.admin === 1 ? 'admin' : row.viewer === 1 ? 'viewer' : undefined;
  }

  /** Admin or viewer (Bearer or the log-in cookie), else 401. For read-only APIs and /metrics. */
  requireReader(req: IncomingMessage): Role {
    this.o.guard?.check(req);
    const role = this.roleOf(this.presented(req));
    if (!role) this.o.guard?.failed(req);
    if (!role)
      throw new HttpError(401, 'admin or viewer token required', { 'www-authenticate': 'Bearer realm="wardkit"' });
    return role;
  }

  private presented(req: IncomingMessage): string | undefined {
    return bearer(req) ?? cookie(req, ADMIN_COOKIE);
  }

  /** The caller's role, or 401 (a browser asking for a page is sent to the log-in page instead). */
  private require(req: IncomingMessage, res: ServerResponse, need: Role | 'page' = 'viewer'): Role | undefined {
    this.o.guard?.check(req);
    const presented = this.presented(req);
    const role = this.roleOf(presented);
    if (!role && presented) this.o.guard?.failed(req);
    if (role && (need !== 'admin' || role === 'admin')) return role;
    if (need === 'page' && !role) {
      // A browser without a valid cookie gets the log-in form, still as a 401.
      const url = new URL(req.url ?? '/', 'http://x');
      const lang = pageLang(url.searchParams.get('lang'), req.headers['accept-language']);
      this.sendPage(
        res,
        renderLogin(createFormatter(lang), lang, {
          next: safeNext(url.pathname + url.search),
          error: Boolean(this.presented(req)),
        }),
        401,
      );
      return undefined;
    }
    if (role) throw new HttpError(403, 'admin token required');
    throw new HttpError(401, 'admin or viewer token required', { 'www-authenticate': 'Bearer realm="wardkit"' });
  }

  private pageContext(req: IncomingMessage, role: Role): PageContext {
    const url = new URL(req.url ?? '/', 'http://x');
    const lang = pageLang(url.searchParams.get('lang'), req.headers['accept-language']);
    return { t: createFormatter(lang), lang, timeZone: this.timeZone, url, role, now: Date.now() };
  }

  private sendPage(res: ServerResponse, html: string, status = 200): void {
    const t0 = STARTED.get(res);
    const timing: Record<string, string> =
      t0 === undefined ? {} : { 'server-timing': `app;dur=${(performance.now() - t0).toFixed(1)}` };
    sendText(res, status, html, 'text/html; charset=utf-8', {
      ...timing,
      'cache-control': 'no-store',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  }

  private setCookie(res: ServerResponse, token: string, location: string): void {
    const secure = this.ctx?.baseUrl.startsWith('https:') ? '; Secure' : '';
    res.writeHead(303, {
      location,
      'set-cookie': `${ADMIN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE}${secure}`,
      'cache-control': 'no-store',
    });
    res.end();
  }

  // --- models ---------------------------------------------------------------------------------
  private fleetStatus(now = Date.now()): WardStatus[] {
    return fleet(this.reports, this.o.staleHours, now);
  }

  private wardLatest(rows: WardStatus[]): WardLatest[] {
    const times = this.store.latestTimes();
    return rows.map((r) => {
      const at = times.get(r.ward) ?? r.lastReportAt;
      return {
        ward: r.ward,
        readiness: r.readiness,
        at: at ? Date.parse(at) : null,
        stale: r.stale,
        failing: r.failingChecks,
      };
    });
  }

  sessions(): Session[] {
    return [...(this.o.schedule?.sessions ?? []), ...this.store.sessions()];
  }

  sessionViews(now = Date.now(), rows = this.fleetStatus(now), limit = 20): SessionView[] {
    const latest = this.wardLatest(rows);
    return upcoming(this.sessions(), now, this.timeZone)
      .slice(0, limit)
      .map((s) => viewSession(s, latest, this.timeZone, this.o.schedule?.eveningHour ?? DEFAULT_EVENING_HOUR));
  }

  // --- routes ---------------------------------------------------------------------------------
  /** The console's routes; `get` gives the service once the store is open (routes exist before). */
  static routeTable(get: () => ConsoleService): Route[] {
    const timed = (r: Route): Route => ({
      ...r,
      handler: (req, res, p, ctx) => {
        STARTED.set(res, performance.now());
        return r.handler(req, res, p, ctx);
      },
    });
    const routes: Route[] = [
      { method: 'GET', path: '/login', handler: (req, res) => get().loginPage(req, res) },
      { method: 'POST', path: '/login', handler: (req, res) => get().login(req, res) },
      {
        method: 'GET',
        path: '/logout',
        handler: (_req, res) => {
          res.writeHead(303, {
            location: '/login',
            'set-cookie': `${ADMIN_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
            'cache-control': 'no-store',
          });
          res.end();
        },
      },
      { method: 'GET', path: '/dashboard', handler: (req, res) => get().dashboard(req, res) },
      { method: 'GET', path: '/wards/:ward', handler: (req, res, p) => get().wardPage(req, res, p.ward) },
      {
        method: 'GET',
        path: '/wards/:ward/reports/:id',
        handler: (req, res, p) => get().reportPage(req, res, p.ward, p.id),
      },
      { method: 'GET', path: '/incidents', handler: (req, res) => get().incidentsPage(req, res) },
      { method: 'GET', path: '/schedule', handler: (req, res) => get().schedulePage(req, res) },
      { method: 'GET', path: '/api/v1/incidents', handler: (req, res) => get().incidentsApi(req, res) },
      {
        method: 'GET',
        path: '/api/v1/incidents/:id',
        handler: (req, res, p) => {
          get().require(req, res);
          const inc = get().store.incidents.get(p.id);
          if (!inc) throw new HttpError(404, 'no such incident');
          sendJson(res, 200, inc);
        },
      },
      { method: 'GET', path: '/api/v1/schedule', handler: (req, res) => get().scheduleApi(req, res) },
      { method: 'POST', path: '/api/v1/schedule', handler: (req, res) => get().addSession(req, res) },
      {
        method: 'DELETE',
        path: '/api/v1/schedule/:id',
        handler: (req, res, p) => {
          get().requireBearerAdmin(req);
          if (!get().store.deleteSession(p.id))
            throw new HttpError(404, 'no such session (sessions from the schedule file are changed in the file)');
          res.writeHead(204).end();
        },
      },
      {
        method: 'GET',
        path: '/api/v1/wards/:ward/history',
        handler: (req, res, p) => get().historyExport(req, res, p.ward),
      },
    ];
    return routes.map(timed);
  }

  /** Changes need an admin token in the Authorization header: a cookie alone never changes anything. */
  private requireBearerAdmin(req: IncomingMessage): void {
    this.o.guard?.check(req);
    const role = this.roleOf(bearer(req));
    if (!role) this.o.guard?.failed(req);
    if (role === 'admin') return;
    if (role) throw new HttpError(403, 'admin token required');
    throw new HttpError(401, 'admin token required (Authorization: Bearer)', {
      'www-authenticate': 'Bearer realm="wardkit"',
    });
  }

  private loginPage(req: IncomingMessage, res: ServerResponse, error = false): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const lang = pageLang(url.searchParams.get('lang'), req.headers['accept-language']);
    this.sendPage(
      res,
      renderLogin(createFormatter(lang), lang, { next: safeNext(url.searchParams.get('next')), error }),
      error ? 401 : 200,
    );
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams((await readBody(req, 4096)).toString('utf8'));
    const token = form.get('token')?.trim() ?? '';
    const lang: Lang = form.get('lang') === 'en' ? 'en' : 'vi';
    const next = safeNext(form.get('next'));
    this.o.guard?.check(req);
    if (!this.roleOf(token)) {
      this.o.guard?.failed(req);
      this.metrics
        ?.counter('wardkit_console_login_failures_total', 'Console log-ins refused (unknown, revoked or ward token).')
        .inc();
      return this.sendPage(res, renderLogin(createFormatter(lang), lang, { next, error: true }), 401);
    }
    this.setCookie(res, token, next);
  }

  private dashboard(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams.get('token');
    if (q !== null) {
      // Browser log-in by link: keep the token in an HttpOnly cookie, then drop it from the address bar.
      this.o.guard?.check(req);
      if (!this.roleOf(q)) {
        this.o.guard?.failed(req);
        throw new HttpError(401, 'admin or viewer token required');
      }
      url.searchParams.delete('token');
      this.setCookie(res, q, url.pathname + (url.search || ''));
      return;
    }
    const role = this.require(req, res, 'page');
    if (!role) return;
    const c = this.pageContext(req, role);
    this.sendPage(res, renderFleet(c, this.fleetModel(c.now)));
  }

  fleetModel(now = Date.now()) {
    const status = this.fleetStatus(now);
    const times = this.store.latestTimes();
    const open = new Map(this.wardQ.openByWard.all().map((r) => [r.ward, r.n]));
    let openTotal = 0;
    for (const n of open.values()) openTotal += n;
    const rows: FleetRow[] = status.map((r) => ({
      ward: r.ward,
      readiness: r.readiness,
      stale: r.stale,
      lastAt: times.get(r.ward) ?? r.lastReportAt,
      receivedAt: r.receivedAt,
      ageSeconds: r.ageSeconds,
      failing: r.failingChecks,
      openIncidents: open.get(r.ward) ?? 0,
    }));
    const days = lastDays(GRID_DAYS, now, this.timeZone);
    return {
      rows,
      days,
      grid: this.store.grid(days[0]),
      next: this.sessionViews(now, status, 1)[0],
      staleHours: this.o.staleHours,
      openIncidents: openTotal,
    };
  }

  private wardPage(req: IncomingMessage, res: ServerResponse, ward: string): void {
    const role = this.require(req, res, 'page');
    if (!role) return;
    const c = this.pageContext(req, role);
    const latest = this.wardQ.latest.get(ward);
    if (!latest && !this.wardQ.token.get(ward)!.n) throw new HttpError(404, 'no such ward');
    const days = lastDays(HISTORY_DAYS, c.now, this.timeZone);
    const history = this.store.history(ward, new Date(Date.parse(`${addDays(days[0], -1)}T00:00:00Z`)).toISOString());
    const report = latest ? this.reports.get(latest.report_id) : undefined;
    let changes, previousId;
    if (report) {
      previousId = this.store.previousReportId(ward, report.id);
      const prev = previousId ? this.reports.get(previousId) : undefined;
      if (prev) changes = changesBetween(prev, report);
    }
    const latestAt =
      history.length && report && history[history.length - 1].reportId === report.id
        ? history[history.length - 1].at
        : report?.finishedAt;
    const stale = !latest || Date.now() - Date.parse(latest.received_at) > this.o.staleHours * 3600_000;
    this.sendPage(
      res,
      renderWard(c, {
        ward,
        latest: report,
        latestAt,
        receivedAt: latest?.received_at ?? null,
        stale,
        changes,
        previousId,
        history: history.filter((h) => h.day >= days[0]),
        days,
        dayCells: this.store.wardDays(ward, days[0]),
        incidents: this.store.incidents.list({ ward, limit: 50 }),
        reportHtml: report ? renderHtml(report, c.t) : undefined,
      }),
    );
  }

  private reportPage(req: IncomingMessage, res: ServerResponse, ward: string, id: string): void {
    const role = this.require(req, res, 'page');
    if (!role) return;
    const report = this.reports.get(id);
    if (!report || report.ward !== ward) throw new HttpError(404, 'no such report');
    const c = this.pageContext(req, role);
    this.sendPage(res, renderHtml(report, c.t));
  }

  private incidentFilter(url: URL): { state?: 'open' | 'closed'; ward?: string; limit?: number } {
    const state = url.searchParams.get('state');
    if (state !== null && state !== '' && state !== 'open' && state !== 'closed')
      throw new HttpError(400, 'state must be open or closed');
    const ward = url.searchParams.get('ward')?.trim() || undefined;
    const limit = url.searchParams.get('limit');
    if (limit !== null && !(Number(limit) >= 1 && Number(limit) <= 10_000 && Number.isInteger(Number(limit))))
      throw new HttpError(400, 'limit must be 1–10000');
    return { ...(state ? { state } : {}), ...(ward ? { ward } : {}), ...(limit ? { limit: Number(limit) } : {}) };
  }

  private incidentsPage(req: IncomingMessage, res: ServerResponse): void {
    const role = this.require(req, res, 'page');
    if (!role) return;
    const c = this.pageContext(req, role);
    const f = this.incidentFilter(c.url);
    this.sendPage(res, renderIncidents(c, this.store.incidents.list({ ...f, limit: f.limit ?? 500 }), f));
  }

  private incidentsApi(req: IncomingMessage, res: ServerResponse): void {
    this.require(req, res);
    const f = this.incidentFilter(new URL(req.url ?? '/', 'http://x'));
    const incidents = this.store.incidents.list(f);
    sendJson(res, 200, { generatedAt: new Date().toISOString(), open: this.store.incidents.openCounts(), incidents });
  }

  private schedulePage(req: IncomingMessage, res: ServerResponse): void {
    const role = this.require(req, res, 'page');
    if (!role) return;
    const c = this.pageContext(req, role);
    this.sendPage(res, renderSchedule(c, this.sessionViews(c.now)));
  }

  private scheduleApi(req: IncomingMessage, res: ServerResponse): void {
    this.require(req, res);
    const now = Date.now();
    sendJson(res, 200, {
      generatedAt: new Date(now).toISOString(),
      timeZone: this.timeZone,
      sessions: this.sessionViews(now).map((v) => ({
        ...v.session,
        startsAt: new Date(v.startsAt).toISOString(),
        reportsCountFrom: new Date(v.cutoff).toISOString(),
        counts: v.counts,
        wards: v.wards.map((w) => ({
          ward: w.ward,
          state: w.state,
          lastReportAt: w.lastReportAt === null ? null : new Date(w.lastReportAt).toISOString(),
          failingChecks: w.failing,
        })),
      })),
    });
  }

  private async addSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requireBearerAdmin(req);
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'));
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw new HttpError(400, 'body is not JSON');
    }
    let s: Session;
    try {
      s = parseSession(body, 'body', 'new', 'api');
    } catch (err) {
      if (err instanceof ScheduleError)
        return sendJson(res, 400, { error: createFormatter('en')(err.key, err.params) });
      throw err;
    }
    const saved = this.store.addSession({
      day: s.day,
      time: s.time,
      wards: s.wards,
      ...(s.label ? { label: s.label } : {}),
    });
    sendJson(res, 201, saved, { location: `/api/v1/schedule/${saved.id}` });
  }

  private historyExport(req: IncomingMessage, res: ServerResponse, ward: string): void {
    this.require(req, res);
    const url = new URL(req.url ?? '/', 'http://x');
    const csv =
      url.searchParams.get('format') === 'csv' ||
      (!url.searchParams.get('format') && /\btext\/csv\b/.test(req.headers.accept ?? ''));
    if (!this.wardQ.latest.get(ward) && !this.wardQ.token.get(ward)!.n) throw new HttpError(404, 'no such ward');
    const file = `wardkit-${ward.replace(/[^A-Za-z0-9._-]/g, '_')}-history.${csv ? 'csv' : 'json'}`;
    res.writeHead(200, {
      'content-type': csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'no-store',
    });
    // Streamed row by row: a ward's full history (a year of reports) never sits in memory at once.
    if (csv) {
      const figs = FIGURES.map((f) => f.id);
      res.write(
        ['report_id', 'at', 'day', 'readiness', 'failing_checks', ...FIGURES.map((f) => f.csv)].join(',') + '\r\n',
      );
      for (const h of this.store.iterateHistory(ward))
        res.write(
          [h.reportId, h.at, h.day, h.readiness, h.failing.join(' '), ...figs.map((f) => h.figures[f] ?? '')]
            .map((v) => csvCell(v as string | number))
            .join(',') + '\r\n',
        );
      res.end();
      return;
    }
    const full = url.searchParams.get('reports') === '1';
    res.write(
      `{"ward":${JSON.stringify(ward)},"timeZone":${JSON.stringify(this.timeZone)},"generatedAt":"${new Date().toISOString()}","history":[`,
    );
    let first = true;
    for (const h of this.store.iterateHistory(ward)) {
      const row = full ? { ...h, report: this.reports.get(h.reportId) ?? null } : h;
      res.write((first ? '' : ',') + JSON.stringify(row));
      first = false;
    }
    res.end(']}');
  }

  // --- metrics --------------------------------------------------------------------------------
  /** The console's series for /metrics (the fleet's gauges come from the reports module). */
  metricsText(rows: WardStatus[]): string {
    const STATUS: Record<string, number> = { pass: 0, warn: 1, fail: 2, error: 3, skip: 4 };
    const times = this.store.latestTimes();
    const open = this.store.incidents.openCounts();
    const wh = this.store.outbox.stats();
    const out = [
      gauge('wardkit_build_info', 'Version of the wardkit server; always 1.', [
        [{ version: VERSION, node: process.version }, 1],
      ]),
      gauge(
        'wardkit_ward_last_report_timestamp_seconds',
        "Report time of the ward's latest report (finishedAt, never later than its arrival), Unix seconds.",
        rows
          .filter((r) => times.has(r.ward))
          .map((r) => [{ ward: r.ward }, Math.round(Date.parse(times.get(r.ward)!) / 1000)]),
      ),
      gauge(
        'wardkit_ward_check_status',
        "Each check's result in the ward's latest report: 0 pass, 1 warn, 2 fail, 3 error, 4 skipped.",
        this.store
          .checkStatuses()
          .map(([ward, check, target, status]) => [{ ward, check, target }, STATUS[status] ?? 3]),
      ),
      gauge('wardkit_incidents_open', 'Open incidents by severity.', [
        [{ severity: 'critical' }, open.critical],
        [{ severity: 'warning' }, open.warning],
      ]),
      gauge('wardkit_webhook_pending', 'Webhook deliveries waiting (receiver down or backing off).', [
        [{}, wh.pending],
      ]),
      gauge(
        'wardkit_webhook_oldest_pending_seconds',
        'Age of the oldest webhook delivery still waiting; 0 when none.',
        [[{}, wh.oldestPendingSeconds ?? 0]],
      ),
      [
        '# HELP wardkit_webhook_deliveries_total Webhook delivery attempts by result since start.',
        '# TYPE wardkit_webhook_deliveries_total counter',
        `wardkit_webhook_deliveries_total{result="delivered"} ${wh.delivered}`,
        `wardkit_webhook_deliveries_total{result="failed"} ${wh.failedAttempts}`,
        `wardkit_webhook_deliveries_total{result="given_up"} ${wh.givenUp}`,
      ].join('\n'),
    ];
    return out.join('\n') + '\n';
  }
}
