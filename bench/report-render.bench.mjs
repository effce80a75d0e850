// Render time per format for a report with 40 results (every status, metrics with thresholds,
// findings with remedies, a 4096-bin spectrum, loopback tones and throughput series, one inline
// snapshot). `npm run bench -- report-render`.
import { metric } from '../dist/domain/verdict.js';
import { createFormatter } from '../dist/i18n/format.js';
import { loadProfile } from '../dist/profiles/resolve.js';
import { buildReport } from '../dist/report/model.js';
import { RENDERERS } from '../dist/report/render/index.js';

const STATUSES = ['pass', 'pass', 'pass', 'warn', 'fail', 'error', 'skip', 'pass'];
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==';

function results(n) {
  const freqHz = [];
  const db = [];
  for (let i = 1; i <= 4096; i++) {
    freqHz.push((i * 24000) / 4096);
    db.push(-70 + 10 * Math.sin(i / 37) + (i === 170 ? 60 : 0));
  }
  const t = Array.from({ length: 20 }, (_, i) => (i + 1) * 0.5);
  const out = [];
  for (let i = 0; i < n; i++) {
    const status = STATUSES[i % STATUSES.length];
    const kind = ['camera', 'microphone', 'speaker', 'network', 'bandwidth'][i % 5];
    const details =
      kind === 'microphone'
        ? { spectrum: { freqHz, db } }
        : kind === 'speaker'
          ? {
              tones: [300, 997, 3000, 8000].map((hz, k) => ({ hz, snrDb: 40 - k * 8, detected: k < 3, minSnrDb: 20 })),
              spectrum: { freqHz, db },
            }
          : kind === 'bandwidth'
            ? {
                throughput: [
                  { t, mbps: t.map((x) => 19 + Math.sin(x)), direction: 'download', requiredMbps: 3 },
                  { t, mbps: t.map((x) => 2 + Math.cos(x) / 2), direction: 'upload', requiredMbps: 1.875 },
                ],
              }
            : undefined;
    out.push({
      checkId: kind,
      targetId: `target-${i}`,
      label: `Thiết bị ${i} <${kind}>`,
      status,
      required: i % 3 !== 0,
      startedAt: new Date().toISOString(),
      durationMs: 1000 + i,
      metrics: [
        metric('frameRate', 20 + (i % 10), 'fps', { better: 'higher', fail: 25, warn: 28 }),
        metric('rttMedian', 80 + i * 10, 'ms', { better: 'lower', warn: 300, fail: 600 }),
      ],
      findings:
        status === 'pass'
          ? []
          : [
              {
                severity: status === 'skip' ? 'info' : status,
                key: 'host.lowDisk',
                params: { free: i, min: 500, path: '/tmp' },
                remedyKey: 'host.lowDisk.remedy',
              },
            ],
      evidence:
        kind === 'camera'
          ? [{ kind: 'image', mime: 'image/png', label: 'snapshot', inline: `data:image/png;base64,${PNG}` }]
          : [],
      ...(details ? { details } : {}),
    });
  }
  return out;
}

export default async function bench() {
  const profile = await loadProfile('demo-simulated');
  const rows = [];
  for (const lang of ['vi', 'en']) {
    const t = createFormatter(lang);
    const report = buildReport(results(40), {
      ward: 'hai-chau-1',
      room: 'Phòng tiếp công dân',
      profile,
      startedAt: new Date(),
      finishedAt: new Date(),
      t,
    });
    for (const format of Object.keys(RENDERERS)) {
      const render = RENDERERS[format];
      for (let i = 0; i < 5; i++) render(report, t); // warm-up
      const times = [];
      let size = 0;
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        size = render(report, t).length;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push([
        format,
        lang,
        report.results.length,
        times[Math.floor(times.length / 2)].toFixed(2),
        times[Math.floor(times.length * 0.9)].toFixed(2),
        (size / 1024).toFixed(1),
      ]);
    }
  }
  return [
    {
      title: 'report renderers: time per render, 40 results (median / p90 of 30)',
      columns: ['format', 'lang', 'results', 'median ms', 'p90 ms', 'output KiB'],
      rows,
    },
  ];
}
