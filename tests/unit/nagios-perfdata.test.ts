// The strict perfdata parser (tests/helpers/perfdata.ts) on the guidelines' own examples and on
// what they forbid — so a system test that runs wardkit's output through it can fail — and the
// perfdata wardkit writes for thresholds of both directions, units that convert, missing values.
import { describe, expect, it } from 'vitest';
import { alerts, parsePerfdata, parsePluginOutput, parseRange } from '../helpers/perfdata.js';
import { perfdata, perfNumber, perfRange, renderNagios, renderNagiosUnknown } from '../../src/report/render/nagios.js';
import { createFormatter } from '../../src/i18n/format.js';
import type { Report } from '../../src/report/model.js';

describe('strict perfdata parser (Monitoring Plugins guidelines)', () => {
  it('accepts the guidelines forms', () => {
    expect(parsePerfdata("time=0.897ms;20;40;; ok=1 'a b''c'=5%;;;0;100 x=U;;@10:20")).toMatchObject([
      { label: 'time', value: 0.897, uom: 'ms', warnText: '20', critText: '40' },
      { label: 'ok', value: 1, uom: '' },
      { label: "a b'c", value: 5, uom: '%', min: 0, max: 100 },
      { label: 'x', value: 'U', crit: { inside: true, start: 10, end: 20 } },
    ]);
  });

  it.each([
    ['a=1,5', 'decimal comma'],
    ['a=1e-7', 'exponent'],
    ['a=1Mbit/s', 'unit outside the guidelines'],
    ["a'b=1", 'quote in an unquoted label'],
    ['a b=1', 'space in an unquoted label'],
    ['a=1;;;;;', 'six fields'],
    ['a=1;20:10', 'range start > end'],
    ['a=1 a=2', 'duplicate label'],
    ['=1', 'empty label'],
    ['a=', 'no value'],
  ])('rejects %s (%s)', (s) => {
    expect(() => parsePluginOutput(`WARDKIT READY - x | ${s}`)).toThrow();
  });

  it('range semantics: outside alerts, @ inside alerts, ~ is minus infinity', () => {
    expect(alerts(parseRange('10'), 11)).toBe(true);
    expect(alerts(parseRange('10'), -1)).toBe(true);
    expect(alerts(parseRange('10'), 10)).toBe(false);
    expect(alerts(parseRange('10:'), 9.99)).toBe(true);
    expect(alerts(parseRange('10:'), 10)).toBe(false);
    expect(alerts(parseRange('~:10'), -1e9)).toBe(false);
    expect(alerts(parseRange('@10:20'), 15)).toBe(true);
    expect(alerts(parseRange('@10:'), 10)).toBe(true);
    expect(alerts(parseRange('@10:'), 9.99)).toBe(false);
  });

  it('multi-line output: perfdata on the first line and after a later "|"', () => {
    const out = parsePluginOutput(
      'DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n/ 15272 MB (77%);\n/boot 68 MB (69%); | /boot=68MB;88;93;0;98\n/home=69357MB;253404;253409;0;253414\n',
    );
    expect(out.status).toBe('DISK OK - free space: / 3326 MB (56%);');
    expect(out.perfdata.map((d) => d.label)).toEqual(['/', '/boot', '/home']);
    expect(out.longText).toEqual(['/ 15272 MB (77%);', '/boot 68 MB (69%);']);
  });
});

const t = createFormatter('vi');
function report(metrics: Report['results'][number]['metrics'], status: 'pass' | 'fail' = 'pass'): Report {
  return {
    schemaVersion: 1,
    id: '0b6e0f1e-3c1a-4c55-9a59-1d1c4a1b2c3d',
    ward: 'hải-châu-1',
    host: { name: 'pc', os: 'linux', arch: 'x64' },
    tool: { name: 'wardkit', version: '0.1.0' },
    profile: { id: 'ward-standard', hash: 'a'.repeat(64) },
    lang: 'vi',
    startedAt: '2026-12-01T00:00:00.000Z',
    finishedAt: '2026-12-01T00:00:10.000Z',
    readiness: status === 'pass' ? 'READY' : 'NOT_READY',
    summary: { pass: status === 'pass' ? 1 : 0, warn: 0, fail: status === 'fail' ? 1 : 0, error: 0, skip: 0 },
    results: [
      {
        checkId: 'camera',
        targetId: 'main-camera',
        label: 'Logitech | BRIO\nx',
        status,
        required: true,
        startedAt: '2026-12-01T00:00:00.000Z',
        durationMs: 1000,
        metrics,
        findings:
          status === 'fail' ? [{ severity: 'fail', key: 'camera.black', message: 'Hình đen | x' } as never] : [],
        evidence: [],
      },
    ],
  } as Report;
}

describe('wardkit perfdata', () => {
  it('numbers in [-0-9.] whatever their size', () => {
    expect(perfNumber(12.4)).toBe('12.4');
    expect(perfNumber(1e-9)).toBe('0');
    expect(perfNumber(84633714688)).toBe('84633714688');
    expect(perfNumber(-0.5)).toBe('-0.5');
    expect(perfNumber(1 / 3)).toBe('0.333333');
  });

  it('ranges mirror judge(): higher fails below, lower fails at or above', () => {
    expect(perfRange(25, 'higher', 1)).toBe('25:');
    expect(perfRange(150, 'lower', 1)).toBe('@150:');
    expect(perfRange(undefined, 'lower', 1)).toBe('');
  });

  it('every thresholded metric, converted units, U for a missing value; unthresholded ones left out', () => {
    const p = perfdata(
      report([
        {
          id: 'frameRate',
          value: 12.4,
          unit: 'fps',
          threshold: { better: 'higher', warn: 28, fail: 25 },
          verdict: 'fail',
        },
        { id: 'freeDisk', value: 12, unit: 'MiB', threshold: { better: 'higher', fail: 500 }, verdict: 'fail' },
        {
          id: 'rttMedian',
          value: null,
          unit: 'ms',
          threshold: { better: 'lower', warn: 150, fail: 300 },
          verdict: 'fail',
        },
        { id: 'width', value: 1920, unit: 'px' },
      ]),
    );
    expect(p).toEqual([
      'camera_main-camera_frameRate=12.4;28:;25:;0',
      'camera_main-camera_freeDisk=12582912B;;524288000:;0',
      'camera_main-camera_rttMedian=U;@150:;@300:;0',
    ]);
    expect(parsePerfdata(p.join(' '))).toHaveLength(3);
  });

  it('status line first; no "|" or line break from report data; UNKNOWN line', () => {
    const out = renderNagios(
      report(
        [{ id: 'frameRate', value: 12.4, unit: 'fps', threshold: { better: 'higher', fail: 25 }, verdict: 'fail' }],
        'fail',
      ),
      t,
    );
    const parsed = parsePluginOutput(out);
    expect(parsed.status).toMatch(/^WARDKIT NOT_READY - camera\[main-camera\]: /);
    expect(parsed.perfdata).toHaveLength(1);
    expect(parsed.longText).toHaveLength(1);
    expect(parsed.longText[0]).not.toMatch(/[|\n]/);
    expect(renderNagiosUnknown('a | b\nc')).toBe('WARDKIT UNKNOWN - a / b c\n');
  });
});
