import type { Register } from './index.js';
import { addServeToken } from './serve-token.js';

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
    .action((o) =>
      run(async () => {
        const { executeServe } = await import('./serve-run.js');
        return executeServe(o, getCtx());
      }),
    );
  addServeToken(serve, getCtx, run);
};
