// Shared plumbing of the camera and microphone checks: open a device through the real ffmpeg with
// a deadline and the check's AbortSignal, and turn every way that can go wrong into a finding.
import type { CheckContext } from './types.js';
import type { Finding } from '../domain/result.js';
import type { RunResult } from '../proc/process.js';
import { describeFfmpegFailure, resolveFfmpeg, runFfmpeg, timeLeft, type FfmpegBinary } from '../media/ffmpeg.js';
import { parseDeviceUri, UriError, type DeviceUri } from '../media/uri.js';

export type Prepared = { ok: true; uri: DeviceUri; bin: FfmpegBinary } | { ok: false; finding: Finding };

/** Parse the URI and find ffmpeg; a bad URI or a missing ffmpeg is an `error` finding with a remedy. */
export function prepareCapture(uriText: string, ctx: CheckContext): Prepared {
  let uri: DeviceUri;
  try {
    uri = parseDeviceUri(uriText);
  } catch (err) {
    const reason = err instanceof UriError ? err.reason : (err as Error).message;
    return {
      ok: false,
      finding: {
        severity: 'error',
        key: 'uri.invalid',
        params: { uri: uriText, reason },
        remedyKey: 'uri.invalid.remedy',
      },
    };
  }
  let bin: FfmpegBinary;
  try {
    bin = resolveFfmpeg(ctx.room.ffmpegPath);
  } catch {
    return { ok: false, finding: { severity: 'error', key: 'ffmpeg.notFound', remedyKey: 'ffmpeg.notFound.remedy' } };
  }
  return { ok: true, uri, bin };
}

export interface CaptureRun {
  result: RunResult;
  /** Set when the run did not produce usable output: the finding to report. */
  failure?: Finding & { status: 'fail' | 'error' };
}

/**
 * Run one ffmpeg capture bounded by the check's deadline and AbortSignal (the process group is
 * killed on either). `prefix` is the check's catalog prefix (`camera`, `microphone`).
 */
export async function runCapture(
  bin: FfmpegBinary,
  args: string[],
  ctx: CheckContext,
  prefix: string,
  uri: string,
  binaryStdout = false,
): Promise<CaptureRun> {
  const timeoutMs = timeLeft(ctx.deadline);
  ctx.log.debug(`${prefix}: ${bin.path} ${args.map((a) => JSON.stringify(a)).join(' ')}`);
  const result = await runFfmpeg(bin, args, { timeoutMs, signal: ctx.signal, binaryStdout });
  const seconds = Math.round(timeoutMs / 100) / 10;
  if (result.spawnError) {
    return {
      result,
      failure: {
        status: 'error',
        severity: 'error',
        key: 'ffmpeg.cannotStart',
        params: { path: bin.path, detail: result.spawnError.code ?? result.spawnError.message },
        remedyKey: 'ffmpeg.notFound.remedy',
      },
    };
  }
  if (result.aborted) return { result, failure: { status: 'error', severity: 'error', key: 'ffmpeg.aborted' } };
  if (result.timedOut) {
    return {
      result,
      failure: {
        status: 'error',
        severity: 'error',
        key: `${prefix}.timeout`,
        params: { uri, seconds },
        remedyKey: `${prefix}.timeout.remedy`,
      },
    };
  }
  if (result.exitCode !== 0) {
    const f = describeFfmpegFailure(result.stderr, result.exitCode);
    if (f.kind === 'notFound')
      return {
        result,
        failure: {
          status: 'fail',
          severity: 'fail',
          key: `${prefix}.notFound`,
          params: { uri, detail: f.detail },
          remedyKey: `${prefix}.notFound.remedy`,
        },
      };
    if (f.kind === 'busy')
      return {
        result,
        failure: {
          status: 'fail',
          severity: 'fail',
          key: `${prefix}.busy`,
          params: { uri, detail: f.detail },
          remedyKey: `${prefix}.busy.remedy`,
        },
      };
    if (f.kind === 'permission')
      return {
        result,
        failure: {
          status: 'error',
          severity: 'error',
          key: `${prefix}.permission`,
          params: { uri, detail: f.detail },
          remedyKey: `${prefix}.permission.remedy`,
        },
      };
    if (f.kind === 'noBackend')
      return {
        result,
        failure: {
          status: 'error',
          severity: 'error',
          key: 'ffmpeg.noBackend',
          params: { uri, path: bin.path, detail: f.detail },
          remedyKey: 'ffmpeg.noBackend.remedy',
        },
      };
    return {
      result,
      failure: {
        status: 'error',
        severity: 'error',
        key: 'ffmpeg.failed',
        params: { uri, code: result.exitCode ?? '?', detail: f.detail },
        remedyKey: 'ffmpeg.failed.remedy',
      },
    };
  }
  return { result };
}
