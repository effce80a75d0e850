// Camera check: open the bound camera at the role's resolution and frame rate, capture a few
// seconds through ffmpeg, and judge from ffmpeg's own analysis filters (read as metadata):
//   frame rate   from the frames' timestamps (metadata=print pts_time), not the nominal rate
//   black        blackdetect d=0.5 pic_th=0.98 pix_th=0.10 → fraction of the capture span
//   frozen       freezedetect n=0.001 (−60 dB) d=0.5        → fraction of the capture span
//   luma         signalstats YAVG per frame → mean (too dark / overexposed)
// Minimum durations: libavfilter's d=2 cannot resolve a 1/3 threshold on a 5 s capture (1.67 s <
// 2 s); d=0.5 s (15 frames at 30 fps) still ignores single repeated frames that webcams emit in
// low light, and resolves fractions to 0.1 of the capture.
import { join } from 'node:path';
import { chmod, mkdir } from 'node:fs/promises';
import { metric, statusOf } from '../domain/verdict.js';
import type { Check } from './types.js';
import { failed, type CheckOutcome, type Evidence, type Finding, type Metric } from '../domain/result.js';
import { parseInputStreams } from '../media/ffmpeg.js';
import { parseVideoAnalysis, summarizeVideo } from '../media/analysis/video-metadata.js';
import { prepareCapture, runCapture } from './capture.js';
import { kindTargets } from './targets.js';
import { inputArgs } from '../media/uri.js';

export const BLACK_FILTER = 'blackdetect=d=0.5:pic_th=0.98:pix_th=0.10';
export const FREEZE_FILTER = 'freezedetect=n=0.001:d=0.5';
/** The analysis chain: every frame's pts and YAVG are printed by the metadata filter. */
export const CAMERA_FILTERS = `${BLACK_FILTER},${FREEZE_FILTER},signalstats,metadata=mode=print:key=lavfi.signalstats.YAVG`;

const parseSize = (s: string | undefined): { width: number; height: number } | undefined => {
  const m = /^(\d+)x(\d+)$/.exec(s ?? '');
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
};

const round = (x: number | null, d = 2) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** ffmpeg arguments of one camera capture (exported for the argument tests). */
export function cameraArgs(input: string[], seconds: number, snapshot?: string): string[] {
  const args = [
    '-nostats',
    '-loglevel',
    'info',
    '-t',
    String(seconds),
    ...input,
    '-map',
    '0:v:0',
    '-vf',
    CAMERA_FILTERS,
    '-f',
    'null',
    '-',
  ];
  // A second output: one frame about half a second in, as a JPEG (evidence; off by default).
  if (snapshot)
    args.push(
      '-map',
      '0:v:0',
      '-vf',
      "select='gte(n\\,15)'",
      '-frames:v',
      '1',
      '-update',
      '1',
      '-q:v',
      '3',
      '-y',
      snapshot,
    );
  return args;
}

