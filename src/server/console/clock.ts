// Calendar arithmetic in the Department's time zone (Asia/Ho_Chi_Minh unless configured): which
// local day an instant falls on, and the instant of a local wall time. Display formatting is not
// here — pages use the project's formatter; this only decides days and cut-offs.

export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

const PARTS = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = PARTS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    PARTS.set(timeZone, f);
  }
  return f;
}

/** Throws RangeError for a time zone this runtime does not know. */
export function checkTimeZone(timeZone: string): string {
  partsFormat(timeZone);
  return timeZone;
}

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function wall(ms: number, timeZone: string): Wall {
  const p: Record<string, string> = {};
  for (const x of partsFormat(timeZone).formatToParts(ms)) p[x.type] = x.value;
  return {
    y: Number(p.year),
    mo: Number(p.month),
    d: Number(p.day),
    h: Number(p.hour) % 24,
    mi: Number(p.minute),
    s: Number(p.second),
  };
}

// Zones with a fixed offset (Asia/Ho_Chi_Minh has had none since 1975) skip Intl on the hot path:
// intake computes a day per report.
const FIXED = new Map<string, number | null>();
/** The zone's offset from UTC in ms when it never changes (no daylight saving), else null. */
export function fixedOffsetMs(timeZone: string): number | null {
  let v = FIXED.get(timeZone);
  if (v === undefined) {
    const probes = [Date.UTC(2025, 0, 15), Date.UTC(2025, 6, 15), Date.UTC(2026, 2, 30), Date.UTC(2026, 9, 30)];
    const offs = probes.map((t) => offsetAt(t, timeZone));
    v = offs.every((o) => o === offs[0]) ? offs[0] : null;
    FIXED.set(timeZone, v);
  }
  return v;
}

function offsetAt(ms: number, timeZone: string): number {
  const w = wall(ms, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local calendar day (`yyyy-mm-dd`) of an instant. */
export function localDay(at: number | string | Date, timeZone = DEFAULT_TIMEZONE): string {
  const ms = typeof at === 'number' ? at : new Date(at).getTime();
  const fixed = fixedOffsetMs(timeZone);
  if (fixed !== null) return new Date(ms + fixed).toISOString().slice(0, 10);
  const w = wall(ms, timeZone);
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
