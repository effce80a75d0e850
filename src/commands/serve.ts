// `wardkit serve`: start every server module, print the URL, stop cleanly on SIGINT/SIGTERM.
// Numeric options are parsed by the modules' own option readers (src/number-option.ts): a bad
// value is a usage error (exit 64).
import { explainError } from '../i18n/system-errors.js';
import { resolve } from 'node:path';
import { EXIT, UsageError, WardkitError } from '../errors.js';
import type { CliContext, Register } from './context.js';
import { registerServeToken } from './serve-token.js';

export interface ServeCliOptions {
  listen: string;
  data?: string;
  tlsCert?: string;
  tlsKey?: string;
  adminToken?: string;
  maxReportSize?: string;
  staleHours?: string;
  publicMetrics?: boolean;
  maxProbes?: string;
  maxProbesPerSource?: string;
  maxProbeMb?: string;
  maxProbeSeconds?: string;
  probeUdpPort?: string;
  whipToken?: string;
  whipMaxCalls?: string;
  whipMaxCallsPerSource?: string;
  whipMaxSeconds?: string;
  whipIce?: string[];
  whipCorsOrigin?: string[];
  timezone?: string;
  schedule?: string;
  webhook?: string[];
  webhookSecretFile?: string;
  webhookConfig?: string;
  retentionDays?: string;
  flapHours?: string;
  [module: string]: unknown;
}

export const registerServe: Register = (program, getCtx, run) => {
  const { t } = getCtx();
  const serve = program
    .command('serve')
    .description(t('cmd.serve.description'))
    .option('--listen <host:port>', t('cmd.serve.opt.listen'), '127.0.0.1:8470')
    .option('--data <dir>', t('cmd.serve.opt.data'))
    .option('--tls-cert <file>', t('cmd.serve.opt.tlsCert'))
    .option('--tls-key <file>', t('cmd.serve.opt.tlsKey'))
    .option('--admin-token <token>', t('cmd.serve.reports.opt.adminToken'))
    .option('--max-report-size <bytes>', t('cmd.serve.reports.opt.maxReportSize'))
    .option('--stale-hours <hours>', t('cmd.serve.reports.opt.staleHours'))
    .option('--public-metrics', t('cmd.serve.reports.opt.publicMetrics'))
    .option('--timezone <zone>', t('cmd.serve.console.opt.timezone'))
    .option('--schedule <file>', t('cmd.serve.console.opt.schedule'))
    .option('--webhook <url>', t('cmd.serve.console.opt.webhook'), (v: string, p: string[] = []) => [...p, v])
    .option('--webhook-secret-file <file>', t('cmd.serve.console.opt.webhookSecretFile'))
    .option('--webhook-config <file>', t('cmd.serve.console.opt.webhookConfig'))
    .option('--retention-days <days>', t('cmd.serve.console.opt.retentionDays'))
    .option('--flap-hours <hours>', t('cmd.serve.console.opt.flapHours'))
    .option('--max-probes <n>', t('network.serveOpt.maxProbes'))
    .option('--max-probes-per-source <n>', t('cmd.serve.opt.maxProbesPerSource'))
    .option('--max-probe-mb <n>', t('network.serveOpt.maxProbeMb'))
    .option('--max-probe-seconds <n>', t('network.serveOpt.maxProbeSeconds'))
    .option('--probe-udp-port <port>', t('network.serveOpt.udpPort'))
    .option('--whip-token <token>', t('call.serve.opt.whipToken'))
    .option('--whip-max-calls <n>', t('call.serve.opt.whipMaxCalls'))
    .option('--whip-max-calls-per-source <n>', t('cmd.serve.opt.whipMaxCallsPerSource'))
    .option('--whip-max-seconds <s>', t('call.serve.opt.whipMaxSeconds'))
    .option('--whip-ice <url[,user,credential]>', t('call.serve.opt.whipIce'), (v: string, p: string[] = []) => [
      ...p,
      v,
    ])
    .option('--whip-cors-origin <origin>', t('call.serve.opt.whipCorsOrigin'), (v: string, p: string[] = []) => [
      ...p,
      v,
    ])
    .action((o: ServeCliOptions) => run(() => executeServe(o, getCtx())));
  registerServeToken(serve, getCtx, run);
};

/** Shortest admin token accepted from --admin-token or WARDKIT_ADMIN_TOKEN. */
const MIN_ADMIN_TOKEN = 16;

async function executeServe(o: ServeCliOptions, ctx: CliContext): Promise<number> {
  const { startServer, parseListen } = await import('../server/app.js');
  const { t } = ctx;
  try {
    parseListen(o.listen);
  } catch {
    throw new UsageError('serve.badListen', { listen: o.listen });
  }
  if (Boolean(o.tlsCert) !== Boolean(o.tlsKey)) throw new UsageError('serve.tlsPair');
  // The admin token is better given by environment than on the command line (visible in ps).
  if (!o.adminToken && process.env.WARDKIT_ADMIN_TOKEN) o.adminToken = process.env.WARDKIT_ADMIN_TOKEN;
  // A short admin token can be guessed, rate limit or not.
  if (typeof o.adminToken === 'string' && o.adminToken.length < MIN_ADMIN_TOKEN) {
    throw new UsageError('serve.adminTokenShort', { length: o.adminToken.length, min: MIN_ADMIN_TOKEN });
  }
  let server;
  try {
    server = await startServer({
      listen: o.listen,
      dataDir: resolve(o.data ?? 'wardkit-data'),
      tlsCert: o.tlsCert,
      tlsKey: o.tlsKey,
      log: (m) => ctx.stderr.write(`${new Date().toISOString()} ${m}\n`),
      options: o,
    });
  } catch (err) {
    // A bad option value, found by the module that reads it; or a module that says why it cannot
    // start (the report store without better-sqlite3).
    if (err instanceof WardkitError) throw err;
    // A wrong schedule file, webhook setting or time zone: say which, before anything listens.
    const { ScheduleError } = await import('../server/console/schedule.js');
    if (err instanceof ScheduleError) throw new UsageError(err.key, err.params);
    const e = err as NodeJS.ErrnoException;
    // Name the file when a file is the problem (a missing --tls-cert said only "ENOENT").
    const reason = [e.code ?? e.message, e.path].filter(Boolean).join(' ');
    throw new WardkitError(
      'serve.cannotListen',
      { listen: o.listen, reason, why: explainError(err, 'network').key },
      EXIT.INVALID,
      { cause: err },
    );
  }
  ctx.stdout.write(t('serve.listening', { url: server.url, data: server.ctx.dataDir }) + '\n');
  await new Promise<void>((resolveStop) => {
    if (ctx.signal.aborted) return resolveStop();
    ctx.signal.addEventListener('abort', () => resolveStop(), { once: true });
  });
  ctx.stderr.write(t('serve.stopping') + '\n');
  await server.close();
  return EXIT.OK;
}
