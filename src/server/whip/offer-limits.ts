// Bounds on a WHIP offer, checked before werift parses it: an offer's cost (CPU to answer, memory
// per transceiver, size of the answer) grows with its m-sections and lines, so a hostile 64 KB offer
// with hundreds of m-lines must be refused while it is still a string. A browser's or wardkit's own
// offer has 1–4 m-sections and ~100–200 lines in 3–10 KB.

export interface OfferLimits {
  /** Bytes of the whole offer. */
  maxBytes: number;
  /** m= sections (audio, video, data channel…). */
  maxMSections: number;
  /** Lines in total. */
  maxLines: number;
  /** Longest single line, bytes. */
  maxLineBytes: number;
}

export const OFFER_LIMITS: OfferLimits = { maxBytes: 32 * 1024, maxMSections: 16, maxLines: 1200, maxLineBytes: 4096 };

export type OfferProblem =
  | { status: 413; reason: 'size'; value: number; limit: number }
  | { status: 400; reason: 'm-sections' | 'lines' | 'line-length' | 'not-sdp'; value: number; limit: number };

/** The first limit an offer breaks, or undefined when it is within all of them. */
export function offerProblem(sdp: string | Buffer, l: OfferLimits = OFFER_LIMITS): OfferProblem | undefined {
  const size = typeof sdp === 'string' ? Buffer.byteLength(sdp) : sdp.length;
  if (size > l.maxBytes) return { status: 413, reason: 'size', value: size, limit: l.maxBytes };
  const text = typeof sdp === 'string' ? sdp : sdp.toString('utf8');
  if (!/^v=0\r?\n/.test(text)) return { status: 400, reason: 'not-sdp', value: 0, limit: 0 };
  let lines = 0;
  let m = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines++;
    if (lines > l.maxLines) return { status: 400, reason: 'lines', value: lines, limit: l.maxLines };
    if (end - start > l.maxLineBytes)
      return { status: 400, reason: 'line-length', value: end - start, limit: l.maxLineBytes };
    if (text.startsWith('m=', start) && ++m > l.maxMSections)
      return { status: 400, reason: 'm-sections', value: m, limit: l.maxMSections };
    start = end + 1;
  }
  if (m === 0) return { status: 400, reason: 'not-sdp', value: 0, limit: 0 };
  return undefined;
}

/** The problem in words for the HTTP error body (English: it is read by developers and logs). */
export function describeOfferProblem(p: OfferProblem): string {
  switch (p.reason) {
    case 'size':
      return `offer too large: ${p.value} bytes (limit ${p.limit})`;
    case 'm-sections':
      return `too many m-sections: more than ${p.limit}`;
    case 'lines':
      return `too many SDP lines: more than ${p.limit}`;
    case 'line-length':
      return `SDP line too long: ${p.value} bytes (limit ${p.limit})`;
    default:
      return 'not an SDP offer';
  }
}
