// `wardkit devices`: every camera, microphone, speaker and display with its URI, merged from
// ffmpeg's own listings, pactl, /dev/video* and systeminformation. Never fails: a source that
// cannot be queried is named in `unavailable` with the reason.
import { setMaxListeners } from 'node:events';
import type { Inventory, InventoryDevice } from '../inventory.js';
import { probeCapabilities } from '../capabilities.js';
import { resolveFfmpeg } from '../ffmpeg.js';
import { ffmpegDevices } from './ffmpeg-list.js';
import { pulseDevices } from './pulse.js';
import { sysinfoDevices } from './sysinfo.js';
import type { DeviceSourceResult, DiscoveryOptions } from './types.js';
import { v4l2Devices } from './v4l2.js';

const KIND_ORDER = ['camera', 'microphone', 'speaker', 'display'];

/** Merge by URI: the first source's entry wins, later ones fill in missing fields and caps. */
export function mergeDevices(lists: InventoryDevice[][]): InventoryDevice[] {
  const byUri = new Map<string, InventoryDevice>();
  for (const list of lists) {
    for (const d of list) {
      const prev = byUri.get(d.uri);
      if (!prev) byUri.set(d.uri, { ...d });
      else {
        prev.vendor ??= d.vendor;
        prev.connection ??= d.connection;
        prev.isDefault ||= d.isDefault;
        if (d.caps) prev.caps = { ...d.caps, ...prev.caps };
        if (prev.name === prev.uri.slice(prev.uri.indexOf(':') + 1) && d.name) prev.name = d.name;
        if (!prev.source.split('+').includes(d.source)) prev.source += `+${d.source}`;
      }
    }
  }
  return [...byUri.values()].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.uri.localeCompare(b.uri),
  );
}

async function safely(source: string, p: () => Promise<DeviceSourceResult>): Promise<DeviceSourceResult> {
  try {
    return await p();
  } catch (err) {
    return { devices: [], unavailable: [{ source, reason: (err as Error)?.message ?? String(err) }] };
  }
}

export async function discoverDevices(o: DiscoveryOptions = {}): Promise<Inventory> {
  const env = o.env ?? process.env;
  // Every child process listens on the caller's signal: a dozen at once is expected here.
  if (o.signal) setMaxListeners(64, o.signal);
  const opts = { ...o, env };
  const viaFfmpeg = safely('ffmpeg', async () => {
    let bin;
    try {
      bin = resolveFfmpeg(o.ffmpegPath, env);
    } catch {
      return { devices: [], unavailable: [{ source: 'ffmpeg', reason: 'no ffmpeg found' }] };
    }
    const caps = await probeCapabilities(bin, { timeoutMs: o.timeoutMs ?? 5000, signal: o.signal });
    if (!caps.version)
      return {
        devices: [],
        unavailable: [{ source: 'ffmpeg', reason: caps.errors.join('; ') || `${bin.path} did not answer` }],
      };
    return ffmpegDevices(bin, caps, opts);
  });
  const [pa, ff, v4, si] = await Promise.all([
    safely('pactl', () => pulseDevices(opts)),
    viaFfmpeg,
    safely('v4l2', () => v4l2Devices(opts)),
    safely('systeminformation', () => sysinfoDevices(opts)),
  ]);
  const devices = mergeDevices([pa.devices, v4.devices, ff.devices, si.devices]);
  // Vendors from USB / PCI listings where a device name contains the product name.
  const extra = si as DeviceSourceResult & {
    usb?: Array<{ name: string; vendor?: string }>;
    audioCards?: Array<{ name: string; vendor?: string }>;
  };
  for (const d of devices) {
    if (d.vendor) continue;
    const hit = [...(extra.usb ?? []), ...(extra.audioCards ?? [])].find(
      (u) => u.name && u.vendor && d.name.toLowerCase().includes(u.name.toLowerCase()),
    );
    if (hit) d.vendor = hit.vendor;
  }
  const unavailable = [...pa.unavailable, ...ff.unavailable, ...v4.unavailable, ...si.unavailable];
  // pactl and ffmpeg's pulse listing say the same thing twice when there is no sound server.
  return { devices, unavailable };
}
