// Reports for renderer tests: one from a real run of the host check through the real runner,
// extended with synthetic CheckResults that cover every status, metrics with thresholds,
// findings with remedies, evidence and every `details` shape the renderers draw.
import { runChecks } from '../../src/checks/runner.js';
import { hostCheck } from '../../src/checks/host.js';
import { metric } from '../../src/domain/verdict.js';
import type { CheckResult, Status } from '../../src/domain/result.js';
import { createFormatter, type Lang } from '../../src/i18n/format.js';
import { loadProfile } from '../../src/profiles/resolve.js';
import { buildReport, type Report } from '../../src/report/model.js';

const quiet = { debug() {}, info() {}, warn() {} };

/** A 1×1 red PNG: a real picture for evidence tests. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==',
  'base64',
);

export const HOSTILE = `<script>alert(1)</script>`;
export const HOSTILE_PARAM = `"'&<>`;

/** A CheckResult with nothing in it but what is given: `extra` sets figures, findings, timing. */
export function result(
  checkId: string,
  targetId: string,
  label: string,
  status: Status,
  extra: Partial<CheckResult> = {},
): CheckResult {
  return {
    checkId,
    targetId,
    label,
    status,
    required: true,
    startedAt: new Date().toISOString(),
    durationMs: 1234,
    metrics: [],
    findings: [],
    evidence: [],
    ...extra,
  };
}

/** Synthetic results, one per status, with figures and pictures. Keys are real catalog keys. */
export function syntheticResults(opts: { label?: string; param?: string; evidencePath?: string } = {}): CheckResult[] {
  const label = opts.label ?? 'Logitech BRIO';
  const param = opts.param ?? 'ffmpeg exited';
  // A spectrum with tones at 300 Hz (heard) and 8 kHz (missing) over a −70 dB floor.
  const freqHz: number[] = [];
  const db: number[] = [];
  for (let f = 20; f <= 20000; f *= 1.01) {
    freqHz.push(f);
    db.push(-70 + (Math.abs(f - 300) < 5 ? 55 : 0) + (Math.abs(f - 1000) < 10 ? 48 : 0));
  }
  return [
    result('camera', 'main-camera', label, 'fail', {
      role: 'main-camera',
      uri: 'lavfi:testsrc2',
      metrics: [
        metric('frameRate', 12.4, 'fps', { better: 'higher', fail: 25, warn: 28 }),
        metric('blackFraction', 0.8, 'ratio', { better: 'lower', fail: 0.33 }),
      ],
      findings: [
        {
          severity: 'fail',
          key: 'host.lowDisk',
          params: { free: 12, min: 500, path: `/tmp/${param}` },
          remedyKey: 'host.lowDisk.remedy',
        },
      ],
      evidence: [
        {
          kind: 'image',
          mime: 'image/png',
          label: `snapshot ${label}`,
          ...(opts.evidencePath
            ? { path: opts.evidencePath }
            : { inline: `data:image/png;base64,${PNG_1PX.toString('base64')}` }),
        },
      ],
    }),
    result('microphone', 'room-mic', 'Jabra SPEAK 510', 'warn', {
      required: false,
      metrics: [metric('rms', -38.5, 'dBFS', { better: 'higher', fail: -60, warn: -35 })],
      findings: [{ severity: 'warn', key: 'host.highLoad', params: { load: 1.7 }, remedyKey: 'host.highLoad.remedy' }],
      details: { spectrum: { freqHz, db, unit: 'dBFS' } },
    }),
    result('speaker', 'loudspeaker', 'HDMI TV', 'pass', {
      metrics: [metric('latency', 42, 'ms', { better: 'lower', warn: 150, fail: 300 })],
      details: {
        tones: [
          { hz: 300, snrDb: 41.2, detected: true, minSnrDb: 20 },
          { hz: 1000, snrDb: 35, detected: true, minSnrDb: 20 },
          { hz: 8000, snrDb: null, detected: false, minSnrDb: 20 },
        ],
        spectrum: { freqHz, db },
      },
    }),
    result('bandwidth', 'default', 'bandwidth', 'error', {
      findings: [
        { severity: 'error', key: 'runner.crashed', params: { message: param }, remedyKey: 'runner.crashed.remedy' },
      ],
      // The shape the bandwidth check stores: series keyed by direction; the required rates are
      // the metrics' fail thresholds.
      metrics: [
        metric('downloadMbps', 19.2, 'Mbit/s', { better: 'higher', warn: 5, fail: 3 }),
        metric('uploadMbps', 1.1, 'Mbit/s', { better: 'higher', warn: 2.5, fail: 1.875 }),
      ],
      details: {
        streams: 2,
        throughput: {
          download: { t: [1, 2, 3, 4, 5], mbps: [18.9, 19.2, 19.1, 19.3, 19.2] },
          upload: { t: [1, 2, 3, 4, 5], mbps: [1.1, 0.9, 1.2, 1.0, 1.1] },
        },
      },
    }),
    result('display', 'default', 'display', 'skip', { findings: [{ severity: 'info', key: 'runner.notApplicable' }] }),
  ];
}

/** A report whose first result comes from a real host-check run; then the synthetic results. */
export async function realReport(
  lang: Lang = 'en',
  opts: Parameters<typeof syntheticResults>[0] & { ward?: string; room?: string } = {},
): Promise<Report> {
  const t = createFormatter(lang);
  const profile = await loadProfile('demo-simulated');
  const startedAt = new Date();
  const host = await runChecks([hostCheck], { profile, devices: {} }, { t, log: quiet });
  const results = [...host, ...syntheticResults(opts)];
  return buildReport(results, {
    ward: opts.ward ?? 'hai-chau-1',
    room: opts.room,
    profile,
    startedAt,
    finishedAt: new Date(),
    t,
  });
}
