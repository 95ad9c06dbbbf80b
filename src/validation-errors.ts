import type { z } from 'zod';
import { ValidationError } from './errors.ts';

/**
 * zod failures turned into the app's ValidationError, for every room that validates input (HTTP routes,
 * services, the CLI). It lives below the HTTP layer so services never import from src/http/.
 */

/** The first zod issue as a ValidationError naming the field by its path ("pickup.by", "vin"). */
export function validationErrorFrom(error: z.ZodError, input?: unknown, prefix = ''): ValidationError {
  const issue = error.issues[0];
  const field = [prefix, ...(issue?.path ?? []).map(String)].filter((part) => part !== '').join('.') || null;
  if (!issue) return new ValidationError('The request is not valid.', field);
  if (issue.code !== 'unrecognized_keys' && issue.path.length > 0 && valueAt(input, issue.path) === undefined && input !== undefined) {
    return new ValidationError(`${field ?? 'value'} is required.`, field, 'missing_field');
  }
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const unknownField = [field, key].filter(Boolean).join('.');
    return new ValidationError(`${unknownField} is not a field this request accepts.`, unknownField, 'unknown_field');
  }
  // A custom check may name its own error code (safeText: `invalid_characters`).
  const customCode = issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : undefined;
  return new ValidationError(field ? `${field}: ${issue.message}` : issue.message, field, customCode);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
