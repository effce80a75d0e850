// WHIP conformance of the echo peer (RFC 9725) against the real server on 127.0.0.1 and a real
// werift peer as the client.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { createWhipModule } from '../../src/server/whip/module.js';
import { createPeer, waitConnected } from '../../src/net/webrtc-peer.js';
import { runCall } from '../../src/net/webrtc-call.js';
import { replayFeed } from '../../src/net/webrtc-media.js';
import { judgeCall } from '../../src/checks/call.js';
import { DEFAULT_CALL, DEFAULT_NETWORK } from '../../src/profiles/defaults.js';

const TOKEN = 'whip-test-token-123';

async function offer(): Promise<{ pc: ReturnType<typeof createPeer>; sdp: string }> {
  const pc = createPeer({});
  pc.addTransceiver('video', { direction: 'sendrecv' });
  pc.addTransceiver('audio', { direction: 'sendrecv' });
  pc.createDataChannel('x');
  await pc.setLocalDescription(await pc.createOffer());
  return { pc, sdp: pc.localDescription!.sdp };
}

describe('WHIP echo peer', () => {
  let server: RunningServer;
  let whip: ReturnType<typeof createWhipModule>;
  let endpoint: string;
  const auth = { authorization: `Bearer ${TOKEN}` };
  beforeAll(async () => {
    whip = createWhipModule({
      token: TOKEN,
      maxCalls: 2,
      maxSeconds: 30,
      iceServers: [
        { urls: ['stun:127.0.0.1:3478'] },
        { urls: ['turn:127.0.0.1:3478?transport=udp'], username: 'u', credential: 'p' },
      ],
    });
    server = await startServer({ listen: '127.0.0.1:0', modules: [whip] });
    endpoint = `${server.url}/api/v1/whip`;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers an offer with 201, application/sdp, a Location and ICE servers in Link headers; DELETE frees the session', async () => {
    const { pc, sdp } = await offer();
    try {
      const t0 = Date.now();
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/sdp', ...auth },
        body: sdp,
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toBe('application/sdp');
      const location = res.headers.get('location')!;
      expect(location).toMatch(/^\/api\/v1\/whip\/[0-9a-f-]{36}$/);
      const link = res.headers.get('link')!;
      expect(link).toContain('<stun:127.0.0.1:3478>; rel="ice-server"');
      expect(link).toContain('username="u"; credential="p"; credential-type="password"');
      const answer = await res.text();
      expect(answer).toMatch(/^v=0/);
      expect(answer).toContain('a=candidate:');
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
      await waitConnected(pc, AbortSignal.timeout(5000));
      expect(Date.now() - t0).toBeLessThan(3000); // no hidden 5 s STUN wait on either side
      expect(whip.sessions.size).toBe(1);
      let info = (await (await fetch(`${server.url}/api/v1/info`)).json()) as { whip: { active: number } };
      expect(info.whip.active).toBe(1);

      const del = await fetch(new URL(location, server.url), { method: 'DELETE', headers: auth });
      expect(del.status).toBe(200);
      expect(whip.sessions.size).toBe(0);
      info = (await (await fetch(`${server.url}/api/v1/info`)).json()) as { whip: { active: number } };
      expect(info.whip.active).toBe(0);
      // the peer connection on the server side is really gone: ours sees it close or fail
      const gone = await fetch(new URL(location, server.url), { method: 'DELETE', headers: auth });
      expect(gone.status).toBe(404);
    } finally {
      await pc.close();
    }
  });

  it('refuses another content type (415), unusable SDP (400) and a wrong or missing token (401)', async () => {
    const { pc, sdp } = await offer();
    try {
      expect(
        (
          await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...auth },
            body: '{}',
          })
        ).status,
      ).toBe(415);
      expect(
        (
          await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/sdp', ...auth },
            body: 'hello',
          })
        ).status,
      ).toBe(400);
      const noMedia = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=text 9 RTP/AVP 0\r\nc=IN IP4 0.0.0.0\r\n';
      expect(
        (
          await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/sdp', ...auth },
            body: noMedia,
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/sdp', authorization: 'Bearer wrong' },
            body: sdp,
          })
        ).status,
      ).toBe(401);
      expect(
        (await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: sdp })).status,
      ).toBe(401);
      expect(whip.sessions.size).toBe(0);
    } finally {
      await pc.close();
    }
  });

  it('answers 503 with Retry-After beyond its call limit', async () => {
    const peers = await Promise.all([offer(), offer(), offer()]);
    const locations: string[] = [];
    try {
      for (const p of peers.slice(0, 2)) {
        const r = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/sdp', ...auth },
          body: p.sdp,
        });
        expect(r.status).toBe(201);
        locations.push(r.headers.get('location')!);
        await r.text();
      }
      const busy = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/sdp', ...auth },
        body: peers[2].sdp,
      });
      expect(busy.status).toBe(503);
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      for (const l of locations) await fetch(new URL(l, server.url), { method: 'DELETE', headers: auth });
      for (const p of peers) await p.pc.close();
    }
    expect(whip.sessions.size).toBe(0);
  });
});

