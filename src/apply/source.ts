// Where `apply` gets the list of devices from. Discovery itself lives in src/media/devices/
// (pactl, ffmpeg, v4l2, systeminformation); apply only depends on this function type, so tests
// and the PulseAudio system test can pass another real source (src/platform/linux-pulse.ts).
import type { Inventory } from '../media/inventory.js';
import type { Role } from '../profiles/types.js';

export type InventorySource = (opts?: { signal?: AbortSignal; env?: NodeJS.ProcessEnv }) => Promise<Inventory>;

/** The media area's discovery: `listDevices()` exported by src/media/devices/index.ts. */
export const defaultInventorySource: InventorySource = async (opts) => {
  const path = '../media/devices/index.js';
  let mod: { listDevices(o?: { signal?: AbortSignal; env?: NodeJS.ProcessEnv }): Promise<Inventory> };
  try {
    mod = await import(path);
  } catch (err) {
    // Until the media area's discovery is part of this build, fall back to the sound server's own list.
    if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND' || !String((err as Error).message).includes('media/devices')) throw err;
    const { pactlInventory } = await import('../platform/linux-pulse.js');
    const inv = await pactlInventory(opts);
    return { ...inv, unavailable: [...inv.unavailable, { source: 'media/devices', reason: 'not built in: listing sound-server devices only (pactl)' }] };
  }
  return mod.listDevices(opts);
};

/** Discovery is needed only when some role has no fixed device URI. */
export const needsDiscovery = (roles: Role[]): boolean => roles.some((r) => !r.device);

export const emptyInventory = (): Inventory => ({ devices: [], unavailable: [] });
