// Recording readiness: the national online-reception model keeps every session's recording. The
// room's recording folder (profile `recording.folder`) must exist and be writable, hold the
// profile's hours of recording at the call's bitrate, write faster than that bitrate with margin,
// and a short test recording from the room's bound camera and microphone into it must play back
// (duration and both streams checked by decoding it) — then it is deleted.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { failed, type CheckOutcome, type Finding, type Metric } from '../domain/result.js';
import { metric, statusOf } from '../domain/verdict.js';
import { type FfmpegBinary, parseInputStreams, resolveFfmpeg, runFfmpeg, timeLeft } from '../media/ffmpeg.js';
import { folderProblem, freeBytes, measureWriteSpeed } from '../media/recording-storage.js';
import { inputArgs, parseDeviceUri } from '../media/uri.js';
import { microphoneInput } from './microphone.js';
import type { Check, CheckContext } from './types.js';

const GiB = 1024 ** 3;
const r1 = (v: number) => Math.round(v * 10) / 10;
const gib = (bytes: number) => Math.round((bytes / GiB) * 100) / 100;

function boundDevice(ctx: { room: CheckContext['room'] }, kind: 'camera' | 'microphone'): string | undefined {
  for (const role of ctx.room.profile.roles.filter((r) => r.kind === kind))
    if (ctx.room.devices[role.id]) return ctx.room.devices[role.id];
  return undefined;
}

export const recordingCheck: Check = {
  id: 'recording',
  titleKey: 'check.title.recording',
  timeoutMs: (room) => (room.profile.recording.testSeconds + 25) * 1000,
  targets: (room) => (room.profile.recording.folder ? [{ id: 'default', label: room.profile.recording.folder }] : []),
  // It opens the camera and the microphone: never at the same time as their own checks.
  resources: (_t, room) => {
    const cam = boundDevice({ room }, 'camera');
    const mic = boundDevice({ room }, 'microphone');
    return [...(cam ? [`camera:${cam}`] : []), ...(mic ? [`audio-in:${mic}`, 'audio-in'] : []), 'disk:recording'];
  },
  async run(_target, ctx): Promise<CheckOutcome> {
    const rec = ctx.room.profile.recording;
    const folder = rec.folder!;
    const call = ctx.room.profile.call;
    const kbps = call.video.bitrateKbps + call.audio.bitrateKbps;
    const needBytes = (rec.hours * 3600 * kbps * 1000) / 8;
    const findings: Finding[] = [];
    const metrics: Metric[] = [];
    const details: Record<string, unknown> = { folder, hours: rec.hours, bitrateKbps: kbps };

    const problem = await folderProblem(folder);
    if (problem) {
      const key =
        problem.kind === 'full'
          ? 'recording.full'
          : problem.kind === 'notWritable'
            ? 'recording.notWritable'
            : problem.kind === 'notFolder'
              ? 'recording.notFolder'
              : 'recording.missing';
      return failed(key, { folder, code: problem.code ?? '' }, `${key}.remedy`, { details });
    }

    const free = await freeBytes(folder);
    const space = metric('freeGiB', gib(free), 'GiB', { better: 'higher', fail: gib(needBytes) });
    metrics.push(space);
    details.needGiB = gib(needBytes);
    if (space.verdict === 'fail') {
      findings.push({
        severity: 'fail',
        key: 'recording.noSpace',
        params: { folder, free: gib(free), need: gib(needBytes), hours: rec.hours, kbps },
        remedyKey: 'recording.noSpace.remedy',
      });
    }

    // Sustained write: 3 s worth at the required speed, at least 8 MiB, never more than half the free space.
    const needMbps = (kbps / 1000) * rec.writeMargin;
    const sample = Math.min(Math.max(8 << 20, Math.round(((needMbps * 1e6) / 8) * 3)), 64 << 20, Math.floor(free / 2));
    if (sample >= 1 << 20) {
      const w = await measureWriteSpeed(folder, sample, ctx.signal);
      details.write = { bytes: w.bytes, seconds: Math.round(w.seconds * 100) / 100, mbps: r1(w.mbps), error: w.error };
      if (w.error) {
        findings.push({
          severity: 'fail',
          key: w.error === 'ENOSPC' ? 'recording.noSpace' : 'recording.writeError',
          params: { folder, free: gib(free), need: gib(needBytes), hours: rec.hours, kbps, code: w.error },
          remedyKey: w.error === 'ENOSPC' ? 'recording.noSpace.remedy' : 'recording.notWritable.remedy',
        });
      } else {
        const m = metric('writeMbps', r1(w.mbps), 'Mbit/s', { better: 'higher', fail: r1(needMbps) });
        metrics.push(m);
        if (m.verdict === 'fail')
          findings.push({
            severity: 'fail',
            key: 'recording.slowDisk',
            params: { folder, mbps: r1(w.mbps), need: r1(needMbps) },
            remedyKey: 'recording.slowDisk.remedy',
          });
      }
    }
    if (findings.some((f) => f.severity === 'fail')) return { status: 'fail', metrics, findings, details };

    // A short test recording from the room's own camera and microphone, verified by decoding it.
    const cam = boundDevice(ctx, 'camera');
    const mic = boundDevice(ctx, 'microphone');
    if (!cam || !mic) {
      findings.push({ severity: 'warn', key: 'recording.noDevices', remedyKey: 'recording.noDevices.remedy' });
      return { status: 'warn', metrics, findings, details };
    }
    const tested = await testRecording(ctx, folder, cam, mic, rec.testSeconds);
    details.test = tested.details;
    if (tested.finding) findings.push(tested.finding);
    else
      findings.push({
        severity: 'info',
        key: 'recording.ok',
        params: { folder, free: gib(free), hours: rec.hours, seconds: tested.details.durationSeconds ?? '?' },
      });
    return { status: statusOf(metrics, findings), metrics, findings, details };
  },
};

