// `wardkit schedule install|status|remove`: the nightly `check --room FILE --submit`.
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { EXIT, UsageError } from '../errors.js';
import type { CliContext, Register } from './context.js';

export interface ScheduleCliOptions {
  at?: string;
  randomDelay?: string;
  room?: string;
  ward?: string;
  config?: string;
  spool?: string;
  server?: string;
  backend?: string;
  unitDir?: string;
  dryRun?: boolean;
}

export const registerSchedule: Register = (program, getCtx, run) => {
  const { t } = getCtx();
  const schedule = program.command('schedule').description(t('cmd.schedule.description'));
  const common = (c: Command) =>
    c
      .option('--backend <name>', t('cmd.schedule.opt.backend'))
      .option('--unit-dir <dir>', t('cmd.schedule.opt.unitDir'));
  common(
    schedule
      .command('install')
      .description(t('cmd.schedule.install.description'))
      .requiredOption('--at <HH:MM>', t('cmd.schedule.opt.at'))
      .option('--random-delay <duration>', t('cmd.schedule.opt.randomDelay'), '30m')
      .option('--room <file>', t('cmd.schedule.opt.room'))
      .option('--ward <id>', t('cmd.schedule.opt.ward'))
      .option('--config <file>', t('cmd.report.submit.opt.config'))
      .option('--spool <dir>', t('cmd.report.submit.opt.spool'))
      .option('--server <url>', t('cmd.report.submit.opt.server'))
      .option('--dry-run', t('cmd.schedule.opt.dryRun')),
  )
    .addHelpText('after', t('cmd.schedule.help.after'))
    .action((o: ScheduleCliOptions) => run(() => scheduleInstall(o, getCtx())));
  common(schedule.command('status').description(t('cmd.schedule.status.description'))).action((o: ScheduleCliOptions) =>
    run(() => scheduleStatusCmd(o, getCtx())),
  );
  common(schedule.command('remove').description(t('cmd.schedule.remove.description'))).action((o: ScheduleCliOptions) =>
    run(() => scheduleRemove(o, getCtx())),
  );
};

const BACKENDS = ['systemd', 'cron', 'windows'] as const;

async function place(o: ScheduleCliOptions) {
  const { placeFor } = await import('../platform/schedule/index.js');
  if (o.backend !== undefined && !(BACKENDS as readonly string[]).includes(o.backend))
    throw new UsageError('schedule.badBackend', { value: o.backend, allowed: BACKENDS.join(', ') });
  return placeFor(o.backend as (typeof BACKENDS)[number] | undefined, o.unitDir ? resolve(o.unitDir) : undefined);
}

/** The launcher of this installation: bin/wardkit.js next to dist/. */
export function wardkitBin(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'wardkit.js');
}

/** The paths among these that a private /tmp would hide from the job (an install or a room under /tmp). */
function inPrivateTmp(paths: string[]): string[] {
  const hidden = paths.filter((p) => /^\/(var\/)?tmp\//.test(p) && !p.includes(':'));
  return [...new Set(hidden)].filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(`${q}/`)));
}

/** --spool, else what the job would use: WARDKIT_SPOOL, `spool:` in the config file, the default. */
async function spoolFor(o: ScheduleCliOptions): Promise<string> {
  if (o.spool) return resolve(o.spool);
  const { defaultSpoolDir, loadSubmitConfig } = await import('../report/submit/config.js');
  try {
    return resolve(loadSubmitConfig({ configFile: o.config ? resolve(o.config) : undefined, server: o.server }).spool);
  } catch {
    // A config problem is reported by the job itself (and by `report submit`); the folder is the default.
    return resolve(defaultSpoolDir());
  }
}

