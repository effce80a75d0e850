// Each werift 0.22.9 workaround (docs/call.md, "werift workarounds") against the bug it works around:
// the first half of every test shows the bug in plain werift (so the test notices when an upgrade
// fixes it), the second half that wardkit's echo peer does not have it.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createPeer, waitConnected } from '../../src/net/webrtc-peer.js';
import { planOffer } from '../../src/net/sdp-offer.js';
import { EchoSession, ECHO_CODECS } from '../../src/server/whip/echo-session.js';
import { sendCloseNotify, WERIFT_VERSION } from '../../src/net/werift-fixes.js';
import { ntpTime, RtcpReceiverInfo, RtcpSenderInfo, RtcpSrPacket, RtpRouter } from 'werift';
import { compactOf, ntpFromUnixMs, ReportReader } from '../../src/net/call-meter.js';

// A multi-section offer as aiortc makes it: BUNDLE offered, each section with its own ICE credentials.
const offer = (bundle: boolean) =>
  [
    'v=0',
    'o=- 1 1 IN IP4 0.0.0.0',
    's=-',
    't=0 0',
    ...(bundle ? ['a=group:BUNDLE 0 1'] : []),
    'm=video 50001 UDP/TLS/RTP/SAVPF 97',
    'c=IN IP4 127.0.0.1',
    'a=sendrecv',
    'a=mid:0',
    'a=rtcp-mux',
    'a=rtpmap:97 VP8/90000',
    'a=rtcp-fb:97 nack',
    'a=rtcp-fb:97 nack pli',
    'a=rtcp-fb:97 goog-remb',
    'a=ice-ufrag:AAAA',
    'a=ice-pwd:aaaaaaaaaaaaaaaaaaaaaa',
    'a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF',
    'a=setup:actpass',
    'm=audio 50002 UDP/TLS/RTP/SAVPF 96',
    'c=IN IP4 127.0.0.1',
    'a=sendrecv',
    'a=mid:1',
    'a=rtcp-mux',
    'a=rtpmap:96 opus/48000/2',
    'a=ice-ufrag:BBBB',
    'a=ice-pwd:bbbbbbbbbbbbbbbbbbbbbb',
    'a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF',
    'a=setup:actpass',
    '',
  ].join('\r\n');

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.allSettled(closers.splice(0).map((c) => c()));
});
const remoteUfrags = (pc: ReturnType<typeof createPeer>) =>
  pc.iceTransports.map((t) => (t.connection as unknown as { remoteUsername: string }).remoteUsername);

