// Linux audio through the sound server: PulseAudio or PipeWire (pipewire-pulse) via `pactl`;
// `wpctl` (WirePlumber) when pactl is absent. Device names come from the outside world and are
// passed as single argv elements after `--`, never through a shell.
import { parseMute, parseVolumePercent, pulseDevices } from '../media/devices/pulse.js';
import type { Inventory } from '../media/inventory.js';
import { parseDeviceUri } from '../media/uri.js';
import type { DeviceKind } from '../profiles/types.js';
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
type Node = 'sink' | 'source';
const nodeOf = (kind: DeviceKind): Node => (kind === 'microphone' ? 'source' : 'sink');

/** pactl argument arrays (pure; unit-tested). `--` keeps a name that starts with `-` from being read as an option. */
export const pactlArgs = {
  getDefault: (n: Node) => ['--', `get-default-${n}`],
  setDefault: (n: Node, name: string) => ['--', `set-default-${n}`, name],
  getVolume: (n: Node, name: string) => ['--', `get-${n}-volume`, name],
  setVolume: (n: Node, name: string, percent: number) => ['--', `set-${n}-volume`, name, `${Math.round(percent)}%`],
  getMute: (n: Node, name: string) => ['--', `get-${n}-mute`, name],
  setMute: (n: Node, name: string, muted: boolean) => ['--', `set-${n}-mute`, name, muted ? '1' : '0'],
  list: (n: Node) => ['--', 'list', `${n}s`],
};

/** One line of `wpctl status --name` in the Sinks/Sources sections. */
export interface WpctlNode {
  node: Node;
  id: number;
  name: string;
  isDefault: boolean;
  volume?: number;
  muted?: boolean;
}

/** Parse `wpctl status --name` (Audio section only; ids are PipeWire object ids). */
export function parseWpctlStatus(out: string): WpctlNode[] {
  const nodes: WpctlNode[] = [];
  let section: Node | undefined;
  let inAudio = false;
  for (const line of out.split('\n')) {
    if (/^\S/.test(line)) inAudio = /^Audio/.test(line);
    if (!inAudio) continue;
    const head = /[├└]─\s*(\w+):/.exec(line);
    if (head) {
      section = head[1] === 'Sinks' ? 'sink' : head[1] === 'Sources' ? 'source' : undefined;
      continue;
    }
    if (!section) continue;
    const m = /^[\s│]*(\*)?\s*(\d+)\.\s+(.+?)(?:\s+\[vol:\s*([\d.]+)(\s+MUTED)?\])?\s*$/.exec(line);
    if (m)
      nodes.push({
        node: section,
        id: Number(m[2]),
        name: m[3],
        isDefault: Boolean(m[1]),
        volume: m[4] ? Math.round(Number(m[4]) * 100) : undefined,
        muted: m[4] ? Boolean(m[5]) : undefined,
      });
  }
  return nodes;
}

export const wpctlArgs = {
  status: () => ['status', '--name'],
  setDefault: (id: number) => ['set-default', String(id)],
  setVolume: (id: number, percent: number) => ['set-volume', String(id), (Math.round(percent) / 100).toFixed(2)],
  setMute: (id: number, muted: boolean) => ['set-mute', String(id), muted ? '1' : '0'],
};

const cEnv = (o?: ActionOptions) => ({ ...(o?.env ?? {}), LC_ALL: 'C.UTF-8' });
const run = (tool: string, args: string[], o?: ActionOptions) =>
  runProcess(tool, args, { timeoutMs: TIMEOUT_MS, signal: o?.signal, env: cEnv(o) });

/** Which tool is usable: pactl that reaches a server, else wpctl, else none. */
export async function audioTool(o?: ActionOptions): Promise<'pactl' | 'wpctl' | undefined> {
  const p = await run('pactl', ['--', 'info'], o);
  if (!p.spawnError && p.exitCode === 0) return 'pactl';
  const w = await run('wpctl', ['status'], o);
  if (!w.spawnError && w.exitCode === 0) return 'wpctl';
  return undefined;
}

const nameOf = (uri: string) => parseDeviceUri(uri).target;
const firstLine = (s: string) => s.trim().split('\n')[0] ?? '';

