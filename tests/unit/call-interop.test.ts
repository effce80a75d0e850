// The SDP rewriting of the echo peer (sdp-offer.ts) and the client's measurements that hold against
// any WHIP server (call-meter.ts), on hand-made SDP and RTP/RTCP values.
import { describe, expect, it } from 'vitest';
import { finishAnswer, parseSdp, planOffer } from '../../src/net/sdp-offer.js';
import {
  DownlinkView,
  SrClock,
  applyReport,
  compactOf,
  applyNack,
  lossFigures,
  routePacket,
  routingFromAnswer,
  type UplinkView,
} from '../../src/net/call-meter.js';
import { signed24 } from '../../src/net/werift-fixes.js';

const CODECS = { video: ['VP8', 'VP9', 'H264', 'AV1'], audio: ['OPUS', 'PCMU'] };

// An aiortc-style offer: BUNDLE offered, but every section has its own ICE credentials and candidates.
const aiortcOffer = [
  'v=0',
  'o=- 1 1 IN IP4 0.0.0.0',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1 2',
  'a=msid-semantic:WMS *',
  'm=video 50001 UDP/TLS/RTP/SAVPF 97',
  'c=IN IP4 127.0.0.1',
  'a=sendrecv',
  'a=mid:0',
  'a=rtpmap:97 VP8/90000',
  'a=rtcp-fb:97 nack pli',
  'a=candidate:1 1 udp 2130706431 127.0.0.1 50001 typ host',
  'a=end-of-candidates',
  'a=ice-ufrag:AAAA',
  'a=ice-pwd:aaaaaaaaaaaaaaaaaaaaaa',
  'a=fingerprint:sha-256 00:11',
  'a=setup:actpass',
  'm=audio 50002 UDP/TLS/RTP/SAVPF 96',
  'c=IN IP4 127.0.0.1',
  'a=sendrecv',
  'a=mid:1',
  'a=rtpmap:96 opus/48000/2',
  'a=candidate:1 1 udp 2130706431 127.0.0.1 50002 typ host',
  'a=end-of-candidates',
  'a=ice-ufrag:BBBB',
  'a=ice-pwd:bbbbbbbbbbbbbbbbbbbbbb',
  'a=fingerprint:sha-256 00:11',
  'a=setup:actpass',
  'm=application 50003 DTLS/SCTP 5000',
  'c=IN IP4 127.0.0.1',
  'a=mid:2',
  'a=sctpmap:5000 webrtc-datachannel 65535',
  'a=candidate:1 1 udp 2130706431 127.0.0.1 50003 typ host',
  'a=end-of-candidates',
  'a=ice-ufrag:CCCC',
  'a=ice-pwd:cccccccccccccccccccccc',
  'a=fingerprint:sha-256 00:11',
  'a=setup:actpass',
  '',
].join('\r\n');

