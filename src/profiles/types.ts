// The equipment profile as wardkit uses it after loading, validation and `extends` resolution.
// The JSON Schema in ./schema/ is the source of truth for the file format; keep the two in step.

export type DeviceKind = 'camera' | 'microphone' | 'speaker' | 'display';
export const DEVICE_KINDS: readonly DeviceKind[] = ['camera', 'microphone', 'speaker', 'display'];

/** A pattern is a glob (`*Logitech*`, case-insensitive) or a regex written `/…/flags`. */
export type Pattern = string;

export interface DeviceMatch {
  name?: Pattern[];
  vendor?: Pattern[];
  /** Display connection kinds, e.g. hdmi, displayport, internal. */
  connection?: string[];
}

export interface RoleSettings {
  /** Preferred capture/display resolution, `WxH`. */
  resolution?: string;
  /** Lowest acceptable resolution, `WxH`. */
  minResolution?: string;
  frameRate?: number;
  /** Output/input volume, percent 0–100. */
  volume?: number;
  unmute?: boolean;
  autofocus?: boolean;
  /** Make this device the system default (speaker/microphone). */
  setDefault?: boolean;
  /** Display refresh rate minimum, Hz. */
  minRefreshHz?: number;
}

/** Text in each interface language, or one text for all. */
export type Localized = string | { vi?: string; en?: string };

export interface Role {
  id: string;
  kind: DeviceKind;
  /** What people call this role, per language (`Camera phòng`); titles fall back to the device kind. */
  name?: Localized;
  description?: string;
  /** Required roles make the room NOT_READY when their device is missing or fails. */
  required: boolean;
  match?: DeviceMatch;
  settings?: RoleSettings;
  /** A fixed device URI (used by simulated profiles and tests). */
  device?: string;
}

export interface Level {
  warn?: number;
  fail?: number;
}

export interface CameraThresholds {
  captureSeconds: number;
  minFrameRate: number;
  maxBlackFraction: number;
  maxFrozenFraction: number;
  /** signalstats YAVG below this (8-bit) → too dark. */
  minLuma: number;
  /** signalstats YAVG above this (8-bit) → overexposed. */
  maxLuma: number;
}

export interface MicrophoneThresholds {
  captureSeconds: number;
  /** RMS below this, dBFS → dead / muted. */
  deadDbfs: number;
  /** RMS below this, dBFS → too quiet. */
  quietDbfs: number;
  /** More than this many consecutive full-scale samples → clipping. */
  clippingRun: number;
  /** |DC offset| above this fraction of full scale → warn. */
  maxDcOffset: number;
}

export interface SpeakerThresholds {
  /** Test tones, Hz. */
  tonesHz: number[];
  /** Play level of each tone, dBFS. */
  levelDbfs: number;
  /** A tone whose SNR is below this, dB, counts as missing. */
  minSnrDb: number;
  /** Speaker→microphone latency: warn / fail above, ms. */
  latencyMs: Level;
  /** Total probe length, seconds. */
  probeSeconds: number;
}

export interface DisplayThresholds {
  minWidth: number;
  minHeight: number;
  minRefreshHz: number;
}

export interface HostThresholds {
  minFreeMemoryMiB: number;
  minFreeDiskMiB: number;
  /** 1-minute load average per CPU: warn / fail at or above. */
  loadPerCpu: Level;
  /** |clock offset| warn / fail at or above, ms. */
  clockOffsetMs: Level;
}

export interface Thresholds {
  camera: CameraThresholds;
  microphone: MicrophoneThresholds;
  speaker: SpeakerThresholds;
  display: DisplayThresholds;
  host: HostThresholds;
}

export interface RateRequirement {
  min: number;
  recommended: number;
}

export interface NetworkRequirements {
  uploadMbps: RateRequirement;
  downloadMbps: RateRequirement;
  rttMs: Level;
  /** Loaded RTT median − idle RTT median while the bandwidth test fills the line (bufferbloat), ms. */
  loadedRttIncreaseMs: Level;
  jitterMs: Level;
  lossPercent: Level;
  /** Seconds per direction the bandwidth test may take. */
  bandwidthSeconds: number;
  /** Seconds the UDP probe stream runs. */
  probeSeconds: number;
  /** Packets per second of the UDP probe stream (a call's audio: 50). */
  probeRatePps: number;
  /** Parallel HTTP streams per direction of the bandwidth test. */
  bandwidthStreams: number;
  /** Other endpoints the room must reach (the city's conferencing platform, …). */
  endpoints: Array<{ name: string; url: string }>;
}

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface CallSettings {
  durationSeconds: number;
  video: { width: number; height: number; frameRate: number; bitrateKbps: number };
  audio: { bitrateKbps: number };
  /** Upload must cover (video + audio) × headroom. */
  headroom: number;
  /** MOS verdict levels (warn below `warn`, fail below `fail`). */
  mos: Level;
  /** Achieved video bitrate, kbit/s: warn / fail below. */
  videoBitrateKbps: Level;
  iceTransport: 'all' | 'relay';
  /** The WebRTC stack of the test call: werift (default) or libwebrtc (@roamhq/wrtc, docs/call.md). */
  engine?: 'werift' | 'libwebrtc';
}

export interface CheckPolicy {
  required: boolean;
  enabled: boolean;
  /** Limit the check to these role ids (default: every role of the kind it tests). */
  roles?: string[];
}

export interface ResolvedProfile {
  apiVersion: 'wardkit/v1';
  kind: 'EquipmentProfile';
  id: string;
  name: Localized;
  description?: string;
  roles: Role[];
  thresholds: Thresholds;
  network: NetworkRequirements;
  server: { url?: string };
  ice: { servers: IceServer[] };
  call: CallSettings;
  recording: RecordingSettings;
  /** Per check id: required (fail → NOT_READY) or optional (fail → DEGRADED); enabled. */
  checks: Record<string, CheckPolicy>;
  /** Where the profile came from, and the sha256 of its resolved content. */
  source: { file?: string; builtin?: boolean; hash: string; chain: string[] };
}

/** Where and how long the room records its sessions (the `recording` check). */
export interface RecordingSettings {
  /** The folder recordings are written to; no folder: the check does not apply. */
  folder?: string;
  /** Hours of recording the free space must hold, at the call's video + audio bitrate. */
  hours: number;
  /** Sustained write speed must reach the recording bitrate × this. */
  writeMargin: number;
  /** Length of the test recording from the room's camera and microphone, s. */
  testSeconds: number;
}
