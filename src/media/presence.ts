// Is a room file's device still there? Used by the `devices` check (src/checks/devices.ts) and
// by `apply` when it decides whether an earlier binding can be kept.
import type { Inventory } from './inventory.js';
import { isSimulated } from './uri.js';

export type Presence = 'present' | 'missing' | 'simulated' | 'unknown';

/**
 * `simulated` for sim:/lavfi:/file: (nothing to look for), `present` when the inventory lists the
 * URI, `unknown` when the source that would list this backend could not be queried (never "missing"
 * just because discovery failed), else `missing`.
 */
export function deviceStillPresent(uri: string, inventory: Inventory): Presence {
  if (isSimulated(uri)) return 'simulated';
  if (inventory.devices.some((d) => d.uri === uri)) return 'present';
  const backend = uri.slice(0, uri.indexOf(':'));
  const sourcesFor: Record<string, string[]> = {
    pulse: ['pactl', 'pulse'],
    v4l2: ['v4l2', 'ffmpeg'],
    alsa: ['alsa', 'ffmpeg'],
    dshow: ['ffmpeg', 'dshow'],
    avfoundation: ['ffmpeg', 'avfoundation'],
  };
  const needed = sourcesFor[backend] ?? [];
  const listedAny = inventory.devices.some((d) => d.uri.startsWith(`${backend}:`));
  if (!listedAny && inventory.unavailable.some((u) => needed.some((n) => u.source.toLowerCase().includes(n))))
    return 'unknown';
  return 'missing';
}
