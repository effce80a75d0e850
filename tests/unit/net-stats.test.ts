// Pure measurement maths: E-model MOS (hand-computed values), RFC 3550 jitter, percentiles, rate
// series and the stop-when-stable rule, the probe wire format.
import { describe, expect, it } from 'vitest';
import { clearPass } from '../../src/checks/latency.js';
import { wilsonUpper } from '../../src/net/stats.js';
import { DEFAULT_CALL, DEFAULT_NETWORK } from '../../src/profiles/defaults.js';
import {
  decodeReply,
  decodeRequest,
  encodeReply,
  encodeRequest,
  PACKET_SIZE,
  T_PROBE,
  T_PROBE_REPLY,
} from '../../src/net/probe-wire.js';
import {
  clearPassFrom,
  ReadClock,
  isStable,
  mbpsBetween,
  measuredStart,
  sumSeries,
  throughputSeries,
  type Point,
} from '../../src/net/rate-series.js';
import { emodelMos, median, percentile, rfc3550Jitter } from '../../src/net/stats.js';

describe('E-model (docs/thresholds.md)', () => {
  it('matches values computed by hand', () => {
    // Le = 10 → R = 94.518 → MOS 4.4333
    expect(emodelMos(0, 0, 0).mos).toBeCloseTo(4.4333, 3);
    // Le = 250 (≥ 160 branch) → R = 81.768 → MOS 4.0890
    expect(emodelMos(200, 20, 0).r).toBeCloseTo(81.768, 3);
    expect(emodelMos(200, 20, 0).mos).toBeCloseTo(4.089, 3);
    // 10 % loss → R = 56.768 → MOS 2.9314
    expect(emodelMos(200, 20, 10).mos).toBeCloseTo(2.9314, 3);
    expect(emodelMos(2000, 500, 50).mos).toBe(1);
    expect(emodelMos(0, 0, 0).mos).toBeLessThanOrEqual(4.5);
  });
});

describe('RFC 3550 jitter', () => {
  it('is 0 for a constant transit and converges to |D| for an alternating one', () => {
    expect(rfc3550Jitter([5, 5, 5, 5])).toBe(0);
    const alt = Array.from({ length: 33 }, (_, i) => (i % 2 ? 10 : 0));
    expect(rfc3550Jitter(alt)).toBeCloseTo(10 * (1 - (15 / 16) ** 32), 9);
    expect(rfc3550Jitter([1])).toBeUndefined();
    // A constant clock offset cancels.
    expect(rfc3550Jitter(alt.map((x) => x + 1e6))).toBeCloseTo(rfc3550Jitter(alt)!, 6);
  });
  it('percentiles by nearest rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile(v, 0)).toBe(1);
    expect(median([3, 1, 2, 4])).toBe(2.5);
  });
});

