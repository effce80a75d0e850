// What a test call counts as lost, against the truth of what the network dropped: a real call (werift
// client → `serve`'s echo peer on 127.0.0.1) in which the test drops ONE datagram at the server's
// socket in the middle of the call — as a network would: sent, never received — and delays the
// others' arrival. Every loss figure must show exactly that one packet: not zero (real loss is never
// hidden) and not more (a packet still on its way when the call stops counting is not lost).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { createWhipModule } from '../../src/server/whip/module.js';
import type { EchoSession } from '../../src/server/whip/echo-session.js';
import { runCall } from '../../src/net/webrtc-call.js';
import { replayFeed, type RecordedPacket } from '../../src/net/webrtc-media.js';

const SECONDS = 4;
const AUDIO_FIRST = 3000;
const DROPPED = AUDIO_FIRST + 60; // 1.2 s into the call
const AUDIO_PACKETS = SECONDS * 50;
const TAIL_HOLD_MS = 150;

/** RTP as ffmpeg would send it: video 100 packets/s of 200–1,100 bytes from seq 100, Opus 50/s. */
function feedPackets(): RecordedPacket[] {
  const out: RecordedPacket[] = [];
  const rtp = (pt: number, seq: number, ts: number, size: number, marker: boolean) => {
    const b = Buffer.alloc(size, seq & 0xff);
    b[0] = 0x80;
    b[1] = (marker ? 0x80 : 0) | pt;
    b.writeUInt16BE(seq & 0xffff, 2);
    b.writeUInt32BE(ts >>> 0, 4);
    b.writeUInt32BE(0x1234, 8);
    return b;
  };
  for (let i = 0; i < SECONDS * 100; i++)
    out.push({ kind: 'video', atMs: i * 10, data: rtp(96, 100 + i, i * 900, 200 + ((i * 37) % 900), i % 3 === 2) });
  for (let i = 0; i < AUDIO_PACKETS; i++)
    out.push({ kind: 'audio', atMs: i * 20 + 5, data: rtp(111, AUDIO_FIRST + i, i * 960, 90 + (i % 40), true) });
  return out.sort((a, b) => a.atMs - b.atMs);
}

interface Protocol {
  datagramReceived(data: Buffer, addr: unknown): void;
}

/**
 * On the echo peer's ICE sockets: drop the audio datagram with sequence number DROPPED once, and delay
 * each other RTP datagram by `delayOf(seq)` ms. RTP (first byte 128–191, not RTCP) carries its sequence
 * number in the clear in SRTP; video (100–499) and audio (3000–3199) never share one.
 */
function impair(session: EchoSession, delayOf: (seq: number) => number): boolean {
  const conn = (session as unknown as { pc?: { iceTransports: Array<{ connection: { protocols: Protocol[] } }> } }).pc
    ?.iceTransports[0]?.connection;
  if (!conn?.protocols.length) return false;
  for (const p of conn.protocols) {
    const deliver = p.datagramReceived.bind(p);
    let dropped = false;
    p.datagramReceived = (data, addr) => {
      const rtp = data.length > 12 && data[0] >> 6 === 2 && !(data[1] >= 192 && data[1] <= 223);
      const seq = rtp ? data.readUInt16BE(2) : -1;
      if (seq === DROPPED && !dropped) {
        dropped = true;
        return;
      }
      const ms = rtp ? delayOf(seq) : 0;
      if (ms > 0) setTimeout(() => deliver(data, addr), ms);
      else deliver(data, addr);
    };
  }
  return true;
}

/** A call to `whip` whose echo peer is impaired (see impair) from its first packet on. */
async function impairedCall(whip: ReturnType<typeof createWhipModule>, url: string, delayOf: (seq: number) => number) {
  // The session exists from the POST on; its ICE sockets once it has answered (before any media).
  let impaired = false;
  const watch = setInterval(() => {
    for (const s of whip.sessions.values()) impaired ||= impair(s, delayOf);
    if (impaired) clearInterval(watch);
  }, 2);
  try {
    const r = await runCall({
      server: url,
      durationS: SECONDS,
      feed: replayFeed(feedPackets()),
      signal: new AbortController().signal,
      deadline: Date.now() + 30_000,
    });
    expect(impaired).toBe(true);
    expect(r.error).toBeUndefined();
    expect(r.packetEcho).toBe(true);
    // Everything the feed had was sent (the replay stops at SECONDS).
    expect(r.audio.packetsSent).toBeGreaterThanOrEqual(AUDIO_PACKETS - 1);
    // The server's receiver reports count the dropped one (once a report covers it).
    expect(r.audio.rtcpExpected!).toBeGreaterThan(DROPPED - AUDIO_FIRST);
    expect(r.audio.rtcpLost).toBe(1);
    const covered = r.audio.rtcpExpected! + r.video.rtcpExpected!;
    expect(r.lossUpPercent).toBeCloseTo(100 / covered, 6);
    // The judged loss: that uplink packet, never 0; the way back lost nothing.
    expect(r.lossDownPercent).toBeLessThan(0.01);
    expect(r.lossPercent).toBeCloseTo(r.lossUpPercent!, 6);
    expect(r.implausible).toBeUndefined();
    return r;
  } finally {
    clearInterval(watch);
  }
}

describe('test call loss accounting against a known drop', () => {
  let server: RunningServer;
  let whip: ReturnType<typeof createWhipModule>;
  beforeAll(async () => {
    whip = createWhipModule({ maxCalls: 2, maxSeconds: 60, iceServers: [] });
    server = await startServer({ listen: '127.0.0.1:0', modules: [whip] });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('counts the one packet the network dropped mid-call, and not the late tail', async () => {
    const last = AUDIO_FIRST + AUDIO_PACKETS;
    const r = await impairedCall(whip, server.url, (seq) => (seq >= last - 3 && seq < last ? TAIL_HOLD_MS : 0));
    // Video: untouched, every packet back.
    expect(r.video.packetsEchoed).toBe(r.video.packetsSent);
    // Audio: exactly the dropped one missing — a gap inside the echoed sequence, not at its end.
    expect(r.audio.packetsEchoed).toBe(r.audio.packetsSent - 1);
    expect(r.audio.echoExpected).toBe(r.audio.packetsSent);
    expect([r.audio.echoPending, r.video.echoPending]).toEqual([0, 0]);
    const sent = r.audio.packetsSent + r.video.packetsSent;
    expect(r.lossRoundTripPercent).toBeCloseTo(100 / sent, 6);
  });

  it('a path 2 s slow (longer than the call waits for its echo): the last packets are on their way, not lost; the dropped one is', async () => {
    const r = await impairedCall(whip, server.url, () => 2000);
    // The call stopped counting with ≈ 0.5 s of echo still on its way (2 s − the 1.5 s it waits).
    for (const s of [r.audio, r.video]) {
      expect(s.echoPending!).toBeGreaterThan(0);
      expect(s.echoPending!).toBeLessThan(s.packetsSent * 0.4);
    }
    expect(r.video.packetsEchoed + r.video.echoPending!).toBe(r.video.packetsSent);
    expect(r.audio.packetsEchoed + r.audio.echoPending!).toBe(r.audio.packetsSent - 1);
    const echoable = r.audio.packetsSent + r.video.packetsSent - r.audio.echoPending! - r.video.echoPending!;
    expect(r.lossRoundTripPercent).toBeCloseTo(100 / echoable, 6);
  });
});
