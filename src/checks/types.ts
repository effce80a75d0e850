import type { Formatter, Params } from '../i18n/format.js';
import type { ResolvedProfile } from '../profiles/types.js';

export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

/** A threshold a metric was judged against. `better` says which direction is good. */
export interface Threshold {
  better: 'higher' | 'lower';
  /** At or beyond this value (in the bad direction) the metric is a warning. */
  warn?: number;
  /** At or beyond this value (in the bad direction) the metric fails. */
  fail?: number;
}

export interface Metric {
  /** Stable id, e.g. `frameRate`, `rttMedian`. */
  id: string;
  value: number | null;
  unit: string;
  threshold?: Threshold;
  verdict?: Status;
}

export interface Finding {
  severity: 'info' | 'warn' | 'fail' | 'error';
  /** Message-catalog key and its parameters; renderers translate. */
  key: string;
  params?: Params;
  remedyKey?: string;
  remedyParams?: Params;
}

export interface Evidence {
  kind: 'image' | 'audio' | 'data' | 'svg';
  /** Path of a file written under the evidence dir, or omitted when inline. */
  path?: string;
  /** Small inline payloads (e.g. an SVG spectrum) for self-contained reports. */
  inline?: string;
  mime: string;
  label: string;
}

/** What a check's run() returns; the runner adds identity, timing and required-ness. */
export interface CheckOutcome {
  status: Status;
  metrics?: Metric[];
  findings?: Finding[];
  evidence?: Evidence[];
  /** Free-form extra data for renderers (e.g. spectrum samples, throughput series). */
  details?: Record<string, unknown>;
}

export interface CheckResult extends Required<Omit<CheckOutcome, 'details'>> {
  checkId: string;
  targetId: string;
  label: string;
  role?: string;
  uri?: string;
  required: boolean;
  startedAt: string;
  durationMs: number;
  details?: Record<string, unknown>;
}

export interface Target {
  /** Unique within a check, e.g. the role id (`main-camera`) or `default`. */
  id: string;
  label: string;
  role?: string;
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
