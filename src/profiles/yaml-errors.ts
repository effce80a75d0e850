// Where a YAML mistake starts. The yaml package reports an unclosed quote or bracket where it
// gave up — often the end of the file — but a person looks for the quote or bracket they opened.
// The parser's token stream (CST) still holds that opening token: find it.
import { Parser } from 'yaml';

interface Token {
  type?: string;
  offset?: number;
  source?: string;
  start?: { source?: string };
  end?: Array<{ source?: string }>;
}

/** The first token (depth first, in source order) that satisfies `test`; iterative, so deep input cannot overflow the stack. */
function find(root: unknown, test: (t: Token) => boolean): Token | undefined {
  const stack: unknown[] = [root];
  let visited = 0;
  while (stack.length && visited++ < 200_000) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const t = node as Token;
    if (typeof t.type === 'string' && test(t)) return t;
    const children = Object.values(node).filter((v) => v && typeof v === 'object');
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return undefined;
}

export interface YamlMistake {
  key: 'profile.yaml.unclosedQuote' | 'profile.yaml.unclosedFlow';
  offset: number;
  params: Record<string, string>;
}

/** An unclosed quoted scalar or flow collection, with the offset of its opening character. */
export function unclosedConstruct(text: string): YamlMistake | undefined {
  for (const token of new Parser().parse(text)) {
    const quoted = find(token, (t) => {
      if (t.type !== 'double-quoted-scalar' && t.type !== 'single-quoted-scalar') return false;
      const q = t.type === 'double-quoted-scalar' ? '"' : "'";
      const s = t.source ?? '';
      return s.length < 2 || !s.endsWith(q) || (q === '"' && /(?:^|[^\\])(?:\\\\)*\\"$/.test(s));
    });
    if (quoted?.offset !== undefined) {
      return {
        key: 'profile.yaml.unclosedQuote',
        offset: quoted.offset,
        params: { quote: quoted.type === 'double-quoted-scalar' ? '"' : "'" },
      };
    }
    const flow = find(
      token,
      (t) => t.type === 'flow-collection' && !(t.end ?? []).some((e) => e.source === ']' || e.source === '}'),
    );
    if (flow?.offset !== undefined) {
      const bracket = flow.start?.source ?? '[';
      return {
        key: 'profile.yaml.unclosedFlow',
        offset: flow.offset,
        params: { bracket, closing: bracket === '{' ? '}' : ']' },
      };
    }
  }
  return undefined;
}
