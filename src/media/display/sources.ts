// Where displays come from: a simulated one (`sim:display?…`), an X server through xrandr
// (`x11:DISPLAY`), or the OS through systeminformation (`display:NAME`, or no URI at all).
import { runProcess } from '../../proc/process.js';
import { UriError, type DeviceUri } from '../uri.js';
import type { DisplayInfo, DisplayListing } from './types.js';
import { connectionKind, parseXrandrVerbose } from './xrandr.js';

export interface ListOptions {
  signal: AbortSignal;
  timeoutMs: number;
  /** The environment to read DISPLAY from (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export function simDisplay(uri: DeviceUri): DisplayInfo[] {
  const p = uri.sim?.params ?? {};
  if (['0', 'false', 'no'].includes((p.connected ?? '').toLowerCase())) return [];
  const n = (k: string): number | null => {
    if (p[k] === undefined || p[k] === '') return null;
    const v = Number(p[k]);
    if (!Number.isFinite(v) || v < 0) throw new UriError(`sim:${uri.target}`, `${k}=${p[k]} is not a number`);
    return v;
  };
  return [
    {
      name: p.name ?? 'Simulated display',
      vendor: p.vendor,
      connection: (p.connection ?? 'hdmi').toLowerCase(),
      output: p.connection ? p.connection.toUpperCase() : 'HDMI-1',
      width: n('width'),
      height: n('height'),
      refreshHz: n('refresh'),
      main: true,
      source: 'sim',
    },
  ];
}

/** Monitors of the X server `display` (e.g. `:0`), read with `xrandr --verbose`. */
export async function x11Displays(display: string, o: ListOptions): Promise<DisplayListing> {
  const r = await runProcess('xrandr', ['--verbose'], {
    env: { DISPLAY: display },
    signal: o.signal,
    timeoutMs: o.timeoutMs,
  });
  if (r.spawnError) return { displays: [], unavailable: 'xrandr not installed (x11-xserver-utils)' };
  if (r.aborted) throw new Error('aborted');
  if (r.timedOut) return { displays: [], unavailable: `xrandr timed out on ${display}` };
  if (r.exitCode !== 0)
    return { displays: [], unavailable: r.stderr.trim().split('\n')[0] || `xrandr exit ${r.exitCode}` };
  return { displays: parseXrandrVerbose(r.stdout) };
}

/** Monitors the OS reports, through systeminformation (Linux: xrandr under DISPLAY). */
export async function osDisplays(o: ListOptions): Promise<DisplayListing> {
  const env = o.env ?? process.env;
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return { displays: [], unavailable: 'no graphical session (DISPLAY is not set)' };
  const si = await import('systeminformation');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), o.timeoutMs)));
  const aborted = new Promise<'aborted'>((r) => o.signal.addEventListener('abort', () => r('aborted'), { once: true }));
  try {
    const g = await Promise.race([si.graphics(), timeout, aborted]);
    if (g === 'aborted') throw new Error('aborted');
    if (g === 'timeout') return { displays: [], unavailable: 'the OS did not list its displays in time' };
    return {
      displays: g.displays.map((d) => ({
        name: d.model || d.deviceName || d.connection || 'display',
        vendor: d.vendor || undefined,
        model: d.model || undefined,
        output: d.deviceName || d.connection || undefined,
        connection: d.connection ? connectionKind(d.connection) : undefined,
        width: d.currentResX ?? d.resolutionX ?? null,
        height: d.currentResY ?? d.resolutionY ?? null,
        refreshHz: d.currentRefreshRate ? d.currentRefreshRate : null,
        main: d.main,
        source: 'systeminformation' as const,
      })),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The displays a URI designates (before the role's match patterns narrow them down). */
export async function listDisplays(uri: DeviceUri | undefined, o: ListOptions): Promise<DisplayListing> {
  if (!uri || uri.backend === 'display') return osDisplays(o);
  if (uri.backend === 'sim') {
    if (uri.sim?.kind !== 'display') throw new UriError(`sim:${uri.target}`, 'a display role takes sim:display?…');
    return { displays: simDisplay(uri) };
  }
  if (uri.backend === 'x11') return x11Displays(uri.target, o);
  throw new UriError(
    `${uri.backend}:${uri.target}`,
    'not a display URI (use x11:DISPLAY, display:NAME or sim:display?…)',
  );
}
