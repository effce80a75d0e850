// The console end to end, on a real server on 127.0.0.1 with a real SQLite store and a real
// webhook receiver: three wards report over four simulated days (reports with set finishedAt),
// one breaks and recovers. Exactly one incident opens and closes, the receiver gets two signed
// deliveries, the ward page's history strip and trend charts hold the submitted values (read
// from the DOM as a browser parses it, without running any script), and the next reception
// session lists the ward that did not report since the evening before.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/app.js';
import { localDay } from '../../src/server/console/clock.js';
import type { WardFigures } from '../helpers/console-reports.js';
import { CONSOLE_TZ as TZ, seededConsole, type SeededConsole } from '../helpers/console-server.js';
import { attr, elements, parseHtml, textOf } from '../helpers/html.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'e2e-webhook-secret-0123456789';
const WARDS = ['hai-chau-1', 'thanh-khe-2', 'son-tra-3'] as const;
const BROKEN = 'son-tra-3';

let seeded: SeededConsole;
let server: RunningServer;
let receiver: WebhookReceiver;
let tokens: Record<string, string>;
let admin: string;
let viewer: string;
const now = Date.now();
// Four simulated evenings, 24 h apart, the last one 30 minutes ago.
const T = [3, 2, 1, 0].map((k) => new Date(now - 30 * 60_000 - k * 86400_000));
// The broken ward: healthy, camera fails (5 fps), recovers; it sends nothing on the last evening.
const brokenFigures: WardFigures[] = [
  { fps: 30, down: 50 },
  { fps: 5, down: 12.5 },
  { fps: 29.5, down: 47.25 },
];

const get = (path: string, token = viewer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers }, redirect: 'manual' });

beforeAll(async () => {
  receiver = new WebhookReceiver(SECRET);
  await receiver.start(0);
  seeded = await seededConsole({
    prefix: 'wardkit-console-e2e-',
    wards: WARDS,
    now,
    reports: [0, 1, 2, 3].flatMap((k) =>
      WARDS.filter((w) => !(w === BROKEN && k === 3)).map((ward) => ({
        ward,
        at: T[k],
        figures: ward === BROKEN ? brokenFigures[k] : { fps: 30 - k / 2 },
      })),
    ),
    options: async (dir) => {
      await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
      return { webhook: [receiver.url], webhookSecretFile: join(dir, 'secret'), webhookBackoffMs: 100 };
    },
  });
  ({ server, tokens, admin, viewer } = seeded);
}, 60_000);

afterAll(async () => {
  await seeded?.close();
  await receiver?.stop();
});

