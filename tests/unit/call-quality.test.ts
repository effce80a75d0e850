import { describe, expect, it } from 'vitest';
import {
  JitterMeter,
  SeqCounter,
  compactNtp,
  median,
  mosFromNetwork,
  rttFromReport,
} from '../../src/net/webrtc-quality.js';
import { formatIceLink, parseIceLinks } from '../../src/net/whip-link.js';
import { relayOnly } from '../../src/net/webrtc-call.js';
import { toWeriftIceServers } from '../../src/net/webrtc-peer.js';
import { whipEndpoint } from '../../src/net/whip-client.js';

describe('E-model MOS (docs/thresholds.md)', () => {
  it('matches hand-computed values', () => {
    // Le = 20 + 2·5 + 10 = 40 → R = 94.768 − 1 = 93.768 → MOS = 1 + 3.28188 + 7e-6·93.768·33.768·6.232
    const r = 93.768;
    expect(mosFromNetwork(20, 5, 0)).toBeCloseTo(1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r), 6);
    // Le = 300 + 0 + 10 = 310 ≥ 160 → R = 94.768 − 19 = 75.768; loss 2 % → R = 70.768
    const r2 = 70.768;
    expect(mosFromNetwork(300, 0, 2)).toBeCloseTo(1 + 0.035 * r2 + 7e-6 * r2 * (r2 - 60) * (100 - r2), 6);
  });
  it('is clamped to [1, 4.5] and falls with loss', () => {
    expect(mosFromNetwork(0, 0, 0)).toBeLessThanOrEqual(4.5);
    expect(mosFromNetwork(2000, 200, 50)).toBe(1);
    expect(mosFromNetwork(50, 5, 5)).toBeLessThan(mosFromNetwork(50, 5, 1));
    // the pass band starts at 3.7: a clean LAN call passes, 10 % loss does not
    expect(mosFromNetwork(1, 1, 0)).toBeGreaterThan(4.3);
    expect(mosFromNetwork(100, 20, 10)).toBeLessThan(3.7);
  });
});

describe('RTCP arithmetic', () => {
  it('computes RTT from LSR/DLSR in compact NTP', () => {
    const sent = Date.UTC(2026, 0, 1, 12, 0, 0);
    const lsr = compactNtp(sent);
    const dlsr = Math.round(0.25 * 65536); // the receiver held it 250 ms
    const arrival = compactNtp(sent + 250 + 40); // 40 ms on the wire, both ways
    expect(rttFromReport(lsr, dlsr, arrival)).toBeCloseTo(40, 0);
    expect(rttFromReport(0, 0, arrival)).toBeUndefined();
  });
  it('counts expected packets across the sequence wrap', () => {
    const c = new SeqCounter();
    for (let s = 65530; s < 65536; s++) c.add(s);
    for (let s = 0; s < 10; s++) if (s !== 3) c.add(s);
    expect(c.expected).toBe(16);
    expect(c.received).toBe(15);
  });
  it('RFC 3550 jitter is 0 for a steady stream and grows with arrival noise', () => {
    const steady = new JitterMeter(48000);
    const noisy = new JitterMeter(48000);
    for (let i = 0; i < 500; i++) {
      steady.add(i * 20, i * 960);
      noisy.add(i * 20 + (i % 2 ? 10 : 0), i * 960);
    }
    expect(steady.ms).toBeCloseTo(0, 6);
    expect(noisy.ms).toBeGreaterThan(8); // |D| = 10 ms every packet → J → 10 ms
    expect(noisy.ms).toBeLessThanOrEqual(10);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});

describe('WHIP helpers', () => {
  it('formats and parses Link ice-server headers (RFC 9725 §4.6)', () => {
    const links = [
      ...formatIceLink({ urls: ['stun:stun.example.net:3478'] }),
      ...formatIceLink({ urls: ['turn:turn.example.net:3478?transport=udp'], username: 'u"1', credential: 'p,ss' }),
    ];
    expect(links[0]).toBe('<stun:stun.example.net:3478>; rel="ice-server"');
    expect(links[1]).toContain('credential-type="password"');
    const parsed = parseIceLinks([links.join(', '), '<https://example.net/x>; rel="next"']);
    expect(parsed).toEqual([
      { urls: ['stun:stun.example.net:3478'] },
      { urls: ['turn:turn.example.net:3478?transport=udp'], username: 'u"1', credential: 'p,ss' },
    ]);
  });
  it('maps ICE servers to werift (first stun, first turn with credentials; no TCP/TLS)', () => {
    expect(
      toWeriftIceServers([
        { urls: ['stuns:a:5349', 'stun:a'] },
        { urls: ['turn:t:3478?transport=tcp', 'turn:t:3479?transport=udp'], username: 'u', credential: 'p' },
        { urls: ['stun:b:1'] },
      ]),
    ).toEqual([{ urls: 'stun:a:3478' }, { urls: 'turn:t:3479', username: 'u', credential: 'p' }]);
  });
  it('keeps only relay candidates when relay is forced', () => {
    const sdp = [
      'v=0',
      'a=candidate:1 1 udp 1 127.0.0.1 5000 typ host',
      'a=candidate:2 1 udp 1 127.0.0.1 6000 typ relay raddr 0.0.0.0 rport 0',
      'a=end-of-candidates',
      '',
    ].join('\r\n');
    expect(relayOnly(sdp)).not.toContain('typ host');
    expect(relayOnly(sdp)).toContain('typ relay');
  });
  it('adds the wardkit WHIP path to a bare server URL only', () => {
    expect(whipEndpoint('http://127.0.0.1:8470')).toBe('http://127.0.0.1:8470/api/v1/whip');
    expect(whipEndpoint('https://whip.example.net/live/room1')).toBe('https://whip.example.net/live/room1');
  });
});

describe('SeqCounter duplicates', () => {
  it('counts a repeated sequence number once', () => {
    const c = new SeqCounter();
    expect(c.add(10)).toBe(true);
    expect(c.add(11)).toBe(true);
    expect(c.add(10)).toBe(false);
    expect(c.received).toBe(2);
    expect(c.duplicates).toBe(1);
  });
});
