// STUN codec against the RFC 5769 test vectors, and the ICE URL parser.
import { describe, expect, it } from 'vitest';
import {
  attr,
  ATTR,
  CLASS,
  decode,
  decodeXorAddress,
  encode,
  encodeXorAddress,
  longTermKey,
  METHOD,
  newTransactionId,
  verifyFingerprint,
  verifyIntegrity,
} from '../../src/net/stun.js';
import { parseIceUrl } from '../../src/net/stun-client.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// RFC 5769 §2.1 sample request (short-term credential: key = password).
const REQUEST = hex(`
  000100582112a442b7e7a701bc34d686fa87dfae
  802200105354554e20746573742063 6c69656e74
  002400046e0001ff
  80290008932ff9b151263b36
  000600096576746a3a68367659202020
  000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2
  80280004e57a3bcf`);
// RFC 5769 §2.2 sample IPv4 response: XOR-MAPPED-ADDRESS 192.0.2.1:32853.
const RESPONSE = hex(`
  0101003c2112a442b7e7a701bc34d686fa87dfae
  8022000b7465737420766563746f7220
  002000080001a147e112a643
  000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7
  80280004c07d4c96`);
const PASSWORD = Buffer.from('VOkJxbRl1RmTxUk/WvJxBt');

describe('STUN codec (RFC 5769 vectors)', () => {
  it('verifies MESSAGE-INTEGRITY and FINGERPRINT of the sample request', () => {
    expect(verifyFingerprint(REQUEST)).toBe(true);
    expect(verifyIntegrity(REQUEST, PASSWORD)).toBe(true);
    expect(verifyIntegrity(REQUEST, Buffer.from('wrong'))).toBe(false);
    const m = decode(REQUEST)!;
    expect(m.method).toBe(METHOD.binding);
    expect(m.cls).toBe(CLASS.request);
    expect(attr(m, ATTR.USERNAME)!.toString()).toBe('evtj:h6vY');
  });

  it('decodes the sample response and its XOR-MAPPED-ADDRESS', () => {
    expect(verifyFingerprint(RESPONSE)).toBe(true);
    expect(verifyIntegrity(RESPONSE, PASSWORD)).toBe(true);
    const m = decode(RESPONSE)!;
    expect(m.cls).toBe(CLASS.success);
    expect(decodeXorAddress(attr(m, ATTR.XOR_MAPPED_ADDRESS)!, m.transactionId)).toEqual({
      family: 4,
      address: '192.0.2.1',
      port: 32853,
    });
  });

  it('a flipped bit breaks both checks', () => {
    const bad = Buffer.from(RESPONSE);
    bad[30] ^= 1;
    expect(verifyFingerprint(bad)).toBe(false);
    expect(verifyIntegrity(bad, PASSWORD)).toBe(false);
  });

  it('encodes what it decodes, with integrity (long-term key) and fingerprint', () => {
    const tid = newTransactionId();
    const key = longTermKey('user', 'realm', 'pass');
    expect(key.toString('hex')).toBe('8493fbc53ba582fb4c044c456bdc40eb'); // md5("user:realm:pass")
    const raw = encode(
      {
        method: METHOD.allocate,
        cls: CLASS.request,
        transactionId: tid,
        attrs: [
          { type: ATTR.USERNAME, value: Buffer.from('user') },
          {
            type: ATTR.XOR_MAPPED_ADDRESS,
            value: encodeXorAddress({ family: 4, address: '10.1.2.3', port: 4242 }, tid),
          },
        ],
      },
      { key, fingerprint: true },
    );
    expect(verifyIntegrity(raw, key)).toBe(true);
    expect(verifyFingerprint(raw)).toBe(true);
    const m = decode(raw)!;
    expect(m.method).toBe(METHOD.allocate);
    expect(decodeXorAddress(attr(m, ATTR.XOR_MAPPED_ADDRESS)!, tid)).toEqual({
      family: 4,
      address: '10.1.2.3',
      port: 4242,
    });
    const v6 = encodeXorAddress({ family: 6, address: '2001:db8:0:0:0:0:0:1', port: 5000 }, tid);
    expect(decodeXorAddress(v6, tid)).toEqual({ family: 6, address: '2001:db8:0:0:0:0:0:1', port: 5000 });
  });

  it('rejects what is not STUN', () => {
    expect(decode(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toBeUndefined();
    expect(decode(Buffer.alloc(10))).toBeUndefined();
  });
});

describe('ICE URLs (RFC 7064/7065)', () => {
  it('parses schemes, ports and transports', () => {
    expect(parseIceUrl('stun:stun.example.org')).toEqual([
      { url: 'stun:stun.example.org', kind: 'stun', host: 'stun.example.org', port: 3478, transport: 'udp' },
    ]);
    expect(parseIceUrl('turn:10.0.0.1:3479?transport=tcp').map((e) => [e.port, e.transport])).toEqual([[3479, 'tcp']]);
    expect(parseIceUrl('turn:turn.example.org').map((e) => e.transport)).toEqual(['udp', 'tcp']);
    expect(parseIceUrl('turns:turn.example.org').map((e) => [e.port, e.transport])).toEqual([[5349, 'tls']]);
    expect(parseIceUrl('turn:[::1]:3478')[0].host).toBe('::1');
    expect(parseIceUrl('http://x')).toEqual([]);
  });
});
