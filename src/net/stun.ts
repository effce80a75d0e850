// STUN messages (RFC 8489) and the TURN attributes wardkit needs (RFC 8656): encoding, decoding,
// XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY with long-term credentials, FINGERPRINT.
// The transport (UDP retransmission, TCP/TLS framing) lives in src/net/stun-client.ts.
import { createHash, createHmac, randomBytes } from 'node:crypto';

export const MAGIC_COOKIE = 0x2112a442;

export const METHOD = { binding: 0x001, allocate: 0x003, refresh: 0x004 } as const;
export const CLASS = { request: 0x00, indication: 0x01, success: 0x02, error: 0x03 } as const;

export const ATTR = {
  MAPPED_ADDRESS: 0x0001,
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  UNKNOWN_ATTRIBUTES: 0x000a,
  LIFETIME: 0x000d,
  XOR_PEER_ADDRESS: 0x0012,
  REALM: 0x0014,
  NONCE: 0x0015,
  XOR_RELAYED_ADDRESS: 0x0016,
  REQUESTED_TRANSPORT: 0x0019,
  XOR_MAPPED_ADDRESS: 0x0020,
  SOFTWARE: 0x8022,
  FINGERPRINT: 0x8028,
} as const;

export interface StunAttr {
  type: number;
  value: Buffer;
}

export interface StunMessage {
  method: number;
  cls: number;
  transactionId: Buffer;
  attrs: StunAttr[];
}

export interface Address {
  family: 4 | 6;
  address: string;
  port: number;
}

const typeOf = (method: number, cls: number) =>
  (method & 0x000f) | ((method & 0x0070) << 1) | ((method & 0x0f80) << 2) | ((cls & 0x1) << 4) | ((cls & 0x2) << 7);

export const newTransactionId = () => randomBytes(12);

/** Is this buffer the start of a STUN message (first two bits 0, magic cookie)? */
export function isStun(b: Buffer): boolean {
  return b.length >= 20 && (b[0] & 0xc0) === 0 && b.readUInt32BE(4) === MAGIC_COOKIE;
}

/** Total length of the STUN message at the start of `b`, or undefined if the header is incomplete. */
export function stunFrameLength(b: Buffer): number | undefined {
  return b.length < 20 ? undefined : 20 + b.readUInt16BE(2);
}

const pad4 = (n: number) => (n + 3) & ~3;

function header(type: number, length: number, tid: Buffer): Buffer {
  const h = Buffer.alloc(20);
  h.writeUInt16BE(type, 0);
  h.writeUInt16BE(length, 2);
  h.writeUInt32BE(MAGIC_COOKIE, 4);
  tid.copy(h, 8);
  return h;
}

function attrBytes(a: StunAttr): Buffer {
  const b = Buffer.alloc(4 + pad4(a.value.length));
  b.writeUInt16BE(a.type, 0);
  b.writeUInt16BE(a.value.length, 2);
  a.value.copy(b, 4);
  return b;
}

// CRC-32 (ISO-HDLC), for FINGERPRINT.
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
export function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Long-term credential key: MD5(username ":" realm ":" password) (RFC 8489 §9.2.2). */
export function longTermKey(username: string, realm: string, password: string): Buffer {
  return createHash('md5').update(`${username}:${realm}:${password}`).digest();
}

/**
 * Encode a message. With `key`, MESSAGE-INTEGRITY (HMAC-SHA1 over the message up to it, with the
 * header length covering it) is appended; with `fingerprint`, FINGERPRINT (CRC-32 ^ 0x5354554e).
 */
export function encode(m: StunMessage, opts: { key?: Buffer; fingerprint?: boolean } = {}): Buffer {
  const type = typeOf(m.method, m.cls);
  let body = Buffer.concat(m.attrs.map(attrBytes));
  if (opts.key) {
    const withMi = body.length + 24;
    const hmac = createHmac('sha1', opts.key)
      .update(Buffer.concat([header(type, withMi, m.transactionId), body]))
      .digest();
    body = Buffer.concat([body, attrBytes({ type: ATTR.MESSAGE_INTEGRITY, value: hmac })]);
  }
  if (opts.fingerprint) {
    const withFp = body.length + 8;
    const crc = (crc32(Buffer.concat([header(type, withFp, m.transactionId), body])) ^ 0x5354554e) >>> 0;
    const v = Buffer.alloc(4);
    v.writeUInt32BE(crc, 0);
    body = Buffer.concat([body, attrBytes({ type: ATTR.FINGERPRINT, value: v })]);
  }
  return Buffer.concat([header(type, body.length, m.transactionId), body]);
}

