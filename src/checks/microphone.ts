// Microphone check: capture a few seconds as raw PCM (s16le, mono, 48 kHz, through a pipe) and
// analyse it in JS (src/media/analysis/pcm-*.ts): RMS, peak, noise floor, clipping runs, DC
// offset, dropouts, and a coarse spectrum for the report. A `sim:room` microphone is the lavfi
// graph of src/media/sim.ts, captured through the same ffmpeg path as a real device.
import { metric, statusOf } from '../domain/verdict.js';
import type { Check } from './types.js';
import { failed, type CheckOutcome, type Finding, type Metric } from '../domain/result.js';
import { parseInputStreams } from '../media/ffmpeg.js';
import { decodeS16le, summarizeLevels } from '../media/analysis/pcm-levels.js';
import { coarseSpectrum } from '../media/analysis/pcm-spectrum.js';
import { prepareCapture, runCapture } from './capture.js';
import { kindTargets } from './targets.js';
import { simMicrophoneGraph, simRoomParams } from '../media/sim.js';
import { inputArgs, type DeviceUri } from '../media/uri.js';

export const MIC_SAMPLE_RATE = 48000;

/** ffmpeg input arguments of a microphone, simulated rooms included. */
export function microphoneInput(uri: DeviceUri): string[] {
  if (uri.backend === 'sim') return ['-f', 'lavfi', '-i', simMicrophoneGraph(simRoomParams(uri), MIC_SAMPLE_RATE)];
  return inputArgs(uri, { sampleRate: MIC_SAMPLE_RATE, channels: 1 });
}

