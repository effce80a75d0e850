// Calendar arithmetic in the Department's time zone (Asia/Ho_Chi_Minh unless configured): which
// local day an instant falls on, and the instant of a local wall time. Display formatting is not
// here — pages use the project's formatter; this only decides days and cut-offs. A zone's wall
// clock and offset: src/i18n/time-zone.ts (the formatter prints with the same).
import { fixedOffsetMs, offsetAt, wallClock, zoneFormat } from '../../i18n/time-zone.js';

export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

/** Throws RangeError for a time zone this runtime does not know. */
export function checkTimeZone(timeZone: string): string {
  zoneFormat(timeZone);
  return timeZone;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local calendar day (`yyyy-mm-dd`) of an instant. */
export function localDay(at: number | string | Date, timeZone = DEFAULT_TIMEZONE): string {
  const ms = typeof at === 'number' ? at : new Date(at).getTime();
  const fixed = fixedOffsetMs(timeZone);
  if (fixed !== null) return new Date(ms + fixed).toISOString().slice(0, 10);
  const w = wallClock(ms, timeZone);
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}`;
}

/** `day` plus `n` days (n may be negative), as `yyyy-mm-dd`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The instant of a local wall time `day` `hh:mm` in the zone (the later one across a DST fold). */
export function localInstant(day: string, time: string, timeZone = DEFAULT_TIMEZONE): number {
  const [y, m, d] = day.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const asUtc = Date.UTC(y, m - 1, d, h, mi);
  const fixed = fixedOffsetMs(timeZone);
  if (fixed !== null) return asUtc - fixed;
  let guess = asUtc - offsetAt(asUtc, timeZone);
  guess = asUtc - offsetAt(guess, timeZone);
  return guess;
}

/** The last `n` local days ending with the day of `now`, oldest first. */
export function lastDays(n: number, now: number, timeZone = DEFAULT_TIMEZONE): string[] {
  const today = localDay(now, timeZone);
  return Array.from({ length: n }, (_, i) => addDays(today, i - n + 1));
}
