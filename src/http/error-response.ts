import { AppError } from '../errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Unexpected errors are logged with their stack; expected ones are not. */
  unexpected: boolean;
  /** Extra response headers (Retry-After on a 503). */
  headers?: Record<string, string>;
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
    const body = { error: { code: error.code, message: error.message, field: error.field } };
    if (error.retryAfterSeconds === undefined) return { status: error.status, body, unexpected: false };
    return { status: error.status, body, unexpected: false, headers: { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) } };
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
