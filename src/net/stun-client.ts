// STUN/TURN client transports: UDP (retransmission per RFC 8489 §6.2.1), TCP and TLS (RFC 6062 /
// RFC 8656: STUN messages back to back on the stream, framed by their own length field).
// Binding (public address) and Allocate (relay) with long-term credentials and the 401 → realm/nonce
// retry; an allocation is released again at once (Refresh, LIFETIME 0).
import dgram from 'node:dgram';
import net from 'node:net';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { classify, NetFailure } from './errors.js';
import {
  attr,
  ATTR,
  CLASS,
  decode,
  decodeErrorCode,
  decodeXorAddress,
  encode,
  longTermKey,
  METHOD,
  newTransactionId,
  stunFrameLength,
  u32,
  type Address,
  type StunAttr,
  type StunMessage,
} from './stun.js';

export type IceTransport = 'udp' | 'tcp' | 'tls';

export interface IceEndpoint {
  url: string;
  kind: 'stun' | 'turn';
  host: string;
  port: number;
  transport: IceTransport;
}

/** `stun:host[:port]`, `turn:host[:port][?transport=udp|tcp]`, `turns:…` (RFC 7064 / 7065). A turn: URL without transport means both UDP and TCP. */
export function parseIceUrl(url: string): IceEndpoint[] {
  const m = /^(stuns?|turns?):(\[[^\]]+\]|[^:?]+)(?::(\d+))?(?:\?transport=(udp|tcp))?$/i.exec(url.trim());
  if (!m) return [];
  const scheme = m[1].toLowerCase();
  const host = m[2].replace(/^\[|\]$/g, '');
  const secure = scheme.endsWith('s');
  const port = m[3] ? Number(m[3]) : secure ? 5349 : 3478;
  const kind = scheme.startsWith('turn') ? 'turn' : 'stun';
  const transports: IceTransport[] = secure
    ? ['tls']
    : m[4]
      ? [m[4].toLowerCase() as IceTransport]
      : kind === 'turn'
        ? ['udp', 'tcp']
        : ['udp'];
  return transports.map((transport) => ({ url, kind, host, port, transport }));
}

export interface StunResponse {
  msg: StunMessage;
  raw: Buffer;
  rttMs: number;
}

export interface StunChannel {
  request(m: StunMessage, opts?: { key?: Buffer }): Promise<StunResponse>;
  close(): void;
  local?: Address;
}

/** A UDP socket that can send STUN requests to several servers (same local port: mapping tests). */
export async function udpChannel(
  host: string,
  port: number,
  signal: AbortSignal,
  timeoutMs = 3000,
  shared?: dgram.Socket,
): Promise<StunChannel> {
  const sock = shared ?? dgram.createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
  if (!shared) {
    await new Promise<void>((resolve, reject) => {
      sock.once('error', reject);
      sock.bind(0, () => (sock.off('error', reject), resolve()));
    });
  }
  const pending = new Map<string, (r: { raw: Buffer }) => void>();
  const onMessage = (raw: Buffer) => {
    const m = decode(raw);
    if (m) pending.get(m.transactionId.toString('hex'))?.({ raw });
  };
  sock.on('message', onMessage);
  return {
    request(m, opts = {}) {
      const raw = encode(m, { key: opts.key, fingerprint: true });
      const id = m.transactionId.toString('hex');
      const t0 = performance.now();
      return new Promise<StunResponse>((resolve, reject) => {
        let rto = 250;
        let timer: NodeJS.Timeout;
        const finish = (err?: Error, r?: { raw: Buffer }) => {
          clearTimeout(timer);
          clearTimeout(hard);
          pending.delete(id);
          signal.removeEventListener('abort', onAbort);
          if (err) reject(err);
          else resolve({ msg: decode(r!.raw)!, raw: r!.raw, rttMs: performance.now() - t0 });
        };
        const onAbort = () => finish(new NetFailure('timeout', { target: `${host}:${port}`, detail: 'aborted' }));
        const send = () => {
          sock.send(raw, port, host, (err) => err && finish(classify(err, `${host}:${port}`)));
          timer = setTimeout(send, (rto *= 2) / 2);
        };
        const hard = setTimeout(
          () => finish(new NetFailure('timeout', { target: `${host}:${port}/udp`, detail: `${timeoutMs} ms` })),
          timeoutMs,
        );
        pending.set(id, (r) => finish(undefined, r));
        signal.addEventListener('abort', onAbort, { once: true });
        send();
      });
    },
    close() {
      sock.off('message', onMessage);
      if (!shared) sock.close();
    },
  };
}