export const cameraCheck: Check = {
  id: 'camera',
  titleKey: 'check.title.camera',
  timeoutMs: (room) => room.profile.thresholds.camera.captureSeconds * 1000 + 20_000,
  // Every camera role, bound or not: a required role with no device must fail here too (with
  // `--only camera` the devices check that would report it does not run).
  targets: kindTargets('camera'),
  resources: (target) => [`camera:${target.uri}`],
  async run(target, ctx): Promise<CheckOutcome> {
    const th = ctx.room.profile.thresholds.camera;
    const role = target.role;
    const want = parseSize(role?.settings?.resolution);
    const min = parseSize(role?.settings?.minResolution);
    if (!target.uri) {
      return failed('camera.noDevice', { role: target.id }, 'camera.noDevice.remedy', { unobserved: 'no-device' });
    }
    const prepared = prepareCapture(target.uri ?? '', ctx);
    if (!prepared.ok) return { status: 'error', findings: [prepared.finding] };
    const { uri, bin } = prepared;
    if (uri.backend === 'sim') {
      return {
        status: 'error',
        findings: [
          {
            severity: 'error',
            key: 'camera.simUnsupported',
            params: { uri: target.uri ?? '' },
            remedyKey: 'camera.simUnsupported.remedy',
          },
        ],
      };
    }
    let snapshot: string | undefined;
    if (ctx.room.evidenceDir) {
      await mkdir(ctx.room.evidenceDir, { recursive: true, mode: 0o700 });
      snapshot = join(ctx.room.evidenceDir, `camera-${target.id.replace(/[^\w.-]+/g, '_')}.jpg`);
    }
    const wish = { width: want?.width, height: want?.height, frameRate: role?.settings?.frameRate };
    const input = inputArgs(uri, uri.backend === 'lavfi' || uri.backend === 'file' ? {} : wish);
    const run = await runCapture(bin, cameraArgs(input, th.captureSeconds, snapshot), ctx, 'camera', target.uri ?? '');
    // ffmpeg creates the picture with its umask (often 0644): evidence is private.
    if (snapshot) await chmod(snapshot, 0o600).catch(() => undefined);
    if (run.failure) {
      const { status, ...finding } = run.failure;
      return { status, findings: [finding], details: { stderrTail: run.result.stderr.slice(-2000) } };
    }
    const streams = parseInputStreams(run.result.stderr);
    const summary = summarizeVideo(parseVideoAnalysis(run.result.stderr));
    const findings: Finding[] = [];
    if (summary.frames === 0) {
      return failed('camera.noFrames', { uri: target.uri ?? '', seconds: th.captureSeconds }, 'camera.noFrames.remedy');
    }
    const width = streams.video?.width ?? null;
    const height = streams.video?.height ?? null;
    const metrics: Metric[] = [];
    if (min) {
      metrics.push(
        metric('width', width, 'px', { better: 'higher', fail: min.width }),
        metric('height', height, 'px', { better: 'higher', fail: min.height }),
      );
    } else {
      metrics.push(metric('width', width, 'px'), metric('height', height, 'px'));
    }
    const got = width && height ? `${width}x${height}` : '?';
    if (min && (width === null || height === null || width < min.width || height < min.height)) {
      findings.push({
        severity: 'fail',
        key: 'camera.lowResolution',
        params: { got, min: `${min.width}x${min.height}` },
        remedyKey: 'camera.lowResolution.remedy',
      });
    } else if (want && width !== null && height !== null && (width !== want.width || height !== want.height)) {
      findings.push({
        severity: 'info',
        key: 'camera.otherResolution',
        params: { got, want: `${want.width}x${want.height}` },
      });
    }
    const fps = metric('frameRate', round(summary.measuredFps), 'fps', { better: 'higher', fail: th.minFrameRate });
    metrics.push(fps);
    if (fps.verdict === 'fail')
      findings.push({
        severity: 'fail',
        key: 'camera.lowFrameRate',
        params: { fps: fps.value ?? 0, min: th.minFrameRate },
        remedyKey: 'camera.lowFrameRate.remedy',
      });
    const black = metric('blackFraction', round(summary.blackFraction, 3), 'ratio', {
      better: 'lower',
      fail: th.maxBlackFraction,
    });
    const frozen = metric('frozenFraction', round(summary.frozenFraction, 3), 'ratio', {
      better: 'lower',
      fail: th.maxFrozenFraction,
    });
    metrics.push(black, frozen);
    const pct = (x: number) => Math.round(x * 100);
    if (black.verdict === 'fail')
      findings.push({
        severity: 'fail',
        key: 'camera.black',
        params: { percent: pct(summary.blackFraction) },
        remedyKey: 'camera.black.remedy',
      });
    if (frozen.verdict === 'fail')
      findings.push({
        severity: 'fail',
        key: 'camera.frozen',
        params: { percent: pct(summary.frozenFraction) },
        remedyKey: 'camera.frozen.remedy',
      });
    const luma = metric('lumaMean', round(summary.lumaMean, 1), 'luma');
    metrics.push(luma);
    if (summary.lumaMean !== null && black.verdict !== 'fail') {
      if (summary.lumaMean < th.minLuma) {
        luma.threshold = { better: 'higher', warn: th.minLuma };
        luma.verdict = 'warn';
        findings.push({
          severity: 'warn',
          key: 'camera.tooDark',
          params: { luma: luma.value ?? 0, min: th.minLuma },
          remedyKey: 'camera.tooDark.remedy',
        });
      } else if (summary.lumaMean > th.maxLuma) {
        luma.threshold = { better: 'lower', warn: th.maxLuma };
        luma.verdict = 'warn';
        findings.push({
          severity: 'warn',
          key: 'camera.overexposed',
          params: { luma: luma.value ?? 0, max: th.maxLuma },
          remedyKey: 'camera.overexposed.remedy',
        });
      } else luma.verdict = 'pass';
    }
    metrics.push(metric('frames', summary.frames, 'count'), metric('maxFrameGap', round(summary.maxGapMs, 1), 'ms'));
    findings.unshift({
      severity: 'info',
      key: 'camera.summary',
      params: {
        resolution: got,
        fps: fps.value ?? '?',
        frames: summary.frames,
        seconds: round(summary.spanSeconds, 1) ?? 0,
        luma: luma.value ?? '?',
      },
    });
    const evidence: Evidence[] = [];
    if (snapshot) evidence.push({ kind: 'image', path: snapshot, mime: 'image/jpeg', label: `camera ${target.id}` });
    return {
      status: statusOf(metrics, findings),
      metrics,
      findings,
      evidence,
      details: {
        ...(snapshot ? { snapshot } : {}),
        negotiated: {
          width,
          height,
          nominalFps: streams.video?.nominalFps ?? null,
          codec: streams.video?.codec ?? null,
        },
        frames: {
          count: summary.frames,
          measuredFps: round(summary.measuredFps, 3),
          spanSeconds: round(summary.spanSeconds, 3),
          maxGapMs: round(summary.maxGapMs, 1),
          blackFraction: round(summary.blackFraction, 3),
          frozenFraction: round(summary.frozenFraction, 3),
        },
        luma: {
          mean: round(summary.lumaMean, 1),
          min: round(summary.lumaMin, 1),
          max: round(summary.lumaMax, 1),
          minAllowed: th.minLuma,
          maxAllowed: th.maxLuma,
        },
        filters: CAMERA_FILTERS,
      },
    };
  },
};
