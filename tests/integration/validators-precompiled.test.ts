// The build ships the profile and report validators as standalone code (scripts/build-validators.mjs,
// loaded by src/schema-validator.ts) so a start does not compile the schemas. Truth: the precompiled
// validators give exactly the errors of validators compiled now from the same schemas, on valid and
// broken profiles and reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROFILE_AJV_EXTRA } from '../../src/profiles/validate-schema.js';
import { profileSchema } from '../../src/profiles/schema/index.js';
import { reportSchema } from '../../src/report/report.schema.js';
import { newAjv } from '../../src/schema-validator.js';
import { realReport } from '../helpers/reports.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist');

type Validate = ((d: unknown) => boolean) & { errors?: unknown[] | null };

async function built(): Promise<{ profile: Validate; report: Validate; origin: Record<string, string> }> {
  const sv = (await import(join(DIST, 'schema-validator.js'))) as {
    validatorOrigin: Record<string, string>;
  };
  const p = (await import(join(DIST, 'profiles', 'validate-schema.js'))) as { profileValidator: () => Validate };
  const r = (await import(join(DIST, 'report', 'validate.js'))) as { reportValidator: () => Validate };
  return { profile: p.profileValidator(), report: r.reportValidator(), origin: sv.validatorOrigin };
}

const errorsOf = (v: Validate, d: unknown) => (v(d) ? [] : JSON.parse(JSON.stringify(v.errors)));

describe('precompiled schema validators (dist/validators)', () => {
  it('are what the built CLI loads', async () => {
    const b = await built();
    expect(b.origin).toEqual({ profile: 'precompiled', report: 'precompiled' });
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