describe('echo peer: what werift gets of an offer', () => {
  it('gives every bundled section the BUNDLE-tag section’s ICE credentials and candidates only', () => {
    const plan = planOffer(aiortcOffer, CODECS);
    expect(plan.bundled).toBe(true);
    expect(plan.tagMid).toBe('0');
    const p = parseSdp(plan.sdp);
    for (const s of p.media) {
      expect(s.lines.filter((l) => l.startsWith('a=ice-ufrag:'))).toEqual(['a=ice-ufrag:AAAA']);
      expect(s.lines.filter((l) => l.startsWith('a=ice-pwd:'))).toEqual(['a=ice-pwd:aaaaaaaaaaaaaaaaaaaaaa']);
      expect(s.lines.filter((l) => l.startsWith('a=candidate:'))).toEqual([
        'a=candidate:1 1 udp 2130706431 127.0.0.1 50001 typ host',
      ]);
    }
  });

  it('rejects a section without a common codec on its own (port 0, mid kept, out of the group) and keeps the rest', () => {
    const offer = aiortcOffer.replace('a=rtpmap:97 VP8/90000', 'a=rtpmap:97 MPV/90000');
    const plan = planOffer(offer, CODECS);
    expect(plan.rejected).toHaveLength(1);
    expect(plan.rejected[0]).toMatchObject({ index: 0, kind: 'video', mid: '0' });
    expect(plan.rejected[0].reason).toMatch(/no common video codec \(offered MPV\)/);
    // The tag moves to the first kept section of the group (RFC 8843 §7.3.3).
    expect(plan.tagMid).toBe('1');
    expect(plan.sdp).toContain('a=group:BUNDLE 1 2');
    expect(parseSdp(plan.sdp).media.map((m) => m.kind)).toEqual(['audio', 'application']);
    // werift's answer for the kept sections → the answer for the whole offer.
    const weriftAnswer = [
      'v=0',
      'o=- 2 0 IN IP4 0.0.0.0',
      's=-',
      't=0 0',
      'a=group:BUNDLE 1 2',
      'm=audio 9 UDP/TLS/RTP/SAVPF 96',
      'a=mid:1',
      'a=rtpmap:96 opus/48000/2',
      'a=rtcp-fb:96 nack',
      'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
      'a=mid:2',
      '',
    ].join('\r\n');
    const answer = parseSdp(finishAnswer(weriftAnswer, plan));
    expect(answer.media.map((m) => [m.kind, m.port, m.mid])).toEqual([
      ['video', 0, '0'],
      ['audio', 9, '1'],
      ['application', 9, '2'],
    ]);
    expect(answer.session).toContain('a=group:BUNDLE 1 2');
    // No RTCP feedback the echo does not implement.
    expect(finishAnswer(weriftAnswer, plan)).not.toContain('a=rtcp-fb');
  });

  it('an offer without BUNDLE gets an answer without a group', () => {
    const offer = aiortcOffer.replace('a=group:BUNDLE 0 1 2\r\n', '');
    const plan = planOffer(offer, CODECS);
    expect(plan.bundled).toBe(false);
    // Credentials stay per section (one transport each).
    expect(parseSdp(plan.sdp).media.map((s) => s.lines.find((l) => l.startsWith('a=ice-ufrag:')))).toEqual([
      'a=ice-ufrag:AAAA',
      'a=ice-ufrag:BBBB',
      'a=ice-ufrag:CCCC',
    ]);
    const weriftAnswer = [
      'v=0',
      's=-',
      't=0 0',
      'a=group:BUNDLE 0 1 2',
      'm=video 9 UDP/TLS/RTP/SAVPF 97',
      'a=mid:0',
      'm=audio 9 UDP/TLS/RTP/SAVPF 96',
      'a=mid:1',
      'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
      'a=mid:2',
      '',
    ].join('\r\n');
    expect(finishAnswer(weriftAnswer, plan)).not.toContain('a=group');
  });

  it('a bundle-only section (port 0 + a=bundle-only, GStreamer max-bundle) is not a rejection', () => {
    const offer = aiortcOffer.replace('m=audio 50002', 'm=audio 0').replace('a=mid:1', 'a=mid:1\r\na=bundle-only');
    expect(planOffer(offer, CODECS).rejected).toEqual([]);
  });

  it('refuses an offer whose only section has no common codec (the caller answers 400)', () => {
    const offer = [
      'v=0',
      's=-',
      't=0 0',
      'm=video 9 UDP/TLS/RTP/SAVPF 97',
      'a=mid:0',
      'a=rtpmap:97 MPV/90000',
      '',
    ].join('\r\n');
    const plan = planOffer(offer, CODECS);
    expect(plan.rejected.length).toBe(plan.sections);
  });
});

