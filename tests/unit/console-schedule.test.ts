// Reception schedule files and the per-session ward states; calendar arithmetic in a zone.
import { describe, expect, it } from 'vitest';
import { addDays, localDay, localInstant } from '../../src/server/console/clock.js';
import {
  parseDay,
  parseSchedule,
  ScheduleError,
  upcoming,
  viewSession,
  type WardLatest,
} from '../../src/server/console/schedule.js';

const TZ = 'Asia/Ho_Chi_Minh';
const err = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ScheduleError) return `${e.key} ${JSON.stringify(e.params)}`;
    throw e;
  }
  return 'no error';
};

describe('schedule file', () => {
  it('parses sessions with dates in either form, "all" or a ward list, and a label', () => {
    const s = parseSchedule(
      `timezone: Asia/Ho_Chi_Minh\neveningHour: 17\nsessions:\n  - date: 2026-12-03\n    time: "8:00"\n    wards: all\n    label: Tiếp công dân\n  - date: 05/12/2026\n    time: "14:30"\n    wards: [hai-chau-1, son-tra-3, hai-chau-1]\n`,
    );
    expect(s.timeZone).toBe(TZ);
    expect(s.eveningHour).toBe(17);
    expect(s.sessions).toEqual([
      { id: 'f1', day: '2026-12-03', time: '08:00', wards: 'all', label: 'Tiếp công dân', source: 'file' },
      { id: 'f2', day: '2026-12-05', time: '14:30', wards: ['hai-chau-1', 'son-tra-3'], source: 'file' },
    ]);
  });

  it('says what is wrong, where', () => {
    expect(err(() => parseSchedule('sessions:\n  - date: 2026-02-30\n    time: "08:00"\n'))).toMatch(
      /console.schedule.err.date .*sessions\[1\].*2026-02-30/,
    );
    // YAML 1.1 readers turn 08:00 into 480; this one keeps it a string, but a number is explained.
    expect(err(() => parseSchedule('sessions:\n  - date: 2026-12-03\n    time: 480\n'))).toMatch(/err.time .*quote it/);
    expect(err(() => parseSchedule('sessions:\n  - date: 2026-12-03\n    time: "25:00"\n'))).toMatch(/err.time/);
    expect(err(() => parseSchedule('sessions:\n  - date: 2026-12-03\n    time: "08:00"\n    ward: all\n'))).toMatch(
      /unknownField .*"field":"ward"/,
    );
    expect(
      err(() => parseSchedule('sessions:\n  - date: 2026-12-03\n    time: "08:00"\n    wards: ["bad id!"]\n')),
    ).toMatch(/err.wards/);
    expect(err(() => parseSchedule('timezone: Mars/Base\nsessions: []\n'))).toMatch(/err.timezone/);
    expect(err(() => parseSchedule('sessions: {a: 1}\n'))).toMatch(/err.sessions/);
    expect(err(() => parseSchedule('sessions:\n  - date: [\n'))).toMatch(/err.yaml .*"line":/);
    expect(err(() => parseSchedule('eveningHour: 24\nsessions: []\n'))).toMatch(/eveningHour/);
  });

  it('real calendar dates only', () => {
    expect(parseDay('2028-02-29')).toBe('2028-02-29');
    expect(parseDay('29/02/2027')).toBeUndefined();
    expect(parseDay('2026-13-01')).toBeUndefined();
  });
});

describe('ward states for a session', () => {
  const session = { id: 's', day: '2026-12-03', time: '08:00', wards: 'all' as const, source: 'api' as const };
  const at = (iso: string) => Date.parse(iso);
  // Cut-off: 02/12 18:00 in Hanoi = 11:00 UTC.
  const latest: WardLatest[] = [
    { ward: 'ready', readiness: 'READY', at: at('2026-12-02T11:30:00Z'), stale: false, failing: [] },
    { ward: 'old-ready', readiness: 'READY', at: at('2026-12-02T10:59:00Z'), stale: false, failing: [] },
    {
      ward: 'broken',
      readiness: 'NOT_READY',
      at: at('2026-12-02T12:00:00Z'),
      stale: false,
      failing: ['camera:main-camera'],
    },
    { ward: 'degraded', readiness: 'DEGRADED', at: at('2026-12-02T12:00:00Z'), stale: false, failing: [] },
    { ward: 'stale', readiness: 'READY', at: at('2026-12-02T12:00:00Z'), stale: true, failing: [] },
    { ward: 'never', readiness: null, at: null, stale: true, failing: [] },
  ];

  it('a ward that has not reported since the evening before is unknown — never ready', () => {
    const v = viewSession(session, latest, TZ);
    expect(new Date(v.cutoff).toISOString()).toBe('2026-12-02T11:00:00.000Z');
    expect(new Date(v.startsAt).toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(v.wards.map((w) => `${w.ward}:${w.state}`)).toEqual([
      'broken:NOT_READY',
      'never:unknown',
      'old-ready:unknown',
      'stale:stale',
      'degraded:DEGRADED',
      'ready:READY',
    ]);
    expect(v.counts).toEqual({ READY: 1, DEGRADED: 1, NOT_READY: 1, stale: 1, unknown: 2 });
    expect(v.wards.find((w) => w.ward === 'broken')!.failing).toEqual(['camera:main-camera']);
  });

  it('a listed ward the server does not know is unknown; the evening hour is configurable', () => {
    const v = viewSession({ ...session, wards: ['ready', 'ghost'] }, latest, TZ, 19);
    expect(v.wards.map((w) => `${w.ward}:${w.state}`)).toEqual(['ghost:unknown', 'ready:unknown']);
  });

  it('upcoming sessions, soonest first, still shown for a while after they started', () => {
    const s = (id: string, day: string, time: string) => ({
      id,
      day,
      time,
      wards: 'all' as const,
      source: 'file' as const,
    });
    const now = at('2026-12-03T02:00:00Z'); // 09:00 in Hanoi
    expect(
      upcoming(
        [s('later', '2026-12-04', '08:00'), s('past', '2026-12-02', '08:00'), s('now', '2026-12-03', '08:00')],
        now,
        TZ,
      ).map((x) => x.id),
    ).toEqual(['now', 'later']);
  });
});

describe('local days', () => {
  it('fixed-offset zone and a zone with daylight saving agree with Intl', () => {
    expect(localDay('2026-12-01T16:59:59Z', TZ)).toBe('2026-12-01');
    expect(localDay('2026-12-01T17:00:00Z', TZ)).toBe('2026-12-02');
    expect(localDay('2026-03-29T00:30:00Z', 'Europe/Berlin')).toBe('2026-03-29');
    expect(new Date(localInstant('2026-03-29', '12:00', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T10:00:00.000Z',
    );
    expect(new Date(localInstant('2026-03-28', '12:00', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-28T11:00:00.000Z',
    );
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