describe('console end to end', () => {
  it('exactly one incident, opened when the camera failed and closed when it passed again', async () => {
    const res = await get('/api/v1/incidents');
    expect(res.status).toBe(200);
    const j = (await res.json()) as { incidents: Array<Record<string, unknown>>; open: Record<string, number> };
    expect(j.incidents).toHaveLength(1);
    expect(j.incidents[0]).toMatchObject({
      ward: BROKEN,
      key: 'camera:main-camera',
      checkId: 'camera',
      targetId: 'main-camera',
      severity: 'critical',
      state: 'closed',
      openedAt: T[1].toISOString(),
      closedAt: T[2].toISOString(),
      flaps: 0,
    });
    expect(j.open).toEqual({ critical: 0, warning: 0 });
    const open = (await (await get(`/api/v1/incidents?state=open&ward=${BROKEN}`)).json()) as { incidents: unknown[] };
    expect(open.incidents).toHaveLength(0);
    const closed = (await (await get(`/api/v1/incidents?state=closed&ward=${BROKEN}`)).json()) as {
      incidents: Array<{ id: string }>;
    };
    expect(closed.incidents.map((i) => i.id)).toEqual([j.incidents[0].id]);
    expect((await get('/api/v1/incidents?state=maybe')).status).toBe(400);
    expect((await get(`/api/v1/incidents/${String(j.incidents[0].id)}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/incidents`)).status).toBe(401);
    expect((await get('/api/v1/incidents', tokens[BROKEN])).status).toBe(401);
  });

  it('two webhook deliveries, signed with the shared secret, each with its own idempotency key', async () => {
    const d = await receiver.waitFor(2);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    expect(receiver.deliveries).toHaveLength(2);
    expect(d.map((x) => x.event)).toEqual(['incident.opened', 'incident.closed']);
    expect(d.every((x) => x.signatureValid)).toBe(true);
    expect(d[0].body.incident.id).toBe(d[1].body.incident.id);
    expect(d[0].body.incident).toMatchObject({ ward: BROKEN, key: 'camera:main-camera', state: 'open' });
    expect(d[1].body.incident).toMatchObject({ state: 'closed', closedAt: T[2].toISOString() });
    expect(new Set(d.map((x) => x.idempotencyKey)).size).toBe(2);
    expect(d[0].body.id).toBe(d[0].idempotencyKey);
    expect(d[0].body.url).toBe(`${server.url}/wards/${BROKEN}#incidents`);
  });

  it("the broken ward's page: history strip, trend values, what changed, incidents, devices — without scripts", async () => {
    const res = await get(`/wards/${BROKEN}?lang=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    const doc = parseHtml(html);
    expect(elements(doc, 'script')).toHaveLength(0);
    const cells = elements(doc).filter(
      (e) => attr(e, 'data-day') !== undefined && attr(e, 'data-readiness') !== undefined,
    );
    expect(cells).toHaveLength(90);
    const byDay = new Map(cells.map((c) => [attr(c, 'data-day'), c]));
    expect(T.map((t) => attr(byDay.get(localDay(t.getTime(), TZ))!, 'data-readiness'))).toEqual([
      'READY',
      'NOT_READY',
      'READY',
      'none',
    ]);
    // Each reported day links to its report, and that report opens.
    const failDay = byDay.get(localDay(T[1].getTime(), TZ))!;
    expect(failDay.tagName).toBe('a');
    const failReport = await get(attr(failDay, 'href')!);
    expect(failReport.status).toBe(200);
    expect(await failReport.text()).toContain('NOT READY');
    const fps = elements(doc, 'circle').filter(
      (c) =>
        attr(c, 'data-report') &&
        elements(doc, 'svg').some((s) => attr(s, 'data-figure') === 'fps' && elements(s, 'circle').includes(c)),
    );
    expect(fps.map((c) => Number(attr(c, 'data-value')))).toEqual([30, 5, 29.5]);
    const down = elements(doc, 'svg').find((s) => attr(s, 'data-figure') === 'down')!;
    expect(elements(down, 'circle').map((c) => Number(attr(c, 'data-value')))).toEqual([50, 12.5, 47.25]);
    expect(elements(down, 'line').find((l) => attr(l, 'class') === 'threshold')).toBeDefined();
    // What changed since the report before: the camera works again.
    const changes = elements(doc, 'li').filter((li) => attr(li, 'data-change'));
    expect(changes.map((li) => `${attr(li, 'data-change')}:${attr(li, 'data-key') ?? ''}`)).toContain(
      'stoppedFailing:camera:main-camera',
    );
    expect(elements(doc, 'tr').filter((tr) => attr(tr, 'data-incident'))).toHaveLength(1);
    // Devices: names and URIs of kind, never a secret in a URI.
    const devices = elements(doc, 'table').find((t) => attr(t, 'id') === 'devices')!;
    expect(textOf(devices)).toContain('Logitech BRIO');
    expect(textOf(devices)).toContain('pulse:alsa_input.usb-Jabra');
    expect(textOf(devices)).not.toContain('token=secret');
    // The latest report, rendered by the report renderer.
    const report = elements(doc).find((e) => attr(e, 'id') === 'report')!;
    expect(textOf(report)).toContain('READY');
  });

  it('the next reception session lists the broken ward (nothing since the evening before) as not ready', async () => {
    const j = (await (await get('/api/v1/schedule')).json()) as {
      sessions: Array<{ label: string; wards: Array<{ ward: string; state: string }> }>;
    };
    expect(j.sessions).toHaveLength(1);
    expect(j.sessions[0].label).toBe('Tiếp công dân định kỳ');
    const states = Object.fromEntries(j.sessions[0].wards.map((w) => [w.ward, w.state]));
    expect(states).toEqual({ 'hai-chau-1': 'READY', 'thanh-khe-2': 'READY', [BROKEN]: 'unknown' });
    const doc = parseHtml(await (await get('/schedule')).text());
    const rows = elements(doc, 'tr').filter((r) => attr(r, 'data-state'));
    expect(
      rows.find((r) => attr(r, 'data-ward') === BROKEN) &&
        attr(rows.find((r) => attr(r, 'data-ward') === BROKEN)!, 'data-state'),
    ).toBe('unknown');
    // The fleet page shows it first, in the next-session box.
    const dash = parseHtml(await (await get('/dashboard')).text());
    const next = elements(dash, 'section').find((s) => attr(s, 'id') === 'next-session')!;
    expect(
      elements(next, 'tr')
        .filter((r) => attr(r, 'data-ward'))
        .map((r) => attr(r, 'data-ward')),
    ).toEqual([BROKEN]);
  });

  it('only an admin token changes the schedule; a viewer reads', async () => {
    const body = JSON.stringify({ date: '2099-01-02', time: '08:00', wards: ['hai-chau-1'] });
    const post = (token: string) =>
      fetch(`${server.url}/api/v1/schedule`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
    expect((await post(viewer)).status).toBe(403);
    const ok = await post(admin);
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as { id: string };
    const bad = await fetch(`${server.url}/api/v1/schedule`, {
      method: 'POST',
      body: JSON.stringify({ date: '2099-02-30', time: '08:00' }),
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/2099-02-30/);
    expect(
      (
        await fetch(`${server.url}/api/v1/schedule/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${viewer}` },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await fetch(`${server.url}/api/v1/schedule/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${admin}` },
        })
      ).status,
    ).toBe(204);
  });

  it("exports a ward's full history as CSV and JSON", async () => {
    const csv = await (await get(`/api/v1/wards/${BROKEN}/history?format=csv`)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^report_id,at,day,readiness,failing_checks,download_mbit_s,upload_mbit_s,rtt_ms,jitter_ms,loss_percent,mos,camera_fps,microphone_dbfs$/,
    );
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['READY', 'NOT_READY', 'READY']);
    const j = (await (await get(`/api/v1/wards/${BROKEN}/history?format=json&reports=1`)).json()) as {
      history: Array<{ figures: { fps: number }; report: { ward: string } }>;
    };
    expect(j.history.map((h) => h.figures.fps)).toEqual([30, 5, 29.5]);
    expect(j.history[0].report.ward).toBe(BROKEN);
    expect((await get('/api/v1/wards/nobody/history')).status).toBe(404);
  });
});
