// --ice-transport relay through a real coturn on 127.0.0.1: the call must run over a relay
// candidate, and fail cleanly (no host fallback) when the TURN credentials are wrong.
import { describe, expect, it } from 'vitest';
import { startCoturn } from '../helpers/coturn.js';
import { systemUnavailable } from '../helpers/system.js';
import { startServer } from '../../src/server/app.js';
import { createWhipModule } from '../../src/server/whip/module.js';
import { runCall } from '../../src/net/webrtc-call.js';
import { recordFeed, ffmpegFeed, replayFeed } from '../../src/net/webrtc-media.js';
import { resolveFfmpeg } from '../../src/media/ffmpeg.js';

const why = systemUnavailable(['turnserver', 'ffmpeg']);

describe.skipIf(why)('test call through a TURN relay (coturn)', () => {
  it('forces a relay candidate pair and still echoes media', async () => {
    const turn = await startCoturn();
    const whip = createWhipModule({ maxCalls: 5, maxSeconds: 60, iceServers: [] });
    const server = await startServer({ listen: '127.0.0.1:0', modules: [whip] });
    try {
      const ac = new AbortController();
      const packets = await recordFeed(
        ffmpegFeed({
          ffmpeg: resolveFfmpeg(),
          video: { width: 640, height: 360, frameRate: 30, bitrateKbps: 800 },
          audioBitrateKbps: 32,
          realtime: false,
        }),
        3,
        ac.signal,
      );
      const ice = [{ urls: [turn.urls.udp], username: turn.username, credential: turn.credential }];
      const r = await runCall({
        server: server.url,
        durationS: 3,
        feed: replayFeed(packets),
        iceServers: ice,
        iceTransport: 'relay',
        signal: ac.signal,
        deadline: Date.now() + 40_000,
      });
      expect(r.error).toBeUndefined();
      expect(r.connected).toBe(true);
      expect(r.candidateType).toBe('relay');
      expect(r.pair!.localType).toBe('relay');
      console.log(
        'relay call',
        JSON.stringify({
          sent: r.framesSent,
          echoed: r.framesEchoed,
          loss: r.lossRoundTripPercent,
          connectMs: r.connectMs,
          pair: r.pair,
        }),
      );
      expect(r.framesSent).toBeGreaterThan(30);
      expect(r.framesEchoed).toBeGreaterThanOrEqual(r.framesSent - 1);
      expect(r.lossRoundTripPercent).toBeLessThan(1);

      // The same call without relay forced goes host-to-host.
      const direct = await runCall({
        server: server.url,
        durationS: 1,
        feed: replayFeed(packets),
        iceServers: ice,
        iceTransport: 'all',
        signal: ac.signal,
        deadline: Date.now() + 30_000,
      });
      expect(direct.candidateType).toBe('host');

      // Wrong TURN password: no relay candidate, so the relay-only call cannot connect — and says so in time.
      const t0 = Date.now();
      const bad = await runCall({
        server: server.url,
        durationS: 1,
        feed: replayFeed(packets),
        iceServers: [{ ...ice[0], credential: 'wrong' }],
        iceTransport: 'relay',
        signal: ac.signal,
        deadline: Date.now() + 15_000,
      });
      expect(bad.connected).toBe(false);
      expect(Date.now() - t0).toBeLessThan(17_000);
    } finally {
      await server.close();
      await turn.stop();
    }
  });
});
