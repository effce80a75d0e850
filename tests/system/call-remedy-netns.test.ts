// Truth test for the call's remedy (issue 12): a healthy camera over an uplink shaped to 1 Mbit/s
// (tc tbf between two namespaces) must make the call finding name the uplink — the measured upload
// — not the camera or the computer. The mirror case (black camera + healthy link → the camera) is
// in tests/integration/vi-experience.test.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLink, type NsLink } from '../helpers/netns.js';
import { checkInNs, serveInNs } from '../helpers/wardkit-ns.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';

const why = systemUnavailable(['ip', 'tc', 'ffmpeg']);

describe.skipIf(why)('call remedy over a 1 Mbit/s uplink', () => {
  let link: NsLink | undefined;
  const dir = tempDir('wardkit-vi-remedy-');
  afterAll(() => link?.cleanup());

  it('names the uplink with the measured upload, not the camera', async () => {
    link = createLink();
    link.shape(1);
    const { url } = await serveInNs(link, link.nsB, link.ipB, 8470);
    // The demo room (moving test pattern: a healthy camera), a 5 s call and a 3 s bandwidth run.
    const profile = join(dir, 'fast.yaml');
    writeFileSync(
      profile,
      'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: vi-remedy\nname: Remedy test\nextends: demo-simulated\ncall: { durationSeconds: 5 }\nnetwork: { bandwidthSeconds: 3 }\n',
    );
    // Exit 1/2 are verdicts (the slow uplink fails the bandwidth check); anything else is a failure to run.
    const { report: raw, exitCode } = checkInNs(
      link,
      link.nsA,
      ['--profile', profile, '--server', url, '--only', 'camera,bandwidth,call', '--lang', 'vi'],
      120_000,
    );
    expect([0, 1, 2]).toContain(exitCode);
    const report = raw as {
      results: Array<{
        checkId: string;
        status: string;
        metrics: Array<{ id: string; value: number | null }>;
        findings: Array<{ key: string; params?: Record<string, unknown> }>;
      }>;
    };
    const by = (id: string) => report.results.find((r) => r.checkId === id)!;
    const upload = by('bandwidth').metrics.find((m) => m.id === 'uploadMbps')!.value!;
    console.log('1 Mbit/s link: upload', upload, 'call', JSON.stringify(by('call').findings.map((f) => f.key)));
    expect(by('camera').status).toBe('pass');
    // tbf 1 Mbit/s: the bandwidth check measures ≈ 0.95 (±25 %) and fails against the 1.5 minimum
    expect(upload).toBeGreaterThan(0.7);
    expect(upload).toBeLessThan(1.25);
    const keys = by('call').findings.map((f) => f.key);
    expect(keys).toContain('diagnose.call.lowBitrateUplink');
    expect(keys).not.toContain('diagnose.call.lowBitrateCamera');
    expect(keys).not.toContain('diagnose.call.lowBitrateNotUplink');
  });
});
