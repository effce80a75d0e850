// ward-standard ships with `server: {}`: with no --server and no server in the room file the
// bandwidth and latency checks cannot measure anything. A required measurement that never ran must
// not leave the room READY (`check --profile ward-standard --only bandwidth,latency` said READY, exit 0).
import { describe, expect, it } from 'vitest';
import { bandwidthCheck } from '../../src/checks/bandwidth.js';
import { latencyCheck } from '../../src/checks/latency.js';
import { runChecks } from '../../src/checks/runner.js';
import { createFormatter } from '../../src/i18n/format.js';
import { loadProfile } from '../../src/profiles/resolve.js';
import { readinessOf } from '../../src/report/model.js';

const log = { debug() {}, info() {}, warn() {} };

describe('bandwidth and latency with no Department server', () => {
  it('could not run (error with a remedy), never skipped', async () => {
    const t = createFormatter('vi');
    const profile = await loadProfile('ward-standard');
    expect(profile.server.url).toBeUndefined();
    const results = await runChecks([bandwidthCheck, latencyCheck], { profile, devices: {} }, { t, log });
    expect(results.map((r) => [r.checkId, r.status])).toEqual([
      ['bandwidth', 'error'],
      ['latency', 'error'],
    ]);
    for (const r of results)
      expect(r.findings[0]).toMatchObject({
        severity: 'error',
        key: 'network.noServer',
        remedyKey: 'network.noServer.remedy',
      });
    expect(readinessOf(results)).toBe('NOT_READY');
  });
});
