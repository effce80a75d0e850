#!/usr/bin/env node
// Part of `npm run build` (after tsc): writes the profile and report validators as standalone ajv
// code into dist/validators/, which src/schema-validator.ts loads instead of compiling the schemas
// at every start (0.5 s of CPU idle, 2 s on a busy PC). Same schemas, same options.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { profileSchema } from '../dist/profiles/schema/index.js';
import { PROFILE_AJV_EXTRA } from '../dist/profiles/validate-schema.js';
import { reportSchema } from '../dist/report/report.schema.js';
import { newAjv } from '../dist/schema-validator.js';

const toCode = standaloneCode.default ?? standaloneCode;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'validators');
mkdirSync(out, { recursive: true });
for (const [name, schema, extra] of [
  ['profile', profileSchema, PROFILE_AJV_EXTRA],
  ['report', reportSchema, {}],
]) {
  const ajv = newAjv({ ...extra, code: { source: true } });
  const validate = ajv.compile(schema);
  writeFileSync(join(out, `${name}.cjs`), toCode(ajv, validate));
}
