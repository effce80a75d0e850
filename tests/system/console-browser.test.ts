// The console in Debian's Chromium (driven by playwright-core; no browser download), one browser
// for every page: log-in by pasting a token, the fleet page and its filters, a ward page (strip
// and trend values read from the live DOM), a report, incidents and the schedule — with no console
// error (a CSP violation is one) — then the same pages with JavaScript disabled. Screenshots go to
// test-artifacts/console/; with WARDKIT_DOC_SCREENSHOTS=1 they also replace docs/img/console-*.png.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/app.js';
import { localDay } from '../../src/server/console/clock.js';
import type { WardFigures } from '../helpers/console-reports.js';
import { CONSOLE_TZ as TZ, seededConsole, type SeededConsole } from '../helpers/console-server.js';
import { systemUnavailable } from '../helpers/system.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = systemUnavailable([CHROMIUM]);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'console');
/** The screenshots docs/console.md, docs/server.md and the README show. */
const DOC_SHOTS = new Set(['dashboard', 'ward', 'ward-trends', 'incidents', 'schedule']);

let seeded: SeededConsole;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let viewer: string;
const errors: string[] = [];
const now = Date.now();
const T = [3, 2, 1, 0].map((k) => new Date(now - 30 * 60_000 - k * 86400_000));
let reportIds: Record<string, string[]>;

// Five wards: healthy; degraded today; broke and recovered; broken now (camera and bandwidth);
// a token but never a report.
const story: Record<string, Array<WardFigures | null>> = {
  'hai-chau-1': [{}, {}, {}, {}],
  'thanh-khe-2': [{}, {}, {}, { mic: -40 }],
  'son-tra-3': [{ fps: 30 }, { fps: 5 }, { fps: 29.5 }, null],
  'lien-chieu-4': [{}, { down: 30 }, { fps: 8 }, { fps: 7, down: 2.5 }],
};

async function shot(name: string): Promise<void> {
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  if (process.env.WARDKIT_DOC_SCREENSHOTS === '1' && DOC_SHOTS.has(name))
    await copyFile(file, join(ROOT, 'docs', 'img', `console-${name}.png`));
}

beforeAll(async () => {
  if (skip) return;
  await mkdir(ARTIFACTS, { recursive: true });
  seeded = await seededConsole({
    prefix: 'wardkit-console-browser-',
    wards: [...Object.keys(story), 'ngu-hanh-son-5'],
    now,
    viewerLabel: 'browser test',
    reports: [0, 1, 2, 3].flatMap((k) =>
      Object.entries(story).flatMap(([ward, days]) => (days[k] ? [{ ward, at: T[k], figures: days[k]! }] : [])),
    ),
  });
  ({ server, viewer, reportIds } = seeded);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    // Playwright gives each launch a fresh temporary profile (--user-data-dir) and removes it on close.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'vi-VN' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await seeded?.close();
});

