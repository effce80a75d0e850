// Semantic rules the JSON Schema cannot express. Each returns positioned diagnostics.
//
// Two kinds: `fileDiagnostics` looks at one file as written (before `extends` merges roles by id,
// which would hide a duplicate), `semanticDiagnostics` at the resolved profile (parents + defaults
// merged), pointing at the file of the chain that actually sets the offending value.
import type { Diagnostic } from './diagnostics.js';
import type { ParsedProfile } from './parse.js';
import { compilePattern } from './patterns.js';
import { offsetOf } from './pointer.js';
import type { DeviceKind, Level, ResolvedProfile, Role } from './types.js';

/** A path segment naming a role by id; resolved to that role's index in each file. */
export interface RoleRef {
  role: string;
}
type Segment = string | number | RoleRef;

const isRoleRef = (s: Segment): s is RoleRef => typeof s === 'object';

/** Which settings make sense for which kind of device. */
export const SETTINGS_BY_KIND: Record<DeviceKind, readonly string[]> = {
  camera: ['resolution', 'minResolution', 'frameRate', 'autofocus'],
  microphone: ['volume', 'unmute', 'setDefault'],
  speaker: ['volume', 'unmute', 'setDefault'],
  display: ['resolution', 'minResolution', 'minRefreshHz'],
};

/**
 * Rules whose breach makes a check unable to pass (or a setting pointless) but leaves the profile
 * usable: warnings. Everything else is an error.
 */
export const WARNINGS: ReadonlySet<string> = new Set([
  'profile.settingNotForKind',
  'profile.frameRateBelowThreshold',
  'profile.displayBelowThreshold',
  'profile.refreshBelowThreshold',
  'profile.callBitrateBelowLevel',
]);

/** Checks that test one kind of device: a role a check policy names must be of that kind. */
const CHECK_KIND: Record<string, DeviceKind> = {
  camera: 'camera',
  microphone: 'microphone',
  speaker: 'speaker',
  display: 'display',
};

function concrete(parsed: ParsedProfile, segments: Segment[]): string[] | undefined {
  const out: string[] = [];
  for (const s of segments) {
    if (isRoleRef(s)) {
      const roles = Array.isArray(parsed.data?.roles) ? (parsed.data!.roles as Array<{ id?: unknown }>) : [];
      const i = roles.map((r) => r?.id).lastIndexOf(s.role);
      if (i < 0) return undefined;
      out.push('roles', String(i));
    } else out.push(String(s));
  }
  return out;
}

/**
 * Position of a value in the chain of files (parents first, the profile itself last): the last
 * file that sets the full path wins; otherwise the nearest existing parent in the profile itself.
 */
function locate(files: ParsedProfile[], segments: Segment[]): Omit<Diagnostic, 'key' | 'params'> {
  const own = files[files.length - 1];
  for (let i = files.length - 1; i >= 0; i--) {
    const f = files[i];
    const segs = concrete(f, segments);
    if (f.doc && segs && f.doc.hasIn(segs)) {
      const { line, col } = f.lineCounter.linePos(offsetOf(f.doc, segs));
      return { file: f.file, line, col, path: '/' + segs.join('/') };
    }
  }
  const segs = concrete(own, segments) ?? segments.filter((s) => !isRoleRef(s)).map(String);
  const { line, col } = own.lineCounter.linePos(own.doc ? offsetOf(own.doc, segs) : 0);
  return { file: own.file, line, col, path: '/' + segs.join('/') };
}

/** Rules on one file as written: role ids unique within the file; match patterns compile. */
export function fileDiagnostics(parsed: ParsedProfile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const roles = Array.isArray(parsed.data?.roles)
    ? (parsed.data!.roles as Array<{ id?: unknown; match?: Record<string, unknown> }>)
    : [];
  roles.forEach((r, i) => {
    for (const field of ['name', 'vendor'] as const) {
      const list = r?.match?.[field];
      if (!Array.isArray(list)) continue;
      list.forEach((pattern, k) => {
        const c = typeof pattern === 'string' ? compilePattern(pattern) : undefined;
        if (c && !c.ok) {
          const segs = ['roles', String(i), 'match', field, String(k)];
          const { line, col } = parsed.lineCounter.linePos(parsed.doc ? offsetOf(parsed.doc, segs) : 0);
          out.push({
            file: parsed.file,
            line,
            col,
            key: 'profile.badPattern',
            params: { pattern, reason: c.reason },
            path: '/' + segs.join('/'),
          });
        }
      });
    }
  });
  const seen = new Set<unknown>();
  roles.forEach((r, i) => {
    if (seen.has(r?.id)) {
      const { line, col } = parsed.lineCounter.linePos(
        parsed.doc ? offsetOf(parsed.doc, ['roles', String(i), 'id']) : 0,
      );
      out.push({
        file: parsed.file,
        line,
        col,
        key: 'profile.duplicateRole',
        params: { id: String(r.id) },
        path: `/roles/${i}/id`,
      });
    }
    seen.add(r?.id);
  });
  return out;
}

