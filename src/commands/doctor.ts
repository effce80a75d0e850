// `wardkit doctor`: versions, the ffmpeg in use and what it can do. Exit 0; 1 if there is no ffmpeg.
import type { Register } from './context.js';
import type { Command } from 'commander';

export const registerDoctor: Register = (program: Command, getCtx, run) => {
  const { t } = getCtx();
  program
    .command('doctor')
    .description(t('cmd.doctor.description'))
    .option('--json', t('cmd.doctor.opt.json'))
    .option('--ffmpeg <path>', t('cmd.doctor.opt.ffmpeg'))
    .action((o: { json?: boolean; ffmpeg?: string }) =>
      run(async () => {
        const ctx = getCtx();
        const { runDoctor } = await import('../media/doctor.js');
        const { renderDoctor } = await import('./doctor-render.js');
        const report = await runDoctor({ ffmpegPath: o.ffmpeg, signal: ctx.signal });
        ctx.stdout.write(o.json ? JSON.stringify(report, null, 2) + '\n' : renderDoctor(report, ctx.t));
        return report.ffmpeg?.usable ? 0 : 1;
      }),
    );
};
