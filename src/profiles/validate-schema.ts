import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { schemaValidator } from '../schema-validator.js';
import { profileSchema } from './schema/index.js';

/** Options beyond the shared ones: errors carry the data and parent schema. */
export const PROFILE_AJV_EXTRA = { verbose: true } as const;

let compiled: ValidateFunction | undefined;

/** The profile schema, compiled once per process (verbose: errors carry the data and parent schema). */
export function profileValidator(): ValidateFunction {
  compiled ??= schemaValidator('profile', profileSchema, PROFILE_AJV_EXTRA);
  return compiled;
}

export type SchemaError = ErrorObject;