function parseResolution(s: string | undefined): [number, number] | undefined {
  const m = /^(\d+)x(\d+)$/.exec(s ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * Rules on the resolved profile. `parsed` is the profile's own file, or the whole chain of files
 * (parents first, the profile itself last) so that a value inherited from a parent is reported
 * where it is written.
 */
export function semanticDiagnostics(p: ResolvedProfile, parsed: ParsedProfile | ParsedProfile[]): Diagnostic[] {
  const files = Array.isArray(parsed) ? parsed : [parsed];
  const out: Diagnostic[] = [];
  const here = (segments: Segment[], key: string, params: Diagnostic['params'] = {}) => {
    out.push({
      ...locate(files, segments),
      key,
      params,
      ...(WARNINGS.has(key) ? { severity: 'warning' as const } : {}),
    });
  };
  // Role ids unique in the resolved profile (extends merges by id, so this only fires for
  // profiles built in code; files are checked by fileDiagnostics).
  const seen = new Set<string>();
  for (const r of p.roles) {
    if (seen.has(r.id)) here([{ role: r.id }, 'id'], 'profile.duplicateRole', { id: r.id });
    seen.add(r.id);
  }
  // min ≤ recommended for rates.
  for (const dir of ['uploadMbps', 'downloadMbps'] as const) {
    const r = p.network[dir];
    if (r.min > r.recommended)
      here(['network', dir, 'min'], 'profile.minAboveRecommended', { min: r.min, recommended: r.recommended });
  }
  // warn before fail: for "lower is better" metrics warn ≤ fail; for "higher is better" warn ≥ fail.
  const lower: Array<[string[], Level]> = [
    [['network', 'rttMs'], p.network.rttMs],
    [['network', 'loadedRttIncreaseMs'], p.network.loadedRttIncreaseMs],
    [['network', 'jitterMs'], p.network.jitterMs],
    [['network', 'lossPercent'], p.network.lossPercent],
    [['thresholds', 'speaker', 'latencyMs'], p.thresholds.speaker.latencyMs],
    [['thresholds', 'host', 'loadPerCpu'], p.thresholds.host.loadPerCpu],
    [['thresholds', 'host', 'clockOffsetMs'], p.thresholds.host.clockOffsetMs],
  ];
  for (const [path, l] of lower) {
    if (l.warn !== undefined && l.fail !== undefined && l.warn > l.fail)
      here([...path, 'warn'], 'profile.warnAfterFail', { warn: l.warn, fail: l.fail });
  }
  const higher: Array<[string[], Level]> = [
    [['call', 'mos'], p.call.mos],
    [['call', 'videoBitrateKbps'], p.call.videoBitrateKbps],
  ];
  for (const [path, l] of higher) {
    if (l.warn !== undefined && l.fail !== undefined && l.warn < l.fail)
      here([...path, 'warn'], 'profile.warnBelowFail', { warn: l.warn, fail: l.fail });
  }
  // Lower limits below upper limits.
  const mic = p.thresholds.microphone;
  if (mic.deadDbfs >= mic.quietDbfs)
    here(['thresholds', 'microphone', 'deadDbfs'], 'profile.minNotBelowMax', { min: mic.deadDbfs, max: mic.quietDbfs });
  const cam = p.thresholds.camera;
  if (cam.minLuma >= cam.maxLuma)
    here(['thresholds', 'camera', 'minLuma'], 'profile.minNotBelowMax', { min: cam.minLuma, max: cam.maxLuma });
  // Speaker tones must fit in the probe and be audible above the SNR floor: a tone at or above the
  // Nyquist frequency of a 44.1 kHz capture cannot be measured.
  const spk = p.thresholds.speaker;
  spk.tonesHz.forEach((hz, i) => {
    if (hz >= 22050) here(['thresholds', 'speaker', 'tonesHz', i], 'profile.toneTooHigh', { hz });
  });
  // The network must carry the test call's media with headroom, both ways (the echo comes back).
  const needKbps = (p.call.video.bitrateKbps + p.call.audio.bitrateKbps) * p.call.headroom;
  for (const dir of ['uploadMbps', 'downloadMbps'] as const) {
    if (p.network[dir].recommended * 1000 < needKbps - 1e-9) {
      here(
        ['network', dir, 'recommended'],
        dir === 'uploadMbps' ? 'profile.uploadBelowCall' : 'profile.downloadBelowCall',
        {
          rate: p.network[dir].recommended,
          need: needKbps / 1000,
          video: p.call.video.bitrateKbps,
          audio: p.call.audio.bitrateKbps,
          headroom: p.call.headroom,
        },
      );
    }
  }
  // A call that sends less video than the warning level can never pass the call check.
  const vb = p.call.videoBitrateKbps;
  const vbLevel = vb.warn ?? vb.fail;
  if (vbLevel !== undefined && p.call.video.bitrateKbps < vbLevel) {
    here(['call', 'video', 'bitrateKbps'], 'profile.callBitrateBelowLevel', {
      sent: p.call.video.bitrateKbps,
      level: vbLevel,
    });
  }
  for (const role of p.roles) {
    if (!role.kind) here([{ role: role.id }], 'profile.roleNoKind', { id: role.id });
    else roleRules(role, p, here);
  }
  // Check policies that name roles: each role must exist and be of the kind the check tests.
  for (const [checkId, policy] of Object.entries(p.checks)) {
    (policy.roles ?? []).forEach((id, i) => {
      const role = p.roles.find((r) => r.id === id);
      if (!role)
        here(['checks', checkId, 'roles', i], 'profile.unknownRoleRef', {
          role: id,
          roles: p.roles.map((r) => r.id).join(', ') || '—',
        });
      else if (CHECK_KIND[checkId] && CHECK_KIND[checkId] !== role.kind) {
        here(['checks', checkId, 'roles', i], 'profile.roleKindMismatch', {
          role: id,
          kind: role.kind,
          check: checkId,
          expected: CHECK_KIND[checkId],
        });
      }
    });
  }
  return out;
}

function roleRules(
  role: Role,
  p: ResolvedProfile,
  here: (s: Segment[], key: string, params?: Diagnostic['params']) => void,
): void {
  const s = role.settings ?? {};
  const ref = { role: role.id };
  for (const key of Object.keys(s)) {
    if (!SETTINGS_BY_KIND[role.kind].includes(key)) {
      here([ref, 'settings', key], 'profile.settingNotForKind', {
        setting: key,
        kind: role.kind,
        allowed: SETTINGS_BY_KIND[role.kind].join(', '),
      });
    }
  }
  const preferred = parseResolution(s.resolution);
  const minimum = parseResolution(s.minResolution);
  if (preferred && minimum && (minimum[0] > preferred[0] || minimum[1] > preferred[1])) {
    here([ref, 'settings', 'minResolution'], 'profile.minResolutionAbovePreferred', {
      min: s.minResolution!,
      preferred: s.resolution!,
    });
  }
  if (role.kind === 'camera' && s.frameRate !== undefined && s.frameRate < p.thresholds.camera.minFrameRate) {
    here([ref, 'settings', 'frameRate'], 'profile.frameRateBelowThreshold', {
      rate: s.frameRate,
      min: p.thresholds.camera.minFrameRate,
    });
  }
  if (role.kind === 'display') {
    const lowest = minimum ?? preferred;
    const th = p.thresholds.display;
    if (lowest && (lowest[0] < th.minWidth || lowest[1] < th.minHeight)) {
      here([ref, 'settings', minimum ? 'minResolution' : 'resolution'], 'profile.displayBelowThreshold', {
        resolution: `${lowest[0]}x${lowest[1]}`,
        min: `${th.minWidth}x${th.minHeight}`,
      });
    }
    if (s.minRefreshHz !== undefined && s.minRefreshHz < th.minRefreshHz) {
      here([ref, 'settings', 'minRefreshHz'], 'profile.refreshBelowThreshold', {
        hz: s.minRefreshHz,
        min: th.minRefreshHz,
      });
    }
  }
}
