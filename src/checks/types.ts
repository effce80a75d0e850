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

/**
 * A resource a check's target occupies while it runs. A plain id is held exclusively; a `shared`
 * claim runs beside other shared claims of the same id but never beside an exclusive one (a
 * readers-writer lock). The ids in use:
 *
 * | id                           | exclusive                                   | shared                                           |
 * | ---------------------------- | ------------------------------------------- | ------------------------------------------------ |
 * | `line`                       | fills the line (bandwidth, call)            | measures it with a light load (network, latency, ice) |
 * | `camera:<uri>`               | opens that camera (camera, recording; call on a live camera) |                                 |
 * | `audio-in`, `audio-in:<uri>` | listens (microphone, speaker, recording)    |                                                  |
 * | `audio-out`                  | plays (speaker)                             |                                                  |
 * | `disk:recording`             | writes the recording folder (recording)     |                                                  |
 * | `timing`                     | timestamps packets in this process (latency) | keeps this process busy (speaker, bandwidth, call) |
 *
 * A light probe (50 packets/s, a few handshakes) does not change what another light probe
 * measures, but anything taken while the line is full is queueing delay, not the path.
 */
export type ResourceClaim = string | { id: string; shared: true };

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
  /**
   * What one target occupies while it runs (see `ResourceClaim`): the runner never lets two
   * targets that claim the same resource overlap, unless both claim it `shared`.
   */
  resources(target: Target, room: RoomContext): ResourceClaim[];
  run(target: Target, ctx: CheckContext): Promise<CheckOutcome>;
}
