import type { InventoryDevice } from '../inventory.js';

/** One source of device information. It never throws: what it cannot query goes in `unavailable`. */
export interface DeviceSourceResult {
  devices: InventoryDevice[];
  unavailable: Array<{ source: string; reason: string }>;
}

export interface DiscoveryOptions {
  ffmpegPath?: string;
  /** Environment for child processes (PULSE_SERVER, XDG_RUNTIME_DIR, DISPLAY…); default process.env. */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Per-source time limit, ms. */
  timeoutMs?: number;
}
