// `wardkit schedule`: write the nightly check for the scheduler this machine has — a systemd timer,
// a crontab entry, or a Windows scheduled task — into its folder (or --unit-dir /
// WARDKIT_SCHEDULE_ROOT for tests and packaging). Turning it on is the user's step: install prints
// the exact command. Nothing here goes through a shell.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { runProcess } from '../../proc/process.js';
import {
  backendFiles,
  cronEntry,
  disableCommand,
  enableCommand,
  systemdUnits,
  windowsTask,
  type Backend,
  type SchedulePlan,
  UNIT,
  TASK_FILE,
  CRON_FILE,
  TASK_NAME,
  CRON_MARK,
} from './backends.js';

export type { Backend, SchedulePlan };

export interface Place {
  backend: Backend;
  dir: string;
  /** systemd --user units (not root) */
  user: boolean;
  /** Written under an override folder: never touch the live scheduler. */
  overridden: boolean;
}

export function detectBackend(): Backend {
  if (process.platform === 'win32') return 'windows';
  if (process.platform === 'linux' && existsSync('/run/systemd/system')) return 'systemd';
  return 'cron';
}

export function placeFor(
  backend: Backend | undefined,
  unitDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Place {
  const b = backend ?? detectBackend();
  const root = process.getuid?.() === 0;
  const user = !root;
  const override = unitDir ?? env.WARDKIT_SCHEDULE_ROOT;
  if (override) return { backend: b, dir: override, user, overridden: true };
  const home = os.homedir();
  if (b === 'systemd')
    return {
      backend: b,
      dir: root ? '/etc/systemd/system' : join(env.XDG_CONFIG_HOME || join(home, '.config'), 'systemd', 'user'),
      user,
      overridden: false,
    };
  if (b === 'cron')
    return { backend: b, dir: join(env.XDG_CONFIG_HOME || join(home, '.config'), 'wardkit'), user, overridden: false };
  return {
    backend: b,
    dir: join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'wardkit'),
    user,
    overridden: false,
  };
}

async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data, { mode: 0o644 });
  await rename(tmp, file);
}

export interface InstallResult {
  files: string[];
  enable: string;
}

export async function installSchedule(place: Place, plan: SchedulePlan): Promise<InstallResult> {
  const files: string[] = [];
  if (place.backend === 'systemd') {
    for (const [name, text] of Object.entries(systemdUnits({ ...plan, user: place.user }))) {
      const f = join(place.dir, name);
      await writeFileAtomic(f, text);
      files.push(f);
    }
    return { files, enable: enableCommand('systemd', files[1], place.user, os.userInfo().username) };
  }
  if (place.backend === 'cron') {
    const f = join(place.dir, CRON_FILE);
    await writeFileAtomic(f, cronEntry(plan));
    return { files: [f], enable: enableCommand('cron', f, place.user) };
  }
  const f = join(place.dir, TASK_FILE);
  await writeFileAtomic(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(windowsTask(plan), 'utf16le')]));
  return { files: [f], enable: enableCommand('windows', f, place.user) };
}

export interface ScheduleStatus {
  installed: boolean;
  files: string[];
  /** HH:MM from the written files. */
  at?: string;
  delaySec?: number;
  command?: string;
  /** What the live scheduler says (undefined under an override folder or when it cannot be asked). */
  live?: string;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    const buf = await readFile(file);
    return buf[0] === 0xff && buf[1] === 0xfe ? buf.subarray(2).toString('utf16le') : buf.toString('utf8');
  } catch {
    return undefined;
  }
}

export async function scheduleStatus(place: Place, signal?: AbortSignal): Promise<ScheduleStatus> {
  const files = backendFiles(place.backend).map((n) => join(place.dir, n));
  const texts = await Promise.all(files.map(readText));
  const present = files.filter((_, i) => texts[i] !== undefined);
  const st: ScheduleStatus = { installed: present.length === files.length, files: present };
  const all = texts.filter(Boolean).join('\n');
  if (place.backend === 'systemd') {
    const m = /OnCalendar=\*-\*-\* (\d\d:\d\d)/.exec(all);
    if (m) st.at = m[1];
    const d = /RandomizedDelaySec=(\d+)/.exec(all);
    if (d) st.delaySec = Number(d[1]);
    st.command = /ExecStart=(.*)/.exec(all)?.[1];
  } else if (place.backend === 'cron') {
    const m = /^(\d+) (\d+) \* \* \* (.*) # wardkit-check$/m.exec(all);
    if (m) {
      st.at = `${m[2].padStart(2, '0')}:${m[1].padStart(2, '0')}`;
      st.command = m[3];
      const d = /--random-delay' '(\d+)s'/.exec(m[3]);
      st.delaySec = d ? Number(d[1]) : 0;
    }
  } else {
    const m = /<StartBoundary>[^T]*T(\d\d:\d\d)/.exec(all);
    if (m) st.at = m[1];
    const d = /<RandomDelay>PT(\d+)S<\/RandomDelay>/.exec(all);
    st.delaySec = d ? Number(d[1]) : 0;
  }
  if (!place.overridden) st.live = await liveState(place, signal);
  return st;
}

/** Ask the real scheduler (read-only); undefined when it cannot be asked. */
async function liveState(place: Place, signal?: AbortSignal): Promise<string | undefined> {
  const opts = { timeoutMs: 5000, signal };
  if (place.backend === 'systemd') {
    const r = await runProcess('systemctl', [...(place.user ? ['--user'] : []), 'is-enabled', `${UNIT}.timer`], opts);
    return r.spawnError ? undefined : `systemctl is-enabled: ${r.stdout.trim() || r.stderr.trim()}`;
  }
  if (place.backend === 'cron') {
    const r = await runProcess('crontab', ['-l'], opts);
    if (r.spawnError) return undefined;
    return r.stdout.includes(CRON_MARK) ? 'crontab: entry present' : 'crontab: no entry';
  }
  const r = await runProcess('schtasks', ['/Query', '/TN', TASK_NAME], opts);
  return r.spawnError ? undefined : r.exitCode === 0 ? 'schtasks: task registered' : 'schtasks: task not registered';
}

export interface RemoveResult {
  removed: string[];
  /** The command that turns the live schedule off (printed for the user; systemd is done here). */
  disable: string;
  disabledLive: boolean;
}

export async function removeSchedule(place: Place, signal?: AbortSignal): Promise<RemoveResult> {
  let disabledLive = false;
  // systemd cannot disable a unit whose file is gone: turn the timer off first, when it is live.
  if (place.backend === 'systemd' && !place.overridden && existsSync(join(place.dir, `${UNIT}.timer`))) {
    const r = await runProcess('systemctl', [...(place.user ? ['--user'] : []), 'disable', '--now', `${UNIT}.timer`], {
      timeoutMs: 15_000,
      signal,
    });
    disabledLive = !r.spawnError && r.exitCode === 0;
  }
  const removed: string[] = [];
  for (const name of backendFiles(place.backend)) {
    const f = join(place.dir, name);
    if (existsSync(f)) {
      await rm(f, { force: true });
      removed.push(f);
    }
  }
  if (disabledLive)
    await runProcess('systemctl', [...(place.user ? ['--user'] : []), 'daemon-reload'], { timeoutMs: 15_000, signal });
  return { removed, disable: disableCommand(place.backend, place.user), disabledLive };
}
