// What the echo peer does to a WHIP offer before werift 0.22.9 sees it, and to werift's answer
// before the client sees it, so that any standards-compliant offer works (docs/call.md, "werift
// workarounds"). Pure text functions on SDP (RFC 8866), unit-tested:
//
// - BUNDLE (RFC 8843 §7.3.1): until BUNDLE is negotiated every section of an offer may carry its own
//   ICE credentials and candidates (aiortc does, JSEP allows it). The answerer that accepts the group
//   uses the transport of the offerer's BUNDLE-tag section (the first mid of the group) for all of
//   them. werift applies every section's ufrag/pwd to its one transport in turn, so the last section
//   wins and ICE never connects: we copy the tag section's credentials into the other bundled sections
//   and drop their candidates (they belong to transports the offerer discards).
// - An offer without a BUNDLE group gets an answer without one (RFC 8843 §7.3: the answerer must not
//   add a group that was not offered); the caller then answers with one transport per section.
// - A section with no codec this peer can echo (or an unknown kind/proto, or already port 0) is
//   rejected on its own with port 0 (RFC 3264 §6) while the others go on; werift would refuse the
//   whole offer ("negotiate codecs failed").
// - No RTCP feedback is advertised: the echo implements none (no NACK retransmission of what it did
//   not send, no PLI/FIR forwarding, no REMB/transport-cc estimate).

export interface SdpSection {
  /** Index of the m= line in the offer. */
  index: number;
  kind: string;
  port: number;
  proto: string;
  formats: string[];
  mid?: string;
  lines: string[];
}

export interface ParsedSdp {
  session: string[];
  media: SdpSection[];
}

export function parseSdp(sdp: string): ParsedSdp {
  const lines = sdp.split(/\r?\n/).filter((l) => l.length > 0);
  const session: string[] = [];
  const media: SdpSection[] = [];
  for (const line of lines) {
    if (line.startsWith('m=')) {
      const [kind, port, proto, ...formats] = line.slice(2).split(' ');
      media.push({ index: media.length, kind, port: Number(port), proto, formats, lines: [line] });
    } else if (media.length) {
      const s = media[media.length - 1];
      s.lines.push(line);
      if (line.startsWith('a=mid:')) s.mid = line.slice(6).trim();
    } else session.push(line);
  }
  return { session, media };
}

export function writeSdp(p: ParsedSdp): string {
  return [...p.session, ...p.media.flatMap((m) => m.lines)].join('\r\n') + '\r\n';
}

/** The codec names (upper case) of a section's rtpmap lines, by payload type. */
export function codecNames(s: SdpSection): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of s.lines) {
    const m = /^a=rtpmap:(\d+) ([^/\s]+)/.exec(l);
    if (m) out.set(m[1], m[2].toUpperCase());
  }
  // Static payload types without an rtpmap line (RFC 3551).
  for (const f of s.formats) if (!out.has(f) && STATIC_PT[f]) out.set(f, STATIC_PT[f]);
  return out;
}
const STATIC_PT: Record<string, string> = { '0': 'PCMU', '8': 'PCMA', '9': 'G722' };

export interface OfferPlan {
  /** The offer werift gets: rejected sections removed, bundled credentials unified. */
  sdp: string;
  /** Sections answered with port 0, in offer order. */
  rejected: Array<{ index: number; kind: string; proto: string; formats: string[]; mid?: string; reason: string }>;
  /** The offer carried a BUNDLE group (with at least one section left in it). */
  bundled: boolean;
  /** The offerer's BUNDLE-tag mid among the sections kept. */
  tagMid?: string;
  /** Number of sections in the offer. */
  sections: number;
}

export interface EchoCodecs {
  audio: string[];
  video: string[];
}

const ICE_LINE = /^a=(ice-ufrag|ice-pwd|ice-options|candidate|end-of-candidates|ice-lite)\b/;

