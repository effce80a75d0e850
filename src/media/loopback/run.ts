// One loopback measurement: design the probe, play it and record it on the simulated room or on
// real devices, analyse the recording. The check (src/checks/speaker.ts) only judges the result.
import type { FfmpegBinary } from '../ffmpeg.js';
import { UriError, type DeviceUri } from '../uri.js';
import { analyzeLoopback, type LoopbackAnalysis } from './analyze.js';
import { recordDevices } from './devices.js';
import { designProbe, fromF32le, toF32le, type Probe, type ProbeOptions } from './probe.js';
import { recordSimRoom, roomPath, type RoomPath } from './sim-room.js';

export type LoopbackFailure =
  | { kind: 'simMismatch' }
  | { kind: 'cannotPlay'; detail: string }
  | { kind: 'microphoneFailed'; detail: string }
  | { kind: 'playbackFailed'; detail: string };

export interface LoopbackRun {
  probe: Probe;
  mode: 'simulated' | 'devices';
  analysis?: LoopbackAnalysis;
  failure?: LoopbackFailure;
  /** Simulated path: the room's parameters (the truth). */
  room?: RoomPath;
  /**
   * Latency, ms. Simulated: exact (recording and playback share sample 0). Devices: an upper bound
   * (time from starting the player to hearing marker A, which includes the player's start-up).
   */
  latencyMs: number | null;
  latencyExact: boolean;
  /** Devices: the uncertainty of latencyMs, ms (it can be this much too high). */
  latencyUncertaintyMs?: number;
  /** Wall time of playing + recording, ms. */
  recordMs: number;
}

export interface LoopbackOptions extends ProbeOptions {
  ffmpeg: FfmpegBinary;
  signal: AbortSignal;
  deadline: number;
  minSnrDb: number;
}

/** The informative line of ffmpeg's stderr: the device's own complaint, else the last line. */
const lastLine = (s: string) => {
  const lines = s.trim().split('\n').filter(Boolean);
  const device = lines.find((l) => /^\[[^\]]+ @ 0x[0-9a-f]+\] /.test(l));
  return (device ?? lines.pop() ?? '').replace(/^\[([^\]]+) @ 0x[0-9a-f]+\] /, '$1: ').slice(0, 300);
};

const isSimRoom = (u: DeviceUri) => u.backend === 'sim' && u.sim?.kind === 'room';

export async function runLoopback(speaker: DeviceUri, microphone: DeviceUri, o: LoopbackOptions): Promise<LoopbackRun> {
  const probe = designProbe(o);
  const fs = probe.sampleRate;
  const pcm = toF32le(probe.signal);
  const t0 = Date.now();
  if (isSimRoom(speaker) || isSimRoom(microphone)) {
    if (!(isSimRoom(speaker) && isSimRoom(microphone)))
      return {
        probe,
        mode: 'simulated',
        failure: { kind: 'simMismatch' },
        latencyMs: null,
        latencyExact: false,
        recordMs: 0,
      };
    const room = roomPath(speaker, microphone);
    const r = await recordSimRoom(room, pcm, fs, probe.recordSamples, {
      ffmpeg: o.ffmpeg,
      signal: o.signal,
      timeoutMs: Math.max(1000, o.deadline - Date.now()),
    });
    if (r.aborted || r.timedOut) throw new Error(r.timedOut ? 'simulated room timed out' : 'aborted');
    if (r.exitCode !== 0)
      return {
        probe,
        mode: 'simulated',
        room,
        failure: { kind: 'microphoneFailed', detail: lastLine(r.stderr) },
        latencyMs: null,
        latencyExact: false,
        recordMs: Date.now() - t0,
      };
    const analysis = analyzeLoopback(fromF32le(r.pcm), probe, o.minSnrDb);
    const latencyMs =
      analysis.offsetSamples === null ? null : Math.round((analysis.offsetSamples / fs) * 1000 * 100) / 100;
    return {
      probe,
      mode: 'simulated',
      room,
      analysis,
      latencyMs,
      latencyExact: latencyMs !== null,
      recordMs: Date.now() - t0,
    };
  }
  for (const u of [speaker, microphone])
    if (u.backend === 'sim') throw new UriError(`sim:${u.target}`, 'only sim:room can take part in a loopback');
  let rec;
  try {
    rec = await recordDevices(speaker, microphone, pcm, fs, probe.recordSamples, {
      ffmpeg: o.ffmpeg,
      signal: o.signal,
      deadline: o.deadline,
    });
  } catch (err) {
    if (err instanceof UriError)
      return {
        probe,
        mode: 'devices',
        failure: { kind: 'cannotPlay', detail: err.reason },
        latencyMs: null,
        latencyExact: false,
        recordMs: Date.now() - t0,
      };
    throw err;
  }
  if (rec.capture.aborted || rec.playback.aborted) throw new Error('aborted');
  const recordMs = Date.now() - t0;
  const base = { probe, mode: 'devices' as const, latencyMs: null, latencyExact: false, recordMs };
  if (rec.capture.spawnFailed || rec.samplesAtPlayStart === null) {
    return {
      ...base,
      failure: {
        kind: 'microphoneFailed',
        detail: lastLine(rec.capture.stderr) || (rec.capture.timedOut ? 'timeout' : 'no samples'),
      },
    };
  }
  if (rec.playback.spawnFailed || rec.playback.exitCode !== 0) {
    return {
      ...base,
      failure: {
        kind: 'playbackFailed',
        detail: lastLine(rec.playback.stderr) || (rec.playback.timedOut ? 'timeout' : `exit ${rec.playback.exitCode}`),
      },
    };
  }
  if (rec.capture.exitCode !== 0 && !rec.capture.timedOut) {
    return {
      ...base,
      failure: { kind: 'microphoneFailed', detail: lastLine(rec.capture.stderr) || `exit ${rec.capture.exitCode}` },
    };
  }
  const analysis = analyzeLoopback(fromF32le(rec.pcm), probe, o.minSnrDb);
  let latencyMs: number | null = null;
  if (analysis.offsetSamples !== null)
    latencyMs = Math.round(((analysis.offsetSamples - rec.samplesAtPlayStart) / fs) * 1000);
  // Upper bound: the player's own start-up (≈ 50–300 ms) is inside it, and the recorder's pipe
  // delivers late, which moves it either way by up to one capture buffer.
  return {
    ...base,
    analysis,
    latencyMs,
    latencyUncertaintyMs: latencyMs === null ? undefined : Math.max(0, latencyMs),
  };
}
