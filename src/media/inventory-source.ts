// Where `apply` gets the list of devices from. Discovery itself lives in src/media/devices/
// (pactl, ffmpeg, v4l2, systeminformation); apply only depends on this function type, so tests
// and the PulseAudio system test can pass another real source (src/platform/linux-pulse.ts).
import type { Inventory } from './inventory.js';
import type { Role } from '../profiles/types.js';

export type InventorySource = (opts?: { signal?: AbortSignal; env?: NodeJS.ProcessEnv }) => Promise<Inventory>;

/**
 * The media area's discovery: `discoverDevices()` of src/media/devices/index.ts (imported lazily:
 * it pulls in systeminformation). It was looked up as `listDevices`, a name it never had, so every
 * apply that needed discovery ended in "Internal error: mod.listDevices is not a function".
 */
export const defaultInventorySource: InventorySource = async (opts) => {
  const { discoverDevices } = await import('./devices/index.js');
  return discoverDevices(opts);
};

/** Discovery is needed only when some role has no fixed device URI. */
export const needsDiscovery = (roles: Role[]): boolean => roles.some((r) => !r.device);

export const emptyInventory = (): Inventory => ({ devices: [], unavailable: [] });