/** Decide what to answer: which sections to reject, which transport a bundled offer uses. */
export function planOffer(sdp: string, codecs: EchoCodecs): OfferPlan {
  const p = parseSdp(sdp);
  const rejected: OfferPlan['rejected'] = [];
  const keep: SdpSection[] = [];
  for (const s of p.media) {
    let reason: string | undefined;
    // Port 0 with a=bundle-only is not a rejection: the section shares the BUNDLE transport (RFC 8843 §6).
    if (s.port === 0 && !s.lines.includes('a=bundle-only')) reason = 'rejected in the offer (port 0)';
    else if (s.kind === 'audio' || s.kind === 'video') {
      const want = codecs[s.kind].map((c) => c.toUpperCase());
      if (!/^(UDP\/TLS\/RTP\/SAVPF?|RTP\/SAVPF?)$/.test(s.proto)) reason = `unsupported transport ${s.proto}`;
      else if (![...codecNames(s).values()].some((n) => want.includes(n)))
        reason = `no common ${s.kind} codec (offered ${[...new Set(codecNames(s).values())].join(', ') || 'none'})`;
    } else if (s.kind === 'application') {
      if (!/DTLS\/SCTP/.test(s.proto)) reason = `unsupported transport ${s.proto}`;
    } else reason = `unsupported media ${s.kind}`;
    if (reason) rejected.push({ index: s.index, kind: s.kind, proto: s.proto, formats: s.formats, mid: s.mid, reason });
    else keep.push(s);
  }
  const gone = new Set(rejected.map((r) => r.mid).filter((m): m is string => m !== undefined));
  let bundled = false;
  let tagMid: string | undefined;
  const session = p.session.flatMap((l) => {
    if (!/^a=group:BUNDLE\b/.test(l)) return [l];
    const mids = l
      .slice('a=group:BUNDLE'.length)
      .trim()
      .split(/\s+/)
      .filter((m) => m && !gone.has(m) && keep.some((s) => s.mid === m));
    if (!mids.length) return [];
    bundled = true;
    tagMid = mids[0];
    return [`a=group:BUNDLE ${mids.join(' ')}`];
  });
  if (bundled) {
    const tag = keep.find((s) => s.mid === tagMid)!;
    const tagIce = tag.lines.filter((l) => ICE_LINE.test(l));
    const group = new Set(
      session
        .find((l) => l.startsWith('a=group:BUNDLE'))!
        .split(' ')
        .slice(1),
    );
    for (const s of keep) {
      if (s === tag || !s.mid || !group.has(s.mid)) continue;
      // Credentials and candidates of the tag section; the section's own ones are discarded.
      const at = s.lines.findIndex((l) => ICE_LINE.test(l));
      const rest = s.lines.filter((l) => !ICE_LINE.test(l));
      rest.splice(at < 0 ? rest.length : Math.min(at, rest.length), 0, ...tagIce);
      s.lines = rest;
    }
  }
  return { sdp: writeSdp({ session, media: keep }), rejected, bundled, tagMid, sections: p.media.length };
}

/**
 * werift's answer (for the kept sections) → the answer for the whole offer: rejected sections back in
 * their places with port 0, no group that was not offered, no RTCP feedback lines.
 */
export function finishAnswer(answerSdp: string, plan: OfferPlan): string {
  const p = parseSdp(answerSdp);
  const session = plan.bundled ? p.session : p.session.filter((l) => !/^a=group:BUNDLE\b/.test(l));
  const media: SdpSection[] = [];
  let k = 0;
  for (let i = 0; i < plan.sections; i++) {
    const r = plan.rejected.find((x) => x.index === i);
    if (r) {
      const lines = [`m=${r.kind} 0 ${r.proto} ${r.formats.join(' ') || '0'}`, 'c=IN IP4 0.0.0.0'];
      if (r.mid !== undefined) lines.push(`a=mid:${r.mid}`);
      lines.push('a=inactive');
      media.push({ index: i, kind: r.kind, port: 0, proto: r.proto, formats: r.formats, mid: r.mid, lines });
    } else {
      const s = p.media[k++];
      if (!s) throw new Error(`the answer has fewer sections than the offer kept (${k - 1})`);
      s.lines = s.lines.filter((l) => !l.startsWith('a=rtcp-fb:'));
      media.push(s);
    }
  }
  return writeSdp({ session, media });
}

/**
 * Only UDP ICE candidates (`a=candidate:F C transport …`): a test call measures the UDP media path a
 * conference uses. Over ICE-TCP, which libwebrtc and GStreamer (libnice) both offer, the network's
 * loss becomes retransmission delay and the loss figure would read 0 on a lossy line.
 */
export function udpCandidatesOnly(sdp: string): string {
  return sdp
    .split('\r\n')
    .filter((l) => !l.startsWith('a=candidate:') || l.split(' ')[2]?.toLowerCase() === 'udp')
    .join('\r\n');
}
