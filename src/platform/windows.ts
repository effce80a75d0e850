// Windows audio through the AudioDeviceCmdlets PowerShell module (PowerShell Gallery, installed
// by the technician: `Install-Module AudioDeviceCmdlets`). The scripts are constants sent with
// -EncodedCommand; the device name and values travel in environment variables, so a name with
// quotes, `;` or `$(…)` is never parsed as PowerShell. Without the module every change becomes a
// manual step with the exact clicks (apply.hint.windows.*). Cameras: manual (no standard tool).
import { runProcess } from '../proc/process.js';
import {
  deviceLabel,
  manualFor,
  type ActionOptions,
  type AppliedChange,
  type Change,
  type DeviceState,
  type ManualStep,
  type PlatformActions,
} from './actions.js';
import type { DeviceKind } from '../profiles/types.js';

const TIMEOUT_MS = 20_000;
export const POWERSHELL = 'powershell.exe';

export const PS_AVAILABLE = `if (Get-Module -ListAvailable -Name AudioDeviceCmdlets) { 'yes' } else { 'no' }`;

export const PS_STATE = `$ErrorActionPreference = 'Stop'
Import-Module AudioDeviceCmdlets
$name = $env:WARDKIT_AUDIO_NAME; $type = $env:WARDKIT_AUDIO_TYPE
$def = if ($type -eq 'Playback') { Get-AudioDevice -Playback } else { Get-AudioDevice -Recording }
$o = [ordered]@{ default = $def.Name }
if ($def.Name -eq $name) {
  if ($type -eq 'Playback') { $o.volume = [int]([string](Get-AudioDevice -PlaybackVolume)).Trim().TrimEnd('%'); $o.muted = [bool](Get-AudioDevice -PlaybackMute) }
  else { $o.volume = [int]([string](Get-AudioDevice -RecordingVolume)).Trim().TrimEnd('%'); $o.muted = [bool](Get-AudioDevice -RecordingMute) }
}
$o | ConvertTo-Json -Compress`;

export const PS_APPLY = `$ErrorActionPreference = 'Stop'
Import-Module AudioDeviceCmdlets
$name = $env:WARDKIT_AUDIO_NAME; $type = $env:WARDKIT_AUDIO_TYPE; $value = $env:WARDKIT_VALUE
$d = Get-AudioDevice -List | Where-Object { $_.Type -eq $type -and $_.Name -eq $name } | Select-Object -First 1
if (-not $d) { throw "no $type device named $name" }
switch ($env:WARDKIT_SETTING) {
  'default' { Set-AudioDevice -ID $d.ID | Out-Null }
  'volume' {
    if (-not $d.Default) { throw 'volume can only be set on the default device' }
    if ($type -eq 'Playback') { Set-AudioDevice -PlaybackVolume ([int]$value) | Out-Null } else { Set-AudioDevice -RecordingVolume ([int]$value) | Out-Null }
  }
  'muted' {
    if (-not $d.Default) { throw 'mute can only be set on the default device' }
    $m = $value -eq '1'
    if ($type -eq 'Playback') { Set-AudioDevice -PlaybackMute $m | Out-Null } else { Set-AudioDevice -RecordingMute $m | Out-Null }
  }
  default { throw "unsupported setting" }
}
'ok'`;

/** powershell.exe arguments for a constant script (UTF-16LE base64, as -EncodedCommand requires). */
export function powershellArgs(script: string): string[] {
  return [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    Buffer.from(script, 'utf16le').toString('base64'),
  ];
}

const audioType = (kind: DeviceKind) => (kind === 'microphone' ? 'Recording' : 'Playback');

/** The powershell invocation (program, args, extra env) for one change — pure, unit-tested. */
export function applyInvocation(change: Change): { file: string; args: string[]; env: Record<string, string> } {
  const target = change.setting === 'default' ? String(change.after) : change.uri;
  const value = typeof change.after === 'boolean' ? (change.after ? '1' : '0') : String(change.after ?? '');
  return {
    file: POWERSHELL,
    args: powershellArgs(PS_APPLY),
    env: {
      WARDKIT_AUDIO_NAME: deviceLabel(target),
      WARDKIT_AUDIO_TYPE: audioType(change.kind),
      WARDKIT_SETTING: change.setting,
      WARDKIT_VALUE: value,
    },
  };
}

export function stateInvocation(
  kind: DeviceKind,
  uri: string,
): { file: string; args: string[]; env: Record<string, string> } {
  return {
    file: POWERSHELL,
    args: powershellArgs(PS_STATE),
    env: { WARDKIT_AUDIO_NAME: deviceLabel(uri), WARDKIT_AUDIO_TYPE: audioType(kind) },
  };
}

const ps = (inv: { file: string; args: string[]; env: Record<string, string> }, o?: ActionOptions) =>
  runProcess(inv.file, inv.args, { timeoutMs: TIMEOUT_MS, signal: o?.signal, env: { ...(o?.env ?? {}), ...inv.env } });

async function moduleAvailable(o?: ActionOptions): Promise<boolean> {
  if (process.platform !== 'win32') return false;
  const r = await ps({ file: POWERSHELL, args: powershellArgs(PS_AVAILABLE), env: {} }, o);
  return r.exitCode === 0 && r.stdout.trim() === 'yes';
}

const firstLine = (s: string) => s.trim().split('\n')[0] ?? '';

export const windowsActions: PlatformActions = {
  id: 'windows',
  async describe(o) {
    return (await moduleAvailable(o))
      ? 'AudioDeviceCmdlets (PowerShell)'
      : 'manual (AudioDeviceCmdlets not installed: Install-Module AudioDeviceCmdlets)';
  },
  async getState(kind, uri, o) {
    if (kind === 'camera' || kind === 'display' || !(await moduleAvailable(o))) return {};
    const r = await ps(stateInvocation(kind, uri), o);
    if (r.exitCode !== 0) return {};
    try {
      const j = JSON.parse(r.stdout) as { default?: string; volume?: number; muted?: boolean };
      const s: DeviceState = {};
      if (j.default) s.default = `dshow:audio=${j.default}`;
      if (typeof j.volume === 'number') s.volume = j.volume;
      if (typeof j.muted === 'boolean') s.muted = j.muted;
      return s;
    } catch {
      return {};
    }
  },
  async apply(change, o): Promise<AppliedChange | ManualStep> {
    if (change.kind === 'camera' || change.kind === 'display') return manualFor(change, 'windows', 'unsupported');
    if (!['default', 'volume', 'muted'].includes(change.setting)) return manualFor(change, 'windows', 'unsupported');
    if (!(await moduleAvailable(o))) return manualFor(change, 'windows', 'noTool', { tool: 'AudioDeviceCmdlets' });
    const r = await ps(applyInvocation(change), o);
    if (r.exitCode !== 0)
      return manualFor(change, 'windows', 'failed', {
        tool: 'AudioDeviceCmdlets',
        detail: firstLine(r.stderr) || `exit ${r.exitCode ?? '?'}`,
      });
    return { type: 'applied', change, via: 'AudioDeviceCmdlets' };
  },
};
