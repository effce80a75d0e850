// Semantic rules the JSON Schema cannot express. Each returns positioned diagnostics.
import type { Diagnostic } from './diagnostics.js';
import type { ParsedProfile } from './parse.js';
import { offsetOf } from './pointer.js';
import type { Level, ResolvedProfile } from './types.js';

export function semanticDiagnostics(p: ResolvedProfile, parsed: ParsedProfile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const here = (segments: (string | number)[], key: string, params: Diagnostic['params'] = {}) => {
    const off = parsed.doc ? offsetOf(parsed.doc, segments.map(String)) : 0;
    const { line, col } = parsed.lineCounter.linePos(off);
    out.push({ file: parsed.file, line, col, key, params, path: '/' + segments.join('/') });
  };
  // Role ids unique.
  const seen = new Set<string>();
  p.roles.forEach((r, i) => {
    if (seen.has(r.id)) here(['roles', ownIndex(parsed, r.id, i), 'id'], 'profile.duplicateRole', { id: r.id });
    seen.add(r.id);
  });
  // min ≤ recommended for rates.
  for (const dir of ['uploadMbps', 'downloadMbps'] as const) {
    const r = p.network[dir];
    if (r.min > r.recommended) here(['network', dir, 'min'], 'profile.minAboveRecommended', { min: r.min, recommended: r.recommended });
  }
  // warn before fail: for "lower is better" metrics warn ≤ fail; for "higher is better" warn ≥ fail.
  const lower: Array<[string[], Level]> = [
    [['network', 'rttMs'], p.network.rttMs],
    [['network', 'jitterMs'], p.network.jitterMs],
    [['network', 'lossPercent'], p.network.lossPercent],
    [['thresholds', 'speaker', 'latencyMs'], p.thresholds.speaker.latencyMs],
    [['thresholds', 'host', 'loadPerCpu'], p.thresholds.host.loadPerCpu],
    [['thresholds', 'host', 'clockOffsetMs'], p.thresholds.host.clockOffsetMs],
  ];
  for (const [path, l] of lower) {
    if (l.warn !== undefined && l.fail !== undefined && l.warn > l.fail) here([...path, 'warn'], 'profile.warnAfterFail', { warn: l.warn, fail: l.fail });
  }
  const higher: Array<[string[], Level]> = [
    [['call', 'mos'], p.call.mos],
    [['call', 'videoBitrateKbps'], p.call.videoBitrateKbps],
  ];
  for (const [path, l] of higher) {
    if (l.warn !== undefined && l.fail !== undefined && l.warn < l.fail) here([...path, 'warn'], 'profile.warnAfterFail', { warn: l.warn, fail: l.fail });
  }
  const mic = p.thresholds.microphone;
  if (mic.deadDbfs >= mic.quietDbfs) here(['thresholds', 'microphone', 'deadDbfs'], 'profile.minNotBelowMax', { min: mic.deadDbfs, max: mic.quietDbfs });
  const cam = p.thresholds.camera;
  if (cam.minLuma >= cam.maxLuma) here(['thresholds', 'camera', 'minLuma'], 'profile.minNotBelowMax', { min: cam.minLuma, max: cam.maxLuma });
  // The upload requirement covers the call's media with headroom.
  const needKbps = (p.call.video.bitrateKbps + p.call.audio.bitrateKbps) * p.call.headroom;
  if (p.network.uploadMbps.recommended * 1000 < needKbps) {
    here(['network', 'uploadMbps', 'recommended'], 'profile.uploadBelowCall', { upload: p.network.uploadMbps.recommended, need: (needKbps / 1000).toFixed(2) });
  }
  return out;
}

function ownIndex(parsed: ParsedProfile, id: string, fallback: number): number {
  const roles = (parsed.data?.roles as Array<{ id?: string }>) ?? [];
  const idx = roles.map((r) => r.id).lastIndexOf(id);
  return idx >= 0 ? idx : fallback;
}