async function pactlState(kind: DeviceKind, name: string, o?: ActionOptions): Promise<DeviceState> {
  const n = nodeOf(kind);
  const [def, vol, mute] = await Promise.all([
    run('pactl', pactlArgs.getDefault(n), o),
    run('pactl', pactlArgs.getVolume(n, name), o),
    run('pactl', pactlArgs.getMute(n, name), o),
  ]);
  const state: DeviceState = {};
  if (def.exitCode === 0 && def.stdout.trim()) state.default = `pulse:${def.stdout.trim()}`;
  if (vol.exitCode === 0) state.volume = parseVolumePercent(vol.stdout) ?? null;
  if (mute.exitCode === 0) state.muted = parseMute(mute.stdout) ?? null;
  return state;
}

async function wpctlNodes(o?: ActionOptions): Promise<WpctlNode[]> {
  const r = await run('wpctl', wpctlArgs.status(), o);
  return r.exitCode === 0 ? parseWpctlStatus(r.stdout) : [];
}

export const linuxAudioActions: PlatformActions = {
  id: 'linux-pulse',
  async describe(o) {
    const tool = await audioTool(o);
    if (tool === 'pactl') return firstLine((await run('pactl', ['--version'], o)).stdout);
    if (tool === 'wpctl') return 'wpctl';
    return 'none (pactl/wpctl not found or no sound server)';
  },
  async getState(kind, uri, o) {
    const tool = await audioTool(o);
    const name = nameOf(uri);
    if (tool === 'pactl') return pactlState(kind, name, o);
    if (tool === 'wpctl') {
      const nodes = (await wpctlNodes(o)).filter((x) => x.node === nodeOf(kind));
      const me = nodes.find((x) => x.name === name);
      const def = nodes.find((x) => x.isDefault);
      const state: DeviceState = {};
      if (def) state.default = `pulse:${def.name}`;
      if (me?.volume !== undefined) state.volume = me.volume;
      if (me?.muted !== undefined) state.muted = me.muted;
      return state;
    }
    return {};
  },
  async apply(change, o): Promise<AppliedChange | ManualStep> {
    const tool = await audioTool(o);
    if (!tool) return manualFor(change, 'linux', 'noTool', { tool: 'pactl/wpctl' });
    const n = nodeOf(change.kind);
    let args: string[] | undefined;
    if (tool === 'pactl') {
      if (change.setting === 'default') args = pactlArgs.setDefault(n, nameOf(String(change.after)));
      else if (change.setting === 'volume') args = pactlArgs.setVolume(n, nameOf(change.uri), Number(change.after));
      else if (change.setting === 'muted') args = pactlArgs.setMute(n, nameOf(change.uri), Boolean(change.after));
    } else {
      const nodes = (await wpctlNodes(o)).filter((x) => x.node === n);
      const target = change.setting === 'default' ? nameOf(String(change.after)) : nameOf(change.uri);
      const id = nodes.find((x) => x.name === target)?.id;
      if (id === undefined)
        return manualFor(change, 'linux', 'failed', { tool: 'wpctl', detail: `no node named ${target}` });
      if (change.setting === 'default') args = wpctlArgs.setDefault(id);
      else if (change.setting === 'volume') args = wpctlArgs.setVolume(id, Number(change.after));
      else if (change.setting === 'muted') args = wpctlArgs.setMute(id, Boolean(change.after));
    }
    if (!args) return manualFor(change, 'linux', 'unsupported');
    const r = await run(tool, args, o);
    if (r.exitCode !== 0)
      return manualFor(change, 'linux', 'failed', {
        tool,
        detail: firstLine(r.stderr || r.stdout) || `exit ${r.exitCode ?? '?'}`,
      });
    return { type: 'applied', change, via: tool };
  },
};

/**
 * The audio inventory of the sound server alone (speakers = sinks, microphones = sources; a sink's
 * monitor carries caps.monitor so a room bound to it is still "present", but it never matches a
 * role), for `apply --discovery pactl` on machines with only a sound server to configure. The
 * discovery itself is the one of `wardkit devices` (src/media/devices/pulse.ts).
 */
export async function pactlInventory(o?: ActionOptions): Promise<Inventory> {
  const { devices, unavailable } = await pulseDevices({ signal: o?.signal, env: o?.env, timeoutMs: TIMEOUT_MS });
  return { devices, unavailable };
}
