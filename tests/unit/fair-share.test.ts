// The building blocks of issue 15's limits, against hand-computed truths: per-source slots,
// token buckets on a fake clock, WHIP offer bounds, JSON nesting measured on text.
import { describe, expect, it } from 'vitest';
import { jsonDepth } from '../../src/server/json-depth.js';
import { RateLimiter, SourceSlots, sourceKey } from '../../src/server/limits.js';
import { offerProblem } from '../../src/server/whip/offer-limits.js';
import { wellFormedProbe } from '../../src/server/probe/reflector.js';
import { encodeRequest, T_PROBE } from '../../src/net/probe-wire.js';

describe('SourceSlots', () => {
  it('caps each source and the total; release is idempotent', () => {
    const s = new SourceSlots({ total: 3, perSource: 2 });
    const a1 = s.acquire('10.0.0.1');
    const a2 = s.acquire('::ffff:10.0.0.1');
    expect(s.acquire('10.0.0.1')).toEqual({ refused: 'source' });
    const b1 = s.acquire('10.0.0.2');
    expect(s.acquire('10.0.0.3')).toEqual({ refused: 'total' });
    if ('release' in a1) {
      a1.release();
      a1.release();
    }
    expect(s.active).toBe(2);
    expect('release' in s.acquire('10.0.0.3')).toBe(true);
    void a2;
    void b1;
    expect(sourceKey('fe80::1%eth0')).toBe('fe80::1');
  });
});

describe('RateLimiter', () => {
  it('spends a burst, then refills at the rate', () => {
    let now = 0;
    const r = new RateLimiter({ perSecond: 2, burst: 3, now: () => now });
    expect([r.allow('a'), r.allow('a'), r.allow('a'), r.allow('a')]).toEqual([true, true, true, false]);
    expect(r.allow('b')).toBe(true);
    expect(r.retryAfter('a')).toBe(1);
    now = 500;
    expect(r.allow('a')).toBe(true);
    expect(r.allow('a')).toBe(false);
    expect(r.blocked('never-seen')).toBe(false);
  });
  it('forgets the least recently seen source beyond its table size', () => {
    const r = new RateLimiter({ perSecond: 1, burst: 1, maxSources: 2, now: () => 0 });
    r.allow('a');
    r.allow('b');
    r.allow('c');
    expect(r.sources).toBe(2);
    expect(r.allow('a')).toBe(true); // forgotten → a fresh bucket
  });
});

describe('WHIP offer bounds', () => {
  const offer = (m: number) =>
    'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n' + 'm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:x\r\n'.repeat(m);
  it('accepts a normal offer and refuses too many m-sections, lines, bytes', () => {
    expect(offerProblem(offer(3))).toBeUndefined();
    expect(offerProblem(offer(17))?.reason).toBe('m-sections');
    expect(offerProblem('v=0\r\n' + 'a=x\r\n'.repeat(1300) + 'm=audio 9 X 0\r\n')?.reason).toBe('lines');
    expect(offerProblem(offer(791))).toMatchObject({ status: 413, reason: 'size' });
    expect(offerProblem('hello')?.reason).toBe('not-sdp');
  });
});

describe('JSON depth and probe shape', () => {
  it('counts nesting on the text, ignoring brackets in strings', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[["}]}')).toBe(3);
    expect(jsonDepth('"\\"[["')).toBe(0);
    expect(jsonDepth('['.repeat(100) + ']'.repeat(100), 10)).toBe(11);
  });
  it('a well-formed probe is 160 bytes with zero padding', () => {
    const p = encodeRequest({ type: T_PROBE, session: 1, seq: 1, sentAt: 1 });
    expect(wellFormedProbe(p)).toBe(true);
    expect(wellFormedProbe(p.subarray(0, 24))).toBe(false);
    const dirty = Buffer.from(p);
    dirty[100] = 1;
    expect(wellFormedProbe(dirty)).toBe(false);
  });
});
