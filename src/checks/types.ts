import type { Formatter } from '../i18n/format.js';
import type { ResolvedProfile, Role } from '../profiles/types.js';
import type { CheckOutcome } from '../domain/result.js';

export interface Target {
  /** Unique within a check, e.g. the role id (`main-camera`) or `default`. */
  id: string;
  label: string;
  /** The profile role this target measures (its id, kind, settings, whether it is required). */
  role?: Role;
  uri?: string;
}

/** Everything a check may know about the room it runs in. */
export interface RoomContext {
  profile: ResolvedProfile;
  ward?: string;
  /** Role id → device URI. Roles without a device are absent. */
  devices: Record<string, string>;
  /** Department server base URL (probe endpoints, WHIP, report intake). */
  serverUrl?: string;
  /** Where checks may write evidence files; undefined = evidence off. */
  evidenceDir?: string;
  /** ffmpeg binary override (--ffmpeg / WARDKIT_FFMPEG). */
  ffmpegPath?: string;
}

export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
}

export interface CheckContext {
  signal: AbortSignal;
  /** Epoch ms by which run() must have returned. */
  deadline: number;
  log: Logger;
  t: Formatter;
  room: RoomContext;
}

export interface Check {
  /** Stable id used by --only/--skip, profiles and reports (never a class name). */
  id: string;
  /** Catalog key of the human title. */
  titleKey: string;
  /** Default time budget of one target, ms. The profile may not lower it below what the method needs. */
  timeoutMs: number | ((room: RoomContext) => number);
  /** Targets in this room; an empty list means "not applicable" → one skip result. */
  targets(room: RoomContext): Target[];
  /** Exclusive resources one target occupies, e.g. `audio-out`, `audio-in`, `camera:<uri>`, `uplink`. */
  resources(target: Target, room: RoomContext): string[];
  run(target: Target, ctx: CheckContext): Promise<CheckOutcome>;
}