async function testRecording(
  ctx: CheckContext,
  folder: string,
  camUri: string,
  micUri: string,
  seconds: number,
): Promise<{ finding?: Finding; details: Record<string, number | string | boolean | null> }> {
  const file = join(folder, `wardkit-test-recording-${process.pid}-${Date.now()}.mkv`);
  const details: Record<string, number | string | boolean | null> = {};
  let bin: FfmpegBinary;
  try {
    bin = resolveFfmpeg(ctx.room.ffmpegPath);
  } catch {
    return { finding: { severity: 'error', key: 'ffmpeg.notFound', remedyKey: 'ffmpeg.notFound.remedy' }, details };
  }
  try {
    const call = ctx.room.profile.call;
    const cam = inputArgs(parseDeviceUri(camUri), {
      width: call.video.width,
      height: call.video.height,
      frameRate: call.video.frameRate,
    });
    const mic = microphoneInput(parseDeviceUri(micUri));
    const args = [
      '-nostats',
      '-loglevel',
      'error',
      ...cam,
      ...mic,
      '-t',
      String(seconds),
      '-map',
      '0:v:0',
      '-map',
      '1:a:0',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-b:v',
      `${call.video.bitrateKbps}k`,
      '-c:a',
      'aac',
      '-b:a',
      `${call.audio.bitrateKbps}k`,
      '-f',
      'matroska',
      '-y',
      file,
    ];
    ctx.log.debug(`recording: ${bin.path} ${args.join(' ')}`);
    const made = await runFfmpeg(bin, args, { timeoutMs: timeLeft(ctx.deadline) / 2, signal: ctx.signal });
    details.recordSeconds = Math.round(made.durationMs / 10) / 100;
    if (made.exitCode !== 0)
      return {
        finding: {
          severity: 'fail',
          key: 'recording.recordFailed',
          params: { folder, detail: lastLine(made.stderr) },
          remedyKey: 'recording.recordFailed.remedy',
        },
        details,
      };
    // Decode everything: a file that does not decode end to end is not a recording.
    const probe = await runFfmpeg(bin, ['-nostats', '-loglevel', 'info', '-i', file, '-map', '0', '-f', 'null', '-'], {
      timeoutMs: timeLeft(ctx.deadline),
      signal: ctx.signal,
    });
    const streams = parseInputStreams(probe.stderr);
    const d = /Duration: (\d+):(\d+):([\d.]+)/.exec(probe.stderr);
    const duration = d ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : null;
    Object.assign(details, {
      durationSeconds: duration,
      video: streams.video?.codec ?? null,
      audio: streams.audio?.codec ?? null,
    });
    const ok =
      probe.exitCode === 0 &&
      streams.video &&
      streams.audio &&
      duration !== null &&
      Math.abs(duration - seconds) <= Math.max(0.5, seconds * 0.25);
    if (!ok)
      return {
        finding: {
          severity: 'fail',
          key: 'recording.unplayable',
          params: {
            folder,
            duration: duration ?? '?',
            seconds,
            video: String(Boolean(streams.video)),
            audio: String(Boolean(streams.audio)),
          },
          remedyKey: 'recording.recordFailed.remedy',
        },
        details,
      };
    return { details };
  } finally {
    await rm(file, { force: true });
  }
}

const lastLine = (s: string) => s.trim().split(/\r?\n/).pop()?.slice(0, 200) ?? '';
