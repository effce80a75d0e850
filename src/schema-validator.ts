// JSON Schema validators (ajv) for the profile and the report. Compiling the profile schema costs
// 0.5 s of CPU at an idle start (2 s on a busy PC) — before any check can run — so `npm run build`
// writes each validator as standalone code next to this module (scripts/build-validators.mjs) and
// it is loaded from there; tests that run from src/ compile it here with the same options.
import { createRequire } from 'node:module';
import type { Ajv2020, Options, ValidateFunction } from 'ajv/dist/2020.js';

const require = createRequire(import.meta.url);

/** The one set of ajv options (the build script compiles with these too). */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const satisfies Options;

export type ValidatorName = 'profile' | 'report';

/**
 * A new ajv instance with the formats (date-time, uri…) the schemas use. Loaded on demand: the
 * compiler is ~180 ms of start-up that a run with the precompiled validators does not need.
 */
export function newAjv(extra: Options = {}): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const formats = require('ajv-formats') as { default: (a: Ajv2020) => void };
  const ajv = new Ajv({ ...AJV_OPTIONS, ...extra });
  formats.default(ajv);
  return ajv;
}

/** The validator `name`: the precompiled one when the build wrote it, else compiled from `schema`. */
export function schemaValidator(name: ValidatorName, schema: object, extra: Options = {}): ValidateFunction {
  try {
    const mod = require(`./validators/${name}.cjs`) as ValidateFunction & { default?: ValidateFunction };
    return mod.default ?? mod;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
  }
  return newAjv(extra).compile(schema);
}
