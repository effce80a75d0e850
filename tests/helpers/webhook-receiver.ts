// A webhook receiver on 127.0.0.1 for the console's tests: records every delivery with its
// headers and whether its HMAC-SHA256 signature is valid for the shared secret; can be stopped
// and started again on the same port (a receiver that is down for a while).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivery {
  event: string;
  idempotencyKey: string;
  signatureValid: boolean;
  body: {
    id: string;
    event: string;
    incident: { id: string; ward: string; key: string; state: string; openedAt: string; closedAt: string | null };
    url?: string;
  };
  raw: string;
}

export function validSignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const want = createHmac('sha256', secret).update(body, 'utf8').digest();
  const got = Buffer.from(header.slice(7), 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  private server: Server | undefined;
  port = 0;
  /** Answer this status instead of 204 (e.g. 503 to make the sender retry). */
  status = 204;

  constructor(private readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(port = this.port): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        if (this.status >= 200 && this.status < 300)
          this.deliveries.push({
            event: String(req.headers['x-wardkit-event']),
            idempotencyKey: String(req.headers['idempotency-key']),
            signatureValid: validSignature(this.secret, raw, req.headers['x-wardkit-signature'] as string | undefined),
            body: JSON.parse(raw) as Delivery['body'],
            raw,
          });
        res.writeHead(this.status).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  /** Wait until `n` deliveries arrived (or fail after `ms`). */
  async waitFor(n: number, ms = 20_000): Promise<Delivery[]> {
    const end = Date.now() + ms;
    while (this.deliveries.length < n) {
      if (Date.now() > end) throw new Error(`expected ${n} webhook deliveries, got ${this.deliveries.length}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.deliveries;
  }
}
