// Every check wardkit knows, loaded lazily so `--help` stays fast. The ids and their order come
// from src/domain/check-ids.ts: add a check there (the profile schema follows) and here.
import { CHECK_IDS, type CheckId } from '../domain/check-ids.js';
import type { Check } from './types.js';

export type CheckLoader = () => Promise<Check>;

const LOADERS: Record<CheckId, CheckLoader> = {
  host: async () => (await import('./host.js')).hostCheck,
  devices: async () => (await import('./devices.js')).devicesCheck,
  camera: async () => (await import('./camera.js')).cameraCheck,
  microphone: async () => (await import('./microphone.js')).microphoneCheck,
  speaker: async () => (await import('./speaker.js')).speakerCheck,
  display: async () => (await import('./display.js')).displayCheck,
  network: async () => (await import('./network.js')).networkCheck,
  bandwidth: async () => (await import('./bandwidth.js')).bandwidthCheck,
  latency: async () => (await import('./latency.js')).latencyCheck,
  ice: async () => (await import('./ice.js')).iceCheck,
  call: async () => (await import('./call.js')).callCheck,
  recording: async () => (await import('./recording.js')).recordingCheck,
};

export const checkIds = (): string[] => [...CHECK_IDS];

export async function loadChecks(ids: string[]): Promise<Check[]> {
  return Promise.all(CHECK_IDS.filter((id) => ids.includes(id)).map((id) => LOADERS[id]()));
}
