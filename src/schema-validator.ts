// JSON Schema validators (ajv) for the profile and the report. Compiling the profile schema costs
// 0.5 s of CPU at an idle start (2 s on a busy PC) — before any check can run — so `npm run build`
// writes each validator as standalone code next to this module (scripts/build-validators.mjs) and
// it is loaded from there; tests that run from src/ compile it here with the same options.
import { createRequire } from 'node:module';
import { Ajv2020, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

/** The one set of ajv options (the build script compiles with these too). */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true } as const satisfies Options;

export type ValidatorName = 'profile' | 'report';

/** A new ajv instance with the formats (date-time, uri…) the schemas use. */
export function newAjv(extra: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...extra });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv;
}

const require = createRequire(import.meta.url);

/** How the last validator was obtained (a test proves the build ships the precompiled ones). */
export const validatorOrigin: Partial<Record<ValidatorName, 'precompiled' | 'compiled'>> = {};

/** The validator `name`: the precompiled one when the build wrote it, else compiled from `schema`. */
export function schemaValidator(name: ValidatorName, schema: object, extra: Options = {}): ValidateFunction {
  try {
    const mod = require(`./validators/${name}.cjs`) as ValidateFunction & { default?: ValidateFunction };
    validatorOrigin[name] = 'precompiled';
    return mod.default ?? mod;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
  }
  validatorOrigin[name] = 'compiled';
  return newAjv(extra).compile(schema);
}