describe('WHIP session limits', () => {
  it('ends a session on its own after the maximum duration', async () => {
    const whip = createWhipModule({ maxCalls: 5, maxSeconds: 1, iceServers: [] });
    const server = await startServer({ listen: '127.0.0.1:0', modules: [whip] });
    const { pc, sdp } = await offer();
    try {
      const res = await fetch(`${server.url}/api/v1/whip`, {
        method: 'POST',
        headers: { 'content-type': 'application/sdp' },
        body: sdp,
      });
      expect(res.status).toBe(201);
      await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
      expect(whip.sessions.size).toBe(1);
      await new Promise((r) => setTimeout(r, 1600));
      expect(whip.sessions.size).toBe(0);
      expect(whip.stats.timedOut).toBe(1);
    } finally {
      await pc.close();
      await server.close();
    }
  });

  it('a client facing a server that accepts TCP and never answers gives up by its deadline with a clear finding', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const t0 = Date.now();
      const deadline = t0 + 4000;
      const r = await runCall({
        server: `http://127.0.0.1:${port}`,
        durationS: 2,
        feed: replayFeed([]),
        signal: new AbortController().signal,
        deadline,
      });
      const took = Date.now() - t0;
      expect(took).toBeLessThan(4000 + 2500); // the DELETE is not sent: no Location was ever given
      expect(r.connected).toBe(false);
      expect(r.error?.reason).toBe('timeout');
      const outcome = judgeCall(r, DEFAULT_CALL, DEFAULT_NETWORK);
      expect(outcome.status).toBe('fail');
      expect(outcome.findings![0].key).toBe('call.timeout');
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('does not wait on an unreachable STUN server longer than the gathering bound', async () => {
    const dgram = await import('node:dgram');
    const blackHole = dgram.createSocket('udp4'); // receives STUN requests and never answers
    await new Promise<void>((r) => blackHole.bind(0, '127.0.0.1', () => r()));
    const whip = createWhipModule({ maxCalls: 5, maxSeconds: 30, iceServers: [] });
    const server = await startServer({ listen: '127.0.0.1:0', modules: [whip] });
    try {
      const t0 = Date.now();
      const r = await runCall({
        server: server.url,
        durationS: 1,
        feed: replayFeed([]),
        iceServers: [{ urls: [`stun:127.0.0.1:${blackHole.address().port}`] }],
        signal: new AbortController().signal,
        deadline: Date.now() + 20_000,
      });
      expect(r.connected).toBe(true);
      // gathering ≤ 2 s (werift alone waits 5 s), then 1 s of media and ≤ 1.5 s of drain
      expect(Date.now() - t0).toBeLessThan(6000);
    } finally {
      blackHole.close();
      await server.close();
    }
  });

  it('against a WHIP server that does not echo: connect time, candidate type and RTCP figures, and says so', async () => {
    const { ffmpegFeed, recordFeed } = await import('../../src/net/webrtc-media.js');
    const { resolveFfmpeg } = await import('../../src/media/ffmpeg.js');
    const ingest = createWhipModule({ maxCalls: 5, maxSeconds: 30, iceServers: [], echo: false });
    const server = await startServer({ listen: '127.0.0.1:0', modules: [ingest] });
    try {
      const ac = new AbortController();
      const packets = await recordFeed(
        ffmpegFeed({
          ffmpeg: resolveFfmpeg(),
          video: { width: 640, height: 360, frameRate: 30, bitrateKbps: 600 },
          audioBitrateKbps: 32,
          realtime: false,
        }),
        3,
        ac.signal,
      );
      const r = await runCall({
        server: server.url,
        durationS: 3,
        feed: replayFeed(packets),
        signal: ac.signal,
        deadline: Date.now() + 30_000,
      });
      expect(r.connected).toBe(true);
      expect(r.candidateType).toBe('host');
      expect(r.connectMs!).toBeGreaterThan(0);
      expect(r.echo).toBe(false);
      expect(r.video.packetsEchoed).toBe(0);
      // the server's receiver reports arrived: loss and jitter of what it received
      expect(r.lossUpPercent).toBeDefined();
      expect(r.lossUpPercent!).toBeLessThan(0.5); // loopback: 0, or the one-packet glitch (docs/call.md)
      expect(r.audio.rtcpJitterMs).toBeDefined();
      const outcome = judgeCall(r, { ...DEFAULT_CALL, durationSeconds: 3 }, DEFAULT_NETWORK);
      expect(outcome.findings!.map((f) => f.key)).toContain('call.noEcho');
      expect(outcome.metrics!.find((m) => m.id === 'connectTime')!.value).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
