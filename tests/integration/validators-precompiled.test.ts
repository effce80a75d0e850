// The build ships the profile and report validators as standalone code (scripts/build-validators.mjs,
// loaded by src/schema-validator.ts) so a start does not compile the schemas. Truth: what the built
// modules hand out is the very function exported by dist/validators/*.cjs (same object through Node's
// one require cache), a fresh process that validates does not load ajv's compiler at all, and the
// precompiled validators give exactly the errors of validators compiled now from the same schemas,
// on valid and broken profiles and reports.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROFILE_AJV_EXTRA } from '../../src/profiles/validate-schema.js';
import { profileSchema } from '../../src/profiles/schema/index.js';
import { reportSchema } from '../../src/report/report.schema.js';
import { newAjv } from '../../src/schema-validator.js';
import { realReport } from '../helpers/reports.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist');

type Validate = ((d: unknown) => boolean) & { errors?: unknown[] | null };

async function built(): Promise<{ profile: Validate; report: Validate }> {
  const p = (await import(join(DIST, 'profiles', 'validate-schema.js'))) as { profileValidator: () => Validate };
  const r = (await import(join(DIST, 'report', 'validate.js'))) as { reportValidator: () => Validate };
  return { profile: p.profileValidator(), report: r.reportValidator() };
}

/** The function a precompiled module exports, as dist/schema-validator.js would require it. */
function shipped(name: 'profile' | 'report'): Validate {
  const mod = createRequire(join(DIST, 'schema-validator.js'))(`./validators/${name}.cjs`) as Validate & {
    default?: Validate;
  };
  return mod.default ?? mod;
}

// A fresh node process (no test runner, nothing compiled before): validate a profile and a report
// with the built modules, then list which ajv files Node loaded.
const PROBE = `
import { createRequire } from 'node:module';
const dist = process.argv[1];
const p = await import(new URL('profiles/validate-schema.js', dist));
const r = await import(new URL('report/validate.js', dist));
p.profileValidator()({});
r.reportValidator()({});
const cache = createRequire(new URL('schema-validator.js', dist)).cache;
process.stdout.write(JSON.stringify(Object.keys(cache).filter((k) => /[\\/]ajv[\\/]/.test(k))));
`;

const errorsOf = (v: Validate, d: unknown) => (v(d) ? [] : JSON.parse(JSON.stringify(v.errors)));

describe('precompiled schema validators (dist/validators)', () => {
  it('are what the built CLI loads', async () => {
    const b = await built();
    expect(b.profile).toBe(shipped('profile'));
    expect(b.report).toBe(shipped('report'));
  });

  it('spare a start the ajv compiler', () => {
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', PROBE, pathToFileURL(`${DIST}/`).href], {
        encoding: 'utf8',
        timeout: 20_000,
      }),
    ) as string[];
    const rel = loaded.map((f) => f.replace(/^.*[\\/]node_modules[\\/]/, '').replaceAll('\\', '/'));
    // The standalone code needs a runtime helper or two (ucs2length…), never the compiler.
    expect(
      rel.some((f) => f.startsWith('ajv/dist/runtime/')),
      JSON.stringify(rel),
    ).toBe(true);
    expect(
      rel.filter((f) => /^ajv\/dist\/(core|ajv|2020|compile\/)/.test(f)),
      JSON.stringify(rel),
    ).toEqual([]);
  });

  it('give the same errors as a fresh compile on valid and broken profiles', async () => {
    const fresh = newAjv(PROFILE_AJV_EXTRA).compile(profileSchema) as Validate;
    const { profile } = await built();
    const good = parse(readFileSync(join(import.meta.dirname, '..', '..', 'profiles', 'ward-standard.yaml'), 'utf8'));
    const cases: unknown[] = [
      good,
      { ...good, apiVersion: 'wardkit/v0' },
      { ...good, roles: [{ id: 'Bad Id', kind: 'toaster' }] },
      { ...good, network: { ...good.network, uploadMbps: { min: 'fast' } } },
      { kind: 'EquipmentProfile' },
      42,
    ];
    let broken = 0;
    for (const c of cases) {
      const want = errorsOf(fresh, c);
      expect(errorsOf(profile, c)).toEqual(want);
      if (want.length) broken++;
    }
    expect(broken).toBe(cases.length - 1);
  });

  it('give the same errors as a fresh compile on valid and broken reports', async () => {
    const fresh = newAjv().compile(reportSchema) as Validate;
    const { report } = await built();
    const good = JSON.parse(JSON.stringify(await realReport()));
    const cases: unknown[] = [
      good,
      {},
      { ...good, readiness: 'MAYBE' },
      { ...good, ward: '' },
      { ...good, results: [{ ...good.results[0], status: 'great', metrics: 'none' }] },
    ];
    expect(errorsOf(fresh, good)).toEqual([]);
    for (const c of cases) expect(errorsOf(report, c)).toEqual(errorsOf(fresh, c));
    expect(cases.filter((c) => errorsOf(fresh, c).length).length).toBe(cases.length - 1);
  });
});
