// The console's `serve` options: --timezone, --schedule FILE, --webhook URL (repeatable) with the
// shared secret from WARDKIT_WEBHOOK_SECRET or --webhook-secret-file, --webhook-config FILE (YAML
// list of {url, secret | secretFile}), --retention-days, --flap-hours. Problems are ConsoleConfigError
// with a catalog key, so `serve` can say what is wrong before it listens.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseNumberOption } from '../../number-option.js';
import { checkTimeZone } from './clock.js';
import { DEFAULT_FLAP_HOURS } from './incidents.js';
import { ScheduleError } from './schedule.js';
import type { ConsoleOptions } from './service.js';
import { loadScheduleFile } from './service.js';
import { DEFAULT_RETENTION_DAYS } from './store.js';
import type { WebhookTarget } from './webhooks.js';

export class ConsoleConfigError extends ScheduleError {}

const list = (v: unknown): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

function readSecret(file: string): string {
  let s: string;
  try {
    s = readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new ConsoleConfigError('console.opt.err.secretFile', {
      file,
      reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message,
    });
  }
  if (s.length < 16) throw new ConsoleConfigError('console.opt.err.secretShort', { where: file });
  return s;
}

function checkUrl(u: string, where: string): string {
  let url: URL;
  try {
    url = new URL(u);
  } catch {
    throw new ConsoleConfigError('console.opt.err.webhookUrl', { where, url: u });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConsoleConfigError('console.opt.err.webhookUrl', { where, url: u });
  return url.toString();
}

/** Webhook receivers from the options and the environment. */
export function webhookTargets(o: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): WebhookTarget[] {
  const out: WebhookTarget[] = [];
  const urls = list(o.webhook);
  if (urls.length) {
    const secret = o.webhookSecretFile ? readSecret(String(o.webhookSecretFile)) : env.WARDKIT_WEBHOOK_SECRET?.trim();
    if (!secret) throw new ConsoleConfigError('console.opt.err.noSecret', {});
    if (secret.length < 16)
      throw new ConsoleConfigError('console.opt.err.secretShort', { where: 'WARDKIT_WEBHOOK_SECRET' });
    for (const u of urls) out.push({ url: checkUrl(u, '--webhook'), secret });
  }
  if (o.webhookConfig) {
    const file = String(o.webhookConfig);
    let doc: unknown;
    try {
      doc = parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConsoleConfigError('console.opt.err.webhookConfig', {
        file,
        reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message.split('\n')[0],
      });
    }
    const items = Array.isArray(doc) ? doc : (doc as { webhooks?: unknown })?.webhooks;
    if (!Array.isArray(items))
      throw new ConsoleConfigError('console.opt.err.webhookConfig', {
        file,
        reason: 'expected "webhooks:" with a list of {url, secret | secretFile}',
      });
    items.forEach((it, i) => {
      const where = `${file}: webhooks[${i + 1}]`;
      const e = (it ?? {}) as Record<string, unknown>;
      const secret =
        typeof e.secretFile === 'string' ? readSecret(e.secretFile) : typeof e.secret === 'string' ? e.secret : '';
      if (secret.length < 16) throw new ConsoleConfigError('console.opt.err.secretShort', { where });
      out.push({ url: checkUrl(String(e.url ?? ''), where), secret });
    });
  }
  return out;
}

export function consoleOptions(
  o: Record<string, unknown>,
  staleHours: number,
  adminToken: string | undefined,
): ConsoleOptions {
  let timeZone: string | undefined;
  if (o.timezone) {
    try {
      timeZone = checkTimeZone(String(o.timezone));
    } catch {
      throw new ConsoleConfigError('console.opt.err.timezone', { value: String(o.timezone) });
    }
  }
  return {
    timeZone,
    schedule: o.schedule ? loadScheduleFile(String(o.schedule)) : undefined,
    webhooks: webhookTargets(o),
    webhookBackoffMs: o.webhookBackoffMs === undefined ? undefined : Number(o.webhookBackoffMs),
    retentionDays:
      parseNumberOption('--retention-days', o.retentionDays, { min: 1, max: 36500 }) ?? DEFAULT_RETENTION_DAYS,
    flapHours: parseNumberOption('--flap-hours', o.flapHours, { min: 0, max: 720 }) ?? DEFAULT_FLAP_HOURS,
    staleHours,
    adminToken,
    sweepMs: o.staleSweepMs === undefined ? undefined : Number(o.staleSweepMs),
  };
}
