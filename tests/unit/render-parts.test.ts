import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  createFormatter,
  formatDate,
  formatDay,
  formatMessage,
  formatNumber,
  formatValue,
  listParams,
} from '../../src/i18n/format.js';
import { readReportFile, reportProblem } from '../../src/report/load.js';
import { niceTicks } from '../../src/report/render/charts.js';
import { readSpectrum, readThroughput, readTones } from '../../src/report/render/details.js';
import { escapeAttr, escapeText, markup, raw } from '../../src/report/render/escape.js';
import { sniffImage } from '../../src/report/render/evidence.js';
import { evidencePicture } from '../../src/report/render/html.js';
import { byAttention, metricThreshold, metricValue, thresholdText } from '../../src/report/render/present.js';
import { PNG_1PX } from '../helpers/reports.js';
import { tempDir } from '../helpers/temp.js';

describe('escaping', () => {
  test('markup characters become entities, forbidden characters vanish, surrogate pairs stay', () => {
    expect(escapeText(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeText('a\u0000b\u001bc\uFFFEd\uD800e😀f\tg\nh')).toBe('abcde😀f\tg\nh');
    expect(escapeAttr('a\nb\tc')).toBe('a&#10;b&#9;c');
  });
  test('the markup template escapes every interpolation except explicit Safe values', () => {
    const evil = '<img src=x onerror=alert(1)>';
    expect(markup`<p title="${evil}">${evil}${[evil, 1]}${null}${undefined}${false}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;&lt;img src=x onerror=alert(1)&gt;1</p>',
    );
    expect(markup`${markup`<b>${evil}</b>`}${raw('<i>')}`.value).toBe('<b>&lt;img src=x onerror=alert(1)&gt;</b><i>');
  });
});

describe('details readers', () => {
  test('spectrum: finite pairs only, sorted, positive frequencies; too little data → none', () => {
    expect(
      readSpectrum({
        spectrum: { freqHz: [1000, 0, 100, Number.NaN, 50], db: [-10, -20, -30, -40, 'x'], unit: 'dBFS' },
      }),
    ).toEqual({ freqHz: [100, 1000], db: [-30, -10], unit: 'dBFS' });
    expect(readSpectrum({ spectrum: { freqHz: [1], db: [1] } })).toBeUndefined();
    expect(readSpectrum(undefined)).toBeUndefined();
    expect(readSpectrum({ spectrum: 'x' })).toBeUndefined();
  });
  test('tones: entries need a positive frequency; snr may be null; detected only when true', () => {
    expect(
      readTones({
        tones: [
          { hz: 997, snrDb: 30, detected: true, minSnrDb: 26 },
          { hz: 8000, snrDb: 'x', detected: 'yes' },
          { hz: 0 },
          null,
        ],
      }),
    ).toEqual([
      { hz: 997, snrDb: 30, detected: true, minSnrDb: 26 },
      { hz: 8000, snrDb: null, detected: false },
    ]);
    expect(readTones({ tones: {} })).toEqual([]);
  });
  test('throughput: one series or several; negative and non-finite samples dropped', () => {
    expect(
      readThroughput({ throughput: { t: [1, 2, 3], mbps: [5, -1, 7], direction: 'upload', requiredMbps: 1.2 } }),
    ).toEqual([{ t: [1, 3], mbps: [5, 7], direction: 'upload', requiredMbps: 1.2 }]);
    expect(readThroughput({ throughput: [{ t: [1], mbps: [2] }, 'junk', { t: [], mbps: [] }] })).toEqual([
      { t: [1], mbps: [2] },
    ]);
    expect(readThroughput({})).toEqual([]);
    // what the bandwidth check stores: series keyed by direction
    expect(
      readThroughput({
        streams: 2,
        throughput: { download: { t: [0.5, 1], mbps: [10, 12] }, upload: { t: [0.5], mbps: [3] } },
      }),
    ).toEqual([
      { t: [0.5, 1], mbps: [10, 12], direction: 'download' },
      { t: [0.5], mbps: [3], direction: 'upload' },
    ]);
  });
});

describe('presentation', () => {
  test('numbers in the reader language', () => {
    expect(formatNumber(12.44, 'en')).toBe('12.4');
    expect(formatNumber(12.44, 'vi')).toBe('12,4');
    expect(formatNumber(23513, 'vi')).toBe('23.513');
    expect(formatNumber(8367.266, 'vi', 'Mbit/s')).toBe('8.367');
    expect(formatNumber(1000, 'vi')).toBe('1.000');
    expect(formatValue(48000, 'Hz', 'vi')).toBe('48.000 Hz');
    expect(formatValue(120, 'frames', 'vi')).toBe('120 khung hình');
    expect(formatValue(0, 'bool', 'vi')).toBe('không');
    expect(formatNumber(23513, 'plain')).toBe('23513');
    expect(formatValue(0.333, 'ratio', 'en')).toBe('0.333');
    expect(formatValue(null, 'ms', 'en')).toBe('—');
    expect(formatValue(1.5, '%', 'vi')).toBe('1,5 %');
  });
  test('thresholds in words follow judge(): higher fails below, lower fails at or above', () => {
    const en = createFormatter('en');
    expect(thresholdText(en, { better: 'higher', fail: 25, warn: 28 }, 'fps', 'en')).toBe(
      'need ≥ 25 fps · recommended ≥ 28 fps',
    );
    expect(thresholdText(en, { better: 'lower', fail: 600, warn: 300 }, 'ms', 'en')).toBe(
      'need < 600 ms · recommended < 300 ms',
    );
    expect(thresholdText(createFormatter('vi'), { better: 'lower', warn: 30 }, 'ms', 'vi')).toBe('nên < 30 ms');
    expect(thresholdText(en, undefined, 'ms', 'en')).toBe('');
  });
  test('a share (ratio 0…1) reads as a percent, its threshold too; the load per CPU stays a number', () => {
    const vi = createFormatter('vi');
    const en = createFormatter('en');
    const black = {
      id: 'blackFraction',
      value: 0.03,
      unit: 'ratio',
      threshold: { better: 'lower' as const, fail: 0.333 },
    };
    expect(metricValue(vi, 'camera', black)).toBe('3 %');
    expect(metricValue(en, 'camera', { ...black, value: 1 })).toBe('100 %');
    expect(metricThreshold(vi, 'camera', black)).toBe('cần < 33 %');
    expect(metricValue(vi, 'microphone', { id: 'dcOffset', value: 0.0012, unit: 'ratio' })).toBe('0,12 %');
    const load = { id: 'loadPerCpu', value: 4.05, unit: 'ratio', threshold: { better: 'lower' as const, fail: 4 } };
    expect(metricValue(vi, 'host', load)).toBe('4,05');
    expect(metricThreshold(en, 'host', load)).toBe('need < 4');
  });
  test('lists are data, joined as each language joins them; an older report’s joined text still reads', () => {
    const p = { ...listParams('tones', [250, 1000, 4000]), tones: '250 Hz, 1000 Hz, 4000 Hz' };
    expect(p['tones.1']).toBe(1000);
    expect(formatMessage('({tones:list:Hz})', p, 'vi')).toBe('(250 Hz, 1.000 Hz và 4.000 Hz)');
    expect(formatMessage('({tones:list:Hz})', p, 'en')).toBe('(250 Hz, 1,000 Hz, and 4,000 Hz)');
    expect(formatMessage('({tones:list:Hz})', { tones: '250 Hz, 1000 Hz' }, 'vi')).toBe('(250 Hz, 1000 Hz)');
    expect(formatMessage('{ids:list}', listParams('ids', ['camera', 'call']), 'vi')).toBe('camera và call');
  });
  test('time with its offset, in each language order', () => {
    const tz = { timeZone: 'Asia/Ho_Chi_Minh' };
    expect(formatDate('2026-11-28T18:00:05.000Z', 'en', tz)).toBe('2026-11-29 01:00 (GMT+7)');
    expect(formatDate('2026-11-28T18:00:05.000Z', 'vi', tz)).toBe('29/11/2026 01:00 (GMT+7)');
    expect(formatDate('2026-11-28T18:00:05.000Z', 'vi', { ...tz, seconds: true })).toBe('29/11/2026 01:00:05 (GMT+7)');
    expect(formatDate('garbage', 'en')).toBe('garbage');
    expect(formatDate(null, 'vi')).toBe('—');
    // where the page states its zone once (the Department console)
    expect(formatDate(Date.parse('2026-11-28T18:00:05Z'), 'vi', { ...tz, zone: false })).toBe('29/11/2026 01:00');
    expect(formatDate(new Date('2026-11-28T18:00:05Z'), 'en', { ...tz, zone: false })).toBe('2026-11-29 01:00');
  });
  test('the wall clock and offset agree with Intl, for a fixed zone (fast path) and one with daylight saving', () => {
    for (const timeZone of ['Asia/Ho_Chi_Minh', 'Europe/Berlin', 'America/St_Johns', 'UTC']) {
      // every 5 d 3 h 17 min 17 s over two years: summer and winter time, all hours of the day
      for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 443_837_000) {
        const d = new Date(ms);
        // sv-SE writes yyyy-mm-dd hh:mm:ss
        const wall = d.toLocaleString('sv-SE', { timeZone });
        const zone = d.toLocaleTimeString('en-GB', { timeZone, timeZoneName: 'shortOffset' }).split(' ').pop();
        expect(formatDate(ms, 'en', { timeZone, seconds: true }), `${timeZone} ${d.toISOString()}`).toBe(
          `${wall} (${zone})`,
        );
      }
    }
  });
  test('a calendar day in each language order; short without the year', () => {
    expect(formatDay('2026-12-01', 'vi')).toBe('01/12/2026');
    expect(formatDay('2026-12-01', 'vi', { short: true })).toBe('01/12');
    expect(formatDay('2026-12-01', 'en')).toBe('2026-12-01');
    expect(formatDay('2026-12-01', 'en', { short: true })).toBe('12-01');
  });
  test('attention order: required fail/error, optional fail/error, warnings, then the rest, stable', () => {
    const r = (checkId: string, status: string, required = true) => ({ checkId, status, required }) as never;
    const order = byAttention([
      r('a', 'pass'),
      r('b', 'warn'),
      r('c', 'fail', false),
      r('d', 'error'),
      r('e', 'skip'),
      r('f', 'fail'),
    ]);
    expect(order.map((x: { checkId: string }) => x.checkId)).toEqual(['d', 'f', 'c', 'b', 'a', 'e']);
  });
  test('chart ticks cover the range with round steps', () => {
    expect(niceTicks(0, 21.2, 5)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(niceTicks(-70, -10, 5)).toEqual([-80, -60, -40, -20, 0]);
    expect(niceTicks(0, 45.3, 5)).toEqual([0, 10, 20, 30, 40, 50]);
  });
});

describe('pictures', () => {
  test('signatures decide what is a picture', () => {
    expect(sniffImage(PNG_1PX)).toBe('image/png');
    expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('GIF89a......'))).toBe('image/gif');
    expect(sniffImage(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(
      'image/svg+xml',
    );
    expect(sniffImage(Buffer.from('root:x:0:0'))).toBeUndefined();
    expect(sniffImage(Buffer.from('<html><svg>'))).toBeUndefined();
  });
  test('only data: URIs of picture types reach <img src>', () => {
    const b64 = PNG_1PX.toString('base64');
    expect(
      evidencePicture({ kind: 'image', mime: 'image/png', label: '', inline: `data:image/png;base64,${b64}` }),
    ).toBe(`data:image/png;base64,${b64}`);
    expect(evidencePicture({ kind: 'image', mime: 'image/png', label: '', inline: b64 })).toBe(
      `data:image/png;base64,${b64}`,
    );
    expect(evidencePicture({ kind: 'image', mime: 'text/html', label: '', inline: b64 })).toBeUndefined();
    expect(
      evidencePicture({ kind: 'image', mime: 'image/png', label: '', inline: 'data:text/html;base64,AAAA' }),
    ).toBeUndefined();
    expect(
      evidencePicture({ kind: 'image', mime: 'image/png', label: '', inline: 'data:image/png;base64,AA"onerror=x' }),
    ).toBeUndefined();
    expect(evidencePicture({ kind: 'audio', mime: 'audio/wav', label: '', inline: b64 })).toBeUndefined();
    expect(
      evidencePicture({
        kind: 'svg',
        mime: 'image/svg+xml',
        label: '',
        inline: '<svg><script>alert(1)</script></svg>',
      }),
    ).toMatch(/^data:image\/svg\+xml;base64,/);
  });
});

describe('reading a saved report', () => {
  test('what is not a report is named precisely', () => {
    expect(reportProblem([])).toBe('not a JSON object');
    expect(reportProblem({ schemaVersion: 1, ward: 'w', readiness: 'OK', startedAt: 'x', results: [] })).toMatch(
      /^readiness must be/,
    );
    expect(
      reportProblem({
        schemaVersion: 1,
        ward: 'w',
        readiness: 'READY',
        startedAt: 'x',
        results: [{ checkId: 'a', status: 'meh' }],
      }),
    ).toMatch(/^results\[0\]\.status/);
    expect(
      reportProblem({ schemaVersion: 1, ward: 'w', readiness: 'READY', startedAt: 'x', results: [] }),
    ).toBeUndefined();
  });
  test('missing, unreadable JSON, not a report, newer schema: WardkitError exit 1 with the file named', async () => {
    const dir = tempDir('wardkit-load-');
    try {
      const f = (name: string) => join(dir, name);
      await writeFile(f('bad.json'), '{"ward":');
      await writeFile(f('other.json'), '{"hello":1}');
      await writeFile(
        f('newer.json'),
        JSON.stringify({ schemaVersion: 99, ward: 'w', readiness: 'READY', startedAt: 'x', results: [] }),
      );
      await writeFile(
        f('min.json'),
        '\uFEFF' +
          JSON.stringify({
            schemaVersion: 1,
            ward: 'w',
            readiness: 'READY',
            startedAt: '2026-01-01T00:00:00Z',
            results: [{ checkId: 'host', status: 'pass' }],
          }),
      );
      for (const [name, key] of [
        ['nope.json', 'cmd.report.show.notFound'],
        ['bad.json', 'cmd.report.show.badJson'],
        ['other.json', 'cmd.report.show.notReport'],
        ['newer.json', 'cmd.report.show.newerSchema'],
      ]) {
        await expect(readReportFile(f(name))).rejects.toMatchObject({
          key,
          exitCode: 1,
          params: expect.objectContaining({ file: f(name) }),
        });
      }
      const min = await readReportFile(f('min.json'));
      expect(min.results[0]).toMatchObject({
        checkId: 'host',
        targetId: 'default',
        metrics: [],
        findings: [],
        evidence: [],
        required: true,
      });
      expect(min.summary).toEqual({ pass: 1, warn: 0, fail: 0, skip: 0, error: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('catalog', () => {
  test('every render.* and cmd.report.show.* key exists in both languages with the same placeholders', async () => {
    const { en, vi } = await import('../../src/i18n/catalog/report.js');
    const { placeholders } = await import('../../src/i18n/format.js');
    const mine = (c: Record<string, string>) =>
      Object.keys(c).filter((k) => k.startsWith('render.') || k.startsWith('cmd.report.show.'));
    expect(mine(en).sort()).toEqual(mine(vi).sort());
    // report.ts is shared with the submission area (submit.*, spool.*, schedule.*, cmd.report.submit.*, …).
    const shared = /^(submit|spool|schedule|cmd\.report\.submit|cmd\.report\.flush|cmd\.schedule)\./;
    expect(mine(en).length).toBe(Object.keys(en).filter((k) => !shared.test(k)).length);
    for (const k of mine(en)) expect(placeholders(vi[k]), k).toEqual(placeholders(en[k]));
  });
});
