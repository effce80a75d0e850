// Every check wardkit knows, in the order results are shown. Add a check here (one line) and in
// CHECK_IDS of src/profiles/schema/index.ts. Checks are loaded lazily so `--help` stays fast.
import type { Check } from './types.js';

export type CheckLoader = () => Promise<Check>;

export const CHECK_LOADERS: Array<[id: string, load: CheckLoader]> = [
  ['host', async () => (await import('./host.js')).hostCheck],
  ['devices', async () => (await import('./devices.js')).devicesCheck],
  ['camera', async () => (await import('./camera.js')).cameraCheck],
  ['microphone', async () => (await import('./microphone.js')).microphoneCheck],
  ['speaker', async () => (await import('./speaker.js')).speakerCheck],
  ['display', async () => (await import('./display.js')).displayCheck],
  ['network', async () => (await import('./network.js')).networkCheck],
  ['bandwidth', async () => (await import('./bandwidth.js')).bandwidthCheck],
  ['latency', async () => (await import('./latency.js')).latencyCheck],
  ['ice', async () => (await import('./ice.js')).iceCheck],
  ['call', async () => (await import('./call.js')).callCheck],
];

export const checkIds = (): string[] => CHECK_LOADERS.map(([id]) => id);

export async function loadChecks(ids: string[]): Promise<Check[]> {
  return Promise.all(CHECK_LOADERS.filter(([id]) => ids.includes(id)).map(([, load]) => load()));
}
