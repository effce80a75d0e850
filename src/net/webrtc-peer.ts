// werift peer connections that gather quickly and report which candidate pair carries the call.
//
// Two werift 0.22.9 behaviours this module works around (see docs/call.md):
// - With no STUN server configured, werift's ICE layer silently falls back to stun.l.google.com:19302
//   and waits up to 5 s for it in every setLocalDescription. We clear that fallback.
// - Each candidate source (host socket, STUN query, TURN allocation) is awaited with a fixed 5 s
//   timeout, and a TURN allocation with none at all. We bound every one of them by `gatherTimeoutMs`.
// Loopback (127.0.0.1) is not a host candidate in werift, so it is added explicitly; `veth*`
// interfaces are ignored by werift, so their addresses are added too (network namespaces in tests).
import os from 'node:os';
import {
  RTCPeerConnection,
  useOPUS,
  useSdesMid,
  useVP8,
  type RTCIceServer,
  type PeerConfig,
  type RTCRtpCodecParameters,
} from 'werift';
import { fixStunDemux, fixTurnDemux } from './werift-fixes.js';

export interface IceServerConfig {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface PeerOptions {
  iceServers?: IceServerConfig[];
  iceTransport?: 'all' | 'relay';
  /** Longest wait for one candidate source (STUN answer, TURN allocation), ms. */
  gatherTimeoutMs?: number;
  /** Only these local addresses (server: the address it listens on). */
  hostAddresses?: string[];
  /** 'disable': one transport per section (an answer to an offer without BUNDLE). Default max-bundle. */
  bundlePolicy?: 'max-bundle' | 'disable';
  /** Codecs to negotiate (default: VP8 and Opus without RTCP feedback). */
  codecs?: { audio: RTCRtpCodecParameters[]; video: RTCRtpCodecParameters[] };
}

export interface SelectedPair {
  localType: string;
  remoteType: string;
  /** udp or tcp (toward the TURN server for a relay candidate). */
  protocol: string;
  localAddress: string;
  remoteAddress: string;
}

/** Addresses of this machine werift would skip: loopback and veth interfaces (IPv4 only). */
export function extraHostAddresses(): string[] {
  const out: string[] = [];
  for (const [nic, list] of Object.entries(os.networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4') continue;
      if (a.internal || nic.startsWith('veth')) out.push(a.address);
    }
  }
  return out;
}

/** werift takes the first `stun:` and the first `turn:` URL of its list, as `host:port` strings. */
export function toWeriftIceServers(servers: IceServerConfig[]): RTCIceServer[] {
  const out: RTCIceServer[] = [];
  let stun = false;
  let turn = false;
  for (const s of servers) {
    for (const url of s.urls) {
      const m = /^(stun|turn):([^?]+)(?:\?(.*))?$/.exec(url);
      if (!m) continue; // stuns:/turns: (TLS) are not supported by werift 0.22
      const hostPort = m[2].includes(':') ? m[2] : `${m[2]}:3478`;
      if (/transport=tcp/.test(m[3] ?? '')) continue;
      if (m[1] === 'stun' && !stun) {
        out.push({ urls: `stun:${hostPort}` });
        stun = true;
      } else if (m[1] === 'turn' && !turn && s.username && s.credential) {
        out.push({ urls: `turn:${hostPort}`, username: s.username, credential: s.credential });
        turn = true;
      }
    }
  }
  return out;
}

export function createPeer(opts: PeerOptions = {}): RTCPeerConnection {
  // An SRTP packet 20 bytes longer than its sequence number must not be taken for STUN (werift-fixes.ts).
  fixStunDemux();
  const iceServers = toWeriftIceServers(opts.iceServers ?? []);
  const config: Partial<PeerConfig> = {
    iceServers,
    iceUseIpv6: false,
    // One transport for every m-line: with max-compat werift opens one per m-line and never closes the unused ones.
    bundlePolicy: opts.bundlePolicy ?? 'max-bundle',
    // No NACK retransmission: the test call measures the network's loss, not what repair hides
    // (and a retransmitted packet would be counted twice by the echo). Not even PLI: werift signals it
    // as "nack pli" and then treats the stream as NACK-enabled. Keyframes come every 2 s anyway.
    codecs: opts.codecs ?? { audio: [useOPUS()], video: [useVP8({ rtcpFeedback: [] })] },
    // The MID header extension (RFC 8843 §15.2): lets the far end route our packets, and us its
    // packets, without a=ssrc lines in the SDP.
    headerExtensions: { audio: [useSdesMid()], video: [useSdesMid()] },
    iceTransportPolicy: opts.iceTransport === 'relay' ? 'relay' : 'all',
    iceAdditionalHostAddresses: opts.hostAddresses ?? extraHostAddresses(),
    ...(opts.hostAddresses ? { iceInterfaceAddresses: undefined } : {}),
  };
  const pc = new RTCPeerConnection(config);
  const hasStun = iceServers.some((s) => String(s.urls).startsWith('stun:'));
  const bound = opts.gatherTimeoutMs ?? 2000;
  const only = opts.hostAddresses;
  // Patch each ICE agent right after werift creates it (before any gathering starts).
  const patched = new WeakSet<object>();
  const patch = () => {
    for (const t of pc.iceTransports) {
      const conn = t.connection as unknown as {
        stunServer?: unknown;
        protocols?: unknown[];
        getCandidatePromises(addresses: string[], timeout?: number): Array<Promise<unknown>>;
      };
      if (patched.has(conn)) continue;
      patched.add(conn);
      if (!hasStun) conn.stunServer = undefined;
      const orig = conn.getCandidatePromises.bind(conn);
      conn.getCandidatePromises = (addresses: string[]) => {
        const use = only ? addresses.filter((a) => only.includes(a)) : addresses;
        return orig(use, Math.max(0.2, bound / 1000)).map((p) =>
          Promise.race([
            p.then((c) => (bigBuffers(conn), fixTurnDemux(conn.protocols ?? []), c)),
            new Promise<void>((r) => setTimeout(() => r(), bound).unref()),
          ]),
        );
      };
    }
  };
  // Transports are created when the first transceiver / data channel / remote description appears.
  const origSetLocal = pc.setLocalDescription.bind(pc);
  pc.setLocalDescription = (async (d: Parameters<typeof origSetLocal>[0]) => {
    patch();
    return origSetLocal(d);
  }) as typeof pc.setLocalDescription;
  return pc;
}

/**
 * Larger socket buffers on every ICE socket: the default (≈ 208 kB) overflowed now and then under a
 * keyframe burst while the event loop was busy, losing a packet on loopback that the network never lost.
 */
function bigBuffers(conn: unknown): void {
  for (const p of (
    conn as {
      protocols?: Array<{
        transport?: { socket?: { setRecvBufferSize?(n: number): void; setSendBufferSize?(n: number): void } };
      }>;
    }
  ).protocols ?? []) {
    const sock = p.transport?.socket;
    try {
      sock?.setRecvBufferSize?.(4 * 1024 * 1024);
      sock?.setSendBufferSize?.(4 * 1024 * 1024);
    } catch {
      /* not bound yet, or a TURN/TCP transport */
    }
  }
}

/** The nominated ICE pair, once connected. */
export function selectedPair(pc: RTCPeerConnection): SelectedPair | undefined {
  for (const t of pc.iceTransports) {
    const pair = (
      t.connection as unknown as {
        nominated?: { localCandidate: Cand; remoteCandidate: Cand; protocol?: { type?: string } };
      }
    ).nominated;
    if (!pair) continue;
    const l = pair.localCandidate;
    const r = pair.remoteCandidate;
    return {
      localType: l.type,
      remoteType: r.type,
      protocol: String(l.transport ?? 'udp').toLowerCase(),
      localAddress: `${l.host}:${l.port}`,
      remoteAddress: `${r.host}:${r.port}`,
    };
  }
  return undefined;
}
interface Cand {
  type: string;
  host: string;
  port: number;
  transport?: string;
}

/** The candidate type a call is counted as: relay if either end relays, else srflx/prflx, else host. */
export function pairKind(p: SelectedPair): 'host' | 'srflx' | 'relay' {
  const types = [p.localType, p.remoteType];
  if (types.includes('relay')) return 'relay';
  if (types.includes('srflx') || types.includes('prflx')) return 'srflx';
  return 'host';
}

/** Resolve when the peer connects; reject when it fails or the signal aborts. */
export function waitConnected(pc: RTCPeerConnection, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (pc.connectionState === 'connected') return resolve();
    const onAbort = () => {
      sub.unSubscribe();
      reject(signal.reason ?? new Error('aborted'));
    };
    const sub = pc.connectionStateChange.subscribe((s) => {
      if (s === 'connected') {
        sub.unSubscribe();
        signal.removeEventListener('abort', onAbort);
        resolve();
      } else if (s === 'failed' || s === 'closed') {
        sub.unSubscribe();
        signal.removeEventListener('abort', onAbort);
        reject(new Error(`connection ${s}`));
      }
    });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
