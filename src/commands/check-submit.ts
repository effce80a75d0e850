// `check --submit`: flush the spool, run the checks, send the report (or spool it). The report's
// exit code stays the readiness; delivery problems are reported on stderr and the report is kept.
import { CHECK_EXIT, UsageError, WardkitError } from '../errors.js';
import type { PreparedSession } from '../app/check-session.js';
import type { Report } from '../report/model.js';
import type { SubmitConfig } from '../report/submit/config.js';
import type { DeliverOutcome } from '../report/submit/deliver.js';
import type { CliContext } from './context.js';
import {
  loadSettings,
  parseSeconds,
  printDelivery,
  printFlush,
  redactingLog,
  warnIfInsecure,
} from './submit-common.js';

/** The options of `check` that submission reads. */
export interface SubmitCliOptions {
  demo?: boolean;
  server?: string;
  submitTimeout?: string;
  config?: string;
  spool?: string;
}

export async function prepareSubmit(o: SubmitCliOptions, ctx: CliContext) {
  const { defaultConfigFile } = await import('../report/submit/config.js');
  const cfg: SubmitConfig = await loadSettings(o, true);
  const budgetMs = parseSeconds(o.submitTimeout, 60);
  // The demo without --server submits to its own in-process server with its own token.
  const usesDemoServer = Boolean(o.demo && !o.server);
  if (!usesDemoServer && !cfg.token)
    throw new WardkitError('submit.noToken', { file: cfg.configFile ?? defaultConfigFile() }, CHECK_EXIT.COULD_NOT_RUN);
  return {
    cfg,
    async start(session: PreparedSession) {
      // A report for "UNKNOWN" would only be refused: the ward must come from the room file or --ward.
      if (!o.demo && !session.room.ward) throw new WardkitError('submit.noWard', {}, CHECK_EXIT.COULD_NOT_RUN);
      const token = usesDemoServer ? session.demoToken : cfg.token;
      const server = session.room.serverUrl;
      if (!token)
        throw new WardkitError(
          'submit.noToken',
          { file: cfg.configFile ?? defaultConfigFile() },
          CHECK_EXIT.COULD_NOT_RUN,
        );
      if (!server)
        throw new WardkitError(
          'submit.noServer',
          { file: cfg.configFile ?? defaultConfigFile() },
          CHECK_EXIT.COULD_NOT_RUN,
        );
      warnIfInsecure(ctx, server);
      const log = await redactingLog(ctx, token);
      const { deliverReport, flushSpool } = await import('../report/submit/deliver.js');
      // Deliver what earlier runs left in the spool (never the demo's: its server is throw-away).
      if (!usesDemoServer) {
        const flushed = await flushSpool({
          spool: cfg.spool,
          fallbackServer: server,
          server: o.server,
          token,
          signal: ctx.signal,
          log,
          budgetMs: Math.min(budgetMs, 15_000),
          // Another flush at work (a technician's `report flush`): do not wait long, the check matters more.
          lockWaitMs: 3000,
        });
        printFlush(ctx, flushed, true, cfg.spool);
      }
      return {
        /** Deliver or queue; 'unsaved' when the report is neither sent nor queued (the caller keeps it). */
        async send(report: Report): Promise<DeliverOutcome['kind']> {
          const out = await deliverReport(report, {
            server,
            token,
            spool: cfg.spool,
            signal: ctx.signal,
            log,
            budgetMs,
          });
          printDelivery(ctx, out, report.id, server, cfg.spool);
          return out.kind;
        },
      };
    },
  };
}

/** `--random-delay 30m`: wait a random time in [0, duration) before checking (cron's RandomizedDelaySec). */
export async function randomDelay(spec: string, ctx: CliContext): Promise<boolean> {
  const { parseDuration } = await import('../platform/schedule/duration.js');
  const ms = parseDuration(spec);
  if (ms === undefined) throw new UsageError('schedule.badDuration', { value: spec });
  const wait = Math.floor(Math.random() * ms);
  ctx.log.debug(`random delay ${Math.round(wait / 1000)} s`);
  return new Promise<boolean>((resolve) => {
    if (ctx.signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), wait);
    ctx.signal.addEventListener('abort', () => (clearTimeout(timer), resolve(false)), { once: true });
  });
}
