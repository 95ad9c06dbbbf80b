import type { z } from 'zod';
import { AppError, ValidationError } from '../errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Unexpected errors are logged with their stack; expected ones are not. */
  unexpected: boolean;
}

/** restify's own errors (body too large, route not found, ...) carry a statusCode and a restCode. */
interface HttpLikeError {
  statusCode: number;
  restCode?: string;
  message: string;
}

const restifyCodes: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** The one place where an error becomes a status code and a body. Never exposes a stack trace. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, field: error.field } }, unexpected: false };
  }
  if (isHttpLikeError(error) && error.statusCode >= 400 && error.statusCode < 500) {
    const code = restifyCodes[error.statusCode] ?? 'bad_request';
    const message = error.statusCode === 413 ? 'The request body is larger than the 1 MB limit.' : error.message;
    return { status: error.statusCode, body: { error: { code, message, field: null } }, unexpected: false };
  }
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Something went wrong on our side; the request was not completed. Please try again.', field: null } },
    unexpected: true,
  };
}

function isHttpLikeError(error: unknown): error is HttpLikeError {
  return typeof error === 'object' && error !== null && typeof (error as { statusCode?: unknown }).statusCode === 'number';
}

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
  return new ValidationError(field ? `${field}: ${issue.message}` : issue.message, field);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
