import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { schemaValidator } from '../schema-validator.js';
import type { Report } from './model.js';
import { reportSchema } from './report.schema.js';

let compiled: ValidateFunction | undefined;

/** The report schema, compiled once per process. */
export function reportValidator(): ValidateFunction {
  compiled ??= schemaValidator('report', reportSchema);
  return compiled;
}

export type ReportCheck = { ok: true; report: Report } | { ok: false; errors: string[] };

/** Validate a parsed report; errors are short `path: message` strings (at most 20). */
export function validateReport(data: unknown): ReportCheck {
  const v = reportValidator();
  if (v(data)) return { ok: true, report: data as Report };
  return { ok: false, errors: formatErrors(v.errors ?? []) };
}

/**
 * JSON text → a validated report: the one reading of a report that arrives as text (`report
 * submit FILE`, the server's intake). "not JSON" is reported as such, not as a schema error.
 */
export function parseReportJson(text: string): ReportCheck & { notJson?: boolean } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, notJson: true, errors: ['not JSON'] };
  }
  return validateReport(data);
}

export function formatErrors(errors: ErrorObject[]): string[] {
  return errors
    .slice(0, 20)
    .map(
      (e) =>
        `${e.instancePath || '/'}: ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : ''}`,
    );
}
