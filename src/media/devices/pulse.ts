// PulseAudio / PipeWire (pipewire-pulse) through pactl: `pactl list sources|sinks`, the text format,
// read in C.UTF-8. The one pactl discovery: `devices`, the checks and `apply --discovery pactl`
// (platform/linux-pulse.ts) all list through here.
//
// Not `pactl -f json`: pactl 16 (Debian 12) writes "(null)" with exit code 0 for every string that
// has a non-ASCII letter (it logs "Invalid non-ASCII character" on stderr), so a Vietnamese
// description — and its device.description property — is lost; and it names a source's monitored
// sink `monitor_source`, so monitors lose their flag. The text format has neither fault, on every
// pactl version, and also carries mute and volume.
import type { InventoryDevice } from '../inventory.js';
import { runProcess } from '../../proc/process.js';
import type { DeviceSourceResult, DiscoveryOptions } from './types.js';

/** A sink or source as pactl lists it. */
export interface PaEntry {
  name: string;
  description: string;
  monitorOf?: string;
  sampleSpec?: string;
  muted?: boolean;
  volume?: number;
  properties: Record<string, string>;
}

/** Mean of the channel percentages in `pactl get-sink-volume` output ("… / 40% / …, … / 40% / …"). */
export function parseVolumePercent(out: string): number | undefined {
  const all = [...out.matchAll(/\/\s*(\d+)%\s*\//g)].map((m) => Number(m[1]));
  return all.length ? Math.round(all.reduce((a, b) => a + b, 0) / all.length) : undefined;
}

export const parseMute = (out: string): boolean | undefined =>
  /Mute:\s*yes/i.test(out) ? true : /Mute:\s*no/i.test(out) ? false : undefined;

/**
 * Parse `LC_ALL=C.UTF-8 pactl list sinks|sources`, the text format: blocks `Sink #N` / `Source #N` with `Name:`, `Description:`, `Mute:`,
 * `Volume:`, `Monitor of Sink:`, `Sample Specification:` and the quoted, escaped properties.
 */
const realDescription = (d: string | undefined) => (d && d !== '(null)' ? d : undefined);

export function parsePactlList(out: string): PaEntry[] {
  const nodes: PaEntry[] = [];
  for (const block of out.split(/\r?\n(?=(?:Sink|Source) #\d+)/)) {
    const text = block.replace(/\r\n/g, '\n');
    const name = /^\tName: (.*)$/m.exec(text)?.[1];
    if (!name) continue;
    const properties: Record<string, string> = {};
    const propStart = text.indexOf('\tProperties:');
    if (propStart >= 0) {
      for (const m of text.slice(propStart).matchAll(/^\t\t([\w.-]+) = "((?:[^"\\]|\\.)*)"$/gm))
        properties[m[1]] = m[2].replace(/\\(.)/g, '$1');
    }
    const volLine = /^\tVolume: (.*)$/m.exec(text)?.[1];
    const monitor = /^\tMonitor of Sink: (.*)$/m.exec(text)?.[1];
    const sampleSpec = /^\tSample Specification: (.*)$/m.exec(text)?.[1];
    nodes.push({
      name,
      // pactl prints "(null)" for a sink or source that has no description.
      description:
        realDescription(/^\tDescription: (.*)$/m.exec(text)?.[1]) ?? properties['device.description'] ?? name,
      muted: parseMute(/^\tMute: .*$/m.exec(text)?.[0] ?? ''),
      volume: volLine ? parseVolumePercent(volLine) : undefined,
      monitorOf: monitor && monitor !== 'n/a' ? monitor : undefined,
      ...(sampleSpec ? { sampleSpec } : {}),
      properties,
    });
  }
  return nodes;
}

export async function pulseDevices(o: DiscoveryOptions): Promise<DeviceSourceResult> {
  const res: DeviceSourceResult = { devices: [], unavailable: [] };
  // The text format and `pactl info` are read in the C locale (a Vietnamese desktop translates them).
  const opts = { timeoutMs: o.timeoutMs ?? 5000, signal: o.signal, env: { ...(o.env ?? {}), LC_ALL: 'C.UTF-8' } };
  const info = await runProcess('pactl', ['info'], opts);
  if (info.spawnError) return { devices: [], unavailable: [{ source: 'pactl', reason: 'pactl not installed' }] };
  if (info.exitCode !== 0)
    return {
      devices: [],
      unavailable: [
        { source: 'pactl', reason: (info.stderr.trim().split('\n')[0] || `exit code ${info.exitCode}`).slice(0, 200) },
      ],
    };
  const defaults = {
    source: /Default Source: (.+)/.exec(info.stdout)?.[1]?.trim(),
    sink: /Default Sink: (.+)/.exec(info.stdout)?.[1]?.trim(),
    server: /Server Name: (.+)/.exec(info.stdout)?.[1]?.trim(),
  };
  const list = async (what: 'sources' | 'sinks'): Promise<PaEntry[]> => {
    const t = await runProcess('pactl', ['list', what], opts);
    if (t.exitCode !== 0) {
      res.unavailable.push({
        source: `pactl list ${what}`,
        reason: (t.stderr.trim() || `exit code ${t.exitCode}`).slice(0, 200),
      });
      return [];
    }
    return parsePactlList(t.stdout);
  };
  const [sources, sinks] = await Promise.all([list('sources'), list('sinks')]);
  const device = (e: PaEntry, kind: 'microphone' | 'speaker', isDefault: boolean): InventoryDevice => ({
    kind,
    uri: `pulse:${e.name}`,
    name: e.description || e.name,
    vendor: e.properties['device.vendor.name'],
    connection: e.properties['device.bus'],
    source: 'pactl',
    ...(isDefault ? { isDefault } : {}),
    caps: {
      ...(e.sampleSpec ? { sampleSpec: e.sampleSpec } : {}),
      ...(e.monitorOf ? { monitor: true, monitorOf: e.monitorOf } : {}),
      ...(defaults.server ? { server: defaults.server } : {}),
    },
  });
  for (const s of sources) res.devices.push(device(s, 'microphone', s.name === defaults.source));
  for (const s of sinks) res.devices.push(device(s, 'speaker', s.name === defaults.sink));
  return res;
}