describe(`werift ${WERIFT_VERSION} workarounds`, () => {
  it('is the werift version the workarounds were written for', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../node_modules/werift/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(pkg.version).toBe(WERIFT_VERSION);
  });

  it('per-section ICE credentials before BUNDLE: werift keeps the LAST section’s; the echo peer uses the BUNDLE-tag section’s', async () => {
    const plain = createPeer({ hostAddresses: ['127.0.0.1'] });
    closers.push(() => plain.close());
    await plain.setRemoteDescription({ type: 'offer', sdp: offer(true) });
    expect(remoteUfrags(plain)).toEqual(['BBBB']); // the bug: ICE checks to the tag transport never succeed
    const fixed = createPeer({ hostAddresses: ['127.0.0.1'], codecs: undefined });
    closers.push(() => fixed.close());
    await fixed.setRemoteDescription({ type: 'offer', sdp: planOffer(offer(true), ECHO_CODECS).sdp });
    expect(remoteUfrags(fixed)).toEqual(['AAAA']);
  });

  it('an offer without BUNDLE: werift answers with a group anyway; the echo peer does not, and opens one transport per section', async () => {
    const plain = createPeer({ hostAddresses: ['127.0.0.1'], gatherTimeoutMs: 300 });
    closers.push(() => plain.close());
    await plain.setRemoteDescription({ type: 'offer', sdp: offer(false) });
    await plain.setLocalDescription(await plain.createAnswer());
    expect(plain.localDescription!.sdp).toContain('a=group:BUNDLE'); // the bug (RFC 8843 §7.3)
    const s = new EchoSession({ maxSeconds: 5, iceServers: [], hostAddresses: ['127.0.0.1'], onEnd: () => {} });
    closers.push(() => s.close());
    const answer = await s.answer(offer(false));
    expect(answer).not.toContain('a=group:BUNDLE');
    // One transport per section: each has its own host candidate port.
    expect(new Set([...answer.matchAll(/a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 (\d+)/g)].map((m) => m[1])).size).toBe(
      2,
    );
  });

  it('RTCP feedback: werift copies the offer’s nack/pli/remb lines; the echo peer advertises none', async () => {
    const plain = createPeer({ hostAddresses: ['127.0.0.1'], gatherTimeoutMs: 300, codecs: { audio: [], video: [] } });
    closers.push(() => plain.close());
    const { RTCRtpCodecParameters } = await import('werift');
    const p2 = createPeer({
      hostAddresses: ['127.0.0.1'],
      gatherTimeoutMs: 300,
      codecs: {
        audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, rtcpFeedback: [] })],
        video: [new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, rtcpFeedback: [] })],
      },
    });
    closers.push(() => p2.close());
    await p2.setRemoteDescription({ type: 'offer', sdp: offer(true) });
    await p2.setLocalDescription(await p2.createAnswer());
    expect(p2.localDescription!.sdp).toMatch(/a=rtcp-fb:97 nack pli/); // the bug: configured without feedback, still answers it
    const s = new EchoSession({ maxSeconds: 5, iceServers: [], hostAddresses: ['127.0.0.1'], onEnd: () => {} });
    closers.push(() => s.close());
    expect(await s.answer(offer(true))).not.toContain('a=rtcp-fb');
  });

  it('close: werift sends no DTLS alert (the peer stays "connected"); with close_notify the peer closes at once', async () => {
    const pair = async () => {
      const a = createPeer({ hostAddresses: ['127.0.0.1'], gatherTimeoutMs: 300 });
      const b = createPeer({ hostAddresses: ['127.0.0.1'], gatherTimeoutMs: 300 });
      closers.push(
        () => a.close(),
        () => b.close(),
      );
      a.createDataChannel('x');
      await a.setLocalDescription(await a.createOffer());
      await b.setRemoteDescription(a.localDescription!);
      await b.setLocalDescription(await b.createAnswer());
      await a.setRemoteDescription(b.localDescription!);
      const signal = AbortSignal.timeout(15_000);
      await Promise.all([waitConnected(a, signal), waitConnected(b, signal)]);
      return { a, b };
    };
    const dtlsState = (pc: ReturnType<typeof createPeer>) => pc.dtlsTransports[0].state;
    const plain = await pair();
    await plain.b.close();
    await new Promise((r) => setTimeout(r, 1000));
    expect(dtlsState(plain.a)).toBe('connected'); // the bug: only consent expiry will tell
    const fixed = await pair();
    const t0 = Date.now();
    expect(await sendCloseNotify(fixed.b)).toBe(1);
    while (dtlsState(fixed.a) !== 'closed' && Date.now() - t0 < 1000) await new Promise((r) => setTimeout(r, 20));
    expect(dtlsState(fixed.a)).toBe('closed');
    console.log(`close_notify → peer closed in ${Date.now() - t0} ms`);
  });

  it('report blocks in a sender report: werift gives them to no sender; the client reads them off the transport', () => {
    const ours = 0x1234;
    const seen: number[] = [];
    const router = new RtpRouter();
    // A registered sender as werift's router sees one: an SSRC and a handler.
    router.registerRtpSender({ ssrc: ours, handleRtcpPacket: (p: { type: number }) => seen.push(p.type) } as never);
    const block = new RtcpReceiverInfo({
      ssrc: ours,
      fractionLost: 0,
      packetsLost: 0,
      highestSequence: 1000,
      jitter: 5,
      lsr: 0xabcd0000,
      dlsr: 655,
    });
    // The peer (GStreamer) sends media too, so its report about our stream comes in its own SR.
    const sr = new RtcpSrPacket({
      ssrc: 0x9999,
      senderInfo: new RtcpSenderInfo({ ntpTimestamp: 1n << 32n, rtpTimestamp: 0, packetCount: 1, octetCount: 1 }),
      reports: [block],
    });
    router.routeRtcp(sr);
    expect(seen).toEqual([]); // the bug: routed by the SR's own SSRC only
    expect(new ReportReader(new Map([[ours, 'video']])).read(sr).map((r) => r.block.lsr)).toEqual([0xabcd0000]);
  });

  it('NTP time: werift writes the decimal digits of the second’s fraction as the binary fraction; ours is the real one', async () => {
    // Sample inside 0.1–0.9 s of a second, where the two formats cannot agree by chance.
    const inside = () => {
      const f = ((performance.timeOrigin + performance.now()) % 1000) / 1000;
      return f > 0.1 && f < 0.9;
    };
    while (!inside()) await new Promise((r) => setTimeout(r, 20));
    const before = performance.timeOrigin + performance.now();
    const theirs = ntpTime();
    const after = performance.timeOrigin + performance.now();
    const fraction = (ntp: bigint) => Number(ntp & 0xffffffffn) / 2 ** 32;
    const truth = (before % 1000) / 1000;
    // e.g. 0.25 s → "25" → 25 / 2³² s; at most 7 digits fit a double here: below 10⁷ / 2³² ≈ 0.0023 s.
    expect(fraction(theirs)).toBeLessThan(10 ** 7 / 2 ** 32);
    expect(Math.abs(fraction(theirs) - truth)).toBeGreaterThan(0.09);
    expect(Math.abs(fraction(ntpFromUnixMs(before)) - truth)).toBeLessThan(0.000_01);
    // The seconds agree (the sample is inside one second).
    expect([ntpFromUnixMs(before) >> 32n, ntpFromUnixMs(after) >> 32n]).toContain(theirs >> 32n);
    // What a receiver report echoes (the compact time) moves by 1/65,536 s units with ours.
    expect(compactOf(ntpFromUnixMs(before + 100)) - compactOf(ntpFromUnixMs(before))).toBeCloseTo(6554, -1);
  });
});