export function microphoneArgs(input: string[], seconds: number): string[] {
  return [
    '-nostats',
    '-loglevel',
    'info',
    '-t',
    String(seconds),
    ...input,
    '-map',
    '0:a:0',
    '-ac',
    '1',
    '-ar',
    String(MIC_SAMPLE_RATE),
    '-c:a',
    'pcm_s16le',
    '-f',
    's16le',
    'pipe:1',
  ];
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export const microphoneCheck: Check = {
  id: 'microphone',
  titleKey: 'check.title.microphone',
  timeoutMs: (room) => room.profile.thresholds.microphone.captureSeconds * 1000 + 15_000,
  // Every microphone role, bound or not: a required role with no device must fail here too.
  targets: kindTargets('microphone'),
  // The speaker check occupies `audio-out` and `audio-in`: the two never run side by side.
  resources: (target) => [`audio-in:${target.uri}`, 'audio-in'],
  async run(target, ctx): Promise<CheckOutcome> {
    const th = ctx.room.profile.thresholds.microphone;
    if (!target.uri) {
      return failed('microphone.noDevice', { role: target.id }, 'microphone.noDevice.remedy', {
        unobserved: 'no-device',
      });
    }
    const prepared = prepareCapture(target.uri ?? '', ctx);
    if (!prepared.ok) return { status: 'error', findings: [prepared.finding] };
    const { uri, bin } = prepared;
    if (uri.backend === 'sim' && uri.sim?.kind !== 'room') {
      return {
        status: 'error',
        findings: [
          {
            severity: 'error',
            key: 'microphone.simUnsupported',
            params: { uri: target.uri ?? '' },
            remedyKey: 'microphone.simUnsupported.remedy',
          },
        ],
      };
    }
    let input: string[];
    try {
      input = microphoneInput(uri);
    } catch (err) {
      return {
        status: 'error',
        findings: [
          {
            severity: 'error',
            key: 'uri.invalid',
            params: { uri: target.uri ?? '', reason: (err as Error).message },
            remedyKey: 'uri.invalid.remedy',
          },
        ],
      };
    }
    const run = await runCapture(
      bin,
      microphoneArgs(input, th.captureSeconds),
      ctx,
      'microphone',
      target.uri ?? '',
      true,
    );
    if (run.failure) {
      const { status, ...finding } = run.failure;
      return { status, findings: [finding], details: { stderrTail: run.result.stderr.slice(-2000) } };
    }
    const samples = decodeS16le(run.result.stdoutBuffer ?? Buffer.alloc(0));
    const streams = parseInputStreams(run.result.stderr);
    if (samples.length < MIC_SAMPLE_RATE * 0.5) {
      return failed(
        'microphone.noSamples',
        { uri: target.uri ?? '', seconds: r1(samples.length / MIC_SAMPLE_RATE) },
        'microphone.noSamples.remedy',
      );
    }
    const s = summarizeLevels(samples, MIC_SAMPLE_RATE, th.clippingRun);
    const level = metric('rmsLevel', r1(s.rmsDbfs), 'dBFS', {
      better: 'higher',
      fail: th.deadDbfs,
      warn: th.quietDbfs,
    });
    const metrics: Metric[] = [
      level,
      metric('peakLevel', r1(s.peakDbfs), 'dBFS'),
      metric('noiseFloor', r1(s.noiseFloorDbfs), 'dBFS'),
      metric('longestFullScaleRun', s.clipping.longest, 'samples', { better: 'lower', warn: th.clippingRun + 1 }),
      metric('dcOffset', Math.round(Math.abs(s.dcOffset) * 10000) / 10000, 'ratio', {
        better: 'lower',
        warn: th.maxDcOffset,
      }),
      metric('dropouts', s.dropouts.length, 'count', { better: 'lower', warn: 1 }),
      metric('sampleRate', streams.audio?.sampleRate ?? null, 'Hz'),
      metric('seconds', r1(s.seconds), 's'),
    ];
    const findings: Finding[] = [
      {
        severity: 'info',
        key: 'microphone.summary',
        params: {
          rms: r1(s.rmsDbfs),
          peak: r1(s.peakDbfs),
          floor: r1(s.noiseFloorDbfs),
          rate: streams.audio?.sampleRate ?? '?',
        },
      },
    ];
    if (level.verdict === 'fail')
      findings.push({
        severity: 'fail',
        key: 'microphone.dead',
        params: { rms: r1(s.rmsDbfs), min: th.deadDbfs },
        remedyKey: 'microphone.dead.remedy',
      });
    else if (level.verdict === 'warn')
      findings.push({
        severity: 'warn',
        key: 'microphone.quiet',
        params: { rms: r1(s.rmsDbfs), min: th.quietDbfs },
        remedyKey: 'microphone.quiet.remedy',
      });
    if (s.clipping.longest > th.clippingRun)
      findings.push({
        severity: 'warn',
        key: 'microphone.clipping',
        params: { run: s.clipping.longest, limit: th.clippingRun, runs: s.clipping.runsOverLimit },
        remedyKey: 'microphone.clipping.remedy',
      });
    if (Math.abs(s.dcOffset) >= th.maxDcOffset)
      findings.push({
        severity: 'warn',
        key: 'microphone.dcOffset',
        params: { percent: r1(s.dcOffset * 100) },
        remedyKey: 'microphone.dcOffset.remedy',
      });
    if (s.dropouts.length && level.verdict !== 'fail') {
      const longest = Math.max(...s.dropouts.map((d) => d.durationMs));
      findings.push({
        severity: 'warn',
        key: 'microphone.dropouts',
        params: { count: s.dropouts.length, longest: Math.round(longest) },
        remedyKey: 'microphone.dropouts.remedy',
      });
    }
    // Dead already explains the silence: no clipping/DC/dropout verdicts can pass it.
    return {
      status: statusOf(metrics, findings),
      metrics,
      findings,
      details: {
        spectrum: coarseSpectrum(samples, MIC_SAMPLE_RATE, 64),
        levels: {
          blockMs: s.blockMs,
          blocksDbfs: s.blocksDbfs,
          rmsDbfs: r1(s.rmsDbfs),
          peakDbfs: r1(s.peakDbfs),
          noiseFloorDbfs: r1(s.noiseFloorDbfs),
          stdDev: Math.round(s.stdDev * 10000) / 10000,
        },
        clipping: s.clipping,
        dropouts: s.dropouts,
        negotiated: {
          sampleRate: streams.audio?.sampleRate ?? null,
          channels: streams.audio?.channels ?? null,
          codec: streams.audio?.codec ?? null,
        },
      },
    };
  },
};
