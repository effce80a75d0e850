// Truth test for the call's remedy (issue 12): a healthy camera over an uplink shaped to 1 Mbit/s
// (tc tbf between two namespaces) must make the call findings name the uplink — the measured upload
// — not the camera or the computer, and the loss the overfilled line causes not the cable (issue 11). The mirror case (black camera + healthy link → the camera) is
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
    // Camera and call at 640x360, 15 fps, still 1.5 Mbit/s: a 720p30 VP8 encode needs about a core,
    // and on a loaded 2-core machine the call then ends as "computer too busy" (call.encoderTimeout)
    // before its bitrate is judged — that is not the truth under test. 1.5 Mbit/s over a 1 Mbit/s
    // link is, at any picture size.
    const profile = join(dir, 'fast.yaml');
    writeFileSync(
      profile,
      [
        'apiVersion: wardkit/v1',
        'kind: EquipmentProfile',
        'id: vi-remedy',
        'name: Remedy test',
        'extends: demo-simulated',
        'roles:',
        '  - id: main-camera',
        '    settings: { resolution: 640x360, minResolution: 640x360, frameRate: 15 }',
        '    device: lavfi:testsrc2=size=640x360:rate=15',
        'call: { durationSeconds: 5, video: { width: 640, height: 360, frameRate: 15 } }',
        'network: { bandwidthSeconds: 3 }',
        'thresholds: { camera: { minFrameRate: 12 } }',
        '',
      ].join('\n'),
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
        findings: Array<{ key: string; params?: Record<string, unknown>; remedyKey?: string }>;
      }>;
    };
    const by = (id: string) => report.results.find((r) => r.checkId === id)!;
    const upload = by('bandwidth').metrics.find((m) => m.id === 'uploadMbps')!.value!;
    console.log(
      '1 Mbit/s link: upload',
      upload,
      'call',
      JSON.stringify(by('call').findings.map((f) => [f.key, f.remedyKey])),
      JSON.stringify(by('call').metrics.filter((m) => ['loss', 'sendBitrate'].includes(m.id))),
    );
    expect(by('camera').status).toBe('pass');
    // tbf 1 Mbit/s: the bandwidth check measures ≈ 0.95 (±25 %) and fails against the 1.5 minimum
    expect(upload).toBeGreaterThan(0.7);
    expect(upload).toBeLessThan(1.25);
    const keys = by('call').findings.map((f) => f.key);
    // Unconditional: the call ran its media (no encoder timeout), its video bitrate failed, and the one
    // finding about it names the uplink with the measured upload.
    expect(keys).not.toContain('call.encoderTimeout');
    expect(by('call').metrics.find((m) => m.id === 'videoBitrate')?.value).toBeLessThan(1100);
    expect(keys).toContain('diagnose.call.lowBitrateUplink');
    expect(keys).not.toContain('diagnose.call.lowBitrateCamera');
    expect(keys).not.toContain('diagnose.call.lowBitrateNotUplink');
    // ≈ 1.5 Mbit/s sent into 1 Mbit/s: the line drops about a third (measured 27.7 %). That loss is the
    // slow uplink's, so its remedy names the uplink (with what was sent and measured), not the cable.
    const loss = by('call').findings.find((f) => f.key === 'call.loss');
    expect(loss?.remedyKey).toBe('diagnose.call.lossUplink.remedy');
  });
});
