// expectValidReport(json): assert that a string or object is a report matching report.schema.json.
// Use it on every report a test produces (`check --format json`, renderers' inputs, the server's store).
import { expect } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { validateReport } from '../../src/report/validate.js';

export function expectValidReport(json: string | unknown): Report {
  let data: unknown = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (err) {
      expect.fail(`not JSON: ${(err as Error).message}; starts with ${JSON.stringify(json.slice(0, 80))}`);
    }
  }
  const r = validateReport(data);
  if (!r.ok) expect.fail(`report does not match report.schema.json:\n  ${r.errors.join('\n  ')}`);
  return data as Report;
}
