#!/usr/bin/env node
// Writes docs/report.schema.json from src/report/report.schema.ts (via dist/). Run after a build:
//   npx tsc -p tsconfig.json && node scripts/write-report-schema.mjs
// tests/unit/report-schema.test.ts fails when the copy is out of date.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportSchema } from '../dist/report/report.schema.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'report.schema.json');
writeFileSync(out, JSON.stringify(reportSchema, null, 2) + '\n');
console.log(`wrote ${out}`);
