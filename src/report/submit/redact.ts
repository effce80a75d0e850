// The ward token must never reach output, logs, reports, the spool or error messages. Everything
// submission prints or throws passes through `redact` with the secrets it knows.
export const REDACTED = '[REDACTED]';

export function redact(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(REDACTED);
  }
  // Any bearer credential, even one we were not told about.
  return out.replace(/(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`);
}

/** A short, redacted description of an error and its causes (fetch wraps the real one in `cause`). */
export function describeError(err: unknown, secrets: Array<string | undefined>): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; e && i < 4; i++) {
    const x = e as { code?: string; message?: string; cause?: unknown };
    const msg = [typeof x.code === 'string' ? x.code : undefined, x.message].filter(Boolean).join(' ');
    if (msg && !parts.includes(msg)) parts.push(msg);
    e = x.cause;
  }
  return redact(parts.join(': ') || String(err), secrets);
}
