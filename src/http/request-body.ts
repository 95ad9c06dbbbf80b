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

/**
 * The deepest nesting of arrays and objects a JSON body may have. Our deepest legitimate bodies (an
 * Adaptive Card from the bot, Action.Submit data) stay around 10 levels.
 */
export const maxJsonDepth = 64;

/**
 * The body as JSON, for routes that only speak JSON: wrong content type → 415, broken JSON → 400,
 * nested deeper than maxJsonDepth → 400 `too_deep`.
 */
export function readJson(request: Request): unknown {
  const type = mediaType(request);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new UnsupportedMediaTypeError(`Send the body as JSON with Content-Type: application/json (got "${type || 'none'}").`);
  }
  const text = rawBody(request);
  if (text.trim() === '') throw new ValidationError('The request body is empty; send a JSON object.', null, 'malformed_json');
  assertShallowJson(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError(`The request body is not valid JSON: ${(error as Error).message}.`, null, 'malformed_json');
  }
}

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

/**
 * Refuses JSON text nested deeper than `limit`, before it is parsed. V8's JSON.parse takes any depth,
 * but what runs on the parsed value recurses (JSON.stringify, zod, structuredClone): an activity whose
 * `value` nested 20,000 arrays overflowed the stack in JSON.stringify, a 500. So this is one loop over
 * the text, never recursion: it counts `[` and `{` outside strings. The error names the top-level field
 * (or array index) that holds the deep part; a body that is not JSON at all is left to JSON.parse.
 */
export function assertShallowJson(text: string, limit = maxJsonDepth): void {
  let depth = 0;
  let rootIsObject = false;
  let expectingKey = false;
  let topField: string | null = null;
  let topIndex = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (char === quote) {
      const end = closingQuote(text, index);
      if (depth === 1 && expectingKey) {
        topField = stringValue(text.slice(index, end + 1));
        expectingKey = false;
      }
      index = end;
    } else if (char === openBrace || char === openBracket) {
      depth += 1;
      if (depth === 1) {
        rootIsObject = char === openBrace;
        expectingKey = rootIsObject;
      } else if (depth > limit) {
        const field = rootIsObject ? topField : String(topIndex);
        throw new ValidationError(
          `The request body nests arrays and objects deeper than ${limit} levels${field === null ? '' : ` (in ${field})`}; send a flatter document.`,
          field,
          'too_deep',
        );
      }
    } else if (char === closeBrace || char === closeBracket) {
      depth -= 1;
    } else if (char === comma && depth === 1) {
      if (rootIsObject) expectingKey = true;
      else topIndex += 1;
    }
  }
}

/** The index of the quote that ends the string opened at `open` (one not escaped by a backslash), or the end of the text. */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === backslash) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}

/** A JSON string literal's value (a key), or null when it is not a valid literal. */
function stringValue(literal: string): string | null {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
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
