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
  /**
   * Absent or `error`: the profile cannot be used. `warning`: a contradiction that makes a check
   * unable to pass (e.g. a camera set below the required frame rate) — reported by `profiles
   * validate`, but the profile still loads.
   */
  severity?: 'error' | 'warning';
}

export const isError = (d: Diagnostic) => d.severity !== 'warning';

export class ProfileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.key}`).join('\n'));
    this.name = 'ProfileError';
  }
}
