// macOS audio: the default input/output device through SwitchAudioSource (Homebrew
// `switchaudio-osx`) when it is installed; volume, mute and cameras are manual steps
// (apply.hint.macos.*). Names are single argv elements.
import { runProcess } from '../proc/process.js';
import {
  deviceLabel,
  manualFor,
  type ActionOptions,
  type AppliedChange,
  type DeviceState,
  type ManualStep,
  type PlatformActions,
} from './actions.js';
import type { DeviceKind } from '../profiles/types.js';

const TIMEOUT_MS = 10_000;
const type = (kind: DeviceKind) => (kind === 'microphone' ? 'input' : 'output');

export const switchAudioArgs = {
  current: (kind: DeviceKind) => ['-c', '-t', type(kind)],
  set: (kind: DeviceKind, name: string) => ['-t', type(kind), '-s', name],
};

const run = (args: string[], o?: ActionOptions) =>
  runProcess('SwitchAudioSource', args, { timeoutMs: TIMEOUT_MS, signal: o?.signal, env: o?.env });

export const macosActions: PlatformActions = {
  id: 'macos',
  async describe(o) {
    const r = await run(['-h'], o);
    return r.spawnError ? 'manual (SwitchAudioSource not found: brew install switchaudio-osx)' : 'SwitchAudioSource';
  },
  async getState(kind, _uri, o): Promise<DeviceState> {
    if (kind === 'camera' || kind === 'display') return {};
    const r = await run(switchAudioArgs.current(kind), o);
    return r.exitCode === 0 && r.stdout.trim() ? { default: `avfoundation:${r.stdout.trim()}` } : {};
  },
  async apply(change, o): Promise<AppliedChange | ManualStep> {
    if (change.setting !== 'default' || change.kind === 'camera' || change.kind === 'display')
      return manualFor(change, 'macos', 'unsupported');
    const r = await run(switchAudioArgs.set(change.kind, deviceLabel(String(change.after))), o);
    if (r.spawnError) return manualFor(change, 'macos', 'noTool', { tool: 'SwitchAudioSource' });
    if (r.exitCode !== 0)
      return manualFor(change, 'macos', 'failed', {
        tool: 'SwitchAudioSource',
        detail: r.stderr.trim().split('\n')[0] ?? '',
      });
    return { type: 'applied', change, via: 'SwitchAudioSource' };
  },
};
