#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs in turn and prints its tables.
// A bench file exports `default async function () → Array<{ title, columns, rows }>`.
// The run has a temporary directory of its own (TMPDIR for the benches and the processes they
// start), removed at the end with whatever a bench or a killed process left in it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();

function table({ title, columns, rows }) {
  const cells = [columns, ...rows.map((r) => columns.map((c, i) => String(Array.isArray(r) ? r[i] : (r[c] ?? ''))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  const line = (r) => '| ' + r.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  return [
    `\n### ${title}`,
    line(cells[0]),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...cells.slice(1).map(line),
  ].join('\n');
}

const runTmp = mkdtempSync(join(tmpdir(), 'wardkit-bench-run-'));
process.env.TMPDIR = runTmp;
let failed = 0;
for (const f of files) {
  try {
    const mod = await import(pathToFileURL(join(here, f)).href);
    const tables = await mod.default();
    for (const t of tables) console.log(table(t));
  } catch (err) {
    failed++;
    console.error(`\n${f} failed: ${err?.stack ?? err}`);
  }
}
rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });
process.exitCode = failed ? 1 : 0;
