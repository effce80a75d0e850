// Connection timings to one URL: DNS resolution (getaddrinfo, as the call client resolves), TCP
// connect, TLS handshake (certificate verified — an untrusted certificate is a failure, as it
// would be for the conferencing client).
import dns from 'node:dns/promises';
import net, { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { classify, NetFailure } from './errors.js';

export interface ConnectTiming {
  host: string;
  port: number;
  address?: string;
  /** null when the host is an IP literal. */
  dnsMs: number | null;
  tcpMs?: number;
  /** Only for https:/wss: URLs. */
  tlsMs?: number;
  tlsProtocol?: string;
  failure?: NetFailure;
  failedAt?: 'dns' | 'tcp' | 'tls';
}

const defaultPort = (u: URL) => (u.port ? Number(u.port) : u.protocol === 'https:' || u.protocol === 'wss:' ? 443 : 80);

function withTimeout<T>(p: Promise<T>, ms: number, signal: AbortSignal, onTimeout: () => NetFailure): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    const onAbort = () => reject(onTimeout());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}

export async function timeConnect(
  url: URL,
  o: { signal: AbortSignal; timeoutMs?: number; ca?: string | Buffer },
): Promise<ConnectTiming> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = defaultPort(url);
  const target = `${host}:${port}`;
  const timeoutMs = o.timeoutMs ?? 5000;
  const out: ConnectTiming = { host, port, dnsMs: null };
  let address = host;
  if (!isIP(host)) {
    const t0 = performance.now();
    try {
      const r = await withTimeout(
        dns.lookup(host),
        timeoutMs,
        o.signal,
        () => new NetFailure('dns', { target: host, detail: 'timeout' }),
      );
      address = r.address;
      out.dnsMs = Math.round((performance.now() - t0) * 10) / 10;
    } catch (err) {
      return { ...out, failure: classify(err, host), failedAt: 'dns' };
    }
  }
  out.address = address;
  let sock: net.Socket | undefined;
  try {
    const t1 = performance.now();
    sock = net.connect({ host: address, port });
    const s = sock;
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('error', reject);
      }),
      timeoutMs,
      o.signal,
      () => new NetFailure('timeout', { target, detail: `${timeoutMs} ms` }),
    );
    out.tcpMs = Math.round((performance.now() - t1) * 10) / 10;
  } catch (err) {
    sock?.destroy();
    return { ...out, failure: classify(err, target), failedAt: 'tcp' };
  }
  if (url.protocol === 'https:' || url.protocol === 'wss:') {
    const t2 = performance.now();
    let secure: tls.TLSSocket | undefined;
    try {
      secure = tls.connect({ socket: sock, servername: isIP(host) ? undefined : host, ...(o.ca ? { ca: o.ca } : {}) });
      const s = secure;
      await withTimeout(
        new Promise<void>((resolve, reject) => {
          s.once('secureConnect', () => resolve());
          s.once('error', reject);
        }),
        timeoutMs,
        o.signal,
        () => new NetFailure('noAnswer', { target, detail: `TLS ${timeoutMs} ms` }),
      );
      out.tlsMs = Math.round((performance.now() - t2) * 10) / 10;
      out.tlsProtocol = s.getProtocol() ?? undefined;
    } catch (err) {
      secure?.destroy();
      sock.destroy();
      return { ...out, failure: classify(err, target), failedAt: 'tls' };
    }
    secure.destroy();
  }
  sock.destroy();
  return out;
}
