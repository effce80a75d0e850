// The libwebrtc engine's pure parts: what it POSTs, how it reads standard getStats() into the
// werift engine's CallResult (same sanity checks), and the verdicts only it can give.
import { describe, expect, it } from 'vitest';
import { judgeCall } from '../../src/checks/call.js';
import { callSettingsFrom } from '../../src/commands/call.js';
import {
  EngineUnavailableError,
  SentHistory,
  answerWithBitrate,
  figuresFromStats,
  loadLibwebrtc,
  withoutRepair,
  runLibwebrtcCall,
  type FigureContext,
  type LibwebrtcCallResult,
  type StatsRecord,
} from '../../src/net/libwebrtc-call.js';
import { Framer } from '../../src/net/raw-media.js';
import { udpCandidatesOnly } from '../../src/net/sdp-offer.js';
import { DEFAULT_CALL, DEFAULT_NETWORK } from '../../src/profiles/defaults.js';
import { callResult } from '../helpers/call-result.js';

const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 125 124 127',
  'a=mid:0',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 transport-cc',
  'a=rtcp-fb:96 nack',
  'a=rtcp-fb:96 nack pli',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:125 red/90000',
  'a=rtpmap:124 rtx/90000',
  'a=fmtp:124 apt=125',
  'a=rtpmap:127 ulpfec/90000',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63',
  'a=mid:1',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  '',
].join('\r\n');

describe('withoutRepair: loss is counted before any repair', () => {
  const out = withoutRepair(OFFER);
  it('drops nack (keeps nack pli), RTX, RED and ULPFEC', () => {
    expect(out).not.toMatch(/a=rtcp-fb:96 nack\r\n/);
    expect(out).toContain('a=rtcp-fb:96 nack pli');
    expect(out).not.toMatch(/red\/|ulpfec|rtx|apt=/);
    expect(out).toContain('m=video 9 UDP/TLS/RTP/SAVPF 96\r\n');
    expect(out).toContain('m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n');
    expect(out).toContain('a=fmtp:111 minptime=10;useinbandfec=1');
    expect(out).toContain('a=group:BUNDLE 0 1');
  });
});

describe('udpCandidatesOnly: the call measures the UDP path', () => {
  it('drops TCP candidates (active, passive, so) and keeps UDP host, srflx and relay ones', () => {
    const sdp = [
      'v=0',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=candidate:1 1 udp 2122260223 127.0.0.2 40349 typ host generation 0',
      'a=candidate:2 1 tcp 1518280447 127.0.0.2 9 typ host tcptype active generation 0',
      'a=candidate:3 1 TCP 1015022079 127.0.0.2 47267 typ host tcptype passive',
      'a=candidate:4 1 UDP 1677729535 203.0.113.5 5000 typ srflx raddr 0.0.0.0 rport 0',
      'a=candidate:5 1 udp 41885439 198.51.100.7 3478 typ relay raddr 0.0.0.0 rport 0',
      'a=end-of-candidates',
      '',
    ].join('\r\n');
    const out = udpCandidatesOnly(sdp).split('\r\n');
    expect(out.filter((l) => l.startsWith('a=candidate:')).map((l) => l.split(' ')[0])).toEqual([
      'a=candidate:1',
      'a=candidate:4',
      'a=candidate:5',
    ]);
    expect(out).toContain('a=end-of-candidates');
    expect(out.length).toBe(sdp.split('\r\n').length - 2);
  });
});

describe('answerWithBitrate', () => {
  it('starts and caps the video encoder at the profile bitrate', () => {
    const ans = [
      'v=0',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=rtpmap:96 VP8/90000',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=rtpmap:111 opus/48000/2',
      'a=fmtp:111 minptime=10',
      '',
    ].join('\r\n');
    const out = answerWithBitrate(ans, 1500);
    expect(out).toContain('a=rtpmap:96 VP8/90000\r\na=fmtp:96 x-google-start-bitrate=1500;x-google-max-bitrate=1500');
    expect(out).toContain('a=fmtp:111 minptime=10\r\n');
    const withFmtp = answerWithBitrate(ans.replace('VP8/90000', 'VP8/90000\r\na=fmtp:96 foo=1'), 800);
    expect(withFmtp).toContain('a=fmtp:96 foo=1;x-google-start-bitrate=800;x-google-max-bitrate=800');
  });
});

