// Classify a network error into a kind the technician can act on (DNS, refused, TLS, ...). The
// checks turn a kind into a finding with a message and a remedy (src/checks/net-common.ts).

export type FailureKind =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'noAnswer'
  | 'reset'
  | 'tlsUntrusted'
  | 'tls'
  | 'unreachable'
  | 'busy'
  | 'http'
  | 'notWardkit'
  | 'other';

export class NetFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(`${kind}${params.detail ? `: ${params.detail}` : ''}`, options);
    this.name = 'NetFailure';
  }
}

const TLS_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Classify any error thrown by dns/net/tls/http into a NetFailure (idempotent). */
export function classify(err: unknown, target: string): NetFailure {
  if (err instanceof NetFailure) return err;
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = e?.code ?? '';
  const detail = code || e?.message || String(err);
  const p = { target, detail };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL')
    return new NetFailure('dns', p, { cause: err });
  if (code === 'ECONNREFUSED') return new NetFailure('refused', p, { cause: err });
  if (code === 'ETIMEDOUT' || e?.name === 'TimeoutError') return new NetFailure('timeout', p, { cause: err });
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    /socket hang up|aborted/i.test(e?.message ?? '')
  )
    return new NetFailure('reset', p, { cause: err });
  if (TLS_UNTRUSTED.has(code)) return new NetFailure('tlsUntrusted', { target, detail: code }, { cause: err });
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /SSL|TLS/.test(e?.message ?? ''))
    return new NetFailure('tls', p, { cause: err });
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL')
    return new NetFailure('unreachable', p, { cause: err });
  return new NetFailure('other', p, { cause: err });
}
