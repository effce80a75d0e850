// `wardkit call --engine libwebrtc --ice-transport relay` through a real coturn, with the TURN server
// taken from the profile (`ice.servers`) as for the werift engine (call-relay.test.ts). Everything runs
// in one loopback-only namespace: coturn, `wardkit serve` (its packet-for-packet echo) and the CLI.
// Truth: the selected pair's local candidate is a relay candidate that coturn allocated (its relay
// port range 49160–49400); the relay path loses nothing (loss ≤ 0.5 %, echo count within 1 %); a wrong
// TURN password leaves no candidate at all, so the call fails within its connect budget — never a
// silent host-to-host call.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoturn, type Turn } from '../helpers/coturn.js';
import { WARDKIT, serveIn } from '../helpers/interop.js';
import { createLoopNs, type LoopNs } from '../helpers/loopns.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';

const why = systemUnavailable(['ip', 'turnserver', 'ffmpeg']);

interface CallJson {
  status: string;
  findings: Array<{ key: string; severity: string }>;
  result: {
    engine?: string;
    connected: boolean;
    candidateType?: string;
    pair?: { localType: string; remoteType: string; protocol: string; localAddress: string };
    packetEcho?: boolean;
    lossPercent?: number;
    lossRoundTripPercent?: number;
    rttMs?: number;
    framesEchoed: number;
    implausible?: string[];
    error?: { reason: string; message: string };
  };
}

function profile(turn: Turn, credential: string): string {
  const file = join(tempDir('wardkit-relay-wrtc-'), 'relay.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: wardkit/v1',
      'kind: EquipmentProfile',
      'id: relay-libwebrtc-test',
      'name: Relay call (libwebrtc)',
      `ice: { servers: [{ urls: ['${turn.urls.udp}'], username: ${turn.username}, credential: '${credential}' }] }`,
      'call: { engine: libwebrtc, video: { width: 480, height: 270, frameRate: 30, bitrateKbps: 600 }, audio: { bitrateKbps: 32 }, videoBitrateKbps: { warn: 200, fail: 100 } }',
      '',
    ].join('\n'),
  );
  return file;
}

describe.skipIf(why)('libwebrtc engine through a TURN relay (coturn)', () => {
  let ns: LoopNs;
  let turn: Turn;
  let url: string;
  beforeAll(async () => {
    ns = createLoopNs('r11');
    turn = await startCoturn({ ns: ns.name });
    url = (await serveIn(ns, 8474)).url;
  }, 60_000);
  afterAll(async () => {
    await turn?.stop();
    ns?.cleanup();
  });

  const call = (file: string, seconds: number): { out: CallJson; ms: number } => {
    const args = [WARDKIT, 'call', '--server', url, '--duration', String(seconds), '--ice-transport', 'relay'];
    const t0 = Date.now();
    try {
      const stdout = execFileSync(
        'ip',
        ['netns', 'exec', ns.name, process.execPath, ...args, '--profile', file, '--json'],
        { encoding: 'utf8', timeout: 90_000 },
      );
      return { out: JSON.parse(stdout) as CallJson, ms: Date.now() - t0 };
    } catch (err) {
      const e = err as { status?: number; stdout?: string; stderr?: string };
      // Exit 1/2 (warn/fail) still prints the JSON; a crash (e.g. 139) or no JSON fails here.
      if (!e.stdout || (e.status !== 1 && e.status !== 2))
        throw new Error(`wardkit call failed (${e.status}): ${e.stderr}`);
      return { out: JSON.parse(e.stdout) as CallJson, ms: Date.now() - t0 };
    }
  };

  it('forced relay: a coturn relay candidate pair, media echoed, no loss', () => {
    const { out } = call(profile(turn, turn.credential), 8);
    const r = out.result;
    console.log('libwebrtc relay call', out.status, JSON.stringify({ ...r, video: undefined, audio: undefined }));
    expect(r.engine).toBe('libwebrtc');
    expect(r.error).toBeUndefined();
    expect(r.connected).toBe(true);
    expect(r.candidateType).toBe('relay');
    expect(r.pair!.localType).toBe('relay');
    const port = Number(r.pair!.localAddress.split(':').pop());
    expect(port).toBeGreaterThanOrEqual(49160);
    expect(port).toBeLessThanOrEqual(49400);
    expect(r.implausible).toBeUndefined();
    expect(r.packetEcho).toBe(true);
    expect(r.framesEchoed).toBeGreaterThan(100);
    expect(r.lossPercent!).toBeLessThanOrEqual(0.5);
    expect(r.lossRoundTripPercent!).toBeLessThan(1);
    expect(r.rttMs!).toBeGreaterThan(0);
  });

  it('wrong TURN password: no relay candidate, the call fails within its connect budget', () => {
    const { out, ms } = call(profile(turn, 'wrong'), 2);
    const r = out.result;
    console.log('libwebrtc relay, bad credential', out.status, ms, 'ms', JSON.stringify(r.error));
    expect(r.connected).toBe(false);
    expect(out.status).toBe('fail');
    // Connect budget 10 s + start-up and hang-up.
    expect(ms).toBeLessThan(25_000);
  });
});
