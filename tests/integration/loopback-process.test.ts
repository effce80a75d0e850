// The two runProcess additions the loopback relies on: stdout chunks while the program runs
// (playback starts when the microphone delivers), and stderr as text when stdout is binary.
import { describe, expect, it } from 'vitest';
import { resolveFfmpeg, runFfmpeg } from '../../src/media/ffmpeg.js';
import { runProcess } from '../../src/proc/process.js';

describe('runProcess for the loopback', () => {
  it('calls onStdout as data arrives, before the program exits, and still collects stdout', async () => {
    const seen: Array<{ bytes: number; at: number }> = [];
    const t0 = Date.now();
    const r = await runProcess(
      process.execPath,
      ['-e', 'process.stdout.write("a".repeat(1000)); setTimeout(() => process.stdout.write("b".repeat(500)), 700)'],
      {
        timeoutMs: 10_000,
        binaryStdout: true,
        onStdout: (c) => seen.push({ bytes: c.length, at: Date.now() - t0 }),
      },
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdoutBuffer!.length).toBe(1500);
    expect(seen.reduce((a, s) => a + s.bytes, 0)).toBe(1500);
    expect(seen[0].at).toBeLessThan(r.durationMs - 400);
  });

  it('decodes stderr to text when stdout is binary (ffmpeg errors stay readable)', async () => {
    const r = await runFfmpeg(
      resolveFfmpeg(),
      ['-loglevel', 'error', '-f', 'lavfi', '-i', 'nosuchfilter', '-f', 'f32le', 'pipe:1'],
      { timeoutMs: 10_000, binaryStdout: true },
    );
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toMatch(/[A-Za-z]/);
    expect(r.stderr).not.toMatch(/^\d+,\d+,/);
  });
});
