// The speaker check on a real audio path: a PulseAudio null sink as the speaker and its monitor
// as the microphone, through Debian's ffmpeg (it has `pulse`), run as a user would (spawned CLI).
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPulse, type Pulse } from '../helpers/pulse.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';

const why = systemUnavailable(['pulseaudio', 'pactl', 'ffmpeg']);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const PROFILE = `apiVersion: wardkit/v1
kind: EquipmentProfile
id: pulse-loopback-test
name: PulseAudio null-sink loopback (system test)
roles:
  - id: room-microphone
    kind: microphone
    device: pulse:room_speaker.monitor
  - id: room-speaker
    kind: speaker
    device: pulse:room_speaker
`;

interface Run {
  code: number;
  report: {
    results: Array<{
      checkId: string;
      status: string;
      findings: Array<{ key: string; remedyKey?: string; remedy?: string }>;
      metrics: Array<{ id: string; value: number }>;
      details?: Record<string, unknown>;
      durationMs: number;
    }>;
  };
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/wardkit.js', ...args],
      { cwd: ROOT, env, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? Number((err as { code?: unknown }).code ?? 1) : 0;
        try {
          resolve({ code, report: JSON.parse(stdout) });
        } catch {
          reject(new Error(`no JSON report (exit ${code}): ${stderr}`));
        }
      },
    );
  });
}

describe.skipIf(why)('speaker check on a PulseAudio null sink', () => {
  let pulse: Pulse;
  let dir: string;
  let profile: string;
  beforeAll(() => {
    pulse = startPulse(['room_speaker']);
    dir = tempDir('wardkit-speaker-');
    profile = join(dir, 'profile.yaml');
    writeFileSync(profile, PROFILE);
  });
  afterAll(() => {
    pulse?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('hears every tone through the real pulse: backend and passes', async () => {
    const r = await cli(
      ['check', '--profile', profile, '--only', 'speaker', '--format', 'json', '--lang', 'en'],
      pulse.env,
    );
    const res = r.report.results[0];
    expect(res.status, JSON.stringify(res.findings)).toBe('pass');
    expect(r.code).toBe(0);
    const tones = res.details!.tones as Array<{ hz: number; detected: boolean; snrDb: number }>;
    expect(tones.map((x) => x.hz)).toEqual([250, 1000, 4000]);
    expect(tones.every((x) => x.detected)).toBe(true);
    // The null sink passes samples unchanged: the tone arrives at its play level, −12 dBFS.
    expect(res.metrics.find((m) => m.id === 'level')!.value).toBeCloseTo(-12, 0);
    // Real devices are not sample-aligned: no judged latency metric, an estimate in details.
    expect(res.metrics.some((m) => m.id === 'latency')).toBe(false);
    expect((res.details!.latency as { exact: boolean }).exact).toBe(false);
  });

  it('with the sink muted: fail, "nothing heard" with its remedy (exit 2)', async () => {
    pulse.pactl(['set-sink-mute', 'room_speaker', '1']);
    try {
      const r = await cli(
        ['check', '--profile', profile, '--only', 'speaker', '--format', 'json', '--lang', 'en'],
        pulse.env,
      );
      expect(r.code).toBe(2);
      const res = r.report.results[0];
      expect(res.status).toBe('fail');
      expect(res.findings[0].key).toBe('speaker.nothingHeard');
      expect(res.findings[0].remedy).toMatch(/Unmute/);
    } finally {
      pulse.pactl(['set-sink-mute', 'room_speaker', '0']);
    }
  });

  it('a speaker that does not exist fails with the player error, not a pass', async () => {
    const r = await cli(
      [
        'check',
        '--profile',
        profile,
        '--only',
        'speaker',
        '--format',
        'json',
        '--device',
        'speaker=pulse:no_such_sink',
      ],
      pulse.env,
    );
    expect(r.code).toBe(2);
    expect(r.report.results[0].status).toBe('fail');
  });
});
