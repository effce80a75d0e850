// Truth test for the call's remedy (issue 12): a healthy camera over an uplink shaped to 1 Mbit/s
// (tc tbf between two namespaces) must make the call findings name the uplink — the measured upload
// — not the camera or the computer, and the loss the overfilled line causes not the cable (issue 11). The mirror case (black camera + healthy link → the camera) is
// in tests/integration/vi-experience.test.ts. The second case keeps a slow-ish line (2.5 Mbit/s: the
// bandwidth check warns against a 3 Mbit/s recommendation, yet it carries the call's 1.5 Mbit/s) and
// puts the fault in the camera (a black lavfi source): the report's first fix is the camera, the
// call names the camera with the measured upload, and nothing but the bandwidth item names the line.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLink, type NsLink } from '../helpers/netns.js';
import { writeProfile } from '../helpers/profile-file.js';
import { checkInNs, serveInNs, WARDKIT } from '../helpers/wardkit-ns.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';

const why = systemUnavailable(['ip', 'tc', 'ffmpeg']);

describe.skipIf(why)('call remedy on a slow line (1 and 2.5 Mbit/s)', () => {
  let link: NsLink | undefined;
  const dir = tempDir('wardkit-vi-remedy-');
  afterAll(() => link?.cleanup());

  interface Result {
    checkId: string;
    status: string;
    metrics: Array<{ id: string; value: number | null }>;
    findings: Array<{ key: string; params?: Record<string, unknown>; remedyKey?: string }>;
  }
  /** `check --only camera,bandwidth,call --lang vi` in A, `serve` in B, over a fresh tbf line of `mbit`. */
  async function checkOverLine(mbit: number, profile: string) {
    link?.cleanup();
    link = createLink();
    link.shape(mbit);
    const { url } = await serveInNs(link, link.nsB, link.ipB, 8470);
    const { report, exitCode } = checkInNs(
      link,
      link.nsA,
      ['--profile', profile, '--server', url, '--only', 'camera,bandwidth,call', '--lang', 'vi'],
      120_000,
    );
    const by = (id: string) => (report as { results: Result[] }).results.find((r) => r.checkId === id)!;
    const upload = by('bandwidth').metrics.find((m) => m.id === 'uploadMbps')!.value!;
    return { report, exitCode, by, upload };
  }

  it('names the uplink with the measured upload, not the camera', async () => {
    // The demo room (moving test pattern: a healthy camera), a 5 s call and a 3 s bandwidth run.
    // Camera and call at 640x360, 15 fps, still 1.5 Mbit/s: a 720p30 VP8 encode needs about a core,
    // and on a loaded 2-core machine the call then ends as "computer too busy" (call.encoderTimeout)
    // before its bitrate is judged — that is not the truth under test. 1.5 Mbit/s over a 1 Mbit/s
    // link is, at any picture size.
    const profile = writeProfile(
      dir,
      'fast.yaml',
      [
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
      'vi-remedy',
    );
    // Exit 1/2 are verdicts (the slow uplink fails the bandwidth check); anything else is a failure to run.
    const { exitCode, by, upload } = await checkOverLine(1, profile);
    expect([0, 1, 2]).toContain(exitCode);
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

  it('a slow-ish line that carries the call, a black camera: the first fix is the camera, never the provider', async () => {
    const profile = writeProfile(
      dir,
      'black.yaml',
      [
        'name: Remedy test, black camera',
        'extends: demo-simulated',
        'roles:',
        '  - id: main-camera',
        '    settings: { resolution: 640x360, minResolution: 640x360, frameRate: 15 }',
        '    device: lavfi:color=black:size=640x360:rate=15',
        'call: { durationSeconds: 5, video: { width: 640, height: 360, frameRate: 15 } }',
        // 2.5 Mbit/s is below the recommendation (a warning, as on many ward lines) but above the
        // 1,532 kbit/s the call sends: the line is not what keeps the call's video low. (A 2 Mbit/s
        // line read 1.74 on a loaded 2-core machine: too close to 1.532 for an unconditional test.)
        'network: { bandwidthSeconds: 3, uploadMbps: { min: 1.2, recommended: 3 }, downloadMbps: { min: 1.2, recommended: 3 } }',
        'thresholds: { camera: { minFrameRate: 12 } }',
        '',
      ].join('\n'),
      'vi-remedy-black',
    );
    const { report: raw, exitCode, by, upload } = await checkOverLine(2.5, profile);
    expect([1, 2]).toContain(exitCode);
    const callKeys = by('call').findings.map((f) => f.key);
    console.log('2.5 Mbit/s link, black camera: upload', upload, 'call', JSON.stringify(by('call').findings));
    // The setting holds: the line warns (not passes, not fails) and carries the call's 1.532 Mbit/s.
    expect(by('bandwidth').status).toBe('warn');
    expect(upload).toBeGreaterThan(1.6);
    expect(upload).toBeLessThan(2.9);
    expect(by('camera').findings.map((f) => f.key)).toContain('camera.black');
    // The call's video was low (a black picture compresses to almost nothing) and its one finding
    // about that names the camera, with the upload that rules the line out.
    expect(by('call').metrics.find((m) => m.id === 'videoBitrate')?.value).toBeLessThan(700);
    const low = by('call').findings.find((f) => f.key === 'diagnose.call.lowBitrateCameraUplinkOk');
    expect(low?.params?.upload).toBe(upload);
    expect(low?.remedyKey).toBe('diagnose.call.lowBitrateCamera.remedy');
    for (const k of ['call.lowBitrate', 'diagnose.call.lowBitrateUplink', 'diagnose.call.lowBitrateNotUplink'])
      expect(callKeys).not.toContain(k);
    for (const f of by('call').findings)
      expect(f.remedyKey ?? '').not.toMatch(/^call\.lowBitrate\.remedy$|lossUplink|congested/);
    // The report as the technician reads it (text, Vietnamese): the first fix is the camera; the only
    // item that speaks of the line or the provider is the bandwidth warning itself.
    const file = join(dir, 'black-report.json');
    writeFileSync(file, JSON.stringify(raw));
    const shown = spawnSync(process.execPath, [WARDKIT, '--lang', 'vi', 'report', 'show', file], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const items = shown.stdout.split(/\n(?= {2}\d+\. )/).filter((x) => /^ {2}\d+\. /.test(x));
    console.log(items.join('\n'));
    expect(items.length, shown.stdout + shown.stderr).toBeGreaterThanOrEqual(3);
    expect(items[0]).toMatch(/^ {2}1\. .*Camera/);
    expect(items[0]).toMatch(/Mở nắp che ống kính/);
    const line = /nhà mạng|tải lên|băng thông|Wi-Fi|cáp/i;
    expect(items[0]).not.toMatch(line);
    const callItem = items.find((x) => /Cuộc gọi thử:/.test(x.split('\n')[0]))!;
    expect(callItem).toMatch(/vì camera không cho hình dùng được/);
    expect(callItem).toMatch(/Tốc độ tải lên đo được [\d.,]+ Mbit\/s, đủ cho cuộc gọi này/);
    expect(callItem).toMatch(/→ Khắc phục camera trước/);
    expect(callItem).not.toMatch(/đề nghị nhà mạng|tăng băng thông/i);
    for (const item of items.filter((x) => x !== items[0] && x !== callItem))
      expect(item.split('\n')[0], item).toMatch(/Băng thông|Tốc độ/);
  });
});
