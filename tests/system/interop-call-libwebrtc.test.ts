// `wardkit call --engine libwebrtc` (libwebrtc through @roamhq/wrtc, raw ffmpeg frames) against the
// same independent WHIP servers as interop-call.test.ts — aiortc that decodes and re-encodes,
// GStreamer webrtcbin — and against `wardkit serve`'s packet-for-packet echo, each inside a
// loopback-only namespace. Truth: a clean loopback loses nothing; nftables then drops 3 % of the UDP
// packets arriving in the namespace (3 % each way), so the judged loss (the worse direction) is 3 %.
// Sampling: ≈ 1,000–2,000 packets each way in 15 s → 1 σ ≈ 0.4–0.55 pp; tolerance ±1 pp (issue 11).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARDKIT, pythonServer, serveIn, writeInteropTable, type InteropRow } from '../helpers/interop.js';
import { createLoopNs, type LoopNs } from '../helpers/loopns.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';

const why = systemUnavailable(['ip', 'nft', 'ffmpeg', '/usr/bin/python3', 'gst-inspect-1.0']);

function profile(): string {
  const dir = tempDir('wardkit-rtc-profile-');
  const file = join(dir, 'interop.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: wardkit/v1',
      'kind: EquipmentProfile',
      'id: interop-test',
      'name: Interop call tests (libwebrtc)',
      'network: { uploadMbps: { min: 2, recommended: 3 }, downloadMbps: { min: 2, recommended: 3 } }',
      'call: { engine: libwebrtc, video: { width: 480, height: 270, frameRate: 30, bitrateKbps: 800 }, audio: { bitrateKbps: 32 }, videoBitrateKbps: { warn: 300, fail: 150 } }',
      '',
    ].join('\n'),
  );
  return file;
}

interface CallJson {
  status: string;
  findings: Array<{ key: string; severity: string }>;
  result: {
    engine?: string;
    connected: boolean;
    lossPercent?: number;
    lossUpPercent?: number;
    lossDownPercent?: number;
    lossRoundTripPercent?: number;
    rttMs?: number;
    rttRtcpMs?: number;
    rttDataChannelMs?: number;
    jitterMs?: number;
    pair?: { protocol: string; localType: string; remoteType: string };
    mos?: number;
    implausible?: string[];
    packetEcho?: boolean;
    encoder?: string;
    framesEncoded?: number;
    limitation?: { reason: string; cpuS: number; bandwidthS: number; totalS: number };
    availableOutgoingKbps?: number;
    videoSendKbps?: number;
    repair?: Record<string, number>;
    error?: unknown;
  };
}

function call(ns: LoopNs, url: string, file: string, seconds: number, extra: string[] = []): CallJson {
  const args = [WARDKIT, 'call', '--server', url, '--duration', String(seconds), '--profile', file, '--json'];
  try {
    const stdout = execFileSync('ip', ['netns', 'exec', ns.name, process.execPath, ...args, ...extra], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    return JSON.parse(stdout) as CallJson;
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    // Exit 1/2 (warn/fail) still prints the JSON; a crash (e.g. 139) or no JSON fails here.
    if (!e.stdout || (e.status !== 1 && e.status !== 2))
      throw new Error(`wardkit call failed (${e.status}): ${e.stderr}`);
    return JSON.parse(e.stdout) as CallJson;
  }
}

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
  const file = profile();
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

  const label = {
    aiortc: 'aiortc 1.4 WHIP server that decodes and re-encodes (no data-channel echo)',
    gstreamer: 'GStreamer 1.22 webrtcbin WHIP server (depayload → payload, its own SSRCs)',
    serve: '`wardkit serve` echo peer (packet-for-packet, data-channel echo)',
  } as const;
  const role = '`wardkit call --engine libwebrtc` → it';

  for (const name of ['aiortc', 'gstreamer', 'serve'] as const) {
    it(`${name}: connected, 0 % loss, RTT measured, pass`, () => {
      ns.clearLoss();
      const out = call(ns, servers[name].url, file, 15);
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
        peer: label[name],
        role,
        result: `${out.status}: loss ${r.lossPercent!.toFixed(1)} % (up ${r.lossUpPercent?.toFixed(1)} / down ${r.lossDownPercent?.toFixed(1)}), RTT ${r.rttMs!.toFixed(1)} ms (${r.rttDataChannelMs === undefined ? 'RTCP' : 'data channel'}), MOS ${r.mos?.toFixed(2)}, ${Math.round(r.videoSendKbps ?? 0)} kbit/s VP8 (libvpx), limited by ${r.limitation?.reason}`,
      });
    });

    it(`${name}: behind 3 % loss, the judged loss is 3 % ± 1 pp`, () => {
      ns.loss(3);
      try {
        // 20 s: the judged loss is the worse of two directions, each ≈ 2,000 packets (1 σ ≈ 0.38 pp).
        const out = call(ns, servers[name].url, file, 20);
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
          peer: label[name],
          role: `${role}, 3 % loss each way (nftables)`,
          result: `loss ${r.lossPercent!.toFixed(1)} % (up ${r.lossUpPercent?.toFixed(1)} / down ${r.lossDownPercent?.toFixed(1)}), RTT ${r.rttMs?.toFixed(1)} ms`,
        });
      } finally {
        ns.clearLoss();
      }
    });
  }
});
