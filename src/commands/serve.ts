import type { Register } from './index.js';

export const registerServe: Register = (program, getCtx, run) => {
  const { t } = getCtx();
  program
    .command('serve')
    .description(t('cmd.serve.description'))
    .option('--listen <host:port>', t('cmd.serve.opt.listen'), '127.0.0.1:8470')
    .option('--data <dir>', t('cmd.serve.opt.data'))
    .option('--tls-cert <file>', t('cmd.serve.opt.tlsCert'))
    .option('--tls-key <file>', t('cmd.serve.opt.tlsKey'))
    .option('--whip-token <token>', t('call.serve.opt.whipToken'))
    .option('--whip-max-calls <n>', t('call.serve.opt.whipMaxCalls'))
    .option('--whip-max-seconds <s>', t('call.serve.opt.whipMaxSeconds'))
    .option('--whip-ice <url[,user,credential]>', t('call.serve.opt.whipIce'), (v: string, p: string[] = []) => [...p, v])
    .action((o) =>
      run(async () => {
        const { executeServe } = await import('./serve-run.js');
        return executeServe(o, getCtx());
      }),
    );
};
