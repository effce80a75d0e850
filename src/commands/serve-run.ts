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

/** Shortest admin token accepted from --admin-token or WARDKIT_ADMIN_TOKEN. */
const MIN_ADMIN_TOKEN = 16;

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