describe('SentHistory', () => {
  it('interpolates the packets sent at a receiver report', () => {
    const h = new SentHistory();
    h.add(1000, 0);
    h.add(2000, 100);
    h.add(3000, 300);
    expect(h.at(500)).toBe(0);
    expect(h.at(1500)).toBe(50);
    expect(h.at(2500)).toBe(200);
    expect(h.at(9000)).toBe(300);
  });
});

describe('Framer', () => {
  it('cuts a byte stream into whole records across chunk borders', () => {
    const got: number[][] = [];
    const f = new Framer(3, (r) => got.push([...r]));
    f.push(Uint8Array.from([1, 2]));
    f.push(Uint8Array.from([3, 4, 5, 6, 7]));
    expect(got).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(f.count).toBe(2);
  });
});

const T = 1_800_000_000_000;
function ctx(over: Partial<FigureContext> = {}): FigureContext {
  const history = { video: new SentHistory(), audio: new SentHistory() };
  history.video.add(T, 0);
  history.video.add(T + 10_000, 1000);
  history.audio.add(T, 0);
  history.audio.add(T + 10_000, 500);
  return { history, sendSpanS: 10, framesFed: 300, dcRtts: [], packetEcho: false, ...over };
}
function stats(o: { upLost?: [number, number]; downLost?: [number, number]; rtt?: number; jitter?: number } = {}) {
  const s: StatsRecord[] = [];
  const [uv, ua] = o.upLost ?? [0, 0];
  const [dv, da] = o.downLost ?? [0, 0];
  for (const [kind, sent, upLost, downLost] of [
    ['video', 1000, uv, dv],
    ['audio', 500, ua, da],
  ] as const) {
    s.push({
      id: `out-${kind}`,
      type: 'outbound-rtp',
      kind,
      timestamp: T + 10_000,
      packetsSent: sent,
      bytesSent: sent * (kind === 'video' ? 1000 : 80),
      headerBytesSent: sent * 12,
      framesEncoded: kind === 'video' ? 300 : undefined,
      encoderImplementation: kind === 'video' ? 'libvpx' : undefined,
      qualityLimitationReason: kind === 'video' ? 'none' : undefined,
      qualityLimitationDurations: kind === 'video' ? { none: 10, cpu: 0, bandwidth: 0, other: 0 } : undefined,
    });
    s.push({
      id: `ri-${kind}`,
      type: 'remote-inbound-rtp',
      kind,
      localId: `out-${kind}`,
      timestamp: T + 9_000, // the last report covers the first 9 s
      packetsLost: upLost,
      fractionLost: 0,
      roundTripTime: (o.rtt ?? 20) / 1000,
      jitter: (o.jitter ?? 3) / 1000,
    });
    s.push({
      id: `in-${kind}`,
      type: 'inbound-rtp',
      kind,
      timestamp: T + 10_000,
      packetsReceived: sent - downLost,
      packetsLost: downLost,
      bytesReceived: (sent - downLost) * 1000,
      framesReceived: kind === 'video' ? 290 : undefined,
      jitter: 0.004,
    });
  }
  s.push({ id: 'T', type: 'transport', timestamp: T, selectedCandidatePairId: 'CP' });
  s.push({ id: 'CP', type: 'candidate-pair', timestamp: T, availableOutgoingBitrate: 2_000_000 });
  return s;
}