async function scheduleInstall(o: ScheduleCliOptions, ctx: CliContext): Promise<number> {
  const { parseClock, parseDuration } = await import('../platform/schedule/duration.js');
  const { installSchedule } = await import('../platform/schedule/index.js');
  const clock = parseClock(o.at ?? '');
  if (!clock) throw new UsageError('schedule.badTime', { value: o.at ?? '' });
  const delayMs = parseDuration(o.randomDelay ?? '0');
  if (delayMs === undefined) throw new UsageError('schedule.badDuration', { value: o.randomDelay ?? '' });
  if (!o.room && !o.ward) throw new UsageError('schedule.needRoom');
  const command = [process.execPath, wardkitBin(), 'check'];
  if (o.room) {
    const room = resolve(o.room);
    if (!existsSync(room)) throw new UsageError('schedule.roomMissing', { file: room });
    command.push('--room', room);
  }
  if (o.ward) command.push('--ward', o.ward);
  command.push('--submit');
  if (o.config) command.push('--config', resolve(o.config));
  // The spool is the one folder the job writes: named on its command line and, for systemd, the
  // only writable path of its sandbox. Created now (0700) so that the sandbox can bind it.
  const spool = await spoolFor(o);
  command.push('--spool', spool);
  if (o.server) command.push('--server', o.server);
  const p = await place(o);
  let result;
  try {
    // A dry run writes nothing, not even the spool folder.
    if (!o.dryRun) await mkdir(spool, { recursive: true, mode: 0o700 });
    result = await installSchedule(
      p,
      {
        hour: clock[0],
        minute: clock[1],
        delaySec: Math.round(delayMs / 1000),
        command,
        user: p.user,
        writable: [spool],
        readOnly: inPrivateTmp([
          dirname(dirname(wardkitBin())),
          process.execPath,
          // a room's folder (its profile file may sit beside it), the config's folder
          ...command
            .filter((a) => a !== spool && a.startsWith('/') && existsSync(a))
            .map((a) => (statSync(a).isDirectory() ? a : dirname(a))),
        ]),
      },
      { dryRun: o.dryRun },
    );
  } catch (err) {
    if (err instanceof Error && /line break or NUL/.test(err.message)) throw new UsageError('schedule.badPath');
    throw err;
  }
  const { t } = ctx;
  if (o.dryRun) {
    ctx.stdout.write(
      t('schedule.dryRun', { backend: p.backend, at: o.at ?? '', delay: Math.round(delayMs / 60000) }) + '\n',
    );
    for (const c of result.contents)
      ctx.stdout.write(`--- ${c.file}\n${c.text.endsWith('\n') ? c.text : c.text + '\n'}`);
    ctx.stdout.write(t('schedule.enableHint') + '\n');
    ctx.stdout.write(`  ${result.enable}\n`);
    return EXIT.OK;
  }
  ctx.stdout.write(
    t('schedule.installed', { backend: p.backend, at: o.at ?? '', delay: Math.round(delayMs / 60000) }) + '\n',
  );
  for (const f of result.files) ctx.stdout.write(`  ${f}\n`);
  ctx.stdout.write(t('schedule.enableHint') + '\n');
  ctx.stdout.write(`  ${result.enable}\n`);
  return EXIT.OK;
}

async function scheduleStatusCmd(o: ScheduleCliOptions, ctx: CliContext): Promise<number> {
  const { scheduleStatus } = await import('../platform/schedule/index.js');
  const p = await place(o);
  const st = await scheduleStatus(p, ctx.signal);
  const { t } = ctx;
  if (!st.installed) {
    ctx.stdout.write(t('schedule.notInstalled', { backend: p.backend, dir: p.dir }) + '\n');
    if (st.live) ctx.stdout.write(`  ${st.live}\n`);
    return EXIT.INVALID;
  }
  ctx.stdout.write(
    t('schedule.status', { backend: p.backend, at: st.at ?? '?', delay: Math.round((st.delaySec ?? 0) / 60) }) + '\n',
  );
  for (const f of st.files) ctx.stdout.write(`  ${f}\n`);
  if (st.command) ctx.stdout.write(`  ${st.command}\n`);
  if (st.live) ctx.stdout.write(`  ${st.live}\n`);
  return EXIT.OK;
}

async function scheduleRemove(o: ScheduleCliOptions, ctx: CliContext): Promise<number> {
  const { removeSchedule } = await import('../platform/schedule/index.js');
  const p = await place(o);
  const r = await removeSchedule(p, ctx.signal);
  const { t } = ctx;
  if (!r.removed.length) ctx.stdout.write(t('schedule.nothingToRemove', { backend: p.backend, dir: p.dir }) + '\n');
  for (const f of r.removed) ctx.stdout.write(t('schedule.removed', { file: f }) + '\n');
  if (!r.disabledLive) {
    ctx.stdout.write(t('schedule.disableHint') + '\n');
    ctx.stdout.write(`  ${r.disable}\n`);
  }
  return EXIT.OK;
}
