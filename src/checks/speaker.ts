// The speaker check: play a known signal on the room's speaker while its paired microphone
// records, then find each test tone (level, SNR, distortion) and the path latency.
//
// Paired microphone: the first REQUIRED microphone role of the profile that has a device bound,
// else the first microphone role with a device. (A room has one sound system; the microphone the
// officials speak into is the one that must hear the speaker, e.g. for echo cancellation.)
import { resolveFfmpeg } from '../media/ffmpeg.js';
import { runLoopback, type LoopbackRun } from '../media/loopback/run.js';
import { parseDeviceUri, UriError } from '../media/uri.js';
import type { Role } from '../profiles/types.js';
import { metric, statusOf } from '../domain/verdict.js';
import { listParams } from '../i18n/format.js';
import { kindTargets } from './targets.js';
import { BUSY_LOOP } from './net-common.js';
import type { Check, RoomContext } from './types.js';
import { failed, type CheckOutcome, type Finding, type Metric, type Status } from '../domain/result.js';

/**
 * Harmonic distortion limits, percent. Loudspeaker makers rate maximum output at 10 % THD
 * (the usual "max SPL at 10 % THD" rating), so above it the speaker is being overdriven: warn.
 * Above 30 % a tone is audibly buzzing / clipping: fail. Our choice, documented in docs/loopback.md.
 */
export const THD_LIMITS = { warn: 10, fail: 30 } as const;

/** Marker spacing error above this, ms, means the path dropped or inserted audio (underrun). */
export const GLITCH_MS = 2;

export function pairedMicrophone(room: RoomContext): Role | undefined {
  const mics = room.profile.roles.filter((r) => r.kind === 'microphone' && room.devices[r.id]);
  return mics.find((r) => r.required) ?? mics[0];
}

/**
 * Test tones as finding params: the frequencies as a list (`tones.0`, `tones.1`, … in Hz, printed
 * per language by `{tones:list:Hz}`), and `tones` as text for readers of reports written before.
 */
const tonesParams = (tones: readonly { hz: number }[]) => ({
  tones: tones.map((t) => `${t.hz} Hz`).join(', '),
  ...listParams(
    'tones',
    tones.map((t) => t.hz),
  ),
});

const severityOf = (s: Status): Finding['severity'] => (s === 'fail' ? 'fail' : s === 'warn' ? 'warn' : 'info');

