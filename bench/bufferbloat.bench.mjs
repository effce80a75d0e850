// `npm run bench -- bufferbloat` (root + iperf3): latency under load against its truth.
// Three namespaces ward → router → server; the router's egress is tc tbf at 10 Mbit/s with an
// explicit queue limit. A UDP load of twice the rate in the direction being measured (started when
// the check says the phase began) keeps the queue full: truth = limit / rate. Also printed: what
// wardkit's own TCP load alone builds in the same queue (no truth: it depends on the TCP
// congestion control of the two ends; this kernel runs BBR, which drains the queue after its start-up).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRouterPath, loadedCheck, serveOnServer } from '../tests/helpers/netns-router.mjs';

const WARDKIT = fileURLToPath(new URL('../bin/wardkit.js', import.meta.url));
const RATE = 10;
const f = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '—' : Number(v).toFixed(d));
const have = (c) => {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', c], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

export default async function () {
  const t = {
    title: `Latency under load: ward → router (tbf ${RATE} Mbit/s, queue limit) → server; truth = limit / rate (load average ${os.loadavg()[0].toFixed(1)})`,
    columns: [
      'queue (truth ms)',
      'load',
      'direction',
      'idle RTT',
      'loaded RTT median',
      'p95',
      'increase',
      'one-way queue built',
      'increase / truth',
      'verdict',
    ],
    rows: [],
  };
  if (process.getuid?.() !== 0 || !have('iperf3') || !have('tc')) {
    t.rows.push(['skipped: needs root, tc and iperf3', '', '', '', '', '', '', '', '', '']);
    return [t];
  }
  // The same ward → router → server path and loaded check as tests/system/net-bufferbloat.test.ts.
  const p = createRouterPath();
  const dir = mkdtempSync(join(os.tmpdir(), 'wardkit-bench-bloat-'));
  try {
    const url = await serveOnServer(p, WARDKIT, dir);
    const port = 5470;
    p.spawn(p.server, 'iperf3', ['-s', '-B', p.serverIp, '-p', String(port)]);
    const profile = join(dir, 'p.yaml');
    writeFileSync(
      profile,
      `apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: bloat-bench\nname: bench\nnetwork: { uploadMbps: { min: 0.1, recommended: 0.2 }, downloadMbps: { min: 0.1, recommended: 0.2 }, bandwidthSeconds: 5 }\ncall: { video: { bitrateKbps: 100 }, audio: { bitrateKbps: 32 } }\n`,
    );
    for (const [queue, fill] of [
      [400, true],
      [20, true],
      [400, false],
      [20, false],
    ]) {
      const truth = p.shape('download', RATE, queue).queueMs;
      p.shape('upload', RATE, queue);
      const r = await loadedCheck(p, {
        wardkit: WARDKIT,
        profile,
        url,
        iperfPort: port,
        rateMbit: RATE,
        fill,
      });
      const ll = r?.details?.loadedLatency;
      const verdict = r?.metrics?.find((m) => m.id === 'loadedRttIncrease')?.verdict ?? '—';
      for (const dir of ['download', 'upload']) {
        const l = ll?.[dir];
        t.rows.push([
          f(truth, 0),
          fill ? `UDP ${2 * RATE} Mbit/s + wardkit` : 'wardkit TCP only',
          dir,
          f(ll?.idle?.rttMedianMs, 2),
          f(l?.rttMedianMs),
          f(l?.rttP95Ms),
          f(l?.increaseMs),
          f(l?.queueMs),
          fill ? f(l?.increaseMs / truth, 3) : '(no truth)',
          verdict,
        ]);
      }
    }
  } finally {
    p.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
  return [t];
}