/** A TCP or TLS connection carrying STUN messages (TURN over TCP/TLS). */
export async function streamChannel(
  host: string,
  port: number,
  transport: 'tcp' | 'tls',
  signal: AbortSignal,
  timeoutMs = 3000,
  ca?: string | Buffer,
): Promise<StunChannel> {
  const target = `${host}:${port}/${transport}`;
  const sock: net.Socket = await new Promise((resolve, reject) => {
    const s =
      transport === 'tls'
        ? tls.connect({ host, port, servername: isIP(host) ? undefined : host, ...(ca ? { ca } : {}) })
        : net.connect({ host, port });
    const timer = setTimeout(
      () => (s.destroy(), reject(new NetFailure('timeout', { target, detail: `${timeoutMs} ms` }))),
      timeoutMs,
    );
    const onAbort = () => (
      s.destroy(), clearTimeout(timer), reject(new NetFailure('timeout', { target, detail: 'aborted' }))
    );
    signal.addEventListener('abort', onAbort, { once: true });
    s.once(transport === 'tls' ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(s);
    });
    s.once('error', (err) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      reject(classify(err, target));
    });
  });
  let buf = Buffer.alloc(0);
  const pending = new Map<string, (raw: Buffer) => void>();
  let closedErr: NetFailure | undefined;
  sock.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const len = stunFrameLength(buf);
      if (len === undefined || buf.length < len) break;
      const raw = buf.subarray(0, len);
      buf = buf.subarray(len);
      const m = decode(Buffer.from(raw));
      if (m) pending.get(m.transactionId.toString('hex'))?.(Buffer.from(raw));
    }
  });
  const failAll = (e: NetFailure) => {
    closedErr = e;
    for (const f of pending.values()) f(Buffer.alloc(0));
  };
  sock.on('error', (err) => failAll(classify(err, target)));
  sock.on('close', () => failAll(new NetFailure('reset', { target, detail: 'closed' })));
  return {
    local: { family: sock.localFamily === 'IPv6' ? 6 : 4, address: sock.localAddress ?? '', port: sock.localPort ?? 0 },
    request(m, opts = {}) {
      const raw = encode(m, { key: opts.key, fingerprint: true });
      const id = m.transactionId.toString('hex');
      const t0 = performance.now();
      return new Promise<StunResponse>((resolve, reject) => {
        if (closedErr) return reject(closedErr);
        const timer = setTimeout(
          () => done(undefined, new NetFailure('noAnswer', { target, detail: `${timeoutMs} ms` })),
          timeoutMs,
        );
        const done = (r?: Buffer, err?: Error) => {
          clearTimeout(timer);
          pending.delete(id);
          if (err || !r || !r.length) reject(err ?? closedErr ?? new NetFailure('reset', { target }));
          else resolve({ msg: decode(r)!, raw: r, rttMs: performance.now() - t0 });
        };
        pending.set(id, (r) => done(r));
        sock.write(raw);
      });
    },
    close() {
      sock.destroy();
    },
  };
}

export interface BindingResult {
  mapped: Address;
  rttMs: number;
}

/** 40 bytes: "wardkit" padded with spaces. */
const BINDING_PADDING = Buffer.from('wardkit'.padEnd(40, ' '));

