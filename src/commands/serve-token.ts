// `wardkit serve token create|list|revoke`: the access tokens of the Department's server.
// A token is shown once, at creation; the store keeps only its sha256. `serve` has a --data option
// too, and commander gives it whichever comes first: optsWithGlobals() merges both.
import { formatDate } from '../i18n/format.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT, UsageError, WardkitError } from '../errors.js';
import type { CliContext, Register } from './context.js';

export interface TokenCliOptions {
  ward?: string;
  admin?: boolean;
  /** A read-only console token. */
  viewer?: boolean;
  label?: string;
  data?: string;
}

export const registerServeToken: Register = (serve, getCtx, run) => {
  const { t } = getCtx();
  const token = serve.command('token').description(t('cmd.serve.token.description'));
  token
    .command('create')
    .description(t('cmd.serve.token.create.description'))
    .option('--ward <id>', t('cmd.serve.token.opt.ward'))
    .option('--admin', t('cmd.serve.token.opt.admin'))
    .option('--viewer', t('cmd.serve.token.opt.viewer'))
    .option('--label <text>', t('cmd.serve.token.opt.label'))
    .option('--data <dir>', t('cmd.serve.opt.data'))
    .addHelpText('after', t('cmd.serve.token.help.after'))
    .action((_o, cmd: Command) => run(() => tokenCreate(cmd.optsWithGlobals(), getCtx())));
  token
    .command('list')
    .description(t('cmd.serve.token.list.description'))
    .option('--ward <id>', t('cmd.serve.token.opt.wardFilter'))
    .option('--data <dir>', t('cmd.serve.opt.data'))
    .action((_o, cmd: Command) => run(() => tokenList(cmd.optsWithGlobals(), getCtx())));
  token
    .command('revoke')
    .description(t('cmd.serve.token.revoke.description'))
    .argument('[id]', t('cmd.serve.token.arg.id'))
    .option('--ward <id>', t('cmd.serve.token.opt.wardRevoke'))
    .option('--data <dir>', t('cmd.serve.opt.data'))
    .action((id: string | undefined, _o, cmd: Command) => run(() => tokenRevoke(id, cmd.optsWithGlobals(), getCtx())));
};

const dataDir = (o: TokenCliOptions) => resolve(o.data ?? 'wardkit-data');

async function openStore(o: TokenCliOptions, mustExist: boolean) {
  const { ReportStore, STORE_FILE } = await import('../server/reports/store.js');
  const dir = dataDir(o);
  if (mustExist && !existsSync(join(dir, STORE_FILE))) throw new WardkitError('serve.token.noStore', { dir });
  return new ReportStore(dir);
}

async function checkWard(ward: string): Promise<void> {
  const { wardIdValid } = await import('../report/report.schema.js');
  if (!wardIdValid(ward)) throw new UsageError('submit.badWard', { ward });
}

async function tokenCreate(o: TokenCliOptions, ctx: CliContext): Promise<number> {
  if ([o.ward, o.admin, o.viewer].filter(Boolean).length !== 1) throw new UsageError('serve.token.wardOrAdmin');
  if (o.ward) await checkWard(o.ward);
  const store = await openStore(o, false);
  try {
    const { id, token } = store.createToken({ ward: o.ward, admin: o.admin, viewer: o.viewer, label: o.label });
    // The token itself goes alone on stdout (scripts: TOKEN=$(wardkit serve token create …)).
    // A token nobody saw must not stay active: revoke it when stdout cannot take it.
    const failed = await new Promise<Error | null | undefined>((done) =>
      ctx.stdout.write(token + '\n', (err) => done(err)),
    );
    if (failed) {
      store.revoke({ id });
      const code = (failed as NodeJS.ErrnoException).code;
      const reason =
        code === 'ENOSPC' ? ctx.t('io.full') : code === 'EPIPE' ? ctx.t('io.closed') : (code ?? failed.message);
      throw new WardkitError('serve.token.notShown', { reason, id }, EXIT.IO);
    }
    ctx.stderr.write(
      ctx.t(o.admin ? 'serve.token.createdAdmin' : o.viewer ? 'serve.token.createdViewer' : 'serve.token.created', {
        id,
        ward: o.ward ?? '',
        dir: dataDir(o),
      }) + '\n',
    );
    return EXIT.OK;
  } finally {
    store.close();
  }
}

async function tokenList(o: TokenCliOptions, ctx: CliContext): Promise<number> {
  const store = await openStore(o, true);
  try {
    const rows = store.listTokens().filter((r) => !o.ward || r.ward === o.ward);
    const { t } = ctx;
    const head = [
      t('serve.token.col.id'),
      t('serve.token.col.ward'),
      t('serve.token.col.created'),
      t('serve.token.col.lastUsed'),
      t('serve.token.col.state'),
      t('serve.token.col.label'),
    ];
    const cells = rows.map((r) => [
      r.id,
      r.admin ? t('serve.token.admin') : r.viewer ? t('serve.token.viewer') : (r.ward ?? ''),
      formatDate(r.createdAt, t.lang),
      r.lastUsedAt ? formatDate(r.lastUsedAt, t.lang) : '—',
      r.revokedAt ? t('serve.token.revoked') : t('serve.token.active'),
      r.label ?? '',
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    for (const line of [head, ...cells])
      ctx.stdout.write(
        line
          .map((c, i) => c.padEnd(widths[i]))
          .join('  ')
          .trimEnd() + '\n',
      );
    return EXIT.OK;
  } finally {
    store.close();
  }
}

async function tokenRevoke(id: string | undefined, o: TokenCliOptions, ctx: CliContext): Promise<number> {
  if (Boolean(id) === Boolean(o.ward)) throw new UsageError('serve.token.idOrWard');
  const store = await openStore(o, true);
  try {
    const n = store.revoke({ id, ward: o.ward });
    if (n === 0) throw new WardkitError('serve.token.noneRevoked', { what: id ?? o.ward ?? '' });
    ctx.stderr.write(ctx.t('serve.token.revokedCount', { n }) + '\n');
    return EXIT.OK;
  } finally {
    store.close();
  }
}
