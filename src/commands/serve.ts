import { InvalidArgumentError } from 'commander';
import type { Register } from './index.js';
import { addServeToken } from './serve-token.js';

/** A numeric option in [min, max]; commander reports anything else as a usage error. */
const bounded = (min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${min}–${max}`);
  return n;
};

/** A size in bytes, with an optional k or M suffix (binary: 2M = 2097152), in [min, max]. */
const size = (min: number, max: number) => (v: string) => {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKmM]?)(?:i?[bB])?\s*$/.exec(v);
  const n = m ? Math.round(Number(m[1]) * (m[2] ? (m[2].toLowerCase() === 'k' ? 1024 : 1024 * 1024) : 1)) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${min}–${max}`);
  return n;
};

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
    .option('--max-report-size <bytes>', t('cmd.serve.reports.opt.maxReportSize'), size(16 * 1024, 256 * 1024 * 1024))
    .option('--stale-hours <hours>', t('cmd.serve.reports.opt.staleHours'), bounded(0.1, 24 * 365))
    .option('--public-metrics', t('cmd.serve.reports.opt.publicMetrics'))
    .option('--max-probes <n>', t('network.serveOpt.maxProbes'), bounded(1, 10_000))
    .option('--max-probes-per-source <n>', t('cmd.serve.opt.maxProbesPerSource'), bounded(1, 10_000))
    .option('--max-probe-mb <n>', t('network.serveOpt.maxProbeMb'), bounded(1, 1_000_000))
    .option('--max-probe-seconds <n>', t('network.serveOpt.maxProbeSeconds'), bounded(1, 600))
    .option('--probe-udp-port <port>', t('network.serveOpt.udpPort'), bounded(0, 65535))
    .option('--whip-token <token>', t('call.serve.opt.whipToken'))
    .option('--whip-max-calls <n>', t('call.serve.opt.whipMaxCalls'), bounded(1, 10_000))
    .option('--whip-max-calls-per-source <n>', t('cmd.serve.opt.whipMaxCallsPerSource'), bounded(1, 10_000))
    .option('--whip-max-seconds <s>', t('call.serve.opt.whipMaxSeconds'), bounded(1, 86_400))
    .option('--whip-ice <url[,user,credential]>', t('call.serve.opt.whipIce'), (v: string, p: string[] = []) => [...p, v])
    .action((o) =>
      run(async () => {
        const { executeServe } = await import('./serve-run.js');
        return executeServe(o, getCtx());
      }),
    );
  addServeToken(serve, getCtx, run);
};
