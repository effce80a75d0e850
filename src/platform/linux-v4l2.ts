// Linux cameras through `v4l2-ctl` (v4l-utils): capture format, frame rate, autofocus.
// No /dev/video* exists on the build machines, so the argument building and output parsing are
// unit-tested; the calls themselves run only on a real room PC.
// Note: a V4L2 format and frame rate last until another program opens the camera with other
// values; ffmpeg requests the profile's values itself when the check captures. Autofocus is a
// control and persists until the camera is unplugged.
import { parseDeviceUri } from '../media/uri.js';
import { runProcess } from '../proc/process.js';
import {
  manualFor,
  type ActionOptions,
  type AppliedChange,
  type DeviceState,
  type ManualStep,
  type PlatformActions,
} from './actions.js';

const TIMEOUT_MS = 10_000;

export const v4l2Args = {
  getFormat: (dev: string) => ['--device', dev, '--get-fmt-video'],
  getParm: (dev: string) => ['--device', dev, '--get-parm'],
  listCtrls: (dev: string) => ['--device', dev, '--list-ctrls'],
  setResolution: (dev: string, wxh: string) => {
    const [w, h] = wxh.split('x').map(Number);
    if (!(w > 0 && h > 0)) throw new Error(`bad resolution ${wxh}`);
    return ['--device', dev, `--set-fmt-video=width=${w},height=${h}`];
  },
  setFrameRate: (dev: string, fps: number) => ['--device', dev, `--set-parm=${fps}`],
  /** Kernels ≥ 5.x name it focus_automatic_continuous, older ones focus_auto. */
  setAutofocus: (dev: string, on: boolean, control = 'focus_automatic_continuous') => [
    '--device',
    dev,
    `--set-ctrl=${control}=${on ? 1 : 0}`,
  ],
};

/** `Width/Height      : 1280/720` → `1280x720`. */
export const parseFormat = (out: string): string | undefined => {
  const m = /Width\/Height\s*:\s*(\d+)\/(\d+)/.exec(out);
  return m ? `${m[1]}x${m[2]}` : undefined;
};

/** `Frames per second: 30.000 (30/1)` → 30. */
export const parseFrameRate = (out: string): number | undefined => {
  const m = /Frames per second:\s*([\d.]+)/.exec(out);
  return m ? Math.round(Number(m[1]) * 1000) / 1000 : undefined;
};

/** The autofocus control's name and value from `--list-ctrls`. */
export const parseAutofocus = (out: string): { control: string; on: boolean } | undefined => {
  const m = /^\s*(focus_automatic_continuous|focus_auto)\s+0x[0-9a-f]+\s+\(bool\)\s*:.*?value=(\d)/m.exec(out);
  return m ? { control: m[1], on: m[2] === '1' } : undefined;
};

const run = (args: string[], o?: ActionOptions) =>
  runProcess('v4l2-ctl', args, { timeoutMs: TIMEOUT_MS, signal: o?.signal, env: o?.env });
const firstLine = (s: string) => s.trim().split('\n')[0] ?? '';

export const v4l2Actions: PlatformActions = {
  id: 'linux-v4l2',
  async describe(o) {
    const r = await run(['--version'], o);
    return r.spawnError ? 'none (v4l2-ctl not found: apt-get install v4l-utils)' : firstLine(r.stdout);
  },
  async getState(_kind, uri, o) {
    const dev = parseDeviceUri(uri).target;
    const [fmt, parm, ctrls] = await Promise.all([
      run(v4l2Args.getFormat(dev), o),
      run(v4l2Args.getParm(dev), o),
      run(v4l2Args.listCtrls(dev), o),
    ]);
    const state: DeviceState = {};
    if (fmt.exitCode === 0) state.resolution = parseFormat(fmt.stdout) ?? null;
    if (parm.exitCode === 0) state.frameRate = parseFrameRate(parm.stdout) ?? null;
    if (ctrls.exitCode === 0) {
      const af = parseAutofocus(ctrls.stdout);
      if (af) state.autofocus = af.on;
    }
    return state;
  },
  async apply(change, o): Promise<AppliedChange | ManualStep> {
    const dev = parseDeviceUri(change.uri).target;
    let args: string[];
    if (change.setting === 'resolution') args = v4l2Args.setResolution(dev, String(change.after));
    else if (change.setting === 'frameRate') args = v4l2Args.setFrameRate(dev, Number(change.after));
    else if (change.setting === 'autofocus') {
      const ctrls = await run(v4l2Args.listCtrls(dev), o);
      const af = ctrls.exitCode === 0 ? parseAutofocus(ctrls.stdout) : undefined;
      if (ctrls.spawnError) return manualFor(change, 'linux', 'noTool', { tool: 'v4l2-ctl' });
      if (!af) return manualFor(change, 'linux', 'unsupported', { tool: 'v4l2-ctl' });
      args = v4l2Args.setAutofocus(dev, Boolean(change.after), af.control);
    } else return manualFor(change, 'linux', 'unsupported');
    const r = await run(args, o);
    if (r.spawnError) return manualFor(change, 'linux', 'noTool', { tool: 'v4l2-ctl' });
    if (r.exitCode !== 0)
      return manualFor(change, 'linux', 'failed', {
        tool: 'v4l2-ctl',
        detail: firstLine(r.stderr) || `exit ${r.exitCode ?? '?'}`,
      });
    return { type: 'applied', change, via: 'v4l2-ctl' };
  },
};
