// systeminformation: displays (graphics().displays), USB devices (to name vendors), audio cards
// (on Linux si.audio() lists only PCI cards, so it adds vendors, not devices).
import type { InventoryDevice } from '../inventory.js';
import type { DeviceSourceResult, DiscoveryOptions } from './types.js';

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    p,
    new Promise<T>((_, reject) => {
      setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref();
    }),
  ]);

export interface SysinfoExtra {
  /** USB devices (name, vendor) used to fill in vendors of devices found by other sources. */
  usb: Array<{ name: string; vendor?: string; type?: string }>;
  audioCards: Array<{ name: string; vendor?: string; type?: string }>;
}

export async function sysinfoDevices(o: DiscoveryOptions): Promise<DeviceSourceResult & SysinfoExtra> {
  const res: DeviceSourceResult & SysinfoExtra = { devices: [], unavailable: [], usb: [], audioCards: [] };
  const si = await import('systeminformation');
  const ms = o.timeoutMs ?? 5000;
  // systeminformation reads DISPLAY from the process environment for xrandr; pass it only when the
  // caller asked for another display (the Xvfb tests) — never mutate process.env otherwise.
  const [g, usb, audio] = await Promise.allSettled([
    withTimeout(si.graphics(), ms, 'graphics'),
    withTimeout(si.usb(), ms, 'usb'),
    withTimeout(si.audio(), ms, 'audio'),
  ]);
  if (g.status === 'fulfilled') {
    g.value.displays.forEach((d, i) => {
      const name = d.model || d.deviceName || d.connection || `display ${i + 1}`;
      const dev: InventoryDevice = {
        kind: 'display',
        uri: `display:${d.deviceName || d.connection || i}`,
        name,
        vendor: d.vendor || undefined,
        connection: d.connection?.toLowerCase() || undefined,
        source: 'systeminformation',
        ...(d.main ? { isDefault: true } : {}),
        caps: {
          currentResX: d.currentResX,
          currentResY: d.currentResY,
          currentRefreshRate: d.currentRefreshRate,
          builtin: d.builtin,
        },
      };
      res.devices.push(dev);
    });
  } else
    res.unavailable.push({
      source: 'systeminformation.graphics',
      reason: String((g.reason as Error)?.message ?? g.reason),
    });
  if (usb.status === 'fulfilled')
    res.usb = usb.value.map((u) => ({
      name: u.name ?? '',
      vendor: u.vendor || u.manufacturer || undefined,
      type: u.type,
    }));
  else
    res.unavailable.push({
      source: 'systeminformation.usb',
      reason: String((usb.reason as Error)?.message ?? usb.reason),
    });
  if (audio.status === 'fulfilled')
    res.audioCards = audio.value.map((a) => ({
      name: a.name ?? '',
      vendor: a.manufacturer || undefined,
      type: a.type,
    }));
  else
    res.unavailable.push({
      source: 'systeminformation.audio',
      reason: String((audio.reason as Error)?.message ?? audio.reason),
    });
  return res;
}
