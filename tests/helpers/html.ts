// Walk an HTML document parsed by parse5 (the WHATWG parsing algorithm browsers use).
import { parse } from 'parse5';

export interface El {
  nodeName: string;
  tagName?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: El[];
  value?: string;
  content?: El;
}

export const parseHtml = (html: string): El => parse(html) as unknown as El;

export function* walk(n: El): Generator<El> {
  yield n;
  for (const c of n.childNodes ?? []) yield* walk(c);
  if (n.content) yield* walk(n.content);
}

export const elements = (root: El, tag?: string): El[] =>
  [...walk(root)].filter((n) => n.tagName && (!tag || n.tagName === tag));
export const attr = (n: El, name: string): string | undefined => n.attrs?.find((a) => a.name === name)?.value;
export const textOf = (n: El): string =>
  [...walk(n)]
    .filter((x) => x.nodeName === '#text')
    .map((x) => x.value)
    .join('');
export const byClass = (root: El, cls: string): El[] =>
  elements(root).filter((n) => (attr(n, 'class') ?? '').split(/\s+/).includes(cls));