describe('client measurements from any RTP peer', () => {
  const answer = [
    'v=0',
    's=-',
    't=0 0',
    'a=group:BUNDLE v a',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'a=mid:v',
    'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid',
    'a=rtpmap:96 VP8/90000',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=mid:a',
    'a=ssrc:1234 cname:x',
    'a=rtpmap:111 opus/48000/2',
    '',
  ].join('\r\n');
  const pkt = (ssrc: number, pt: number, seq: number, ext: Array<{ id: number; payload: Buffer }> = []) => ({
    header: { ssrc, payloadType: pt, sequenceNumber: seq, timestamp: seq * 3000, marker: true, extensions: ext },
    payload: Buffer.alloc(100),
  });

  it('routes by SSRC, by the MID header extension (and learns the SSRC), else by a payload type only one section uses', () => {
    const r = routingFromAnswer(answer);
    expect(routePacket(r, pkt(1234, 0, 1))).toBe('audio'); // a=ssrc
    expect(routePacket(r, pkt(777, 0, 1, [{ id: 4, payload: Buffer.from('v') }]))).toBe('video'); // MID
    expect(routePacket(r, pkt(777, 0, 2))).toBe('video'); // learned
    expect(routePacket(r, pkt(999, 111, 1))).toBe('audio'); // payload type
    expect(routePacket(r, pkt(999, 50, 1))).toBeUndefined();
  });

  it('reads RFC 3550’s cumulative loss as a signed 24-bit number', () => {
    expect(signed24(0xffffff)).toBe(-1);
    expect(signed24(0x800000)).toBe(-0x800000);
    expect(signed24(0x7fffff)).toBe(0x7fffff);
    expect(signed24(12)).toBe(12);
  });

  const views = () => {
    const up = {
      audio: { sent: 500, reports: 0, firstSeq: 65000 } as UplinkView,
      video: { sent: 1000, reports: 0, firstSeq: 100 } as UplinkView,
    };
    const down = { audio: new DownlinkView(48000), video: new DownlinkView(90000) };
    return { up, down };
  };

  it('uplink loss = cumulative lost ÷ packets expected up to the report (with sequence wrap); −1 (a duplicate) is no loss', () => {
    const { up, down } = views();
    // audio: first seq 65000, highest extended 65536 + 463 → 1000 expected... of 500 sent would be impossible; use 499.
    applyReport(
      up.audio,
      { ssrc: 1, fractionLost: 0, packetsLost: 0xffffff, highestSequence: 65536 + 463, jitter: 480, lsr: 0, dlsr: 0 },
      48000,
    );
    expect(up.audio.expected).toBe(1000);
    up.audio.sent = 1000;
    applyReport(
      up.video,
      { ssrc: 2, fractionLost: 8, packetsLost: 30, highestSequence: 1099, jitter: 900, lsr: 0, dlsr: 0 },
      90000,
    );
    expect(up.video.expected).toBe(1000);
    expect(up.audio.jitterMs).toBe(10);
    const f = lossFigures(up, down, false);
    expect(f.implausible).toEqual([]);
    expect(f.lossUpPercent).toBeCloseTo(1.5, 6); // 30 of 2000
    expect(f.lossPercent).toBeCloseTo(1.5, 6);
  });

  it('video repaired by retransmission: the NACKed packets count as the link’s loss (audio is never repaired)', () => {
    const { up, down } = views();
    // 1,000 video packets from seq 100; the server NACKed 30 of them (and a few seq numbers we never sent),
    // got them again, and its report says 0 lost.
    applyNack(up.video, [...Array.from({ length: 30 }, (_, i) => 100 + i * 33), 5, 1100, 130 + 99 * 33]);
    applyNack(up.video, [100, 133]); // asked twice: counted once
    applyReport(
      up.video,
      { ssrc: 2, fractionLost: 0, packetsLost: 0, highestSequence: 1099, jitter: 0, lsr: 0, dlsr: 0 },
      90000,
    );
    expect(up.video.nacked?.size).toBe(30);
    let f = lossFigures({ audio: { sent: 0, reports: 0 }, video: up.video }, down, false);
    expect(f.lossUpPercent).toBeCloseTo(3, 6);
    // More lost than NACKed (a receiver that NACKs some losses only): the report's count stands.
    applyReport(
      up.video,
      { ssrc: 2, fractionLost: 0, packetsLost: 45, highestSequence: 1099, jitter: 0, lsr: 0, dlsr: 0 },
      90000,
    );
    f = lossFigures({ audio: { sent: 0, reports: 0 }, video: up.video }, down, false);
    expect(f.lossUpPercent).toBeCloseTo(4.5, 6);
  });

  it('an impossible report (16,777,215 lost of 100 expected, read unsigned) is an error, never a verdict', () => {
    const { up, down } = views();
    applyReport(
      up.video,
      { ssrc: 2, fractionLost: 0, packetsLost: 0x7fffff, highestSequence: 199, jitter: 0, lsr: 0, dlsr: 0 },
      90000,
    );
    const f = lossFigures(up, down, false);
    expect(f.implausible).toContainEqual({
      key: 'call.implausible.rtcpLostExpected',
      params: { media: 'video', lost: 0x7fffff, expected: 100 },
    });
    expect(f.lossPercent).toBeUndefined();
  });

  it('downlink loss from the gaps of the stream the server sends (any SSRC), round trip only for a packet echo', () => {
    const { up, down } = views();
    for (let s = 0; s < 100; s++) if (s % 20 !== 7) down.video.add(pkt(55, 96, s), s * 33, 'video'); // 5 of 100 lost
    let f = lossFigures(up, down, false);
    expect(f.lossDownPercent).toBeCloseTo(5, 6);
    expect(f.lossRoundTripPercent).toBeUndefined();
    // A packet-for-packet echo keeps the uplink's gaps: 5 % round trip with 2 % up → ≈ 3.06 % down.
    applyReport(
      up.video,
      { ssrc: 2, fractionLost: 0, packetsLost: 20, highestSequence: 1099, jitter: 0, lsr: 0, dlsr: 0 },
      90000,
    );
    up.video.sent = 100;
    up.audio.sent = 0;
    up.video.expected = 1000;
    f = lossFigures({ ...up, video: { ...up.video, sent: 1000 } }, down, true);
    expect(f.lossUpPercent).toBeCloseTo(2, 6);
    expect(f.lossDownPercent).toBeCloseTo(100 * (1 - 0.95 / 0.98), 6);
  });

  it('RTT from LSR/DLSR against the sender reports we sent', () => {
    const c = new SrClock();
    const ntp = (BigInt(3_900_000_000) << 32n) | BigInt(0x12345678);
    c.note(ntp, 1000);
    const lsr = compactOf(ntp);
    expect(lsr).toBe((((3_900_000_000 & 0xffff) << 16) | 0x1234) >>> 0);
    // Reply 250 ms after our SR, of which the server held it 200 ms (DLSR 13107.2 units): RTT 50 ms.
    expect(c.rtt(lsr, 13107, 1250)).toBeCloseTo(50, 0);
    expect(c.rtt(0, 0, 1250)).toBeUndefined();
    expect(c.rtt(lsr + 1, 0, 1250)).toBeUndefined();
    // Media stopped: werift sends the next SR with the same NTP time. Which one a report answers
    // cannot be told (the last one gave a negative RTT), so none is used.
    c.note(ntp, 2000);
    expect(c.rtt(lsr, 13107, 2100)).toBeUndefined();
  });
});
