import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CheckResult } from '../../src/domain/result.js';
import { createFormatter } from '../../src/i18n/format.js';
import type { Report } from '../../src/report/model.js';
import { embedEvidence } from '../../src/report/render/evidence.js';
import { renderHtml } from '../../src/report/render/html.js';
import { attr, byClass, elements, parseHtml, textOf, type El } from '../helpers/html.js';
import { HOSTILE, HOSTILE_PARAM, PNG_1PX, realReport } from '../helpers/reports.js';
import { tempDir } from '../helpers/temp.js';

const en = createFormatter('en');
const vi = createFormatter('vi');

/** Nothing in the page can run or fetch: no script, no handlers, no external URLs. */
function assertInert(doc: El) {
  expect(elements(doc, 'script')).toHaveLength(0);
  for (const tag of ['iframe', 'object', 'embed', 'link', 'base', 'form', 'foreignObject', 'use', 'image'])
    expect(elements(doc, tag)).toHaveLength(0);
  for (const el of elements(doc)) {
    for (const a of el.attrs ?? []) {
      expect(a.name.startsWith('on'), `${el.tagName} has ${a.name}`).toBe(false);
      if (a.name === 'src') expect(a.value).toMatch(/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,/);
      if (a.name === 'href' || a.name === 'xlink:href') expect(a.value).toMatch(/^#/);
    }
  }
  const csp = elements(doc, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy');
  expect(attr(csp!, 'content')).toContain("default-src 'none'");
}

let dir: string;
beforeAll(async () => {
  dir = tempDir('wardkit-html-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('HTML renderer', () => {
  test('a device named <script>…</script> and params "\'&<> show as text, never as markup', async () => {
    const report = await realReport('en', {
      label: HOSTILE,
      param: HOSTILE_PARAM,
      ward: HOSTILE,
      room: `room ${HOSTILE_PARAM}`,
    });
    const html = renderHtml(report, en);
    expect(html).not.toContain('<script>');
    const doc = parseHtml(html);
    assertInert(doc);
    const text = textOf(doc);
    // Titles come from the catalog ("Camera"); compare case-insensitively.
    expect(text.toLowerCase()).toContain(`camera (${HOSTILE})`.toLowerCase());
    expect(text).toContain(`/tmp/${HOSTILE_PARAM}`);
    expect(text).toContain(`The check failed unexpectedly (detail: ${HOSTILE_PARAM})`);
    expect(text).toContain(`room ${HOSTILE_PARAM}`);
    expect(textOf(elements(doc, 'title')[0])).toContain(HOSTILE);
    // Attribute values come back intact too (img alt carries the device label).
    const img = elements(doc, 'img')[0];
    expect(attr(img, 'alt')).toBe(`snapshot ${HOSTILE}`);
  });

  test('one page: charset first, ward, time, verdict banner, every check with figures, findings and remedies', async () => {
    const report = await realReport('vi', { room: 'Phòng tiếp công dân' });
    const html = renderHtml(report, vi);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const doc = parseHtml(html);
    assertInert(doc);
    const head = elements(doc, 'head')[0];
    expect(attr(elements(head)[1], 'charset')).toBe('utf-8');
    expect(attr(elements(doc, 'html')[0], 'lang')).toBe('vi');
    const banner = byClass(doc, 'banner');
    expect(banner).toHaveLength(1);
    expect(attr(banner[0], 'class')).toContain('NOT_READY');
    expect(textOf(banner[0])).toContain('CHƯA SẴN SÀNG');
    const n = report.summary; // the real host check may pass or warn on a busy machine
    expect(textOf(banner[0])).toContain(
      `${n.pass} đạt, ${n.warn} cảnh báo, ${n.fail} không đạt, ${n.error} lỗi, ${n.skip} bỏ qua`,
    );
    expect(n.fail + n.error).toBeGreaterThanOrEqual(2);
    const text = textOf(doc);
    expect(text).toContain('hai-chau-1');
    expect(text).toContain('Phòng tiếp công dân');
    expect(text).toMatch(/Thời điểm kiểm tra: \d\d\/\d\d\/\d{4} \d\d:\d\d \(GMT/);
    const sections = byClass(doc, 'check');
    expect(sections).toHaveLength(report.results.length);
    expect(sections.map((s) => attr(s, 'class'))).toEqual(report.results.map((r) => `check s-${r.status}`));
    // The failing camera: its figures against the threshold, its finding and remedy.
    const cam = textOf(sections[1]);
    expect(cam).toContain('Không đạt');
    expect(cam).toContain('12,4 fps');
    expect(cam).toContain('cần ≥ 25 fps · nên ≥ 28 fps');
    expect(cam).toContain('Cách khắc phục: Giải phóng dung lượng: dọn thùng rác, xóa các bản ghi cũ.');
    // The fix list comes before the check sections and leads with the required failure.
    const fix = elements(doc, 'ol')[0];
    expect(textOf(elements(fix, 'li')[0]).toLowerCase()).toContain('camera (logitech brio)');
    expect(textOf(elements(fix, 'li')[0])).toContain('tốc độ khung hình 12,4 fps (cần ≥ 25 fps · nên ≥ 28 fps)');
    // The real host check's measured memory is in its table.
    expect(textOf(sections[0])).toMatch(/bộ nhớ trống[\d.]+ MiB/);
    expect(html).toContain('@media print');
  });

  test('pictures: snapshot as a data: URI, spectrum, tones and throughput as inline SVG drawn to scale', async () => {
    const report = await realReport('en');
    const doc = parseHtml(renderHtml(report, en));
    const sections = byClass(doc, 'check');
    const img = elements(sections[1], 'img');
    expect(img).toHaveLength(1);
    expect(attr(img[0], 'src')).toBe(`data:image/png;base64,${PNG_1PX.toString('base64')}`);
    // Microphone: one spectrum; speaker: spectrum with tone markers + tone bars; bandwidth: throughput.
    expect(elements(sections[2], 'svg')).toHaveLength(1);
    expect(elements(sections[3], 'svg')).toHaveLength(2);
    expect(elements(sections[4], 'svg')).toHaveLength(1);
    expect(elements(sections[0], 'svg')).toHaveLength(0);
    expect(elements(sections[5], 'svg')).toHaveLength(0);

    // The spectrum's highest point sits on the 300 Hz tone marker (log axis, peak kept when thinned).
    const [spec, tones] = elements(sections[3], 'svg');
    const path = attr(elements(spec, 'path')[0], 'd')!;
    const pts = [...path.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const peak = pts.reduce((a, b) => (b[1] < a[1] ? b : a));
    const marker300 = elements(spec, 'line').find(
      (l) => attr(l, 'stroke') === '#1a7f37' && textOf(spec).includes('300 Hz'),
    )!;
    expect(Math.abs(peak[0] - Number(attr(marker300, 'x1')))).toBeLessThanOrEqual(2);
    // The missing 8 kHz tone is marked in red on the spectrum and its bar says "missing".
    expect(elements(spec, 'line').some((l) => attr(l, 'stroke') === '#c62828')).toBe(true);
    const bars = elements(tones, 'rect').filter((r) => elements(r, 'title').length);
    expect(bars.map((b) => attr(b, 'fill'))).toEqual(['#1a7f37', '#1a7f37', '#c62828']);
    expect(textOf(bars[2])).toBe('8 kHz: — — missing');
    // Taller SNR, taller bar: 41.2 dB vs 35 dB in proportion.
    const h = bars.map((b) => Number(attr(b, 'height')));
    expect(h[0] / h[1]).toBeCloseTo(41.2 / 35, 1);

    // Throughput: two series of 5 points; download sits near 19 Mbit/s on the y axis.
    const tp = elements(sections[4], 'svg')[0];
    const paths = elements(tp, 'path').map((p) =>
      [...attr(p, 'd')!.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => Number(m[2])),
    );
    expect(paths.map((p) => p.length)).toEqual([5, 5]);
    const ticks = elements(tp, 'text').filter((t) => attr(t, 'text-anchor') === 'end' && /^\d+$/.test(textOf(t)));
    const yOf = (label: string) => Number(attr(ticks.find((t) => textOf(t) === label)!, 'y')) - 4;
    const y0 = yOf('0');
    const y20 = yOf('20');
    const mbpsAt = (y: number) => ((y0 - y) / (y0 - y20)) * 20;
    expect(mbpsAt(paths[0][1])).toBeCloseTo(19.2, 0);
    expect(mbpsAt(paths[1][0])).toBeCloseTo(1.1, 0);
    expect(textOf(tp)).toContain('download');
    expect(textOf(tp)).toContain('required 1.88 Mbit/s');
  });

  test('evidence files are embedded only when they really are pictures', async () => {
    const png = join(dir, 'snap.png');
    await writeFile(png, PNG_1PX);
    const secret = join(dir, 'secret.png');
    await writeFile(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    const ok = await embedEvidence(await realReport('en', { evidencePath: png }));
    const okDoc = parseHtml(renderHtml(ok, en));
    expect(attr(elements(okDoc, 'img')[0], 'src')).toBe(`data:image/png;base64,${PNG_1PX.toString('base64')}`);
    // A relative path is found beside the report.
    const rel = await embedEvidence(await realReport('en', { evidencePath: 'snap.png' }), dir);
    expect(elements(parseHtml(renderHtml(rel, en)), 'img')).toHaveLength(1);
    // Not a picture, or not there: not embedded; the page names the file instead.
    for (const p of [secret, join(dir, 'missing.png')]) {
      const r = await embedEvidence(await realReport('en', { evidencePath: p }));
      const doc = parseHtml(renderHtml(r, en));
      expect(elements(doc, 'img')).toHaveLength(0);
      expect(textOf(doc)).toContain(`file ${p} (not embedded)`);
      expect(renderHtml(r, en)).not.toContain('root:x:0');
    }
  });

  test('hostile or malformed evidence and details are dropped, never break the page', async () => {
    const base = await realReport('en');
    const bad: CheckResult = {
      ...base.results[1],
      evidence: [
        {
          kind: 'image',
          mime: 'text/html',
          label: 'x',
          inline: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
        },
        { kind: 'image', mime: 'image/png', label: 'y', inline: 'javascript:alert(1)' },
        {
          kind: 'svg',
          mime: 'image/svg+xml',
          label: 'z',
          inline: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        },
      ],
      details: {
        spectrum: { freqHz: 'x', db: [1, 2] },
        tones: [null, { hz: 'a' }, { hz: -5, snrDb: 3, detected: true }],
        throughput: { t: [1, 2], mbps: [Number.NaN, -1] },
      },
    };
    const report: Report = { ...base, results: [base.results[0], bad as Report['results'][number]] };
    const html = renderHtml(report, en);
    const doc = parseHtml(html);
    assertInert(doc);
    const imgs = elements(doc, 'img');
    // Only the SVG survives, and only as an <img> (where SVG cannot run script).
    expect(imgs).toHaveLength(1);
    expect(attr(imgs[0], 'src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(elements(doc, 'svg')).toHaveLength(0);
  });

  test('a report without optional fields (older or hand-made) still renders', async () => {
    const base = await realReport('en');
    const minimal = {
      ...base,
      room: undefined,
      results: base.results.map((r) => ({ ...r, metrics: [], evidence: [], details: undefined })),
    } as Report;
    const doc = parseHtml(renderHtml(minimal, en));
    assertInert(doc);
    expect(byClass(doc, 'check')).toHaveLength(base.results.length);
  });
});
