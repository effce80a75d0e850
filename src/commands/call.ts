import type { Register } from './index.js';
import { collect } from './options.js';

export const registerCall: Register = (program, getCtx, run) => {
  const { t } = getCtx();
  program
    .command('call')
    .description(t('cmd.call.description'))
    .option('--server <url>', t('cmd.call.opt.server'))
    .option('--duration <seconds>', t('cmd.call.opt.duration'))
    .option('--ice-transport <all|relay>', t('cmd.call.opt.iceTransport'))
    .option('--video <WxH@FPS>', t('cmd.call.opt.video'))
    .option('--bitrate <kbps>', t('cmd.call.opt.bitrate'))
    .option('--profile <id|file>', t('cmd.call.opt.profile'))
    .option('--token <token>', t('cmd.call.opt.token'))
    .option('--device <ROLE=URI>', t('cmd.call.opt.device'), collect, [])
    .option('--ffmpeg <path>', t('cmd.call.opt.ffmpeg'))
    .option('--json', t('cmd.call.opt.json'))
    .action((o) =>
      run(async () => {
        const { executeCall } = await import('./call-run.js');
        return executeCall(o, getCtx());
      }),
    );
};
