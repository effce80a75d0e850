// PulseAudio / PipeWire (pipewire-pulse) through pactl: `pactl -f json list sources|sinks` where
// pactl supports it (≥ 16, Debian 12), else the text format of older pactl.
import type { InventoryDevice } from '../inventory.js';
import { runProcess } from '../../proc/process.js';
import type { DeviceSourceResult, DiscoveryOptions } from './types.js';

interface PaEntry {
  name: string;
  description: string;
  monitorOf?: string;
  sampleSpec?: string;
  properties: Record<string, string>;
}

export function parsePactlJson(text: string): PaEntry[] {
  const data = JSON.parse(text) as Array<Record<string, unknown>>;
  return data.map((d) => {
    const props = (d.properties ?? {}) as Record<string, string>;
    const mon = d.monitor_of_sink as string | undefined;
    return {
      name: String(d.name ?? ''),
      description: String(d.description ?? d.name ?? ''),
      monitorOf: mon && mon !== 'n/a' ? mon : undefined,
      sampleSpec: d.sample_specification as string | undefined,
      properties: props,
    };
  });
}

/** The text format: blocks `Source #N` / `Sink #N` with `Name:`, `Description:`, `Monitor of Sink:`, properties. */
export function parsePactlText(text: string): PaEntry[] {
  const out: PaEntry[] = [];
  let cur: PaEntry | undefined;
  let inProps = false;
  for (const raw of text.split(/\r?\n/)) {
    if (/^(Source|Sink) #\d+/.test(raw)) {
      cur = { name: '', description: '', properties: {} };
      out.push(cur);
      inProps = false;
      continue;
    }
    if (!cur) continue;
    const line = raw.trim();
    const kv = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (/^Properties:/.test(line)) inProps = true;
    else if (inProps && /^[\w.]+ = "/.test(line)) {
      const m = /^([\w.]+) = "(.*)"$/.exec(line);
      if (m) cur.properties[m[1]] = m[2];
    } else if (kv && raw.startsWith('\t') && !raw.startsWith('\t\t')) {
      inProps = false;
      const [, k, v] = kv;
      if (k === 'Name') cur.name = v;
      else if (k === 'Description') cur.description = v;
      else if (k === 'Monitor of Sink') cur.monitorOf = v !== 'n/a' ? v : undefined;
      else if (k === 'Sample Specification') cur.sampleSpec = v;
    }
  }
  return out.filter((e) => e.name);
}

export async function pulseDevices(o: DiscoveryOptions): Promise<DeviceSourceResult> {
  const res: DeviceSourceResult = { devices: [], unavailable: [] };
  const opts = { timeoutMs: o.timeoutMs ?? 5000, signal: o.signal, env: o.env };
  const info = await runProcess('pactl', ['info'], opts);
  if (info.spawnError) return { devices: [], unavailable: [{ source: 'pactl', reason: 'pactl not installed' }] };
  if (info.exitCode !== 0) return { devices: [], unavailable: [{ source: 'pactl', reason: (info.stderr.trim().split('\n')[0] || `exit code ${info.exitCode}`).slice(0, 200) }] };
  const defaults = {
    source: /Default Source: (.+)/.exec(info.stdout)?.[1]?.trim(),
    sink: /Default Sink: (.+)/.exec(info.stdout)?.[1]?.trim(),
    server: /Server Name: (.+)/.exec(info.stdout)?.[1]?.trim(),
  };
  const list = async (what: 'sources' | 'sinks'): Promise<PaEntry[]> => {
    const j = await runProcess('pactl', ['-f', 'json', 'list', what], opts);
    if (j.exitCode === 0) {
      try {
        return parsePactlJson(j.stdout);
      } catch {
        /* fall through to the text format */
      }
    }
    const t = await runProcess('pactl', ['list', what], opts);
    if (t.exitCode !== 0) {
      res.unavailable.push({ source: `pactl list ${what}`, reason: (t.stderr.trim() || `exit code ${t.exitCode}`).slice(0, 200) });
      return [];
    }
    return parsePactlText(t.stdout);
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
    caps: { ...(e.sampleSpec ? { sampleSpec: e.sampleSpec } : {}), ...(e.monitorOf ? { monitor: true, monitorOf: e.monitorOf } : {}), ...(defaults.server ? { server: defaults.server } : {}) },
  });
  for (const s of sources) res.devices.push(device(s, 'microphone', s.name === defaults.source));
  for (const s of sinks) res.devices.push(device(s, 'speaker', s.name === defaults.sink));
  return res;
}