export async function binding(ch: StunChannel, target: string): Promise<BindingResult> {
  const tid = newTransactionId();
  // Padded with a SOFTWARE attribute (comprehension-optional: every server ignores what it does not
  // use) so the request (72 bytes) is never smaller than the answer: `wardkit serve` answers only
  // requests at least as large as its reply, so that it cannot be used to amplify a flood.
  const r = await ch.request({
    method: METHOD.binding,
    cls: CLASS.request,
    transactionId: tid,
    attrs: [{ type: ATTR.SOFTWARE, value: BINDING_PADDING }],
  });
  if (r.msg.cls !== CLASS.success)
    throw new NetFailure('http', {
      target,
      status: decodeErrorCode(attr(r.msg, ATTR.ERROR_CODE))?.code ?? 0,
      path: 'binding',
    });
  const x = attr(r.msg, ATTR.XOR_MAPPED_ADDRESS);
  const mapped = x ? decodeXorAddress(x, tid) : undefined;
  if (!mapped) throw new NetFailure('other', { target, detail: 'no XOR-MAPPED-ADDRESS' });
  return { mapped, rttMs: r.rttMs };
}

export interface AllocateResult {
  relayed?: Address;
  mapped?: Address;
  lifetime?: number;
  rttMs: number;
}

export class TurnError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`TURN error ${code} ${reason}`);
    this.name = 'TurnError';
  }
}

/** TURN Allocate (UDP relay) with long-term credentials; releases the allocation again. */
export async function allocate(
  ch: StunChannel,
  username: string | undefined,
  password: string | undefined,
): Promise<AllocateResult> {
  const base: StunAttr[] = [{ type: ATTR.REQUESTED_TRANSPORT, value: u32(17 << 24) }];
  let tid = newTransactionId();
  const t0 = performance.now();
  let r = await ch.request({ method: METHOD.allocate, cls: CLASS.request, transactionId: tid, attrs: base });
  let key: Buffer | undefined;
  let auth: StunAttr[] = [];
  for (let attempt = 0; attempt < 3 && r.msg.cls === CLASS.error; attempt++) {
    const err = decodeErrorCode(attr(r.msg, ATTR.ERROR_CODE));
    if (!err || (err.code !== 401 && err.code !== 438) || (err.code === 401 && key)) break;
    const realm = attr(r.msg, ATTR.REALM)?.toString('utf8') ?? '';
    const nonce = attr(r.msg, ATTR.NONCE);
    if (!nonce || username === undefined || password === undefined) break;
    key = longTermKey(username, realm, password);
    auth = [
      { type: ATTR.USERNAME, value: Buffer.from(username, 'utf8') },
      { type: ATTR.REALM, value: Buffer.from(realm, 'utf8') },
      { type: ATTR.NONCE, value: nonce },
    ];
    tid = newTransactionId();
    r = await ch.request(
      { method: METHOD.allocate, cls: CLASS.request, transactionId: tid, attrs: [...base, ...auth] },
      { key },
    );
  }
  if (r.msg.cls !== CLASS.success) {
    const err = decodeErrorCode(attr(r.msg, ATTR.ERROR_CODE)) ?? { code: 0, reason: 'no error code' };
    throw new TurnError(err.code, err.reason);
  }
  const relayedRaw = attr(r.msg, ATTR.XOR_RELAYED_ADDRESS);
  const mappedRaw = attr(r.msg, ATTR.XOR_MAPPED_ADDRESS);
  const lifetime = attr(r.msg, ATTR.LIFETIME)?.readUInt32BE(0);
  const out: AllocateResult = {
    relayed: relayedRaw ? decodeXorAddress(relayedRaw, tid) : undefined,
    mapped: mappedRaw ? decodeXorAddress(mappedRaw, tid) : undefined,
    lifetime,
    rttMs: performance.now() - t0,
  };
  // Release the allocation at once (Refresh with LIFETIME 0); a failure here changes nothing.
  try {
    await ch.request(
      {
        method: METHOD.refresh,
        cls: CLASS.request,
        transactionId: newTransactionId(),
        attrs: [{ type: ATTR.LIFETIME, value: u32(0) }, ...auth],
      },
      { key },
    );
  } catch {
    /* the allocation expires by itself */
  }
  return out;
}
