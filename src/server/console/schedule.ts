// Reception sessions: the days and times the wards hold online citizen reception, declared in a
// YAML file (`serve --schedule FILE`) or through the admin API. For each upcoming session the
// console says which wards are READY, DEGRADED, NOT READY, stale, or unknown — a ward that has not
// reported since the evening before the session is unknown, never assumed ready.
import { parseDocument } from 'yaml';
import type { Readiness } from '../../report/model.js';
import { wardIdValid } from '../../report/report.schema.js';
import { addDays, checkTimeZone, localInstant } from './clock.js';

export interface Session {
  id: string;
  /** Local date `yyyy-mm-dd` and time `HH:mm` in the schedule's time zone. */
  day: string;
  time: string;
  /** Ward ids, or 'all' for every ward the server knows. */
  wards: string[] | 'all';
  label?: string;
  source: 'file' | 'api';
}

export interface Schedule {
  timeZone?: string;
  /** Local hour of the evening before a session from which a report counts for it. */
  eveningHour: number;
  sessions: Session[];
}

export const DEFAULT_EVENING_HOUR = 18;

/** A problem in a schedule file or API body: a catalog key and its parameters. */
export class ScheduleError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}

/** `2026-12-03` or `03/12/2026` → `2026-12-03`; undefined when not a real date. */
export function parseDay(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v.trim());
    if (!m) return undefined;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return dt.toISOString().slice(0, 10);
}

/** `8:00`, `08:00` → `08:00`; undefined otherwise. */
export function parseTime(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})$/.exec(v.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return `${m[1].padStart(2, '0')}:${m[2]}`;
}

/** One session from a YAML entry or an API body; `where` names it in errors. */
export function parseSession(raw: unknown, where: string, id: string, source: Session['source']): Session {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ScheduleError('console.schedule.err.notMapping', { where });
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!['date', 'time', 'wards', 'label'].includes(k))
      throw new ScheduleError('console.schedule.err.unknownField', { where, field: k });
  const day = parseDay(o.date);
  if (!day) throw new ScheduleError('console.schedule.err.date', { where, value: String(o.date ?? '') });
  const time = parseTime(o.time);
  if (!time)
    throw new ScheduleError('console.schedule.err.time', {
      where,
      value: typeof o.time === 'number' ? `${o.time} (quote it: "08:00")` : String(o.time ?? ''),
    });
  let wards: Session['wards'];
  if (o.wards === undefined || o.wards === 'all') wards = 'all';
  else if (Array.isArray(o.wards) && o.wards.length && o.wards.every((w) => typeof w === 'string' && wardIdValid(w)))
    wards = [...new Set(o.wards as string[])];
  else throw new ScheduleError('console.schedule.err.wards', { where });
  if (o.label !== undefined && (typeof o.label !== 'string' || o.label.length > 200))
    throw new ScheduleError('console.schedule.err.label', { where });
  return { id, day, time, wards, ...(o.label ? { label: o.label as string } : {}), source };
}

/** Parse a schedule file's text. */
export function parseSchedule(text: string, file = 'schedule'): Schedule {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ScheduleError('console.schedule.err.yaml', {
      file,
      line: e.linePos?.[0]?.line ?? 0,
      message: e.message.split('\n')[0],
    });
  }
  const root = doc.toJS() as unknown;
  const top = Array.isArray(root) ? { sessions: root } : root;
  if (!top || typeof top !== 'object') throw new ScheduleError('console.schedule.err.root', { file });
  const o = top as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!['timezone', 'eveningHour', 'sessions'].includes(k))
      throw new ScheduleError('console.schedule.err.unknownField', { where: file, field: k });
  let timeZone: string | undefined;
  if (o.timezone !== undefined) {
    try {
      timeZone = checkTimeZone(String(o.timezone));
    } catch {
      throw new ScheduleError('console.schedule.err.timezone', { file, value: String(o.timezone) });
    }
  }
  const eveningHour = o.eveningHour === undefined ? DEFAULT_EVENING_HOUR : Number(o.eveningHour);
  if (!Number.isInteger(eveningHour) || eveningHour < 0 || eveningHour > 23)
    throw new ScheduleError('console.schedule.err.eveningHour', { file });
  if (!Array.isArray(o.sessions)) throw new ScheduleError('console.schedule.err.sessions', { file });
  const sessions = o.sessions.map((s, i) => parseSession(s, `${file}: sessions[${i + 1}]`, `f${i + 1}`, 'file'));
  return { timeZone, eveningHour, sessions };
}

export type WardSessionState = Readiness | 'stale' | 'unknown';

export interface WardLatest {
  ward: string;
  readiness: Readiness | null;
  /** Report time of the latest report (ms), or null. */
  at: number | null;
  stale: boolean;
  failing: string[];
}

export interface SessionView {
  session: Session;
  /** When it starts (ms) and the cut-off a report must be newer than (ms). */
  startsAt: number;
  cutoff: number;
  wards: Array<{ ward: string; state: WardSessionState; lastReportAt: number | null; failing: string[] }>;
  counts: Record<WardSessionState, number>;
}

const STATE_ORDER: Record<WardSessionState, number> = { NOT_READY: 0, unknown: 1, stale: 2, DEGRADED: 3, READY: 4 };

/** Each ward's state for one session; worst first. */
export function viewSession(
  session: Session,
  latest: WardLatest[],
  timeZone: string,
  eveningHour = DEFAULT_EVENING_HOUR,
): SessionView {
  const startsAt = localInstant(session.day, session.time, timeZone);
  const cutoff = Math.min(
    localInstant(addDays(session.day, -1), `${String(eveningHour).padStart(2, '0')}:00`, timeZone),
    startsAt,
  );
  const byWard = new Map(latest.map((w) => [w.ward, w]));
  const ids = session.wards === 'all' ? latest.map((w) => w.ward) : session.wards;
  const counts: Record<WardSessionState, number> = { READY: 0, DEGRADED: 0, NOT_READY: 0, stale: 0, unknown: 0 };
  const wards = ids.map((ward) => {
    const w = byWard.get(ward);
    let state: WardSessionState;
    if (!w || w.readiness === null || w.at === null) state = 'unknown';
    else if (w.stale) state = 'stale';
    else if (w.at < cutoff) state = 'unknown';
    else state = w.readiness;
    counts[state]++;
    return {
      ward,
      state,
      lastReportAt: w?.at ?? null,
      failing: state === 'unknown' || state === 'stale' ? [] : (w?.failing ?? []),
    };
  });
  wards.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.ward < b.ward ? -1 : a.ward > b.ward ? 1 : 0));
  return { session, startsAt, cutoff, wards, counts };
}

/** Sessions not yet over (started less than `graceMs` ago), soonest first. */
export function upcoming(sessions: Session[], now: number, timeZone: string, graceMs = 4 * 3600_000): Session[] {
  return sessions
    .map((s) => ({ s, at: localInstant(s.day, s.time, timeZone) }))
    .filter((x) => x.at >= now - graceMs)
    .sort((a, b) => a.at - b.at || (a.s.id < b.s.id ? -1 : 1))
    .map((x) => x.s);
}
