// The console's pure parts: fleet filters and search, safe device URIs, what changed between two
// reports, trend figures, webhook options.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { createFormatter } from '../../src/i18n/format.js';
import { changesBetween, devicesOf, extractFigures, safeUri } from '../../src/server/console/figures.js';
import { ConsoleConfigError, consoleOptions, webhookTargets } from '../../src/server/console/options.js';
import { applyFilters, byAttention, searchKey, type FleetRow } from '../../src/server/console/pages/fleet.js';
import { trendChart } from '../../src/server/console/pages/trend.js';
import { scopeCss } from '../../src/server/console/pages/ward.js';
import { sign } from '../../src/server/console/webhooks.js';
import { wardReport } from '../helpers/console-reports.js';
import { tempDir } from '../helpers/temp.js';

const row = (ward: string, readiness: FleetRow['readiness'], extra: Partial<FleetRow> = {}): FleetRow => ({
  ward,
  readiness,
  stale: false,
  lastAt: null,
  receivedAt: null,
  ageSeconds: 0,
  failing: [],
  openIncidents: 0,
  ...extra,
});

describe('fleet filters', () => {
  const rows = [
    row('hai-chau-1', 'READY'),
    row('son-tra-3', 'NOT_READY', { failing: ['camera:main-camera', 'bandwidth'] }),
    row('thanh-khe-2', 'DEGRADED', { failing: ['microphone:room-mic'] }),
    row('ngu-hanh-son-5', null, { stale: true }),
  ];
  const wards = (f: Parameters<typeof applyFilters>[1]) => applyFilters(rows, f).map((r) => r.ward);
  it('by readiness, failing check (any target), stale, and search without diacritics', () => {
    expect(wards({ readiness: 'NOT_READY' })).toEqual(['son-tra-3']);
    expect(wards({ readiness: 'none' })).toEqual(['ngu-hanh-son-5']);
    expect(wards({ check: 'camera' })).toEqual(['son-tra-3']);
    expect(wards({ check: 'microphone' })).toEqual(['thanh-khe-2']);
    expect(wards({ stale: true })).toEqual(['ngu-hanh-son-5']);
    expect(wards({ q: 'Sơn Trà' })).toEqual(['son-tra-3']);
    expect(wards({ q: 'NGŨ HÀNH' })).toEqual(['ngu-hanh-son-5']);
    expect(wards({ readiness: 'READY', q: 'son' })).toEqual([]);
    expect(searchKey('Đà Nẵng')).toBe('da-nang');
  });
  it('worst first', () => {
    expect([...rows].sort(byAttention).map((r) => r.ward)).toEqual([
      'son-tra-3',
      'ngu-hanh-son-5',
      'thanh-khe-2',
      'hai-chau-1',
    ]);
  });
});

describe('what the ward page reads from reports', () => {
  it('device URIs without credentials, query or fragment', () => {
    expect(safeUri('rtsp://admin:hunter2@10.0.0.5:554/stream?channel=1#x')).toEqual({
      kind: 'rtsp',
      uri: 'rtsp://10.0.0.5:554/stream',
    });
    expect(safeUri('pulse:alsa_input.usb-Jabra?token=abc')).toEqual({
      kind: 'pulse',
      uri: 'pulse:alsa_input.usb-Jabra',
    });
    expect(safeUri('v4l2:///dev/video0')).toEqual({ kind: 'v4l2', uri: 'v4l2:///dev/video0' });
  });

  it('the worst value per figure; absent when not measured', () => {
    const r = wardReport('w', new Date(), { loss: 0.4, fps: 27 });
    expect(extractFigures(r)).toEqual({
      down: 48.2,
      up: 21.5,
      rtt: 18,
      jitter: 2.4,
      loss: 0.4,
      mos: 4.3,
      fps: 27,
      mic: -24.5,
    });
    r.results = r.results.filter((x) => x.checkId !== 'bandwidth');
    expect(extractFigures(r).down).toBeUndefined();
  });

  it('what changed: readiness, checks that started or stopped failing, devices that appeared, vanished or changed', () => {
    const a = wardReport('w', new Date(), { fps: 5 });
    const b = wardReport('w', new Date(), { camera: 'Logitech C920', noMicrophone: true });
    const c = changesBetween(a, b).map((x) =>
      x.kind === 'readiness'
        ? `${x.kind}:${x.from}>${x.to}`
        : 'key' in x
          ? `${x.kind}:${x.key}`
          : x.kind === 'deviceChanged'
            ? `${x.kind}:${x.before.label}>${x.after.label}`
            : `${x.kind}:${x.device.role}`,
    );
    expect(c).toEqual([
      'readiness:NOT_READY>READY',
      'stoppedFailing:camera:main-camera',
      'deviceChanged:Logitech BRIO>Logitech C920',
      'deviceVanished:room-mic',
    ]);
    expect(devicesOf(a).map((d) => d.role)).toEqual(['main-camera', 'room-mic']);
  });

  it("the report's CSS stays inside its frame", () => {
    expect(scopeCss('body{margin:0}h1,h2{x:1}.a b{y:2}', '.f')).toBe('.f{margin:0}.f h1,.f h2{x:1}.f .a b{y:2}');
  });
});