function outcomeFromRun(run: LoopbackRun, room: RoomContext, micRole: Role, micUri: string): CheckOutcome {
  const th = room.profile.thresholds.speaker;
  const mic = room.profile.thresholds.microphone;
  const details: Record<string, unknown> = {
    microphoneRole: micRole.id,
    microphoneUri: micUri,
    path: run.mode,
    recordMs: run.recordMs,
  };
  if (run.failure) {
    const f = run.failure;
    const detail = 'detail' in f ? f.detail : '';
    return failed(`speaker.${f.kind}`, { detail, microphone: micUri }, `speaker.${f.kind}.remedy`, { details });
  }
  const a = run.analysis!;
  const metrics: Metric[] = [];
  const findings: Finding[] = [];
  for (const t of a.tones)
    metrics.push(metric(`snr${t.hz}Hz`, Math.round(t.snrDb * 10) / 10, 'dB', { better: 'higher', fail: th.minSnrDb }));
  details.tones = a.tones.map((t) => ({
    hz: t.hz,
    snrDb: Math.round(t.snrDb * 10) / 10,
    detected: t.detected,
    levelDb: Number.isFinite(t.levelDb) ? Math.round(t.levelDb * 10) / 10 : null,
    thdPercent: t.thdPercent,
  }));
  details.spectrum = a.spectrum;
  details.ambientDb = a.ambientDb;
  details.markerSpacingErrorMs = a.markerSpacingErrorMs;
  const heard = a.tones.filter((t) => t.detected);
  if (!heard.length) {
    findings.push({
      severity: 'fail',
      key: 'speaker.nothingHeard',
      params: { microphone: micUri },
      remedyKey: 'speaker.nothingHeard.remedy',
    });
    return { status: 'fail', metrics, findings, details };
  }
  if (a.offsetSamples === null) {
    // Tones at the test frequencies but neither timing marker: that may be any other sound (a
    // voice, music), not our signal. Never a pass on that.
    findings.push({
      severity: 'fail',
      key: 'speaker.notLocated',
      params: tonesParams(heard),
      remedyKey: 'speaker.notLocated.remedy',
    });
    return { status: 'fail', metrics, findings, details };
  }
  const missing = a.tones.filter((t) => !t.detected);
  if (missing.length) {
    findings.push({
      severity: 'fail',
      key: 'speaker.tonesMissing',
      params: { ...tonesParams(missing), count: missing.length, total: a.tones.length },
      remedyKey: 'speaker.tonesMissing.remedy',
    });
  }
  // Level of the test tone at the microphone: the microphone check's quiet / dead levels.
  const level = metric('level', a.levelDb, 'dBFS', { better: 'higher', warn: mic.quietDbfs, fail: mic.deadDbfs });
  metrics.push(level);
  if (level.verdict !== 'pass')
    findings.push({
      severity: severityOf(level.verdict!),
      key: 'speaker.tooQuiet',
      params: { level: a.levelDb ?? '?', quiet: mic.quietDbfs },
      remedyKey: 'speaker.tooQuiet.remedy',
    });
  const thd = metric('thd', a.thdPercent, '%', { better: 'lower', ...THD_LIMITS });
  metrics.push(thd);
  if (thd.verdict !== 'pass') {
    const worstTone = heard.reduce((x, t) => ((t.thdPercent ?? 0) > (x.thdPercent ?? 0) ? t : x));
    findings.push({
      severity: severityOf(thd.verdict!),
      key: 'speaker.distorted',
      params: { thd: a.thdPercent ?? '?', hz: worstTone.hz },
      remedyKey: 'speaker.distorted.remedy',
    });
  }
  details.latency = {
    ms: run.latencyMs,
    exact: run.latencyExact,
    uncertaintyMs: run.latencyUncertaintyMs ?? (run.latencyExact ? 0.1 : null),
  };
  if (run.latencyExact && run.latencyMs !== null) {
    const lat = metric('latency', run.latencyMs, 'ms', { better: 'lower', ...th.latencyMs });
    metrics.push(lat);
    if (lat.verdict !== 'pass')
      findings.push({
        severity: severityOf(lat.verdict!),
        key: 'speaker.highLatency',
        params: { ms: run.latencyMs, limit: th.latencyMs.warn ?? th.latencyMs.fail ?? '?' },
        remedyKey: 'speaker.highLatency.remedy',
      });
  } else if (run.latencyMs !== null) {
    findings.push({ severity: 'info', key: 'speaker.latencyEstimate', params: { ms: run.latencyMs } });
  } else {
    findings.push({ severity: 'info', key: 'speaker.latencyUnknown' });
  }
  if (a.markerSpacingErrorMs !== null && Math.abs(a.markerSpacingErrorMs) > GLITCH_MS) {
    findings.push({
      severity: 'warn',
      key: 'speaker.glitch',
      params: { ms: a.markerSpacingErrorMs },
      remedyKey: 'speaker.glitch.remedy',
    });
  }
  if (!findings.some((f) => f.severity !== 'info')) {
    findings.unshift({
      severity: 'info',
      key: 'speaker.ok',
      params: { ...tonesParams(heard), level: a.levelDb ?? '?' },
    });
  }
  return { status: statusOf(metrics, findings), metrics, findings, details };
}

export const speakerCheck: Check = {
  id: 'speaker',
  titleKey: 'check.title.speaker',
  // The probe, plus ffmpeg start-up on both sides and the analysis.
  timeoutMs: (room) => Math.round(room.profile.thresholds.speaker.probeSeconds * 1000) + 10_000,
  targets: kindTargets('speaker'),
  // Plays AND records: never beside the microphone check (audio-in) or another speaker (audio-out).
  resources: () => ['audio-out', 'audio-in', BUSY_LOOP],
  async run(target, ctx): Promise<CheckOutcome> {
    const room = ctx.room;
    if (!target.uri) {
      return failed('speaker.noDevice', { role: target.id }, 'speaker.noDevice.remedy', { unobserved: 'no-device' });
    }
    const micRole = pairedMicrophone(room);
    if (!micRole) {
      return failed('speaker.noMicrophone', undefined, 'speaker.noMicrophone.remedy', { unobserved: 'no-device' });
    }
    const micUri = room.devices[micRole.id];
    let speaker, microphone;
    try {
      speaker = parseDeviceUri(target.uri);
      microphone = parseDeviceUri(micUri);
    } catch (err) {
      if (err instanceof UriError)
        return failed('speaker.badUri', { uri: err.uri, reason: err.reason }, 'speaker.badUri.remedy');
      throw err;
    }
    const th = room.profile.thresholds.speaker;
    let run: LoopbackRun;
    try {
      run = await runLoopback(speaker, microphone, {
        tonesHz: th.tonesHz,
        levelDbfs: th.levelDbfs,
        probeSeconds: th.probeSeconds,
        minSnrDb: th.minSnrDb,
        ffmpeg: resolveFfmpeg(room.ffmpegPath),
        signal: ctx.signal,
        deadline: ctx.deadline - 500,
      });
    } catch (err) {
      if (err instanceof UriError)
        return failed('speaker.badUri', { uri: err.uri, reason: err.reason }, 'speaker.badUri.remedy');
      throw err;
    }
    ctx.log.debug(
      `speaker ${target.id}: ${run.mode} path, latency ${run.latencyMs} ms (exact: ${run.latencyExact}), record ${run.recordMs} ms`,
    );
    return outcomeFromRun(run, room, micRole, micUri);
  },
};
