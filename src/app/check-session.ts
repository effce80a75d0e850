// Everything `wardkit check` does between parsing its options and rendering: load the profile or
// room, bind devices, start the demo server, run the checks, build the report.
import { diagnose } from '../checks/diagnose.js';
import { closest } from '../i18n/suggest.js';
import { dirname, resolve } from 'node:path';
import { UsageError, WardkitError } from '../errors.js';
import type { Formatter } from '../i18n/format.js';
import { loadProfile } from '../profiles/resolve.js';
import { readRoomFile } from '../profiles/room.js';
import { DEVICE_KINDS, type ResolvedProfile } from '../profiles/types.js';
import { buildReport, type Report } from '../report/model.js';
import { checkIds, loadChecks } from '../checks/registry.js';
import { runChecks, type RunnerOptions } from '../checks/runner.js';
import type { Logger, RoomContext } from '../checks/types.js';

export const DEMO_PROFILE = 'demo-simulated';

export interface SessionOptions {
  profile?: string;
  room?: string;
  ward?: string;
  device?: string[];
  server?: string;
  only?: string[];
  skip?: string[];
  demo?: boolean;
  evidenceDir?: string;
  ffmpegPath?: string;
}

/** `--device ROLE=URI`: ROLE is a role id, or a kind meaning every role of that kind. */
export function bindDevices(
  profile: ResolvedProfile,
  base: Record<string, string>,
  overrides: string[] = [],
): Record<string, string> {
  const devices: Record<string, string> = {};
  for (const role of profile.roles) if (role.device) devices[role.id] = role.device;
  Object.assign(devices, base);
  for (const spec of overrides) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) throw new UsageError('check.badDevice', { value: spec });
    const key = spec.slice(0, eq);
    const uri = spec.slice(eq + 1);
    const roles = profile.roles.filter((r) => r.id === key);
    const byKind = (DEVICE_KINDS as readonly string[]).includes(key) ? profile.roles.filter((r) => r.kind === key) : [];
    const hit = roles.length ? roles : byKind;
    if (!hit.length) {
      const hint = closest(key, [...profile.roles.map((r) => r.id), ...DEVICE_KINDS]);
      throw new UsageError(hint ? 'check.unknownRoleHint' : 'check.unknownRole', {
        role: key,
        profile: profile.id,
        roles: profile.roles.map((r) => r.id).join(', ') || '—',
        hint: hint ?? '',
      });
    }
    for (const r of hit) devices[r.id] = uri;
  }
  return devices;
}

export function selectChecks(only?: string[], skip?: string[]): string[] {
  const known = checkIds();
  for (const id of [...(only ?? []), ...(skip ?? [])]) {
    if (!known.includes(id)) {
      const hint = closest(id, known);
      throw new UsageError(hint ? 'check.unknownCheckHint' : 'check.unknownCheck', {
        id,
        known: known.join(', '),
        hint: hint ?? '',
      });
    }
  }
  let ids = only?.length ? known.filter((id) => only.includes(id)) : known;
  if (skip?.length) ids = ids.filter((id) => !skip.includes(id));
  if (!ids.length) throw new UsageError('check.noChecks');
  return ids;
}

export interface PreparedSession {
  room: RoomContext;
  ward: string;
  roomName?: string;
  checkIds: string[];
  /** The demo server's ward token for this session's ward (report intake works in the demo). */
  demoToken?: string;
  /** Stops whatever the session started (the demo server). */
  close(): Promise<void>;
  /** No room file and no device bound for any required role: the room was never set up (one first step). */
  notSetUp: boolean;
}

