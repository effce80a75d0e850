// How far the local clock is from a server's, from one HTTP exchange.

/** Header in which `wardkit serve` sends its clock, ms since the epoch (the Date header has 1 s resolution). */
export const TIME_HEADER = 'x-wardkit-time';

/**
 * The smallest offset (local − server, ms) the exchange proves. The server read its clock at some
 * moment between our send (`t0`) and our receipt (`t1`), and that reading lies in
 * [`serverLo`, `serverHi`] (a Date header: its second, [D, D + 1000)). Any offset in
 * [t0 − serverHi, t1 − serverLo] fits; the one nearest 0 is what is certain. A busy computer or a slow
 * round trip widens the interval and can hide an offset, but never invents one.
 */
export function provenOffsetMs(t0: number, t1: number, serverLo: number, serverHi: number): number {
  const lo = t0 - serverHi;
  const hi = t1 - serverLo;
  return lo > 0 ? lo : Math.min(hi, 0);
}
