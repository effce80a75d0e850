// The report intake, store, dashboard, wards export and metrics, on a real server on 127.0.0.1
// with a real SQLite store.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { ReportStore } from '../../src/server/reports/store.js';
import { makeReport } from '../helpers/submit-reports.js';
import { expectValidReport } from '../helpers/report-schema.js';
import { tempDir } from '../helpers/temp.js';

let dir: string;
let server: RunningServer;
const tokens: Record<string, string> = {};
let admin: string;
const ENV_ADMIN = 'env-admin-token-0123456789';

const post = (body: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/v1/reports`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
const count = (ward?: string) => {
  const s = new ReportStore(dir);
  try {
    return s.count(ward);
  } finally {
    s.close();
  }
};

beforeAll(async () => {
  dir = tempDir('wardkit-srv-');
  // Tokens are created the way `serve token create` does, in the same SQLite file (WAL: two connections).
  const store = new ReportStore(dir);
  for (let i = 1; i <= 100; i++) tokens[`W${i}`] = store.createToken({ ward: `W${i}` }).token;
  admin = store.createToken({ admin: true }).token;
  const revoked = store.createToken({ ward: 'W-REVOKED' });
  store.revoke({ id: revoked.id });
  tokens['W-REVOKED'] = revoked.token;
  store.close();
  server = await startServer({
    listen: '127.0.0.1:0',
    dataDir: dir,
    options: { maxReportSize: 64 * 1024, adminToken: ENV_ADMIN },
  });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('POST /api/v1/reports', () => {
  it('201 stores a report, 200 for the same id again (exactly once)', async () => {
    const r = makeReport('W1');
    const body = JSON.stringify(r);
    const first = await post(body, tokens.W1);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: r.id, status: 'stored' });
    const again = await post(body, tokens.W1);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: r.id, status: 'duplicate' });
    expect(count('W1')).toBe(1);
    const stored = await get(`/api/v1/reports/${r.id}`, { authorization: `Bearer ${admin}` });
    expect(stored.status).toBe(200);
    expect(expectValidReport(await stored.json())).toEqual(r);
  });

  it('401 without a token, with an unknown one and with a revoked one', async () => {
    const body = JSON.stringify(makeReport('W2'));
    expect((await post(body)).status).toBe(401);
    expect((await post(body, 'wk_not-a-real-token')).status).toBe(401);
    expect((await post(JSON.stringify(makeReport('W-REVOKED')), tokens['W-REVOKED'])).status).toBe(401);
    expect(count()).toBeGreaterThanOrEqual(0);
    expect(count('W2') + count('W-REVOKED')).toBe(0);
  });

  it("403 for another ward's token, and nothing stored", async () => {
    const r = makeReport('W3');
    const res = await post(JSON.stringify(r), tokens.W4);
    expect(res.status).toBe(403);
    expect(count('W3')).toBe(0);
    expect(count('W4')).toBe(0);
    // An admin token is not a ward token either.
    expect((await post(JSON.stringify(r), admin)).status).toBe(403);
    expect(count('W3')).toBe(0);
  });

  it('400 for a body that is not JSON, or not a report', async () => {
    expect((await post('{"not json', tokens.W5)).status).toBe(400);
    const bad = { ...makeReport('W5'), readiness: 'FINE' };
    const res = await post(JSON.stringify(bad), tokens.W5);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { details: string[] }).details.join()).toContain('/readiness');
    expect(count('W5')).toBe(0);
  });

  it('413 over the size limit (declared or streamed)', async () => {
    const r = makeReport('W6');
    (r.results[0] as { details?: unknown }).details = { blob: 'x'.repeat(70 * 1024) };
    expect((await post(JSON.stringify(r), tokens.W6)).status).toBe(413);
    expect(count('W6')).toBe(0);
  });

  it('409 when an id is already stored for another ward', async () => {
    const r = makeReport('W7');
    expect((await post(JSON.stringify(r), tokens.W7)).status).toBe(201);
    const stolen = { ...r, ward: 'W8' };
    expect((await post(JSON.stringify(stolen), tokens.W8)).status).toBe(409);
    expect(count('W8')).toBe(0);
  });

  it('100 concurrent submissions from 100 wards: 100 stored, none lost', async () => {
    const before = count();
    const reports = Array.from({ length: 100 }, (_, i) =>
      makeReport(`W${i + 1}`, ['pass', 'fail'], new Date(Date.now() + 60_000)),
    );
    const statuses = await Promise.all(
      reports.map((r) => post(JSON.stringify(r), tokens[r.ward]).then((res) => res.status)),
    );
    expect(statuses).toEqual(Array(100).fill(201));
    expect(count()).toBe(before + 100);
    const s = new ReportStore(dir);
    try {
      for (const r of reports) expect(s.get(r.id)?.ward).toBe(r.ward);
    } finally {
      s.close();
    }
  });
});

describe('fleet views', () => {
  it('the dashboard needs an admin token: Bearer, the env admin token, or ?token= → cookie', async () => {
    expect((await get('/dashboard')).status).toBe(401);
    expect((await get('/dashboard', { authorization: `Bearer ${tokens.W1}` })).status).toBe(401);
    const ok = await get('/dashboard?lang=en', { authorization: `Bearer ${admin}` });
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('data-ward="W1"');
    expect(html).toContain('NOT READY'); // the last W1 report had a failing network check
    expect((await get('/dashboard', { authorization: `Bearer ${ENV_ADMIN}` })).status).toBe(200);
    const login = await get(`/dashboard?token=${encodeURIComponent(admin)}&lang=vi`);
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/dashboard?lang=vi');
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const viaCookie = await get('/dashboard?lang=vi', { cookie: cookie.split(';')[0] });
    expect(viaCookie.status).toBe(200);
    expect(await viaCookie.text()).toContain('CHƯA SẴN SÀNG');
    expect((await get('/dashboard?token=wrong')).status).toBe(401);
  });

  it('GET /api/v1/wards as JSON and CSV; wards with a token but no report are stale', async () => {
    const res = await get('/api/v1/wards', { authorization: `Bearer ${admin}` });
    const j = (await res.json()) as {
      wards: Array<{ ward: string; readiness: string | null; stale: boolean; failingChecks: string[] }>;
    };
    const w1 = j.wards.find((w) => w.ward === 'W1')!;
    expect(w1).toMatchObject({ readiness: 'NOT_READY', stale: false, failingChecks: ['network'] });
    expect(j.wards.find((w) => w.ward === 'W-REVOKED')).toBeUndefined();
    const csv = await get('/api/v1/wards', { authorization: `Bearer ${admin}`, accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('ward,readiness,last_report_at,received_at,age_seconds,stale,failing_checks,last_report_id');
    expect(lines.find((l) => l.startsWith('W1,'))).toMatch(/^W1,NOT_READY,/);
    expect(
      (await get('/api/v1/wards?format=csv', { authorization: `Bearer ${admin}` })).headers.get('content-type'),
    ).toMatch(/csv/);
    expect((await get('/api/v1/wards')).status).toBe(401);
  });

  it('/metrics in Prometheus text format', async () => {
    expect((await get('/metrics')).status).toBe(401);
    const text = await (await get('/metrics', { authorization: `Bearer ${admin}` })).text();
    expect(text).toContain('# TYPE wardkit_ward_readiness gauge');
    expect(text).toMatch(/^wardkit_ward_readiness\{ward="W1"\} 2$/m);
    expect(text).toMatch(/^wardkit_ward_failing_checks\{ward="W1"\} 1$/m);
    expect(text).toMatch(/^wardkit_ward_last_report_age_seconds\{ward="W1"\} \d+$/m);
    expect(text).not.toMatch(/wardkit_ward_readiness\{ward="W-REVOKED"\}/);
  });
});
