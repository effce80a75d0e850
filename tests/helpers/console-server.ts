// A seeded Department console for end-to-end tests: `wardkit serve` on 127.0.0.1:0 with a real
// store in a temp folder, a token per ward plus an admin and a viewer token, a reception session
// two hours from now, and the wards' reports POSTed over the API as wards send them. The temp
// folder goes with the test file (tests/helpers/temp.ts), also when seeding fails.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { localDay } from '../../src/server/console/clock.js';
import { ReportStore } from '../../src/server/reports/store.js';
import { wardReport, type WardFigures } from './console-reports.js';
import { tempDir } from './temp.js';

export const CONSOLE_TZ = 'Asia/Ho_Chi_Minh';

export interface SeededConsole {
  server: RunningServer;
  dir: string;
  /** Each ward's report-sending token. */
  tokens: Record<string, string>;
  admin: string;
  viewer: string;
  /** The ids of each ward's reports, in the order sent. */
  reportIds: Record<string, string[]>;
  close(): Promise<void>;
}

/** The local day (`yyyy-mm-dd`) and time (`hh:mm`) of an instant in the Department's zone. */
function localParts(ms: number): { day: string; time: string } {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: CONSOLE_TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

export async function seededConsole(o: {
  /** Temp folder name prefix (tests' own names). */
  prefix: string;
  /** Wards that get a token (also those that never report). */
  wards: readonly string[];
  /** The reports to send, in order. */
  reports: ReadonlyArray<{ ward: string; at: Date; figures: WardFigures }>;
  now: number;
  viewerLabel?: string;
  /** More server options (webhooks); may write files into the data folder first. */
  options?: (dir: string) => Promise<Record<string, unknown>> | Record<string, unknown>;
}): Promise<SeededConsole> {
  const dir = tempDir(o.prefix);
  const store = new ReportStore(dir);
  const tokens: Record<string, string> = {};
  for (const w of o.wards) tokens[w] = store.createToken({ ward: w }).token;
  const admin = store.createToken({ admin: true }).token;
  const viewer = store.createToken({ viewer: true, ...(o.viewerLabel ? { label: o.viewerLabel } : {}) }).token;
  store.close();
  // The next session starts in two hours; reports count from an evening hour that the last
  // evening's reports (30 min ago) pass and the one before (24.5 h ago) does not.
  const s = localParts(o.now + 2 * 3600_000);
  const eveningHour = s.day === localDay(o.now, CONSOLE_TZ) ? 23 : 20;
  await writeFile(
    join(dir, 'schedule.yaml'),
    `# reception sessions\neveningHour: ${eveningHour}\nsessions:\n  - date: ${s.day}\n    time: "${s.time}"\n    wards: all\n    label: Tiếp công dân định kỳ\n`,
  );
  const server = await startServer({
    listen: '127.0.0.1:0',
    dataDir: dir,
    options: { schedule: join(dir, 'schedule.yaml'), ...(await o.options?.(dir)) },
  });
  const reportIds: Record<string, string[]> = {};
  try {
    for (const { ward, at, figures } of o.reports) {
      const report = wardReport(ward, at, figures);
      (reportIds[ward] ??= []).push(report.id);
      const res = await fetch(`${server.url}/api/v1/reports`, {
        method: 'POST',
        body: JSON.stringify(report),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[ward]}` },
      });
      expect(res.status).toBe(201);
    }
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    server,
    dir,
    tokens,
    admin,
    viewer,
    reportIds,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
