// Valid reports for server and submission tests, built by the real buildReport.
import type { CheckResult } from '../../src/domain/result.js';
import { createFormatter } from '../../src/i18n/format.js';
import { buildReport, type Report } from '../../src/report/model.js';

const t = createFormatter('en');

export function makeReport(ward: string, statuses: Array<CheckResult['status']> = ['pass'], at = new Date()): Report {
  const results: CheckResult[] = statuses.map((status, i) => ({
    checkId: ['host', 'network', 'camera', 'microphone'][i % 4],
    targetId: 'default',
    label: 'x',
    required: true,
    startedAt: at.toISOString(),
    durationMs: 10,
    status,
    metrics: [
      {
        id: 'value',
        value: i,
        unit: 'ms',
        threshold: { better: 'lower', fail: 100 },
        verdict: status === 'skip' ? undefined : status,
      },
    ].map((m) => (m.verdict ? m : { id: m.id, value: m.value, unit: m.unit })) as CheckResult['metrics'],
    findings:
      status === 'fail'
        ? [{ severity: 'fail', key: 'host.highLoad', params: { load: 9 }, remedyKey: 'host.highLoad.remedy' }]
        : [],
    evidence: [],
  }));
  return buildReport(results, {
    ward,
    profile: { id: 'ward-standard', source: { hash: 'b'.repeat(64) } } as never,
    startedAt: at,
    finishedAt: new Date(at.getTime() + 1000),
    t,
  });
}
