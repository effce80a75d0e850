// Webhook alerts survive a receiver that is down, one that answers 503, and a server restart in
// between: every delivery arrives once the receiver is back, none lost, in order per incident,
// each signed; intake answers 201 throughout (it only writes the outbox row).
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { ReportStore } from '../../src/server/reports/store.js';
import { wardReport } from '../helpers/console-reports.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';
import { tempDir } from '../helpers/temp.js';

const SECRET = 'webhook-secret-for-tests-0123';
const WARDS = ['w-a', 'w-b', 'w-c', 'w-d'];
let dir: string;
let server: RunningServer | undefined;
let receiver: WebhookReceiver;
const tokens: Record<string, string> = {};
let admin: string;

const start = async (url: string) =>
  startServer({
    listen: '127.0.0.1:0',
    dataDir: dir,
    options: { webhook: [url], webhookSecretFile: join(dir, 'secret'), webhookBackoffMs: 50 },
  });

async function submit(ward: string, at: Date, fps: number): Promise<number> {
  const r = wardReport(ward, at, { fps });
  const res = await fetch(`${server!.url}/api/v1/reports`, {
    method: 'POST',
    body: JSON.stringify(r),
    headers: { authorization: `Bearer ${tokens[ward]}`, 'content-type': 'application/json' },
  });
  return res.status;
}

const metric = async (name: string) => {
  const text = await (await fetch(`${server!.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } })).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
};

beforeAll(async () => {
  dir = tempDir('wardkit-console-webhooks-');
  await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
  const store = new ReportStore(dir);
  for (const w of WARDS) tokens[w] = store.createToken({ ward: w }).token;
  admin = store.createToken({ admin: true }).token;
  store.close();
  receiver = new WebhookReceiver(SECRET);
  await receiver.start(0); // learn a free port, then go down
  await receiver.stop();
});

afterAll(async () => {
  await server?.close();
  await receiver.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('webhooks with the receiver down', () => {
  it('queues every alert while the receiver is down, keeps them across a restart, delivers all when it is back', async () => {
    server = await start(receiver.url);
    const t0 = Date.now() - 3 * 3600_000;
    // Each ward: camera fails, then works again → an opened and a closed alert per ward.
    for (const w of WARDS) {
      expect(await submit(w, new Date(t0), 5)).toBe(201);
      expect(await submit(w, new Date(t0 + 3600_000), 30)).toBe(201);
    }
    await new Promise((r) => setTimeout(r, 400)); // several attempts fail meanwhile
    expect(await metric('wardkit_webhook_pending')).toBe(8);
    expect(await metric('wardkit_webhook_deliveries_total{result="failed"}')).toBeGreaterThan(0);
    expect(receiver.deliveries).toHaveLength(0);
    // Restart the server while the receiver is still down: the outbox is in the store.
    await server.close();
    server = await start(receiver.url);
    expect(await metric('wardkit_webhook_pending')).toBe(8);
    // The receiver comes back on the same address, first answering 503 for a moment.
    receiver.status = 503;
    await receiver.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.deliveries).toHaveLength(0);
    receiver.status = 204;
    const got = await receiver.waitFor(8, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.deliveries).toHaveLength(8);
    expect(got.every((d) => d.signatureValid)).toBe(true);
    expect(new Set(got.map((d) => d.idempotencyKey)).size).toBe(8);
    for (const w of WARDS) {
      const mine = got.filter((d) => d.body.incident.ward === w);
      expect(mine.map((d) => d.event)).toEqual(['incident.opened', 'incident.closed']);
    }
    expect(await metric('wardkit_webhook_pending')).toBe(0);
    expect(await metric('wardkit_webhook_oldest_pending_seconds')).toBe(0);
  });

  it('a tampered body fails the signature check (the receiver can tell)', async () => {
    const { validSignature } = await import('../helpers/webhook-receiver.js');
    const d = receiver.deliveries[0];
    const { sign } = await import('../../src/server/console/webhooks.js');
    expect(validSignature(SECRET, d.raw, sign(SECRET, d.raw))).toBe(true);
    expect(validSignature(SECRET, d.raw.replace('w-', 'x-'), sign(SECRET, d.raw))).toBe(false);
    expect(validSignature('another-secret-0123456789', d.raw, sign(SECRET, d.raw))).toBe(false);
  });
});
