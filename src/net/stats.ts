// Pure statistics of the latency check: percentiles, RFC 3550 interarrival jitter, the E-model.

/** Nearest-rank percentile (p in 0..100) of a list; undefined for an empty list. */
export function percentile(values: number[], p: number): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * RFC 3550 §6.4.1 interarrival jitter: for packets in arrival order with transit times
 * (arrival − send, any constant clock offset cancels), J += (|D| − J) / 16, D = transit_j − transit_i.
 */
export function rfc3550Jitter(transits: number[]): number | undefined {
  if (transits.length < 2) return undefined;
  let j = 0;
  for (let k = 1; k < transits.length; k++) j += (Math.abs(transits[k] - transits[k - 1]) - j) / 16;
  return j;
}

/**
 * Upper end of the Wilson score interval of a proportion (`z` = 1.96: 95 % two-sided), as a
 * fraction: with 0 lost of 125 it is 3.0 %, with 1 of 125 4.4 %.
 */
export function wilsonUpper(hits: number, of: number, z = 1.96): number {
  if (of <= 0) return 1;
  const p = hits / of;
  const z2 = z * z;
  return Math.min(1, (p + z2 / (2 * of) + z * Math.sqrt((p * (1 - p)) / of + z2 / (4 * of * of))) / (1 + z2 / of));
}

/**
 * E-model MOS, ITU-T G.107 simplified as in Twilio's voice SDK (docs/thresholds.md):
 * Le = RTT + 2·jitter + 10; R = 94.768 − Le/40 (Le < 160) or 94.768 − (Le − 120)/10; R −= 2.5·loss%;
 * MOS = 1 + 0.035R + 7e-6·R(R − 60)(100 − R), clamped to [1, 4.5].
 */
export function emodelMos(rttMs: number, jitterMs: number, lossPercent: number): { r: number; mos: number } {
  const le = rttMs + 2 * jitterMs + 10;
  let r = le < 160 ? 94.768 - le / 40 : 94.768 - (le - 120) / 10;
  r -= 2.5 * lossPercent;
  const raw = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
  const mos = r <= 0 ? 1 : Math.min(4.5, Math.max(1, raw));
  return { r, mos };
}
