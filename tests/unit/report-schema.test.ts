import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/domain/result.js';
import { createFormatter } from '../../src/i18n/format.js';
import { buildReport } from '../../src/report/model.js';
import { reportSchema } from '../../src/report/report.schema.js';
import { validateReport } from '../../src/report/validate.js';
import { expectValidReport } from '../helpers/report-schema.js';
import { realReport } from '../helpers/reports.js';

const profile = { id: 'ward-standard', source: { hash: 'a'.repeat(64) } } as never;

function result(status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult {
  return {
    checkId: 'network',
    targetId: 'default',
    label: 'uplink',
    required: true,
    startedAt: '2026-11-28T01:00:00.000Z',
    durationMs: 1234,
    status,
    metrics: [
      {
        id: 'rttMedian',
        value: 42.5,
        unit: 'ms',
        threshold: { better: 'lower', warn: 300, fail: 600 },
        verdict: 'pass',
      },
      { id: 'loss', value: null, unit: '%' },
    ],
    findings: [
      { severity: 'fail', key: 'host.lowMemory', params: { free: 10, min: 1024 }, remedyKey: 'host.lowMemory.remedy' },
    ],
    evidence: [
      { kind: 'svg', inline: '<svg/>', mime: 'image/svg+xml', label: 'spectrum' },
      { kind: 'image', path: 'evidence/camera.png', mime: 'image/png', label: 'snapshot' },
    ],
    ...extra,
  };
}

function sample() {
  const t = createFormatter('vi');
  return buildReport(
    [
      result('fail'),
      result('pass', {
        checkId: 'camera',
        targetId: 'main-camera',
        role: 'main-camera',
        uri: 'lavfi:testsrc',
        details: { series: [1, 2] },
      }),
    ],
    {
      ward: 'hai-chau-1',
      room: 'Phòng tiếp công dân',
      profile,
      startedAt: new Date('2026-11-28T01:00:00Z'),
      finishedAt: new Date('2026-11-28T01:00:20Z'),
      t,
    },
  );
}

describe('report schema', () => {
  it('docs/report.schema.json is the generated copy of src/report/report.schema.ts', () => {
    const copy = JSON.parse(readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8'));
    expect(copy).toEqual(JSON.parse(JSON.stringify(reportSchema)));
  });

  it('accepts what buildReport makes, with metrics, thresholds, findings, remedies and evidence', () => {
    const r = expectValidReport(JSON.stringify(sample()));
    expect(r.readiness).toBe('NOT_READY');
    expect(r.results[0].findings[0].remedy).toBeTruthy();
    expect(r.results[0].metrics[0].threshold).toEqual({ better: 'lower', warn: 300, fail: 600 });
  });

  it("accepts the renderers' sample report (a real host-check run plus every result shape)", async () => {
    expectValidReport(JSON.stringify(await realReport('vi')));
  });

  it('ward ids: ASCII and Vietnamese letters, digits, . _ -; no spaces or markup', () => {
    for (const ward of ['W1', 'hai-chau-1', 'hải-châu-1', 'HC.01_a', 'ĐÀ-NẴNG', 'phước-mỹ'])
      expect(validateReport({ ...sample(), ward }).ok, ward).toBe(true);
    // A decomposed (NFD) id is not the stored form; other scripts are not Da Nang ward ids.
    for (const ward of ['', 'a b', '-x', '<b>', 'x/y', 'a'.repeat(65), 'hải'.normalize('NFD'), 'Αθήνα'])
      expect(validateReport({ ...sample(), ward }).ok, ward).toBe(false);
  });

  it.each([
    ['a missing ward', (r: Record<string, unknown>) => delete r.ward, "/: must have required property 'ward'"],
    ['a bad ward id', (r: Record<string, unknown>) => (r.ward = 'x/../y'), '/ward'],
    ['an unknown readiness', (r: Record<string, unknown>) => (r.readiness = 'OK'), '/readiness'],
    ['an extra top-level field', (r: Record<string, unknown>) => (r.token = 'x'), 'additional properties (token)'],
    [
      'a metric without unit',
      (r: { results: Array<{ metrics: Array<Record<string, unknown>> }> }) => delete r.results[0].metrics[0].unit,
      '/results/0/metrics/0',
    ],
    [
      'a finding without its message',
      (r: { results: Array<{ findings: Array<Record<string, unknown>> }> }) => delete r.results[0].findings[0].message,
      '/results/0/findings/0',
    ],
    ['a non-UUID id', (r: Record<string, unknown>) => (r.id = '../../etc/passwd'), '/id'],
    ['another schema version', (r: Record<string, unknown>) => (r.schemaVersion = 2), '/schemaVersion'],
  ])('rejects %s', (_name, mutate, where) => {
    const r = JSON.parse(JSON.stringify(sample()));
    (mutate as (r: unknown) => void)(r);
    const v = validateReport(r);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.join('\n')).toContain(where);
  });
});