export async function prepareSession(o: SessionOptions, log: Logger): Promise<PreparedSession> {
  if (o.profile && o.room) throw new UsageError('check.profileAndRoom');
  const ids = selectChecks(o.only, o.skip);
  let profile: ResolvedProfile;
  let bound: Record<string, string> = {};
  let ward = o.ward;
  let roomName: string | undefined;
  let serverUrl = o.server;
  if (o.room) {
    const roomFile = await readRoomFile(o.room);
    profile = await loadProfile(roomFile.profile.file ?? roomFile.profile.id, dirname(resolve(o.room)));
    bound = roomFile.devices;
    ward ??= roomFile.ward;
    roomName = roomFile.name;
    serverUrl ??= roomFile.server?.url;
  } else {
    profile = await loadProfile(o.profile ?? (o.demo ? DEMO_PROFILE : 'ward-standard'));
  }
  // Ward ids are compared and stored in NFC (a decomposed "hải" typed on some keyboards is the same ward).
  ward = ward?.normalize('NFC');
  const devices = bindDevices(profile, bound, o.device);
  let close = async () => {};
  let demoToken: string | undefined;
  // The demo's throw-away folder, one parent for the server's data and the recordings: one folder
  // to remove on close, and one to find if the process was killed before it could.
  let demoDir: string | undefined;
  const demoFolder = async (sub: string) => {
    const { mkdtemp, mkdir } = await import('node:fs/promises');
    const os = await import('node:os');
    demoDir ??= await mkdtemp(resolve(os.tmpdir(), 'wardkit-demo-'));
    const dir = resolve(demoDir, sub);
    await mkdir(dir, { mode: 0o700 });
    return dir;
  };
  const removeDemoDir = async () => {
    const { rm } = await import('node:fs/promises');
    if (demoDir) await rm(demoDir, { recursive: true, force: true });
  };
  if (o.demo && !serverUrl) {
    const { startServer } = await import('../server/app.js');
    const { randomBytes } = await import('node:crypto');
    // A throw-away data folder, and a ward token for this session's ward, so `--submit` works.
    const dataDir = await demoFolder('data');
    demoToken = `wk_demo_${randomBytes(24).toString('base64url')}`;
    const server = await startServer({
      listen: '127.0.0.1:0',
      dataDir,
      log: (m) => log.debug(`[serve] ${m}`),
      options: { seedTokens: [{ ward: ward ?? 'DEMO', token: demoToken }], memoryStore: true },
    }).catch(async (err) => {
      await removeDemoDir();
      throw err;
    });
    serverUrl = server.url;
    close = () => server.close();
  }
  serverUrl ??= profile.server.url;
  // The demo records into a throw-away folder unless its profile names one.
  if (o.demo && !profile.recording.folder) {
    const folder = await demoFolder('recordings');
    profile = { ...profile, recording: { ...profile.recording, folder } };
  }
  if (demoDir) {
    const before = close;
    close = async () => {
      await before();
      await removeDemoDir();
    };
  }
  // The evidence folder exists before any check runs (the host check measures the free space
  // where evidence goes): created private (0700, each missing level); an existing one is left as is.
  const evidenceDir = o.evidenceDir ? resolve(o.evidenceDir) : undefined;
  if (evidenceDir) {
    const { mkdir } = await import('node:fs/promises');
    try {
      await mkdir(evidenceDir, { recursive: true, mode: 0o700 });
    } catch (err) {
      await close();
      const e = err as NodeJS.ErrnoException;
      throw new WardkitError('check.evidenceDir', { dir: evidenceDir, reason: e.code ?? e.message });
    }
  }
  return {
    room: { profile, ward, devices, serverUrl, evidenceDir, ffmpegPath: o.ffmpegPath },
    ward: ward ?? (o.demo ? 'DEMO' : 'UNKNOWN'),
    roomName,
    checkIds: ids,
    // Never set up: no room file, the device check asked for, and not one required role bound.
    notSetUp:
      !o.room &&
      !o.demo &&
      ids.includes('devices') &&
      profile.roles.some((r) => r.required) &&
      profile.roles.filter((r) => r.required).every((r) => !devices[r.id]),
    demoToken,
    close,
  };
}

export async function runSession(s: PreparedSession, t: Formatter, opts: Omit<RunnerOptions, 't'>): Promise<Report> {
  const startedAt = new Date();
  const checks = await loadChecks(s.checkIds);
  // Root cause first: findings that know about each other (src/checks/diagnose.ts).
  const results = diagnose(await runChecks(checks, s.room, { ...opts, t }), {
    profileId: s.room.profile.id,
    notSetUp: s.notSetUp,
    callKbps: s.room.profile.call.video.bitrateKbps + s.room.profile.call.audio.bitrateKbps,
  });
  return buildReport(results, {
    ward: s.ward,
    room: s.roomName,
    profile: s.room.profile,
    startedAt,
    finishedAt: new Date(),
    t,
  });
}
