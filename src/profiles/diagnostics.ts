import type { Params } from '../i18n/format.js';

/** One problem in a profile file, positioned in the source text (1-based line and column). */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  /** Message-catalog key and parameters. */
  key: string;
  params: Params;
  /** JSON-pointer-like path of the offending value, when known. */
  path?: string;
}

export class ProfileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.key}`).join('\n'));
    this.name = 'ProfileError';
  }
}
