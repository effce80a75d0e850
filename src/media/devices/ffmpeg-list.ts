// Devices as ffmpeg itself lists them: `-sources`/`-sinks BACKEND` (Linux: pulse, alsa, v4l2),
// `-list_devices true` for dshow (Windows) and avfoundation (macOS).
import type { DeviceKind } from '../../profiles/types.js';
import type { InventoryDevice } from '../inventory.js';
import { hasInput, hasOutput, type Capabilities } from '../capabilities.js';
import { runFfmpeg, type FfmpegBinary } from '../ffmpeg.js';
import type { DeviceSourceResult, DiscoveryOptions } from './types.js';

/**
 * Parse `ffmpeg -sources|-sinks BACKEND`: items `* name [description] (media types)` (`*` = the
 * default). ALSA descriptions contain newlines: lines that do not start an item continue the last.
 */
export function parseSourcesListing(text: string): Array<{ name: string; description: string; isDefault: boolean }> {
  const raw: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || /^Auto-detected/.test(line)) continue;
    if (/^[* ] \S/.test(line)) raw.push(line);
    else if (raw.length) raw[raw.length - 1] += ' ' + line.trim();
  }
  return raw.map((line) => {
    const isDefault = line[0] === '*';
    let rest = line
      .slice(2)
      .trim()
      .replace(/ \((?:none|audio|video|data|subtitle|[a-z, ]+)\)$/, '');
    let description = '';
    const b = rest.indexOf(' [');
    if (b > 0 && rest.endsWith(']')) {
      description = rest.slice(b + 2, -1).trim();
      rest = rest.slice(0, b);
    }
    return { name: rest, description: description || rest, isDefault };
  });
}

/** ALSA lists every PCM plugin (null, jack, speex…); only `hw:` entries are hardware. */
export const isAlsaHardware = (name: string): boolean => /^hw:/.test(name);

/** Parse the dshow `-list_devices true` log: `"Name" (video)` / `(audio)` / `(none)`. */
export function parseDshowListing(text: string): Array<{ name: string; kind: 'video' | 'audio' }> {
  const out: Array<{ name: string; kind: 'video' | 'audio' }> = [];
  let section: 'video' | 'audio' | undefined; // ffmpeg < 5 prints section headers instead
  for (const line of text.split(/\r?\n/)) {
    if (/DirectShow video devices/.test(line)) section = 'video';
    else if (/DirectShow audio devices/.test(line)) section = 'audio';
    if (/Alternative name/.test(line)) continue;
    const m = /\]\s+"(.+)"(?: \((video|audio|none)\))?\s*$/.exec(line);
    if (!m) continue;
    const kind = (m[2] as 'video' | 'audio' | 'none' | undefined) ?? section;
    if (kind === 'video' || kind === 'audio') out.push({ name: m[1], kind });
  }
  return out;
}

/** Parse avfoundation's listing: `[AVFoundation …] [0] FaceTime HD Camera` under video/audio headers. */
export function parseAvfoundationListing(
  text: string,
): Array<{ index: string; name: string; kind: 'video' | 'audio' }> {
  const out: Array<{ index: string; name: string; kind: 'video' | 'audio' }> = [];
  let section: 'video' | 'audio' | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/AVFoundation video devices/.test(line)) section = 'video';
    else if (/AVFoundation audio devices/.test(line)) section = 'audio';
    else {
      const m = /\] \[(\d+)\] (.+)$/.exec(line);
      if (m && section) out.push({ index: m[1], name: m[2].trim(), kind: section });
    }
  }
  return out;
}

