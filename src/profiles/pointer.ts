import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** JSON Pointer (RFC 6901) → path segments: unescape `~1` to `/` and then `~0` to `~`. */
export function pointerToSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function toKey(node: unknown, seg: string): string | number {
  return isSeq(node) && /^\d+$/.test(seg) ? Number(seg) : seg;
}

/**
 * Source offset of the value at `segments`; `pointAtKey` gives the key's offset instead (for an
 * unknown key). Walks up to the nearest existing parent when the path does not exist.
 */
export function offsetOf(doc: Document, segments: string[], pointAtKey = false): number {
  let node: unknown = doc.contents;
  let best = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) return best;
      if (last && pointAtKey && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
      const value = pair.value as Node | null;
      if (value?.range) best = value.range[0];
      else if (isScalar(pair.key) && pair.key.range) best = pair.key.range[0];
      node = value;
    } else if (isSeq(node)) {
      const item = node.items[toKey(node, seg) as number] as Node | undefined;
      if (!item) return best;
      if (item.range) best = item.range[0];
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

export function position(lc: LineCounter, offset: number): { line: number; col: number } {
  const { line, col } = lc.linePos(offset);
  return { line, col };
}
