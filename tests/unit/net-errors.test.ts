// Error classification (every kind has a message and a remedy in both languages) and the probe
// server's option parsing.
import { describe, expect, it } from 'vitest';
import { createFormatter } from '../../src/i18n/format.js';
import { failureFinding } from '../../src/checks/net-common.js';
import { classify, NetFailure, type FailureKind } from '../../src/net/errors.js';
import { probeOptions, PROBE_DEFAULTS } from '../../src/server/probe/module.js';

const err = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('network error classification', () => {
  it('maps socket, DNS and TLS errors to specific kinds', () => {
    expect(classify(err('ENOTFOUND'), 'x').kind).toBe('dns');
    expect(classify(err('EAI_AGAIN'), 'x').kind).toBe('dns');
    expect(classify(err('ECONNREFUSED'), 'x').kind).toBe('refused');
    expect(classify(err('ECONNRESET'), 'x').kind).toBe('reset');
    expect(classify(err('DEPTH_ZERO_SELF_SIGNED_CERT'), 'x').kind).toBe('tlsUntrusted');
    expect(classify(err('ERR_TLS_CERT_ALTNAME_INVALID'), 'x').kind).toBe('tlsUntrusted');
    expect(classify(err('CERT_HAS_EXPIRED'), 'x').kind).toBe('tlsUntrusted');
    expect(classify(err('ENETUNREACH'), 'x').kind).toBe('unreachable');
    expect(classify(new Error('weird'), 'x').kind).toBe('other');
    const f = new NetFailure('busy', { target: 'x', retryAfter: 5 });
    expect(classify(f, 'y')).toBe(f);
  });
  it('every kind has a message and a remedy in en and vi', () => {
    const kinds: FailureKind[] = [
      'dns',
      'refused',
      'timeout',
      'noAnswer',
      'reset',
      'tlsUntrusted',
      'tls',
      'unreachable',
      'busy',
      'http',
      'notWardkit',
      'other',
    ];
    for (const lang of ['en', 'vi'] as const) {
      const t = createFormatter(lang);
      for (const k of kinds) {
        const f = failureFinding(
          new NetFailure(k, { target: 'h:1', detail: 'd', retryAfter: 5, status: 404, path: '/p' }),
        );
        expect(t.has(f.key), `${lang} ${f.key}`).toBe(true);
        expect(t.has(f.remedyKey!), `${lang} ${f.remedyKey}`).toBe(true);
        expect(t(f.key, f.params)).not.toMatch(/\{\w+\}/);
      }
    }
  });
});

describe('probe server options', () => {
  it('defaults, parses and bounds its options', () => {
    expect(probeOptions({})).toEqual({ ...PROBE_DEFAULTS, udpPort: undefined });
    expect(probeOptions({ maxProbes: '8', maxProbeMb: 2, maxProbeSeconds: 3, probeUdpPort: 9000 })).toEqual({
      maxProbes: 8,
      maxPerSource: 8,
      maxBytes: 2 * 1048576,
      maxSeconds: 3,
      udpPort: 9000,
    });
    expect(() => probeOptions({ maxProbes: 0 })).toThrow(/max-probes/);
    expect(() => probeOptions({ probeUdpPort: 70000 })).toThrow(/probe-udp-port/);
  });
});
