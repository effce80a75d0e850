// Platform actions: the OS-specific way to change a device's settings (default device, volume,
// mute, camera format…), behind one interface. `apply` plans changes, asks the actions for the
// current state, applies each change and records what it changed so `--undo` can put it back.
// An action that cannot be applied here returns a ManualStep — never a silent skip.
import { parseDeviceUri } from '../media/uri.js';
import type { Params } from '../i18n/format.js';
import type { DeviceKind } from '../profiles/types.js';

/** Settings apply knows how to bring to the profile's value. */
export type SettingKey = 'default' | 'volume' | 'muted' | 'resolution' | 'frameRate' | 'autofocus' | 'displayMode';
export const SETTING_KEYS: readonly SettingKey[] = [
  'default',
  'volume',
  'muted',
  'resolution',
  'frameRate',
  'autofocus',
  'displayMode',
];
export type SettingValue = string | number | boolean | null;

/** One setting of one device: from `before` (null = unknown) to `after`. For `default` the values are device URIs. */
export interface Change {
  role: string;
  kind: DeviceKind;
  uri: string;
  setting: SettingKey;
  before: SettingValue;
  after: SettingValue;
}

export interface AppliedChange {
  type: 'applied';
  change: Change;
  /** The tool that did it, e.g. `pactl`. */
  via: string;
}

/** What the technician must do by hand; `key`/`params` are a catalog message (translated when shown). */
export interface ManualStep {
  type: 'manual';
  change: Change;
  key: string;
  params: Params;
  /** Where to do it on this OS (catalog key, same params). */
  hintKey?: string;
  /** Why wardkit could not do it itself (catalog key, same params). */
  reasonKey?: string;
}

/** Current settings of a device; a key is absent when it cannot be read here. */
export type DeviceState = Partial<Record<SettingKey, SettingValue>>;

export interface ActionOptions {
  signal?: AbortSignal;
  /** Environment for the tools (PULSE_SERVER in tests); never mutate process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface PlatformActions {
  /** Stable id: linux-pulse, linux-wpctl, linux-v4l2, windows, macos, manual. */
  id: string;
  /** Which tool is used (with its version when known), or why none is available. */
  describe(o?: ActionOptions): Promise<string>;
  getState(kind: DeviceKind, uri: string, o?: ActionOptions): Promise<DeviceState>;
  apply(change: Change, o?: ActionOptions): Promise<AppliedChange | ManualStep>;
}

export type OsFamily = 'linux' | 'windows' | 'macos' | 'other';
export const osFamily = (p: NodeJS.Platform): OsFamily =>
  p === 'win32' ? 'windows' : p === 'darwin' ? 'macos' : p === 'linux' ? 'linux' : 'other';

const group = (k: DeviceKind) => (k === 'camera' ? 'camera' : k === 'display' ? 'display' : 'audio');

/**
 * The manual step for a change: what to do (`apply.manual.<setting>`), where on this OS
 * (`apply.hint.<os>.<audio|camera|display>`) and why wardkit did not (`apply.reason.<reason>`).
 * `tool` names the missing or failing tool; `detail` carries its error text.
 */
export function manualFor(
  change: Change,
  os: OsFamily,
  reason: 'noTool' | 'failed' | 'unsupported',
  extra: { tool?: string; detail?: string } = {},
): ManualStep {
  const value = change.setting === 'default' ? deviceLabel(String(change.after)) : String(change.after ?? '');
  return {
    type: 'manual',
    change,
    key: `apply.manual.${change.setting}`,
    params: { device: deviceLabel(change.uri), value, tool: extra.tool ?? '', detail: extra.detail ?? '' },
    hintKey: `apply.hint.${os}.${group(change.kind)}`,
    reasonKey: `apply.reason.${reason}`,
  };
}

/** Display name of a device URI for messages: the part after `audio=`/`video=` for dshow, else the target. */
export function deviceLabel(uri: string): string {
  try {
    const u = parseDeviceUri(uri);
    return u.target.replace(/^(audio|video)=/, '');
  } catch {
    return uri;
  }
}

/** For backends wardkit cannot configure (alsa, unknown): every change becomes a manual step. */
export function manualActions(platform: NodeJS.Platform): PlatformActions {
  const os = osFamily(platform);
  return {
    id: 'manual',
    describe: async () => 'manual',
    getState: async () => ({}),
    apply: async (change) => manualFor(change, os, 'unsupported'),
  };
}
