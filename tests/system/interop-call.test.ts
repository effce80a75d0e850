// `wardkit call` against WHIP servers that are NOT wardkit: an aiortc server that decodes and
// re-encodes (like an SFU/MCU that transcodes; it does not echo data-channel messages) and a
// GStreamer webrtcbin server that re-packetises — each inside a loopback-only namespace.
// Truth: a clean loopback loses nothing; then nftables drops 3 % of the UDP packets in the namespace
// (both directions: uplink 3 %, downlink 3 %), so the judged loss (the worse direction) is 3 %.
// Sampling: ≈ 1,700 packets each way in 15 s → 1 σ ≈ 0.41 pp; the tolerance is ±1 pp (issue 11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PEER_LABEL,
  callIn,
  interopProfile,
  pythonServer,
  writeInteropTable,
  type InteropRow,
} from '../helpers/interop.js';
import { createLoopNs, type LoopNs } from '../helpers/loopns.js';
import { systemUnavailable } from '../helpers/system.js';

const why = systemUnavailable(['ip', 'nft', 'ffmpeg', '/usr/bin/python3', 'gst-inspect-1.0']);

describe.skipIf(why)('wardkit call against independent WHIP servers (loopback-only namespace)', () => {
  let ns: LoopNs;
  const file = interopProfile('Interop call tests');
  const rows: InteropRow[] = [];
  const servers: Record<string, { url: string }> = {};
  beforeAll(async () => {
    ns = createLoopNs('rtcc');
    const [a, g] = await Promise.all([
      pythonServer(ns, 'aiortc_echo_server.py'),
      pythonServer(ns, 'gst_echo_server.py'),
    ]);
    servers.aiortc = a;
    servers.gstreamer = g;
  }, 90_000);
  afterAll(async () => {
    ns?.cleanup();
    await writeInteropTable('call', rows);
  });

  for (const name of ['aiortc', 'gstreamer'] as const) {
    it(`${name}: connected, 0 % loss, RTT measured, pass`, async () => {
      ns.clearLoss();
      // 15 s: GStreamer sends a receiver report only about every 5 s, and the first one may come
      // before it has a sender report to echo (no LSR, so no RTT); 10 s sometimes had none with an RTT.
      const { out, exit } = callIn(ns, servers[name].url, file, 15);
      const r = out.result;
      console.log(
        name,
        'clean',
        exit,
        out.status,
        JSON.stringify({
          error: r.error,
          findings: out.findings?.map((f) => f.key),
          loss: r.lossPercent,
          up: r.lossUpPercent,
          down: r.lossDownPercent,
          rtt: r.rttMs,
          rttRtcp: r.rttRtcpMs,
          jitter: r.jitterMs,
          mos: r.mos,
          implausible: r.implausible,
          video: r.video,
          audio: r.audio,
        }),
      );
      expect(r.connected).toBe(true);
      expect(r.implausible).toBeUndefined();
      expect(r.packetEcho).toBe(false);
      expect(r.lossPercent).toBeDefined();
      expect(r.lossPercent!).toBeLessThanOrEqual(0.5);
      const warnings = (out.findings ?? []).filter((x) => x.severity !== 'info').map((x) => x.key);
      // KNOWN GAP (issue 11, open): GStreamer sends one receiver report about every 5 s, and the first
      // often carries no LSR, so a call may end with no RTT. Then the verdict must say so (no MOS, a
      // warning), never pass. The RTT is required of every other peer.
      if (name === 'gstreamer' && r.rttMs === undefined) {
        expect(out.status).not.toBe('pass');
        expect(warnings).toContain('call.noMos');
        return;
      }
      expect(r.rttMs).toBeDefined();
      expect(r.rttMs!).toBeGreaterThan(0);
      expect(r.rttMs!).toBeLessThan(200);
      // Pass — or a warning that is only about this (shared, loaded) computer encoding too slowly.
      expect(out.status === 'pass' || (out.status === 'warn' && warnings.every((k) => k === 'call.encoderSlow'))).toBe(
        true,
      );
      rows.push({
        peer: PEER_LABEL[name],
        role: '`wardkit call` → it',
        result: `pass: loss ${r.lossPercent!.toFixed(1)} % (up ${r.lossUpPercent?.toFixed(1)} / down ${r.lossDownPercent?.toFixed(1)}), RTT ${r.rttMs!.toFixed(1)} ms (${r.rttDataChannelMs === undefined ? 'RTCP LSR/DLSR' : 'data channel'}), MOS ${r.mos?.toFixed(2)}`,
      });
    });

    it(`${name}: behind 3 % loss, the judged loss is 3 % ± 1 pp`, async () => {
      ns.loss(3);
      try {
        const { out } = callIn(ns, servers[name].url, file, 15);
        const r = out.result;
        console.log(
          name,
          'lossy',
          out.status,
          JSON.stringify({
            error: r.error,
            loss: r.lossPercent,
            up: r.lossUpPercent,
            down: r.lossDownPercent,
            rtt: r.rttMs,
            implausible: r.implausible,
            video: r.video,
            audio: r.audio,
          }),
        );
        expect(r.connected).toBe(true);
        expect(r.implausible).toBeUndefined();
        expect(Math.abs(r.lossPercent! - 3)).toBeLessThanOrEqual(1);
        rows.push({
          peer: PEER_LABEL[name],
          role: '`wardkit call` → it, 3 % loss each way (nftables)',
          result: `loss ${r.lossPercent!.toFixed(1)} % (up ${r.lossUpPercent?.toFixed(1)} / down ${r.lossDownPercent?.toFixed(1)}), RTT ${r.rttMs?.toFixed(1)} ms`,
        });
      } finally {
        ns.clearLoss();
      }
    });
  }
});
