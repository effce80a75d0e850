// `wardkit call --engine libwebrtc` (libwebrtc through @roamhq/wrtc, raw ffmpeg frames) against the
// same independent WHIP servers as interop-call.test.ts — aiortc that decodes and re-encodes,
// GStreamer webrtcbin — and against `wardkit serve`'s packet-for-packet echo, each inside a
// loopback-only namespace. Truth: a clean loopback loses nothing; nftables then drops 3 % of the UDP
// packets arriving in the namespace (3 % each way), so the judged loss (the worse direction) is 3 %.
// Sampling: ≈ 1,000–2,000 packets each way in 15 s → 1 σ ≈ 0.4–0.55 pp; tolerance ±1 pp (issue 11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PEER_LABEL,
  callIn,
  interopProfile,
  pythonServer,
  serveIn,
  writeInteropTable,
  type CallJson,
  type InteropRow,
} from '../helpers/interop.js';
import { createLoopNs, type LoopNs } from '../helpers/loopns.js';
import { systemUnavailable } from '../helpers/system.js';

const why = systemUnavailable(['ip', 'nft', 'ffmpeg', '/usr/bin/python3', 'gst-inspect-1.0']);

const brief = (r: CallJson['result']) => ({
  loss: r.lossPercent,
  up: r.lossUpPercent,
  down: r.lossDownPercent,
  roundTrip: r.lossRoundTripPercent,
  rtt: r.rttMs,
  rttRtcp: r.rttRtcpMs,
  jitter: r.jitterMs,
  mos: r.mos,
  kbps: r.videoSendKbps,
  available: r.availableOutgoingKbps,
  limitation: r.limitation,
  repair: r.repair,
  implausible: r.implausible,
  error: r.error,
});

describe.skipIf(why)('wardkit call --engine libwebrtc against independent WHIP servers and serve', () => {
  let ns: LoopNs;
  const file = interopProfile('Interop call tests (libwebrtc)', 'libwebrtc');
  const rows: InteropRow[] = [];
  const servers: Record<string, { url: string }> = {};
  beforeAll(async () => {
    ns = createLoopNs('rtcl');
    const [a, g, s] = await Promise.all([
      pythonServer(ns, 'aiortc_echo_server.py'),
      pythonServer(ns, 'gst_echo_server.py'),
      serveIn(ns, 8472),
    ]);
    servers.aiortc = a;
    servers.gstreamer = g;
    servers.serve = s;
  }, 90_000);
  afterAll(async () => {
    ns?.cleanup();
    await writeInteropTable('call-libwebrtc', rows);
  });

  const role = '`wardkit call --engine libwebrtc` → it';

  for (const name of ['aiortc', 'gstreamer', 'serve'] as const) {
    it(`${name}: connected, 0 % loss, RTT measured, pass`, () => {
      ns.clearLoss();
      const { out } = callIn(ns, servers[name].url, file, 15, true);
      const r = out.result;
      console.log(name, 'clean', out.status, JSON.stringify(brief(r)));
      expect(r.engine).toBe('libwebrtc');
      expect(r.encoder).toBe('libvpx');
      expect(r.connected).toBe(true);
      expect(r.pair?.protocol).toBe('udp');
      expect(r.implausible).toBeUndefined();
      expect(r.packetEcho).toBe(name === 'serve');
      expect(r.lossPercent).toBeDefined();
      expect(r.lossPercent!).toBeLessThanOrEqual(0.5);
      expect(r.rttMs).toBeDefined();
      expect(r.rttMs!).toBeGreaterThan(0);
      expect(r.rttMs!).toBeLessThan(200);
      // Nothing repaired on a clean link (no NACK/RTX/FEC negotiated; see lossy below for aiortc).
      expect(r.repair ?? {}).toEqual({});
      const warnings = out.findings.filter((x) => x.severity !== 'info').map((x) => x.key);
      // Pass — or a warning only about this shared, loaded computer (encoder held back by CPU), or, for
      // aiortc, its own receive-side estimate (REMB): on this loaded VM its delay-based estimator has
      // read as low as 127 kbit/s on a clean loopback, and libwebrtc follows it as a browser would —
      // then libwebrtc must say that the uplink estimate was the limit (call.bandwidthLimited).
      const allowed = ['call.encoderSlow', 'call.cpuLimited'];
      if (name === 'aiortc' && warnings.includes('call.lowBitrate')) {
        expect(warnings).toContain('call.bandwidthLimited');
        allowed.push('call.lowBitrate', 'call.bandwidthLimited');
      }
      expect(out.status === 'pass' || (out.status === 'warn' && warnings.every((k) => allowed.includes(k)))).toBe(true);
      rows.push({
        peer: PEER_LABEL[name],
        role,
        result: `${out.status}: loss ${r.lossPercent!.toFixed(1)} % (up ${r.lossUpPercent?.toFixed(1)} / down ${r.lossDownPercent?.toFixed(1)}), RTT ${r.rttMs!.toFixed(1)} ms (${r.rttDataChannelMs === undefined ? 'RTCP' : 'data channel'}), MOS ${r.mos?.toFixed(2)}, ${Math.round(r.videoSendKbps ?? 0)} kbit/s VP8 (libvpx), limited by ${r.limitation?.reason}`,
      });
    });

    it(`${name}: behind 3 % loss, the judged loss is 3 % ± 1 pp`, () => {
      ns.loss(3);
      try {
        // 20 s: the judged loss is the worse of two directions, each ≈ 2,000 packets (1 σ ≈ 0.38 pp).
        const { out } = callIn(ns, servers[name].url, file, 20, true);
        const r = out.result;
        console.log(name, 'lossy', out.status, JSON.stringify(brief(r)));
        const said = JSON.stringify({ ...brief(r), pair: r.pair });
        expect(r.connected, said).toBe(true);
        expect(r.implausible, said).toBeUndefined();
        // The loss is the UDP path's: an ICE-TCP pair (libnice and libwebrtc both offer one) turns loss
        // into retransmission delay and read 0 % here in 2 of 11 calls before TCP candidates were dropped.
        expect(r.pair?.protocol, said).toBe('udp');
        // aiortc NACKs although no `nack` was negotiated, and libwebrtc retransmits: those packets are
        // counted as lost (figuresFromStats). Nothing else may repair: no FEC, no NACKs from us.
        const repair = Object.keys(r.repair ?? {});
        expect(repair.filter((k) => k !== 'video out retransmittedPacketsSent')).toEqual([]);
        if (name !== 'aiortc') expect(repair).toEqual([]);
        expect(Math.abs(r.lossPercent! - 3), said).toBeLessThanOrEqual(1);
        // The uplink figure on its own (what the server reported, plus what was repaired) is 3 % too.
        if (r.lossUpPercent !== undefined && name !== 'gstreamer')
          expect(Math.abs(r.lossUpPercent - 3)).toBeLessThanOrEqual(1.5);
        if (name === 'serve') {
          // The echo keeps the uplink's gaps: the round trip loses ≈ 1 − 0.97² ≈ 5.9 %.
          expect(Math.abs(r.lossRoundTripPercent! - 5.9)).toBeLessThanOrEqual(1.5);
        }
        rows.push({
          peer: PEER_LABEL[name],
          role: `${role}, 3 % loss each way (nftables)`,
          result: `loss ${r.lossPercent!.toFixed(1)} % (up ${r.lossUpPercent?.toFixed(1)} / down ${r.lossDownPercent?.toFixed(1)}), RTT ${r.rttMs?.toFixed(1)} ms`,
        });
      } finally {
        ns.clearLoss();
      }
    });
  }
});
