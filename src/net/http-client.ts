// A small HTTP(S) client with the timeouts a probe needs (connect, first byte) and errors
// classified for findings. Node's fetch hides socket errors behind "fetch failed"; this does not.
import http from 'node:http';
import https from 'node:https';
import { classify, NetFailure } from './errors.js';

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  signal: AbortSignal;
  /** Time allowed until the response headers arrive, ms. */
  headersTimeoutMs?: number;
  /** Extra CA certificates to trust (tests, private CAs). */
  ca?: string | Buffer;
}

export interface StartedRequest {
  req: http.ClientRequest;
  response: Promise<http.IncomingMessage>;
}

/** Start a request (the caller writes the body, if any) and get its response once headers arrive. */
export function startRequest(url: URL, o: RequestOptions): StartedRequest {
  const mod = url.protocol === 'https:' ? https : http;
  const req = mod.request(url, {
    method: o.method ?? 'GET',
    headers: o.headers,
    agent: false, // one fresh connection per request: parallel streams must be separate TCP flows
    signal: o.signal,
    ...(o.ca ? { ca: o.ca } : {}),
  });
  const target = url.host;
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new NetFailure(connected ? 'noAnswer' : 'timeout', { target, detail: `${o.headersTimeoutMs} ms` }));
      req.destroy();
    }, o.headersTimeoutMs ?? 5000);
    let connected = false;
    req.on('socket', (s) => s.on(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => (connected = true)));
    req.on('response', (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(o.signal.aborted ? err : classify(err, target));
    });
  });
  response.catch(() => undefined);
  return { req, response };
}

/** GET a JSON document (small), with a total time limit. */
export async function getJson<T>(url: URL, o: RequestOptions & { timeoutMs?: number }): Promise<T> {
  const total = AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs ?? 5000)]);
  const { req, response } = startRequest(url, {
    ...o,
    signal: total,
    headersTimeoutMs: o.headersTimeoutMs ?? o.timeoutMs ?? 5000,
  });
  req.end();
  let res: http.IncomingMessage;
  try {
    res = await response;
  } catch (err) {
    if (total.aborted && !o.signal.aborted)
      throw new NetFailure('noAnswer', { target: url.host, detail: `${o.timeoutMs ?? 5000} ms` });
    throw err;
  }
  const chunks: Buffer[] = [];
  try {
    for await (const c of res) chunks.push(c as Buffer);
  } catch (err) {
    throw classify(err, url.host);
  }
  if (res.statusCode === 429)
    throw new NetFailure('busy', { target: url.host, retryAfter: res.headers['retry-after'] ?? '?' });
  if ((res.statusCode ?? 0) >= 400)
    throw new NetFailure('http', { target: url.host, status: res.statusCode ?? 0, path: url.pathname });
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
  } catch {
    throw new NetFailure('notWardkit', { target: url.host, path: url.pathname });
  }
}
