// Errors from the OS, Node, undici (fetch), ffmpeg, pactl and TLS arrive as English text or codes.
// A technician reads what happened in their language; the raw text survives only as a detail
// (`chi tiết: …`) for whoever they forward it to. One table, used by every check and command.
import type { Formatter, Params } from './format.js';

export interface ExplainedError {
  /** Catalog key under `err.` */
  key: string;
  params: Params;
  /** The raw text, one line, for `chi tiết: …` / --debug. Empty when there is nothing to add. */
  detail: string;
}

/** Where the error came from, when that changes what it means (pactl's "connection refused" is the sound service). */
export type ErrorContext = 'network' | 'audio' | 'device' | 'file' | 'display';

const NODE_CODES: Record<string, string> = {
  ECONNREFUSED: 'err.connRefused',
  ENOTFOUND: 'err.dnsNotFound',
  EAI_AGAIN: 'err.dnsNotFound',
  EAI_NONAME: 'err.dnsNotFound',
  ETIMEDOUT: 'err.timeout',
  ESOCKETTIMEDOUT: 'err.timeout',
  UND_ERR_CONNECT_TIMEOUT: 'err.timeout',
  UND_ERR_HEADERS_TIMEOUT: 'err.timeout',
  UND_ERR_BODY_TIMEOUT: 'err.timeout',
  ECONNRESET: 'err.connReset',
  EPIPE: 'err.connReset',
  UND_ERR_SOCKET: 'err.connReset',
  EHOSTUNREACH: 'err.unreachable',
  ENETUNREACH: 'err.unreachable',
  ENETDOWN: 'err.unreachable',
  EACCES: 'err.permission',
  EPERM: 'err.permission',
  EROFS: 'err.readOnly',
  ENOENT: 'err.notFound',
  ENOTDIR: 'err.notFound',
  EISDIR: 'err.isDirectory',
  EADDRINUSE: 'err.addrInUse',
  EADDRNOTAVAIL: 'err.addrNotAvail',
  EBUSY: 'err.deviceBusy',
  ENOSPC: 'err.noSpace',
  EDQUOT: 'err.noSpace',
  ENOMEM: 'err.noMemory',
  EMFILE: 'err.tooManyFiles',
  ENFILE: 'err.tooManyFiles',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'err.certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'err.certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'err.certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'err.certificate',
  CERT_HAS_EXPIRED: 'err.certificateExpired',
  CERT_NOT_YET_VALID: 'err.certificateClock',
  ERR_TLS_CERT_ALTNAME_INVALID: 'err.certificateName',
  ERR_SSL_WRONG_VERSION_NUMBER: 'err.notHttps',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'err.notHttps',
  EPROTO: 'err.notHttps',
  ERR_INVALID_URL: 'err.badUrl',
  ABORT_ERR: 'err.aborted',
};

/** Text patterns of ffmpeg, pactl, the OS and undici, most specific first. */
const PATTERNS: Array<[RegExp, string, ErrorContext?]> = [
  [/DISPLAY is not set|cannot open display|no graphical session/i, 'err.noDisplay'],
  [/Connection failure|pa_context_connect|Connection refused/i, 'err.audioService', 'audio'],
  [/Generic error in an external library|Cannot list (?:sources|sinks)/i, 'err.audioService', 'audio'],
  [/Device or resource busy/i, 'err.deviceBusy'],
  [/No such file or directory|does not exist|not found/i, 'err.notFound'],
  [/No such process|No such entity|No such device/i, 'err.noSuchDevice'],
  [/Permission denied|Operation not permitted|access is denied/i, 'err.permission'],
  [/No space left/i, 'err.noSpace'],
  [/Cannot allocate memory|out of memory/i, 'err.noMemory'],
  [/Input\/output error/i, 'err.io'],
  [/Connection refused/i, 'err.connRefused'],
  [/getaddrinfo|ENOTFOUND/i, 'err.dnsNotFound'],
  [/timed? ?out|timeout/i, 'err.timeout'],
  [/bad port/i, 'err.badPort'],
  [/certificate|self[- ]signed/i, 'err.certificate'],
  [/wrong version number|packet length too long/i, 'err.notHttps'],
  [/socket hang up|ECONNRESET|other side closed/i, 'err.connReset'],
  [/Invalid argument|Invalid data found/i, 'err.invalidData'],
  [/Immediate exit requested|received signal|killed/i, 'err.stopped'],
];

function codesOf(err: unknown): string[] {
  const out: string[] = [];
  for (
    let e = err as { code?: unknown; name?: unknown; cause?: unknown } | undefined, depth = 0;
    e && typeof e === 'object' && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string') out.push(e.code);
    if (e.name === 'AbortError') out.push('ABORT_ERR');
    if (e.name === 'TimeoutError') out.push('ETIMEDOUT');
  }
  return out;
}

/** All messages of an error and its causes, joined, one line. */
export function rawText(err: unknown): string {
  const parts: string[] = [];
  for (
    let e = err as { message?: unknown; cause?: unknown } | string | undefined, depth = 0;
    e !== undefined && e !== null && depth < 4;
    depth++
  ) {
    if (typeof e === 'string') {
      parts.push(e);
      break;
    }
    if (typeof e.message === 'string' && e.message && !parts.includes(e.message)) parts.push(e.message);
    e = e.cause as typeof e;
  }
  return parts.join(': ').replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** The host a network error is about, when its text names one (getaddrinfo ENOTFOUND host). */
function hostOf(text: string): string | undefined {
  return /(?:getaddrinfo \w+|ENOTFOUND|connect \w+) ([\w.:[\]-]+)/.exec(text)?.[1];
}

/** What an error means, as a catalog key with parameters, and the raw text as a detail. */
export function explainError(err: unknown, context?: ErrorContext): ExplainedError {
  const detail = rawText(err);
  const host = hostOf(detail);
  const params: Params = host ? { host } : {};
  for (const code of codesOf(err)) {
    const key = NODE_CODES[code];
    if (key)
      return { key: context === 'audio' && key === 'err.connRefused' ? 'err.audioService' : key, params, detail };
  }
  for (const [re, key, only] of PATTERNS) {
    if (only && only !== context) continue;
    if (re.test(detail)) return { key, params, detail };
  }
  return { key: 'err.unknown', params, detail };
}

/** The explained error as one sentence in the reader's language, with the raw text as `(chi tiết: …)`. */
export function describeError(t: Formatter, err: unknown, context?: ErrorContext): string {
  const e = explainError(err, context);
  const text = t(e.key, e.params);
  return e.detail ? `${text} ${t('err.detail', { detail: e.detail })}` : text;
}