export function decode(b: Buffer): StunMessage | undefined {
  if (!isStun(b)) return undefined;
  const len = b.readUInt16BE(2);
  if (b.length < 20 + len || len % 4 !== 0) return undefined;
  const type = b.readUInt16BE(0);
  const method = (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
  const cls = ((type & 0x0010) >> 4) | ((type & 0x0100) >> 7);
  const attrs: StunAttr[] = [];
  let off = 20;
  while (off + 4 <= 20 + len) {
    const at = b.readUInt16BE(off);
    const al = b.readUInt16BE(off + 2);
    if (off + 4 + al > 20 + len) return undefined;
    attrs.push({ type: at, value: b.subarray(off + 4, off + 4 + al) });
    off += 4 + pad4(al);
  }
  return { method, cls, transactionId: Buffer.from(b.subarray(8, 20)), attrs };
}

/** Verify MESSAGE-INTEGRITY of a received raw message with `key`; false if absent or wrong. */
export function verifyIntegrity(raw: Buffer, key: Buffer): boolean {
  const len = raw.readUInt16BE(2);
  let off = 20;
  while (off + 4 <= 20 + len) {
    const at = raw.readUInt16BE(off);
    const al = raw.readUInt16BE(off + 2);
    if (at === ATTR.MESSAGE_INTEGRITY) {
      const hdr = Buffer.from(raw.subarray(0, 20));
      hdr.writeUInt16BE(off - 20 + 24, 2);
      const mac = createHmac('sha1', key)
        .update(Buffer.concat([hdr, raw.subarray(20, off)]))
        .digest();
      return mac.equals(raw.subarray(off + 4, off + 4 + al));
    }
    off += 4 + pad4(al);
  }
  return false;
}

/** Verify FINGERPRINT of a received raw message; undefined when it has none. */
export function verifyFingerprint(raw: Buffer): boolean | undefined {
  const len = raw.readUInt16BE(2);
  if (len < 8) return undefined;
  const off = 20 + len - 8;
  if (raw.readUInt16BE(off) !== ATTR.FINGERPRINT) return undefined;
  const hdr = Buffer.from(raw.subarray(0, 20));
  return (crc32(Buffer.concat([hdr, raw.subarray(20, off)])) ^ 0x5354554e) >>> 0 === raw.readUInt32BE(off + 4);
}

export const attr = (m: StunMessage, type: number) => m.attrs.find((a) => a.type === type)?.value;

export function encodeXorAddress(a: Address, tid: Buffer): Buffer {
  const v = Buffer.alloc(a.family === 4 ? 8 : 20);
  v.writeUInt8(a.family === 4 ? 0x01 : 0x02, 1);
  v.writeUInt16BE(a.port ^ (MAGIC_COOKIE >>> 16), 2);
  const xorKey = Buffer.concat([Buffer.from([0x21, 0x12, 0xa4, 0x42]), tid]);
  const raw = a.family === 4 ? Buffer.from(a.address.split('.').map(Number)) : ipv6Bytes(a.address);
  for (let i = 0; i < raw.length; i++) v[4 + i] = raw[i] ^ xorKey[i];
  return v;
}

export function decodeXorAddress(v: Buffer, tid: Buffer): Address | undefined {
  if (v.length < 8) return undefined;
  const fam = v.readUInt8(1);
  const port = v.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
  const xorKey = Buffer.concat([Buffer.from([0x21, 0x12, 0xa4, 0x42]), tid]);
  const n = fam === 0x01 ? 4 : fam === 0x02 ? 16 : 0;
  if (!n || v.length < 4 + n) return undefined;
  const raw = Buffer.alloc(n);
  for (let i = 0; i < n; i++) raw[i] = v[4 + i] ^ xorKey[i];
  return { family: n === 4 ? 4 : 6, address: n === 4 ? [...raw].join('.') : ipv6String(raw), port };
}

export function decodeErrorCode(v: Buffer | undefined): { code: number; reason: string } | undefined {
  if (!v || v.length < 4) return undefined;
  return { code: (v.readUInt8(2) & 0x7) * 100 + v.readUInt8(3), reason: v.subarray(4).toString('utf8') };
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

function ipv6Bytes(s: string): Buffer {
  const [head, tail = ''] = s.includes('::') ? s.split('::') : [s, undefined as unknown as string];
  const h = head ? head.split(':') : [];
  const t = s.includes('::') && tail ? tail.split(':') : [];
  const groups = s.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(parseInt(g || '0', 16), i * 2));
  return b;
}

function ipv6String(b: Buffer): string {
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(b.readUInt16BE(i).toString(16));
  return g.join(':');
}
