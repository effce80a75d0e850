import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT, UsageError, WardkitError } from '../errors.js';
import type { CliContext } from './context.js';

interface TokenOptions {
  ward?: string;
  admin?: boolean;
  label?: string;
  data?: string;
}

const dataDir = (o: TokenOptions) => resolve(o.data ?? 'wardkit-data');

async function openStore(o: TokenOptions, mustExist: boolean) {
  const { ReportStore, STORE_FILE } = await import('../server/reports/store.js');
  const dir = dataDir(o);
  if (mustExist && !existsSync(join(dir, STORE_FILE))) throw new WardkitError('serve.token.noStore', { dir });
  return new ReportStore(dir);
}

async function checkWard(ward: string): Promise<void> {
  const { wardIdValid } = await import('../report/report.schema.js');
  if (!wardIdValid(ward)) throw new UsageError('submit.badWard', { ward });
}

export async function tokenCreate(o: TokenOptions, ctx: CliContext): Promise<number> {
  if (Boolean(o.ward) === Boolean(o.admin)) throw new UsageError('serve.token.wardOrAdmin');
  if (o.ward) await checkWard(o.ward);
  const store = await openStore(o, false);
  try {
    const { id, token } = store.createToken({ ward: o.ward, admin: o.admin, label: o.label });
    // The token itself goes alone on stdout (scripts: TOKEN=$(wardkit serve token create …)).
    // A token nobody saw must not stay active: revoke it when stdout cannot take it.
    const failed = await new Promise<Error | null | undefined>((resolve) => ctx.stdout.write(token + '\n', (err) => resolve(err)));
    if (failed) {
      store.revoke({ id });
      const code = (failed as NodeJS.ErrnoException).code;
      const reason = code === 'ENOSPC' ? ctx.t('io.full') : code === 'EPIPE' ? ctx.t('io.closed') : (code ?? failed.message);
      throw new WardkitError('serve.token.notShown', { reason, id }, EXIT.IO);
    }
    ctx.stderr.write(ctx.t(o.admin ? 'serve.token.createdAdmin' : 'serve.token.created', { id, ward: o.ward ?? '', dir: dataDir(o) }) + '\n');
    return EXIT.OK;
  } finally {
    store.close();
  }
}

export async function tokenList(o: TokenOptions, ctx: CliContext): Promise<number> {
  const store = await openStore(o, true);
  try {
    const rows = store.listTokens().filter((r) => !o.ward || r.ward === o.ward);
    const { t } = ctx;
    const head = [t('serve.token.col.id'), t('serve.token.col.ward'), t('serve.token.col.created'), t('serve.token.col.lastUsed'), t('serve.token.col.state'), t('serve.token.col.label')];
    const cells = rows.map((r) => [
      r.id,
      r.admin ? t('serve.token.admin') : (r.ward ?? ''),
      r.createdAt.slice(0, 16).replace('T', ' '),
      r.lastUsedAt ? r.lastUsedAt.slice(0, 16).replace('T', ' ') : '—',
      r.revokedAt ? t('serve.token.revoked') : t('serve.token.active'),
      r.label ?? '',
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
    for (const line of [head, ...cells]) ctx.stdout.write(line.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd() + '\n');
    return EXIT.OK;
  } finally {
    store.close();
  }
}

export async function tokenRevoke(id: string | undefined, o: TokenOptions, ctx: CliContext): Promise<number> {
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
