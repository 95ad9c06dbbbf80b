import type { Request } from 'restify';
import type { z } from 'zod';
import { UnsupportedMediaTypeError, ValidationError } from '../errors.ts';
import { validationErrorFrom } from '../validation-errors.ts';

export const maxBodyBytes = 1024 * 1024;

function rawBody(request: Request): string {
  const body: unknown = request.body;
  if (body === undefined || body === null) return '';
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return typeof body === 'string' ? body : '';
}

function mediaType(request: Request): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The body as JSON, for routes that only speak JSON: wrong content type → 415, broken JSON → 400. */
export function readJson(request: Request): unknown {
  const type = mediaType(request);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new UnsupportedMediaTypeError(`Send the body as JSON with Content-Type: application/json (got "${type || 'none'}").`);
  }
  const text = rawBody(request);
  if (text.trim() === '') throw new ValidationError('The request body is empty; send a JSON object.', null, 'malformed_json');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError(`The request body is not valid JSON: ${(error as Error).message}.`, null, 'malformed_json');
  }
}

/** The body as JSON, validated with a zod schema; the error names the first field that is wrong. */
export function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const json = readJson(request);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ValidationError('The request body must be a JSON object.', null, 'malformed_json');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw validationErrorFrom(result.error, json);
  return result.data;
}

/** The body of an application/x-www-form-urlencoded request (webhooks), as its ordered pairs. */
export function readForm(request: Request): URLSearchParams {
  const type = mediaType(request);
  if (type !== 'application/x-www-form-urlencoded') {
    throw new UnsupportedMediaTypeError(`Send the body form-encoded (application/x-www-form-urlencoded), got "${type || 'none'}".`);
  }
  return new URLSearchParams(rawBody(request));
}
