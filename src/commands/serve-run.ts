import { resolve } from 'node:path';
import { EXIT, UsageError, WardkitError } from '../errors.js';
import type { CliContext } from './context.js';

export interface ServeCliOptions {
  listen: string;
  data?: string;
  tlsCert?: string;
  tlsKey?: string;
  [module: string]: unknown;
}

/** `wardkit serve`: start every server module, print the URL, stop cleanly on SIGINT/SIGTERM. */
export async function executeServe(o: ServeCliOptions, ctx: CliContext): Promise<number> {
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
    // A wrong schedule file, webhook setting or time zone: say which, before anything listens.
    const { ScheduleError } = await import('../server/console/schedule.js');
    if (err instanceof ScheduleError) throw new UsageError(err.key, err.params);
    const e = err as NodeJS.ErrnoException;
    // Name the file when a file is the problem (a missing --tls-cert said only "ENOENT").
    const reason = [e.code ?? e.message, e.path].filter(Boolean).join(' ');
    throw new WardkitError('serve.cannotListen', { listen: o.listen, reason }, EXIT.INVALID, { cause: err });
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