describe('figuresFromStats (standard getStats → CallResult)', () => {
  it('clean call: 0 % loss, RTT from RTCP, audio jitter from the server report', () => {
    const f = figuresFromStats(stats(), ctx());
    expect(f.implausible).toBeUndefined();
    expect(f.lossPercent).toBe(0);
    expect(f.rttMs).toBeCloseTo(20);
    expect(f.jitterMs).toBeCloseTo(3);
    expect(f.availableOutgoingKbps).toBe(2000);
    expect(f.framesSent).toBe(300);
    expect(f.framesEchoed).toBe(290);
    expect(f.mos).toBeGreaterThan(4.3);
  });
  it('uplink loss against the packets sent when the report arrived (not at the end)', () => {
    // 9 s of 10: 900 video + 450 audio packets were covered; 27 + 13.5 ≈ 3 % of them lost.
    const f = figuresFromStats(stats({ upLost: [27, 13] }), ctx());
    expect(f.lossUpPercent).toBeCloseTo((100 * 40) / 1350, 5);
    expect(f.lossPercent).toBeCloseTo(f.lossUpPercent!, 5);
  });
  it('packets retransmitted although no NACK was negotiated count as lost (the peer repaired them)', () => {
    const st = stats({ upLost: [10, 13] });
    st.find((x) => x.id === 'out-video')!.retransmittedPacketsSent = 17;
    const f = figuresFromStats(st, ctx());
    expect(f.lossUpPercent).toBeCloseTo((100 * 40) / 1350, 5);
    expect(f.repair).toEqual({ 'video out retransmittedPacketsSent': 17 });
  });
  it('a packet-for-packet echo: the downlink is what the round trip lost beyond the uplink', () => {
    const f = figuresFromStats(stats({ upLost: [27, 13], downLost: [60, 30] }), ctx({ packetEcho: true }));
    const up = 40 / 1350;
    expect(f.lossDownPercent).toBeCloseTo(100 * (1 - (1 - 0.06) / (1 - up)), 5);
    expect(f.lossRoundTripPercent).toBeCloseTo(6, 5);
  });
  it('a signed cumulative loss of −1 (a duplicate) is no loss; an impossible figure is never judged', () => {
    expect(figuresFromStats(stats({ upLost: [-1, 0] }), ctx()).lossUpPercent).toBe(0);
    const bad = figuresFromStats(stats({ upLost: [5000, 0] }), ctx());
    expect(bad.implausibleFigures).toContainEqual({
      key: 'call.implausible.rtcpLost',
      params: { media: 'video', lost: 5000, sent: 900 },
    });
    // The JSON keeps `implausible` as English text, one string a figure (scripts read it).
    expect(bad.implausible).toContain('RTCP video: 5,000 packets lost of 900 sent');
    expect(bad.implausible).toHaveLength(bad.implausibleFigures!.length);
    expect(bad.lossPercent).toBeUndefined();
    expect(bad.mos).toBeUndefined();
    const rtt = figuresFromStats(stats({ rtt: 60_000 }), ctx());
    expect(rtt.implausibleFigures?.map((f) => f.key)).toContain('call.implausible.rtcpRtt');
    expect(rtt.implausible?.join()).toMatch(/round-trip time 60,000 ms/);
  });
  it('data-channel probes win over RTCP for the RTT (as in the werift engine)', () => {
    expect(figuresFromStats(stats(), ctx({ dcRtts: [2, 3, 4] })).rttMs).toBe(3);
  });
});

const lw = (over: Partial<LibwebrtcCallResult> = {}): LibwebrtcCallResult => ({
  ...callResult({ pair: undefined, lossUpPercent: undefined, lossRoundTripPercent: undefined }),
  engine: 'libwebrtc',
  packetEcho: true,
  availableOutgoingKbps: 2500,
  limitation: { reason: 'none', cpuS: 0, bandwidthS: 0, totalS: 10 },
  ...over,
});