export async function ffmpegDevices(
  bin: FfmpegBinary,
  caps: Capabilities,
  o: DiscoveryOptions,
): Promise<DeviceSourceResult> {
  const res: DeviceSourceResult = { devices: [], unavailable: [] };
  const opts = { timeoutMs: o.timeoutMs ?? 5000, signal: o.signal, env: o.env };
  const add = (
    kind: DeviceKind,
    uri: string,
    name: string,
    source: string,
    isDefault?: boolean,
    caps?: Record<string, unknown>,
  ) =>
    res.devices.push({
      kind,
      uri,
      name,
      source,
      ...(isDefault ? { isDefault } : {}),
      ...(caps ? { caps } : {}),
    } as InventoryDevice);
  const listing = async (flag: '-sources' | '-sinks', backend: string) => {
    const r = await runFfmpeg(bin, [flag, backend], opts);
    const items = parseSourcesListing(r.stdout);
    if (!items.length && (r.exitCode !== 0 || /Cannot list|not supported|error/i.test(r.stderr + r.stdout))) {
      const why =
        (r.stderr + r.stdout).split(/\r?\n/).find((l) => /Cannot list|not supported|error/i.test(l)) ??
        `exit code ${r.exitCode}`;
      res.unavailable.push({ source: `ffmpeg ${flag} ${backend}`, reason: r.timedOut ? 'timed out' : why.trim() });
    }
    return items;
  };
  if (process.platform === 'linux') {
    const jobs: Array<Promise<void>> = [];
    if (hasInput(caps, 'pulse'))
      jobs.push(
        listing('-sources', 'pulse').then((l) =>
          l.forEach((d) =>
            add(
              'microphone',
              `pulse:${d.name}`,
              d.description,
              'ffmpeg-pulse',
              d.isDefault,
              d.name.endsWith('.monitor') ? { monitor: true } : undefined,
            ),
          ),
        ),
      );
    else res.unavailable.push({ source: 'ffmpeg -sources pulse', reason: `${bin.path} has no pulse input` });
    if (hasOutput(caps, 'pulse'))
      jobs.push(
        listing('-sinks', 'pulse').then((l) =>
          l.forEach((d) => add('speaker', `pulse:${d.name}`, d.description, 'ffmpeg-pulse', d.isDefault)),
        ),
      );
    if (hasInput(caps, 'alsa'))
      jobs.push(
        listing('-sources', 'alsa').then((l) =>
          l
            .filter((d) => isAlsaHardware(d.name))
            .forEach((d) => add('microphone', `alsa:${d.name}`, d.description, 'ffmpeg-alsa', d.isDefault)),
        ),
      );
    if (hasOutput(caps, 'alsa'))
      jobs.push(
        listing('-sinks', 'alsa').then((l) =>
          l
            .filter((d) => isAlsaHardware(d.name))
            .forEach((d) => add('speaker', `alsa:${d.name}`, d.description, 'ffmpeg-alsa', d.isDefault)),
        ),
      );
    if (hasInput(caps, 'v4l2'))
      jobs.push(
        listing('-sources', 'v4l2').then((l) =>
          l.forEach((d) => add('camera', `v4l2:${d.name}`, d.description, 'ffmpeg-v4l2')),
        ),
      );
    await Promise.all(jobs);
  } else if (process.platform === 'win32') {
    const r = await runFfmpeg(bin, ['-list_devices', 'true', '-f', 'dshow', '-i', 'dummy'], opts);
    const items = parseDshowListing(r.stderr);
    if (!items.length && r.timedOut) res.unavailable.push({ source: 'ffmpeg dshow', reason: 'timed out' });
    for (const d of items)
      add(d.kind === 'video' ? 'camera' : 'microphone', `dshow:${d.kind}=${d.name}`, d.name, 'ffmpeg-dshow');
  } else if (process.platform === 'darwin') {
    const r = await runFfmpeg(bin, ['-f', 'avfoundation', '-list_devices', 'true', '-i', ''], opts);
    const items = parseAvfoundationListing(r.stderr);
    if (!items.length && r.timedOut) res.unavailable.push({ source: 'ffmpeg avfoundation', reason: 'timed out' });
    for (const d of items)
      add(
        d.kind === 'video' ? 'camera' : 'microphone',
        d.kind === 'video' ? `avfoundation:${d.index}` : `avfoundation::${d.index}`,
        d.name,
        'ffmpeg-avfoundation',
      );
  }
  return res;
}
