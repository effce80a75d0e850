// A test call across a shaped, lossy link between two network namespaces: `wardkit serve` in B,
// `wardkit call` in A; tbf 5 Mbit/s both ways, nftables drops 3 % of UDP arriving in B (uplink).
// Truth: uplink loss 3 %, downlink 0 %. With ≈ 2,900 packets (15 s, 1.2 Mbit/s VP8 + Opus) the sampling noise
// of the measured loss is about ±0.32 pp (1 σ), so ±1.0 pp is a 3 σ tolerance (±0.7 pp, 2.2 σ, failed about
// one run in 35 — seen once in the full run of 2026-12-01). The video bitrate is kept
// well under the 5 Mbit/s tbf so that keyframe bursts do not overflow its queue (that would add loss).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLink, type NsLink } from '../helpers/netns.js';
import { serveInNs } from '../helpers/wardkit-ns.js';
import { systemUnavailable } from '../helpers/system.js';

const why = systemUnavailable(['ip', 'tc', 'nft', 'ffmpeg']);
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'bin', 'wardkit.js');

describe.skipIf(why)('test call across a shaped, lossy namespace link', () => {
  let link: NsLink | undefined;
  afterAll(() => link?.cleanup());

  it('measures 3 % uplink loss within ±1 pp (3 σ) and a plausible RTT', async () => {
    link = createLink();
    link.shape(5);
    const { url } = await serveInNs(link, link.nsB, link.ipB, 8470);
    link.loss(link.nsB, 3, 'udp');
    // One call; exit 1/2 are verdicts (3 % loss may warn), anything else is a failure to run.
    const callOnce = (): { code: number; stdout: string; stderr: string } => {
      let stdout: string;
      try {
        stdout = execFileSync(
          'ip',
          [
            'netns',
            'exec',
            link.nsA,
            process.execPath,
            cli,
            'call',
            '--server',
            url,
            '--duration',
            '15',
            '--video',
            '1280x720@30',
            '--bitrate',
            '1200',
            '--json',
          ],
          {
            encoding: 'utf8',
            timeout: 90_000,
          },
        );
      } catch (err) {
        const e = err as { status?: number; stdout?: string; stderr?: string };
        if (e.status !== 1 && e.status !== 2) return { code: e.status ?? -1, stdout: '', stderr: String(e.stderr) };
        stdout = e.stdout!;
      }
      return { code: 0, stdout, stderr: '' };
    };
    // A call that could not connect (exit 3) is retried once and said so: the werift client fails to
    // connect now and then on its own (an open follow-up); this test measures loss, not that.
    let run = callOnce();
    if (run.code !== 0) {
      console.log(`call could not run (exit ${run.code}), retrying once: ${run.stderr}`);
      run = callOnce();
    }
    if (run.code !== 0) throw new Error(`wardkit call failed (${run.code}): ${run.stderr}`);
    const stdout = run.stdout;
    const out = JSON.parse(stdout) as {
      result: {
        connected: boolean;
        candidateType: string;
        lossRoundTripPercent: number;
        lossUpPercent: number;
        rttMs: number;
        video: { packetsSent: number };
        audio: { packetsSent: number };
      };
    };
    const r = out.result;
    console.log(
      'netns call',
      JSON.stringify({
        video: r.video,
        audio: r.audio,
        lossRoundTrip: r.lossRoundTripPercent,
        lossUp: r.lossUpPercent,
        rtt: r.rttMs,
      }),
    );
    expect(r.connected).toBe(true);
    expect(r.candidateType).toBe('host');
    expect(r.video.packetsSent + r.audio.packetsSent).toBeGreaterThan(1800);
    // Echo round trip = uplink loss here (the downlink is clean); counted per sequence number.
    expect(Math.abs(r.lossRoundTripPercent - 3)).toBeLessThanOrEqual(1.0);
    // The server's RTCP view of the uplink: the last report can lag the last ~second of packets.
    expect(Math.abs(r.lossUpPercent - 3)).toBeLessThanOrEqual(1.0);
    // No delay was added: the RTT is the tbf queue plus processing.
    expect(r.rttMs).toBeGreaterThan(0);
    expect(r.rttMs).toBeLessThan(100);
  });
});
