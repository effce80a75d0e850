// `wardkit call`: one test call to a WHIP echo server, rendered as text or JSON.
// Exit: 0 pass, 1 warning, 2 fail (incl. could not connect), 3 could not run (no ffmpeg, bad profile).
import { CHECK_EXIT, UsageError, WardkitError } from '../errors.js';
import { parseNumberOption } from '../number-option.js';
import type { CallSettings, ResolvedProfile } from '../profiles/types.js';
import type { CliContext, Register } from './context.js';
import { collect } from './options.js';
import { findingMessage, findingRemedy, metricName, metricValue } from '../report/render/present.js';

export interface CallCliOptions {
  server?: string;
  duration?: string;
  iceTransport?: string;
  engine?: string;
  video?: string;
  bitrate?: string;
  profile?: string;
  token?: string;
  device?: string[];
  ffmpeg?: string;
  json?: boolean;
}

export const registerCall: Register = (program, getCtx, run) => {
  const { t } = getCtx();
  program
    .command('call')
    .description(t('cmd.call.description'))
    .option('--server <url>', t('cmd.call.opt.server'))
    .option('--duration <seconds>', t('cmd.call.opt.duration'))
    .option('--ice-transport <all|relay>', t('cmd.call.opt.iceTransport'))
    .option('--engine <werift|libwebrtc>', t('cmd.call.opt.engine'))
    .option('--video <WxH@FPS>', t('cmd.call.opt.video'))
    .option('--bitrate <kbps>', t('cmd.call.opt.bitrate'))
    .option('--profile <id|file>', t('cmd.call.opt.profile'))
    .option('--token <token>', t('cmd.call.opt.token'))
    .option('--device <ROLE=URI>', t('cmd.call.opt.device'), collect, [])
    .option('--ffmpeg <path>', t('cmd.call.opt.ffmpeg'))
    .option('--json', t('cmd.call.opt.json'))
    .action((o: CallCliOptions) => run(() => executeCall(o, getCtx())));
};

/** The call settings after the profile and the command-line overrides. */
export function callSettingsFrom(base: CallSettings, o: CallCliOptions): CallSettings {
  const call: CallSettings = structuredClone(base);
  const d = parseNumberOption('--duration', o.duration, { min: 1, max: 300 });
  if (d !== undefined) call.durationSeconds = d;
  const b = parseNumberOption('--bitrate', o.bitrate, { min: 50, max: 50000 });
  if (b !== undefined) call.video.bitrateKbps = b;
  if (o.video !== undefined) {
    const m = /^(\d{2,5})x(\d{2,5})(?:@(\d{1,3}(?:\.\d+)?))?$/.exec(o.video);
    if (!m) throw new UsageError('call.usage.badVideo', { value: o.video });
    call.video.width = Number(m[1]);
    call.video.height = Number(m[2]);
    if (m[3]) call.video.frameRate = Number(m[3]);
  }
  if (o.iceTransport !== undefined) {
    if (o.iceTransport !== 'all' && o.iceTransport !== 'relay')
      throw new UsageError('cli.badFormat', { format: o.iceTransport, allowed: 'all, relay' });
    call.iceTransport = o.iceTransport;
  }
  if (o.engine !== undefined) {
    if (o.engine !== 'werift' && o.engine !== 'libwebrtc')
      throw new UsageError('cli.badFormat', { format: o.engine, allowed: 'werift, libwebrtc' });
    call.engine = o.engine;
  }
  return call;
}

async function executeCall(o: CallCliOptions, ctx: CliContext): Promise<number> {
  const { DEFAULT_CALL, DEFAULT_NETWORK } = await import('../profiles/defaults.js');
  const { placeCall, judgeCall } = await import('../checks/call.js');
  let profile: ResolvedProfile | undefined;
  if (o.profile) {
    const { loadProfile } = await import('../profiles/resolve.js');
    try {
      profile = await loadProfile(o.profile);
    } catch (err) {
      throw new WardkitError('check.couldNotRun', { message: (err as Error).message }, CHECK_EXIT.COULD_NOT_RUN, {
        cause: err,
      });
    }
  }
  const call = callSettingsFrom(profile?.call ?? DEFAULT_CALL, o);
  const server = o.server ?? profile?.server.url;
  if (!server) throw new UsageError('call.usage.noServer');
  try {
    new URL(server);
  } catch {
    throw new UsageError('call.usage.noServer');
  }
  const devices: Record<string, string> = {};
  for (const spec of o.device ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new UsageError('check.badDevice', { value: spec });
    devices[spec.slice(0, eq)] = spec.slice(eq + 1);
  }
  let result;
  try {
    result = await placeCall({
      server,
      token: o.token ?? process.env.WARDKIT_WHIP_TOKEN,
      call,
      ice: profile?.ice ?? { servers: [] },
      cameraUri: devices.camera,
      microphoneUri: devices.microphone,
      ffmpegPath: o.ffmpeg ?? process.env.WARDKIT_FFMPEG,
      signal: ctx.signal,
      deadline: Date.now() + (call.durationSeconds + 25) * 1000,
      log: (m) => ctx.log.debug(m),
    });
  } catch (err) {
    if (ctx.signal.aborted) return CHECK_EXIT.COULD_NOT_RUN;
    throw new WardkitError('check.couldNotRun', { message: (err as Error).message }, CHECK_EXIT.COULD_NOT_RUN, {
      cause: err,
    });
  }
  const outcome = judgeCall(result, call, profile?.network ?? DEFAULT_NETWORK);
  const { t } = ctx;
  if (o.json) {
    const { details, ...rest } = outcome;
    ctx.stdout.write(JSON.stringify({ ...rest, result: details?.call }, null, 2) + '\n');
  } else {
    const lines = [t('call.text.result', { url: result.endpoint, status: t(`status.${outcome.status}`) })];
    for (const m of outcome.metrics ?? []) {
      const mark = m.verdict && m.verdict !== 'pass' ? ` [${t(`status.${m.verdict}`)}]` : '';
      // Metric names and values as the report shows them: words, not ids; numbers in the reader's language.
      lines.push(t('call.text.metric', { name: metricName(t, 'call', m.id), value: metricValue(t, 'call', m) }) + mark);
    }
    for (const f of outcome.findings ?? []) {
      lines.push(`  - ${findingMessage(t, f)}`);
      const remedy = findingRemedy(t, f);
      if (remedy) lines.push(`    → ${remedy}`);
    }
    ctx.stdout.write(lines.join('\n') + '\n');
  }
  const codes = {
    pass: CHECK_EXIT.READY,
    warn: CHECK_EXIT.DEGRADED,
    fail: CHECK_EXIT.NOT_READY,
    skip: CHECK_EXIT.COULD_NOT_RUN,
    error: CHECK_EXIT.COULD_NOT_RUN,
  } as const;
  return codes[outcome.status];
}