describe('rate series', () => {
  const line = (mbps: number, t0: number, t1: number, step = 100): Point[] => {
    const out: Point[] = [];
    for (let t = t0; t <= t1; t += step) out.push({ t, bytes: ((t - t0) * mbps * 1000) / 8 });
    return out;
  };
  it('measures a constant rate exactly and calls it stable after the ramp + 3 s of measuring', () => {
    const p = line(10, 0, 5000);
    expect(mbpsBetween(p, 1000, 3000)).toBeCloseTo(10, 9);
    expect(isStable(p, 0, 3900)).toBe(false);
    expect(isStable(p, 0, 4000)).toBe(true);
  });
  it('is not stable while the rate still changes by more than 3 %', () => {
    // 10 Mbit/s for 2 s, then 11 Mbit/s.
    const a = line(10, 0, 2000);
    const b = line(11, 2000, 6000).map((x) => ({ t: x.t, bytes: x.bytes + a[a.length - 1].bytes }));
    const p = [...a, ...b.slice(1)];
    expect(isStable(p, 0, 3000)).toBe(false);
    // The last two windows agree at 4 s, but the running average still moves by 1.6 % (> 1 %).
    expect(isStable(p, 0, 4000)).toBe(false);
    expect(isStable(p, 0, 6000)).toBe(true);
  });
  it('starts the measured window after a slow ramp', () => {
    // 1 Mbit/s for 1.5 s (slow start), then 20 Mbit/s.
    const a = line(1, 0, 1500);
    const b = line(20, 1500, 5000).map((x) => ({ t: x.t, bytes: x.bytes + a[a.length - 1].bytes }));
    const p = [...a, ...b.slice(1)];
    const from = measuredStart(p, 0, 5000);
    expect(from).toBeGreaterThanOrEqual(1500);
    expect(mbpsBetween(p, from, 5000)).toBeCloseTo(20, 6);
  });
  it('stops early on a clear pass: far above the need, ≥ 1 s and ≥ 12 MB measured after the ramp', () => {
    // 50 Mbit/s after a 300 ms slow start at 5 Mbit/s; the room needs 3 Mbit/s.
    const a = line(5, 0, 300);
    const b = line(50, 300, 4000).map((x) => ({ t: x.t, bytes: x.bytes + a[a.length - 1].bytes }));
    const p = [...a, ...b.slice(1)];
    expect(clearPassFrom(p, 0, 1400, 3)).toBeUndefined(); // < ramp + 1 s
    expect(clearPassFrom(p, 0, 2400, 3)).toBeUndefined(); // 1.9 s hold 11.9 MB
    const from = clearPassFrom(p, 0, 2500, 3);
    expect(from).toBeGreaterThanOrEqual(300);
    expect(mbpsBetween(p, from!, 2500)).toBeCloseTo(50, 6);
    // Not a clear pass when the room needs more than a quarter of the rate, or nothing is known.
    expect(clearPassFrom(p, 0, 4000, 13)).toBeUndefined();
    expect(clearPassFrom(p, 0, 4000, 0)).toBeUndefined();
  });
  it('does not stop early on a slow line whose window holds few bytes, or when the last half-second falls', () => {
    // 16 Mbit/s against a need of 1.5: 4× clear, but 5.9 s hold 11.8 MB (< 12 MB): TCP's sawtooth still matters.
    const slow = line(16, 0, 8000);
    expect(clearPassFrom(slow, 0, 2000, 1.5)).toBeUndefined();
    expect(clearPassFrom(slow, 0, 6400, 1.5)).toBeUndefined();
    expect(clearPassFrom(slow, 0, 6600, 1.5)).toBeDefined();
    // 100 Mbit/s, then the line drops to 5 Mbit/s for the last 500 ms (need 3 → floor 12).
    const a = line(100, 0, 2500);
    const b = line(5, 2500, 3000).map((x) => ({ t: x.t, bytes: x.bytes + a[a.length - 1].bytes }));
    expect(clearPassFrom([...a, ...b.slice(1)], 0, 3000, 3)).toBeUndefined();
  });
  it('starts the measured window on a sample, never between two across a stall', () => {
    // 48 Mbit/s; the reader was held up from 0.55 s to 0.9 s: no sample in between, the kernel
    // buffer took 50 ms of bytes and the sender then waited. Interpolating at 0.6 s would put
    // 14 of the 17.5 ms of bytes after it: the window would read high.
    const rate = 48e6 / 8 / 1000; // bytes per ms
    const pts = [
      ...[0, 100, 200, 300, 400, 500, 550].map((t) => ({ t, bytes: rate * t })),
      { t: 900, bytes: rate * 600 },
      ...[1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 2000].map((t) => ({
        t,
        bytes: rate * (t - 300),
      })),
    ];
    const from = measuredStart(pts, 0, 2000, 600);
    expect(pts.map((p) => p.t)).toContain(from);
    expect(from).toBe(900);
    expect(mbpsBetween(pts, from, 2000)).toBeCloseTo(48, 6);
  });
  it('ReadClock: a sample carries the time of the last read while bytes come in, else the sampling time', () => {
    let clock = 0;
    const r = new ReadClock(() => clock);
    clock = 100;
    r.add(1000);
    clock = 180; // held up between reading and sampling: the bytes were there at 100
    expect(r.sample()).toEqual({ t: 100, bytes: 1000 });
    clock = 300; // nothing came in: the line's gap advances the clock
    expect(r.sample()).toEqual({ t: 300, bytes: 1000 });
    clock = 350;
    r.add(500);
    clock = 400;
    r.add(500);
    clock = 450;
    expect(r.sample()).toEqual({ t: 400, bytes: 2000 });
  });
  it('sums streams on one clock and gives a series per 250 ms', () => {
    const s = sumSeries([line(5, 0, 2000), line(5, 50, 2050)]);
    expect(mbpsBetween(s, 500, 1500)).toBeCloseTo(10, 6);
    const ser = throughputSeries(line(8, 0, 1000), 0, 1000);
    expect(ser.t).toEqual([0.25, 0.5, 0.75, 1]);
    expect(ser.mbps).toEqual([8, 8, 8, 8]);
  });
});

