// Linux cameras: /dev/video* nodes, named from sysfs, with formats from v4l2-ctl when installed.
import { readdir, readFile } from 'node:fs/promises';
import { runProcess } from '../../proc/process.js';
import type { DeviceSourceResult, DiscoveryOptions } from './types.js';

/** `v4l2-ctl --list-formats-ext`: pixel formats with their sizes and frame rates. */
export function parseV4l2Formats(
  text: string,
): Array<{ format: string; sizes: Array<{ size: string; fps: number[] }> }> {
  const out: Array<{ format: string; sizes: Array<{ size: string; fps: number[] }> }> = [];
  for (const line of text.split(/\r?\n/)) {
    let m: RegExpExecArray | null;
    if ((m = /\[\d+\]: '(\w+)'/.exec(line))) out.push({ format: m[1], sizes: [] });
    else if ((m = /Size: Discrete (\d+x\d+)/.exec(line)) && out.length) out.at(-1)!.sizes.push({ size: m[1], fps: [] });
    else if ((m = /Interval: Discrete [\d.]+s \(([\d.]+) fps\)/.exec(line)) && out.at(-1)?.sizes.length)
      out.at(-1)!.sizes.at(-1)!.fps.push(Number(m[1]));
  }
  return out;
}

export async function v4l2Devices(o: DiscoveryOptions): Promise<DeviceSourceResult> {
  if (process.platform !== 'linux') return { devices: [], unavailable: [] };
  let nodes: string[];
  try {
    nodes = (await readdir('/dev'))
      .filter((f) => /^video\d+$/.test(f))
      .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  } catch (err) {
    return { devices: [], unavailable: [{ source: 'v4l2', reason: (err as Error).message }] };
  }
  const res: DeviceSourceResult = { devices: [], unavailable: [] };
  if (!nodes.length) return res;
  let haveCtl = true;
  for (const node of nodes) {
    const dev = `/dev/${node}`;
    const name = (await readFile(`/sys/class/video4linux/${node}/name`, 'utf8').catch(() => node)).trim();
    let caps: Record<string, unknown> | undefined;
    if (haveCtl) {
      const r = await runProcess('v4l2-ctl', ['-d', dev, '--list-formats-ext'], {
        timeoutMs: o.timeoutMs ?? 5000,
        signal: o.signal,
        env: o.env,
      });
      if (r.spawnError) {
        haveCtl = false;
        res.unavailable.push({
          source: 'v4l2-ctl',
          reason: 'v4l2-ctl not installed (apt install v4l-utils): no resolutions listed',
        });
      } else if (r.exitCode === 0) {
        const formats = parseV4l2Formats(r.stdout);
        // Metadata nodes of UVC cameras list no capture format: not a camera.
        if (!formats.length) continue;
        caps = { formats };
      }
    }
    res.devices.push({
      kind: 'camera',
      uri: `v4l2:${dev}`,
      name,
      source: 'v4l2',
      connection: 'usb',
      ...(caps ? { caps } : {}),
    });
  }
  return res;
}