describe('webhook options', () => {
  const dir = tempDir('wardkit-console-opts-');
  const err = (f: () => unknown) => {
    try {
      f();
      return 'no error';
    } catch (e) {
      return e instanceof ConsoleConfigError || e instanceof UsageError ? e.key : String(e);
    }
  };
  it('needs a secret of 16+ characters, http(s) URLs; a YAML config file lists receivers', () => {
    expect(err(() => webhookTargets({ webhook: ['http://127.0.0.1/x'] }, {}))).toBe('console.opt.err.noSecret');
    expect(err(() => webhookTargets({ webhook: ['http://127.0.0.1/x'] }, { WARDKIT_WEBHOOK_SECRET: 'short' }))).toBe(
      'console.opt.err.secretShort',
    );
    expect(err(() => webhookTargets({ webhook: ['ftp://x/y'] }, { WARDKIT_WEBHOOK_SECRET: 'x'.repeat(20) }))).toBe(
      'console.opt.err.webhookUrl',
    );
    expect(
      webhookTargets(
        { webhook: ['http://127.0.0.1/a', 'https://h.example/b'] },
        { WARDKIT_WEBHOOK_SECRET: 'x'.repeat(20) },
      ).map((t) => t.url),
    ).toEqual(['http://127.0.0.1/a', 'https://h.example/b']);
    writeFileSync(join(dir, 's'), 'y'.repeat(24));
    writeFileSync(
      join(dir, 'hooks.yaml'),
      `webhooks:\n  - url: https://alerts.example/wardkit\n    secretFile: ${join(dir, 's')}\n  - url: http://127.0.0.1:9000/x\n    secret: ${'z'.repeat(16)}\n`,
    );
    expect(webhookTargets({ webhookConfig: join(dir, 'hooks.yaml') }, {})).toEqual([
      { url: 'https://alerts.example/wardkit', secret: 'y'.repeat(24) },
      { url: 'http://127.0.0.1:9000/x', secret: 'z'.repeat(16) },
    ]);
    expect(err(() => consoleOptions({ retentionDays: '0' }, 36, undefined))).toBe('cli.badNumber');
    expect(err(() => consoleOptions({ timezone: 'Nowhere/City' }, 36, undefined))).toBe('console.opt.err.timezone');
    expect(consoleOptions({}, 36, undefined).retentionDays).toBe(400);
    rmSync(dir, { recursive: true, force: true });
  });
  it('signs the exact body: HMAC-SHA256 with the shared secret (RFC 4231 test case 2)', () => {
    expect(sign('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('pages escape every value', () => {
  it('a hostile ward id, check id and session label never become markup', async () => {
    const { renderFleet } = await import('../../src/server/console/pages/fleet.js');
    const { createFormatter } = await import('../../src/i18n/format.js');
    const hostile = '<script>alert(1)</script>';
    const c = {
      t: createFormatter('vi'),
      lang: 'vi' as const,
      timeZone: 'Asia/Ho_Chi_Minh',
      url: new URL(`http://x/dashboard?q=${encodeURIComponent('"><img src=x>')}`),
      role: 'viewer' as const,
      now: Date.now(),
    };
    const html = renderFleet(c, {
      rows: [row(hostile, 'NOT_READY', { failing: ['"><img src=x>:t'] })],
      days: ['2026-12-01', '2026-12-02'],
      grid: new Map(),
      staleHours: 36,
      openIncidents: 0,
      next: {
        session: { id: 's', day: '2026-12-03', time: '08:00', wards: 'all', label: hostile, source: 'api' },
        startsAt: 0,
        cutoff: 0,
        counts: { READY: 0, DEGRADED: 0, NOT_READY: 1, stale: 0, unknown: 0 },
        wards: [{ ward: hostile, state: 'NOT_READY', lastReportAt: null, failing: [] }],
      },
    });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('CHƯA SẴN SÀNG');
  });

  it('Vietnamese unless ?lang=en or a browser whose first language is English', async () => {
    const { pageLang } = await import('../../src/server/console/auth.js');
    expect(pageLang(null, undefined)).toBe('vi');
    expect(pageLang(null, 'en-US,en;q=0.9')).toBe('en');
    expect(pageLang(null, 'vi-VN,en;q=0.5')).toBe('vi');
    expect(pageLang('vi', 'en-US')).toBe('vi');
    expect(pageLang('en', undefined)).toBe('en');
  });
});

describe('numbers and dates on console pages (the one formatter)', () => {
  // 30/11/2026 17:30 and 01/12/2026 17:30 in Da Nang (UTC+7)
  const points = [
    { at: Date.UTC(2026, 10, 30, 10, 30), value: 1234.5, reportId: 'a' },
    { at: Date.UTC(2026, 11, 1, 10, 30), value: 2.25, reportId: 'b' },
  ];
  const chart = (lang: 'vi' | 'en') =>
    trendChart({
      id: 'down',
      title: 'down',
      unit: 'Mbit/s',
      points,
      from: points[0].at,
      to: points[1].at,
      threshold: 1.5,
      t: createFormatter(lang),
      timeZone: 'Asia/Ho_Chi_Minh',
    }).value;
  it('in Vietnamese: decimal comma, dot groups, dd/mm/yyyy in the Department zone', () => {
    const svg = chart('vi');
    expect(svg).toContain('<title>30/11/2026 17:30: 1.235 Mbit/s</title>');
    expect(svg).toContain('<title>01/12/2026 17:30: 2,25 Mbit/s</title>');
    expect(svg).toContain('>30/11</text>');
  });
  it('in English: as every English output writes them', () => {
    const svg = chart('en');
    expect(svg).toContain('<title>2026-11-30 17:30: 1,235 Mbit/s</title>');
    expect(svg).toContain('>11-30</text>');
  });
});
