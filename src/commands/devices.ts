// `wardkit devices [--json]`: list every camera, microphone, speaker and display with its URI.
import type { Register } from './context.js';
import type { Command } from 'commander';

export const registerDevices: Register = (program: Command, getCtx, run) => {
  const { t } = getCtx();
  program
    .command('devices')
    .description(t('cmd.devices.description'))
    .option('--json', t('cmd.devices.opt.json'))
    .option('--ffmpeg <path>', t('cmd.devices.opt.ffmpeg'))
    .action((o: { json?: boolean; ffmpeg?: string }) =>
      run(async () => {
        const ctx = getCtx();
        const { discoverDevices } = await import('../media/devices/index.js');
        const { renderDevices } = await import('./devices-render.js');
        const inv = await discoverDevices({ ffmpegPath: o.ffmpeg ?? process.env.WARDKIT_FFMPEG, signal: ctx.signal });
        ctx.stdout.write(o.json ? JSON.stringify(inv, null, 2) + '\n' : renderDevices(inv, ctx.t));
        return 0;
      }),
    );
};