describe.skipIf(skip)('console in Chromium', () => {
  it('log-in: a wrong token is refused, a viewer token pasted once opens the fleet page', async () => {
    const res = await page.goto(`${server.url}/dashboard`);
    expect(res!.status()).toBe(401);
    await page.fill('#token', 'wk_wrong');
    await page.click('button[type=submit]');
    expect(await page.textContent('.err')).toContain('Mã này không dùng được');
    await shot('login');
    await page.fill('#token', viewer);
    await Promise.all([page.waitForURL(/\/dashboard$/), page.click('button[type=submit]')]);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'wardkit_admin')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.textContent('h1')).toBe('Các điểm cầu — mức sẵn sàng');
    // The log-in form comes with a 401 (no valid token yet): the only errors expected, and only here.
    expect(errors.every((e) => /status of 401/.test(e))).toBe(true);
    errors.length = 0;
  });

  it('fleet page: counts, the next session with the wards not ready for it, a 30-day grid, translated check names', async () => {
    const rows = await page.$$eval('#fleet tbody tr', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-ward'), tr.getAttribute('data-readiness')]),
    );
    expect(rows).toEqual([
      ['lien-chieu-4', 'NOT_READY'],
      ['ngu-hanh-son-5', 'none'],
      ['thanh-khe-2', 'DEGRADED'],
      ['hai-chau-1', 'READY'],
      ['son-tra-3', 'READY'],
    ]);
    const next = await page.$$eval('#next-session tr[data-ward]', (trs) =>
      trs.map(
        (tr) => `${tr.getAttribute('data-ward')}:${tr.querySelector('[data-state]')!.getAttribute('data-state')}`,
      ),
    );
    expect(next).toEqual([
      'lien-chieu-4:NOT_READY',
      'ngu-hanh-son-5:unknown',
      'son-tra-3:unknown',
      'thanh-khe-2:DEGRADED',
    ]);
    expect(await page.textContent('#fleet tr[data-ward="lien-chieu-4"]')).toContain('Camera (main-camera)');
    // 30 days per row: the run widths add up to 30 cells.
    const widths = await page.$$eval('#fleet tr[data-ward="son-tra-3"] .grid i', (is) =>
      is.map((i) => Number(/w(\d+)/.exec(i.className)![1])),
    );
    expect(widths.reduce((a, b) => a + b, 0)).toBe(30);
    expect(await page.getAttribute('#counts [data-count="NOT_READY"] b', 'textContent').catch(() => null)).toBeNull();
    expect(await page.textContent('#counts [data-count="NOT_READY"] b')).toBe('1');
    await shot('dashboard');
  });

  it('filters and search are a plain form: readiness, failing check, stale, ward search without diacritics', async () => {
    await page.selectOption('select[name=readiness]', 'NOT_READY');
    await Promise.all([page.waitForURL(/readiness=NOT_READY/), page.click('form.filters button')]);
    expect(await page.$$eval('#fleet tbody tr', (t) => t.map((r) => r.getAttribute('data-ward')))).toEqual([
      'lien-chieu-4',
    ]);
    await page.goto(`${server.url}/dashboard`);
    await page.selectOption('select[name=check]', 'bandwidth');
    await Promise.all([page.waitForURL(/check=bandwidth/), page.click('form.filters button')]);
    expect(await page.$$eval('#fleet tbody tr', (t) => t.map((r) => r.getAttribute('data-ward')))).toEqual([
      'lien-chieu-4',
    ]);
    expect(await page.$$eval('select[name=check] option', (o) => o.map((x) => x.textContent))).toContain('Băng thông');
    await page.goto(`${server.url}/dashboard`);
    await page.fill('input[name=q]', 'Sơn Trà');
    await Promise.all([page.waitForURL(/q=/), page.press('input[name=q]', 'Enter')]);
    expect(await page.$$eval('#fleet tbody tr', (t) => t.map((r) => r.getAttribute('data-ward')))).toEqual([
      'son-tra-3',
    ]);
    await page.goto(`${server.url}/dashboard?stale=1`);
    expect(await page.$$eval('#fleet tbody tr', (t) => t.map((r) => r.getAttribute('data-ward')))).toEqual([
      'ngu-hanh-son-5',
    ]);
  });

  it('ward page: the strip and the trend charts hold the reported values; a strip cell opens its report', async () => {
    await page.goto(`${server.url}/dashboard?q=son-tra-3`);
    await Promise.all([page.waitForURL(/\/wards\/son-tra-3$/), page.click('#fleet a[href="/wards/son-tra-3"]')]);
    const strip = await page.$$eval('#history-strip [data-day]', (c) =>
      Object.fromEntries(c.map((x) => [x.getAttribute('data-day'), x.getAttribute('data-readiness')])),
    );
    expect(Object.keys(strip)).toHaveLength(90);
    expect(T.map((t) => strip[localDay(t.getTime(), TZ)])).toEqual(['READY', 'NOT_READY', 'READY', 'none']);
    expect(await page.$$eval('#trend-fps circle', (c) => c.map((x) => Number(x.getAttribute('data-value'))))).toEqual([
      30, 5, 29.5,
    ]);
    expect(await page.$$eval('#trend-down circle', (c) => c.map((x) => Number(x.getAttribute('data-value'))))).toEqual([
      48.2, 48.2, 48.2,
    ]);
    // The chart is drawn: points lie inside the plot, the failing day lowest.
    const ys = await page.$$eval('#trend-fps circle', (c) => c.map((x) => Number(x.getAttribute('cy'))));
    expect(ys[1]).toBeGreaterThan(ys[0]);
    expect(await page.textContent('#changes')).toContain('đã hoạt động trở lại');
    expect(await page.$$eval('tr[data-incident]', (r) => r.map((x) => x.getAttribute('data-state')))).toEqual([
      'closed',
    ]);
    expect(await page.textContent('#devices')).toContain('Logitech BRIO');
    await shot('ward');
    await page.locator('#trends').scrollIntoViewIfNeeded();
    await shot('ward-trends');
    await Promise.all([
      page.waitForURL(/\/reports\//),
      page.click(`#history-strip a[data-day="${localDay(T[1].getTime(), TZ)}"]`),
    ]);
    expect(page.url()).toContain(reportIds['son-tra-3'][1]);
    expect(await page.textContent('.banner')).toContain('CHƯA SẴN SÀNG');
    await shot('report');
  });

  it('incidents and schedule pages', async () => {
    await page.goto(`${server.url}/incidents`);
    const inc = await page.$$eval('tr[data-incident]', (r) =>
      r.map((x) => `${x.getAttribute('data-ward')}|${x.getAttribute('data-key')}|${x.getAttribute('data-state')}`),
    );
    expect(inc.sort()).toEqual([
      'lien-chieu-4|bandwidth|open',
      'lien-chieu-4|camera:main-camera|open',
      'son-tra-3|camera:main-camera|closed',
    ]);
    await shot('incidents');
    await page.selectOption('select[name=state]', 'open');
    await Promise.all([page.waitForURL(/state=open/), page.click('form.filters button')]);
    expect(await page.$$eval('tr[data-incident]', (r) => r.length)).toBe(2);
    await page.goto(`${server.url}/schedule?lang=en`);
    expect(await page.getAttribute('tr[data-ward="son-tra-3"]', 'data-state')).toBe('unknown');
    expect(await page.textContent('h1')).toBe('Reception schedule');
    await shot('schedule');
  });

  it("every Vietnamese letter is drawn with a font of the page's stack (no fallback outside it)", async () => {
    const letters = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
    await page.goto(`${server.url}/dashboard`);
    await page.evaluate((text) => {
      const p = document.createElement('p');
      p.id = 'vi-letters';
      p.textContent = `${text} ${text.toUpperCase()}`;
      document.querySelector('main')!.append(p);
    }, letters);
    await page.waitForSelector('#vi-letters');
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#vi-letters' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const { FONT_STACK } = await import('../../src/server/console/pages/layout.js');
    // Fontconfig serves Arial as its metric twin Liberation Sans on Linux.
    const stack = [...FONT_STACK.matchAll(/"([^"]+)"|([A-Za-z-]+)/g)].map((m) => m[1] ?? m[2]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(stack, `${f.familyName} drew ${f.glyphCount} glyphs`).toContain(f.familyName);
    expect(fonts.reduce((n, f) => n + f.glyphCount, 0)).toBeGreaterThanOrEqual([...letters].length * 2);
    await cdp.detach();
  });

  it('no console errors on any page', () => {
    expect(errors).toEqual([]);
  });

  it('the same pages with JavaScript disabled show the data', async () => {
    const noJs = await browser.newContext({
      javaScriptEnabled: false,
      extraHTTPHeaders: { authorization: `Bearer ${viewer}` },
    });
    try {
      const p = await noJs.newPage();
      await p.goto(`${server.url}/dashboard`);
      expect(await p.$$eval('#fleet tbody tr', (t) => t.length)).toBe(5);
      await p.goto(`${server.url}/wards/son-tra-3`);
      expect(await p.$$eval('#trend-fps circle', (c) => c.map((x) => Number(x.getAttribute('data-value'))))).toEqual([
        30, 5, 29.5,
      ]);
      await p.goto(`${server.url}/incidents?state=open`);
      expect(await p.$$eval('tr[data-incident]', (r) => r.length)).toBe(2);
      await p.goto(`${server.url}/dashboard?readiness=NOT_READY`);
      expect(await p.$$eval('#fleet tbody tr', (t) => t.map((r) => r.getAttribute('data-ward')))).toEqual([
        'lien-chieu-4',
      ]);
    } finally {
      await noJs.close();
    }
  });
});