describe('probe wire format', () => {
  it('round-trips requests and replies at call-like size', () => {
    const req = encodeRequest({ type: T_PROBE, session: 0xdeadbeef, seq: 42, sentAt: 1234.5678 });
    expect(req.length).toBe(PACKET_SIZE);
    expect(decodeRequest(req)).toEqual({ type: T_PROBE, session: 0xdeadbeef, seq: 42, sentAt: 1234.5678 });
    const rep = {
      type: T_PROBE_REPLY as 2,
      session: 7,
      seq: 42,
      sentAt: 1.5,
      reflRecvCount: 40,
      reflSeq: 39,
      reflRecvAt: 99.25,
      reflSendAt: 99.5,
      reflOutOfOrder: 1,
    };
    expect(decodeReply(encodeReply(rep))).toEqual(rep);
    expect(decodeRequest(encodeReply(rep))).toBeUndefined();
  });
});

describe("the latency probe's early stop", () => {
  it('Wilson upper bound: 0 of 125 lost is < 3 %, 1 of 125 < 5 %, 3 of 125 is not', () => {
    expect(wilsonUpper(0, 125)).toBeCloseTo(0.0298, 3);
    expect(wilsonUpper(1, 125)).toBeCloseTo(0.0439, 3);
    expect(wilsonUpper(3, 125)).toBeGreaterThan(0.05);
    expect(wilsonUpper(0, 0)).toBe(1);
  });

  const clean = {
    due: 125,
    lost: 0,
    rttMs: Array.from({ length: 125 }, (_, i) => 20 + (i % 10)),
    jitterUpMs: 3,
    jitterDownMs: 4,
  };
  it('stops only when every verdict is a pass at the worst end of what was measured', () => {
    expect(clearPass(clean, DEFAULT_NETWORK, DEFAULT_CALL)).toBe(true);
    // Too few packets yet; a loss that might reach the 5 % warning; jitter whose double reaches 30 ms.
    expect(clearPass({ ...clean, due: 99 }, DEFAULT_NETWORK, DEFAULT_CALL)).toBe(false);
    expect(clearPass({ ...clean, lost: 3 }, DEFAULT_NETWORK, DEFAULT_CALL)).toBe(false);
    expect(clearPass({ ...clean, jitterDownMs: 15 }, DEFAULT_NETWORK, DEFAULT_CALL)).toBe(false);
    expect(clearPass({ ...clean, jitterUpMs: undefined }, DEFAULT_NETWORK, DEFAULT_CALL)).toBe(false);
    // A p95 RTT at the warning level, even with a low median.
    const slowTail = clean.rttMs.map((v, i) => (i % 10 === 0 ? 310 : v));
    expect(clearPass({ ...clean, rttMs: slowTail }, DEFAULT_NETWORK, DEFAULT_CALL)).toBe(false);
    // Each figure inside its band, but together a MOS below 3.7: keep measuring.
    const mixed = { ...clean, lost: 1, rttMs: clean.rttMs.map(() => 250), jitterUpMs: 14 };
    expect(clearPass(mixed, DEFAULT_NETWORK, DEFAULT_CALL)).toBe(false);
  });
});