describe('judgeCall with the libwebrtc engine', () => {
  const keys = (r: LibwebrtcCallResult) => judgeCall(r, DEFAULT_CALL, DEFAULT_NETWORK).findings!.map((f) => f.key);
  it('passes a clean call and shows libwebrtc’s estimate of the uplink', () => {
    const o = judgeCall(lw(), DEFAULT_CALL, DEFAULT_NETWORK);
    expect(o.status).toBe('pass');
    expect(o.metrics!.find((m) => m.id === 'availableBitrate')?.value).toBe(2500);
  });
  it('a busy computer (cpu) is named as such, not the network', () => {
    const o = judgeCall(
      lw({ limitation: { reason: 'cpu', cpuS: 6, bandwidthS: 0, totalS: 10 } }),
      DEFAULT_CALL,
      DEFAULT_NETWORK,
    );
    expect(o.status).toBe('warn');
    expect(o.findings!.map((f) => f.key)).toEqual(['call.connected', 'call.cpuLimited']);
  });
  it('a slow uplink (libwebrtc’s estimate below the need) is a warning only when the video that got through is too low', () => {
    const slow = lw({ availableOutgoingKbps: 600, videoReceiveKbps: 550 });
    const o = judgeCall(slow, DEFAULT_CALL, DEFAULT_NETWORK);
    expect(o.findings!.find((f) => f.key === 'call.bandwidthLimited')).toMatchObject({
      severity: 'warn',
      params: { kbps: 600, need: 1532 },
    });
    expect(keys(slow)).toContain('call.lowBitrate');
    const ok = lw({ availableOutgoingKbps: 1300 });
    expect(
      judgeCall(ok, DEFAULT_CALL, DEFAULT_NETWORK).findings!.find((f) => f.key === 'call.bandwidthLimited')?.severity,
    ).toBe('info');
    expect(keys(lw({ availableOutgoingKbps: 1450 }))).not.toContain('call.bandwidthLimited');
    // Resolution lowered for bandwidth a good part of the call: named even with a fair estimate.
    expect(keys(lw({ limitation: { reason: 'bandwidth', cpuS: 0, bandwidthS: 5, totalS: 10 } }))).toContain(
      'call.bandwidthLimited',
    );
  });
  it('echoed packets without a decodable frame are not "no video back"', () => {
    expect(keys(lw({ framesEchoed: 0 }))).not.toContain('call.noVideoBack');
    expect(keys(lw({ framesEchoed: 0, video: { ...lw().video, packetsEchoed: 0 } }))).toContain('call.noVideoBack');
  });
});

describe('libwebrtc that cannot load', () => {
  it('is an error finding with the next step, never a crash', async () => {
    await expect(loadLibwebrtc('@roamhq/wrtc-not-installed')).rejects.toBeInstanceOf(EngineUnavailableError);
    const r = await runLibwebrtcCall({
      server: 'http://127.0.0.1:9',
      durationS: 1,
      media: { ffmpeg: { path: 'ffmpeg', source: 'system' }, video: DEFAULT_CALL.video },
      signal: new AbortController().signal,
      deadline: Date.now() + 5000,
      moduleName: '@roamhq/wrtc-not-installed',
    });
    expect(r.connected).toBe(false);
    expect(r.error?.reason).toBe('engineUnavailable');
    const o = judgeCall(r, DEFAULT_CALL, DEFAULT_NETWORK);
    expect(o.status).toBe('error');
    expect(o.findings![0]).toMatchObject({ key: 'call.engineUnavailable', remedyKey: 'call.engineUnavailable.remedy' });
    expect(String(o.findings![0].params!.detail)).toMatch(/wrtc-not-installed.*cannot be loaded/);
  });
});

describe('--engine', () => {
  it('selects the engine and refuses an unknown one', () => {
    expect(callSettingsFrom(DEFAULT_CALL, { engine: 'libwebrtc' }).engine).toBe('libwebrtc');
    expect(DEFAULT_CALL.engine).toBe('werift');
    expect(() => callSettingsFrom(DEFAULT_CALL, { engine: 'chrome' })).toThrow();
  });
});
