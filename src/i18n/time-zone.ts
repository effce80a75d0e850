// Wall-clock time in a time zone (Asia/Ho_Chi_Minh for the Department): the parts of an instant and
// the zone's offset. The date formatter (format.ts) prints with them; the console's calendar
// (src/server/console/clock.ts) decides local days and cut-offs with them.

const PARTS = new Map<string, Intl.DateTimeFormat>();

/** The parts formatter of a zone; throws RangeError for a zone this runtime does not know. */
export function zoneFormat(timeZone: string): Intl.DateTimeFormat {
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

export interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

/** The wall-clock time of an instant in a zone. */
export function wallClock(ms: number, timeZone: string): Wall {
  const fixed = fixedOffsetMs(timeZone);
  if (fixed !== null) {
    const d = new Date(ms + fixed);
    return {
      y: d.getUTCFullYear(),
      mo: d.getUTCMonth() + 1,
      d: d.getUTCDate(),
      h: d.getUTCHours(),
      mi: d.getUTCMinutes(),
      s: d.getUTCSeconds(),
    };
  }
  return intlWall(ms, timeZone);
}

function intlWall(ms: number, timeZone: string): Wall {
  const p: Record<string, string> = {};
  for (const x of zoneFormat(timeZone).formatToParts(ms)) p[x.type] = x.value;
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
// the console's intake computes a day per report, its fleet page prints a time per ward.
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

/** The zone's offset from UTC at an instant, ms. */
export function offsetAt(ms: number, timeZone: string): number {
  const w = intlWall(ms, timeZone);
  return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

const NAMES = new Map<string, Intl.DateTimeFormat>();
const FIXED_NAMES = new Map<string, string>();
/** The zone's offset at an instant as people read it next to a time: `GMT+7`, `GMT-2:30`, `GMT+0`. */
export function offsetName(ms: number, timeZone: string): string {
  const fixed = FIXED_NAMES.get(timeZone);
  if (fixed !== undefined) return fixed;
  let f = NAMES.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'shortOffset' });
    NAMES.set(timeZone, f);
  }
  const name = f.formatToParts(ms).find((x) => x.type === 'timeZoneName')?.value ?? timeZone;
  if (fixedOffsetMs(timeZone) !== null) FIXED_NAMES.set(timeZone, name);
  return name;
}
