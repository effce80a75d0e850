// Call-quality arithmetic: the E-model MOS (docs/thresholds.md), RTT from RTCP receiver reports
// (RFC 3550 §6.4.1), and small statistics. Pure functions, unit-tested.

/** ITU-T G.107 simplified as in Twilio's voice SDK: Le = RTT + 2·jitter + 10 ms. */
export function mosFromNetwork(rttMs: number, jitterMs: number, lossPercent: number): number {
  const le = rttMs + 2 * jitterMs + 10;
  let r = le < 160 ? 94.768 - le / 40 : 94.768 - (le - 120) / 10;
  r -= 2.5 * lossPercent;
  // G.107 Annex B: the polynomial only holds for 0 < R < 100 (below 0 it would climb again).
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  const mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
  return Math.min(4.5, Math.max(1, mos));
}

const NTP_EPOCH_OFFSET = 2208988800;

/** The middle 32 bits of the 64-bit NTP time (units of 1/65536 s), as used in LSR/DLSR. */
export function compactNtp(epochMs: number): number {
  const secs = epochMs / 1000 + NTP_EPOCH_OFFSET;
  const whole = Math.floor(secs);
  const frac = secs - whole;
  return (((whole & 0xffff) << 16) | Math.floor(frac * 65536)) >>> 0;
}

/** Round-trip time from a report block: A − LSR − DLSR (all compact NTP), ms; undefined without an SR echo. */
export function rttFromReport(lsr: number, dlsr: number, arrivalCompact: number): number | undefined {
  if (!lsr) return undefined;
  const units = (arrivalCompact - lsr - dlsr) >>> 0;
  if (units > 65536 * 60) return undefined; // wrapped negative or absurd
  return (units / 65536) * 1000;
}

export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** RFC 3550 interarrival jitter estimator, fed with (arrival ms, RTP timestamp, clock rate). */
export class JitterMeter {
  private prevTransit?: number;
  private j = 0;
  constructor(private readonly clockRate: number) {}
  add(arrivalMs: number, rtpTimestamp: number): void {
    const transit = arrivalMs - (rtpTimestamp / this.clockRate) * 1000;
    if (this.prevTransit !== undefined) {
      let d = Math.abs(transit - this.prevTransit);
      // RTP timestamp wrap (2^32 ticks) shows as a huge jump; ignore that sample.
      if (d > 10_000) d = 0;
      this.j += (d - this.j) / 16;
    }
    this.prevTransit = transit;
  }
  get ms(): number {
    return this.j;
  }
}

/** Sequence-number bookkeeping of one received stream: packets expected vs received (with wrap). */
export class SeqCounter {
  private base?: number;
  private cycles = 0;
  private max = 0;
  private readonly seen = new Set<number>();
  received = 0;
  duplicates = 0;
  /** Count one packet; false (and not counted) when this sequence number was already seen. */
  add(seq: number): boolean {
    let ext: number;
    if (this.base === undefined) {
      this.base = seq;
      this.max = seq;
      ext = seq;
    } else {
      const delta = (seq - this.max + 65536) % 65536;
      if (delta > 0 && delta < 32768) {
        if (seq < this.max) this.cycles += 65536;
        this.max = seq;
        ext = this.cycles + seq;
      } else {
        // late packet: same cycle as max unless it is from before a wrap
        ext = (seq > this.max ? this.cycles - 65536 : this.cycles) + seq;
      }
    }
    if (this.seen.has(ext)) {
      this.duplicates++;
      return false;
    }
    this.seen.add(ext);
    this.received++;
    return true;
  }
  get expected(): number {
    return this.base === undefined ? 0 : this.cycles + this.max - this.base + 1;
  }
}
