// The loopback on real devices: one ffmpeg records the microphone (raw f32 to stdout), another
// plays our signal (raw f32 on stdin) on the speaker. Recording starts first; playback starts as
// soon as the first recorded bytes arrive, so the whole signal lands inside the recording.
//
// The two processes are not sample-aligned: the recording's sample 0 and the playback's sample 0
// are tied only through wall-clock time, process start-up and each device's buffering. So the
// absolute latency measured here is an upper bound (it includes the player's start-up), never a
// judged metric; see docs/loopback.md.
import type { FfmpegBinary } from '../ffmpeg.js';
import { runFfmpeg } from '../ffmpeg.js';
import { audioOutputArgs, inputArgs, type DeviceUri } from '../uri.js';

export interface DeviceRecording {
  pcm: Buffer;
  /** Samples recorded (delivered to us) when the player was started: where playback could start at the earliest. */
  samplesAtPlayStart: number | null;
  capture: { exitCode?: number; stderr: string; timedOut: boolean; aborted: boolean; spawnFailed: boolean };
  playback: {
    exitCode?: number;
    stderr: string;
    timedOut: boolean;
    aborted: boolean;
    spawnFailed: boolean;
    started: boolean;
  };
}

export interface DeviceRecordOptions {
  ffmpeg: FfmpegBinary;
  signal: AbortSignal;
  /** Epoch ms by which both processes must have ended. */
  deadline: number;
  /** How long to wait for the microphone's first samples before giving up, ms. */
  startTimeoutMs?: number;
}

export async function recordDevices(
  speaker: DeviceUri,
  microphone: DeviceUri,
  signalPcm: Buffer,
  sampleRate: number,
  recordSamples: number,
  o: DeviceRecordOptions,
): Promise<DeviceRecording> {
  const outArgs = audioOutputArgs(speaker); // throws UriError for a backend that cannot play
  const inArgs = inputArgs(microphone, { sampleRate, channels: 1 });
  const remaining = () => Math.max(500, o.deadline - Date.now());
  let received = 0;
  let firstData: () => void = () => {};
  const started = new Promise<void>((r) => (firstData = r));
  // The recorder stops early when the player fails: nothing more is coming.
  const stopCapture = new AbortController();
  const captureSignal = AbortSignal.any([o.signal, stopCapture.signal]);
  const capture = runFfmpeg(
    o.ffmpeg,
    // atrim counts samples: device timestamps (pulse's are wall-clock based) make `-t` inexact.
    [
      '-loglevel',
      'error',
      ...inArgs,
      '-af',
      `aresample=${sampleRate},atrim=end_sample=${recordSamples}`,
      '-ac',
      '1',
      '-ar',
      String(sampleRate),
      '-f',
      'f32le',
      'pipe:1',
    ],
    {
      binaryStdout: true,
      signal: captureSignal,
      timeoutMs: remaining(),
      onStdout: (c) => {
        received += c.length;
        firstData();
      },
    },
  );
  let startTimer: NodeJS.Timeout | undefined;
  const wait = await Promise.race([
    started.then(() => 'started' as const),
    capture.then(() => 'ended' as const),
    new Promise<'timeout'>((r) => (startTimer = setTimeout(() => r('timeout'), o.startTimeoutMs ?? 5000))),
  ]);
  clearTimeout(startTimer);
  if (wait === 'timeout') stopCapture.abort();
  let samplesAtPlayStart: number | null = null;
  let play: Awaited<ReturnType<typeof runFfmpeg>> | undefined;
  if (wait === 'started' && !o.signal.aborted) {
    samplesAtPlayStart = Math.floor(received / 4);
    play = await runFfmpeg(
      o.ffmpeg,
      ['-loglevel', 'error', '-f', 'f32le', '-ar', String(sampleRate), '-ac', '1', '-i', 'pipe:0', ...outArgs],
      {
        // Trailing silence: players may drop what is still buffered when their input ends.
        input: Buffer.concat([signalPcm, Buffer.alloc(Math.round(0.3 * sampleRate) * 4)]),
        signal: o.signal,
        timeoutMs: Math.max(500, Math.min(remaining(), (signalPcm.length / 4 / sampleRate) * 1000 + 5000)),
      },
    );
  }
  if (play && (play.exitCode !== 0 || play.spawnError)) stopCapture.abort();
  const cap = await capture;
  return {
    pcm: cap.stdoutBuffer ?? Buffer.alloc(0),
    samplesAtPlayStart,
    capture: {
      exitCode: cap.exitCode,
      stderr: cap.stderr,
      timedOut: cap.timedOut,
      aborted: o.signal.aborted,
      spawnFailed: Boolean(cap.spawnError),
    },
    playback: {
      exitCode: play?.exitCode,
      stderr: play?.stderr ?? '',
      timedOut: play?.timedOut ?? false,
      aborted: play?.aborted ?? false,
      spawnFailed: Boolean(play?.spawnError),
      started: play !== undefined,
    },
  };
}
