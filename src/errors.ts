/**
 * The error hierarchy every room throws. The HTTP layer maps `status` and `code` to a response in one
 * place (src/http/error-response.ts); the message is written for the person who sent the request.
 */
export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly field: string | null;
  /** When set, the same request may succeed after this many seconds: sent as Retry-After (429, 503). */
  readonly retryAfterSeconds: number | undefined = undefined;

  constructor(message: string, field: string | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.field = field;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly code: string;
  constructor(message: string, field: string | null = null, code = 'invalid_input') {
    super(message, field);
    this.code = code;
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = 'unauthorized';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code: string;
  constructor(message: string, field: string | null = null, code = 'forbidden') {
    super(message, field);
    this.code = code;
  }
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'not_found';
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code: string;
  constructor(message: string, field: string | null = null, code = 'conflict') {
    super(message, field);
    this.code = code;
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'payload_too_large';
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = 'unsupported_media_type';
}

/**
 * The database cannot take the request right now: the disk is full (`storage_full`), or the database is
 * busy, locked, read-only or damaged (`storage_unavailable`). 503 with Retry-After: nothing was written,
 * and the same request may succeed later. Thrown by src/storage/ only; services let it pass.
 */
export class StorageUnavailableError extends AppError {
  readonly status = 503;
  readonly code: 'storage_full' | 'storage_unavailable';
  override readonly retryAfterSeconds: number;
  constructor(code: StorageUnavailableError['code'], message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, null, options);
    this.code = code;
    this.retryAfterSeconds = options?.retryAfterSeconds ?? (code === 'storage_full' ? 60 : 5);
  }
}

/** A rule file, the contact directory or the process sections are wrong: start-up stops. */
export class RuleSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleSetError';
  }
}

/** A configuration variable is wrong: start-up stops with one line naming it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Bot Framework authentication could not load the OpenID metadata or signing keys it checks a token
 * against (the endpoint is down, unreachable or answered nonsense): 503, the token was neither accepted
 * nor refused, and the Bot Connector retries. A token our local screen already rules out never gets here.
 */
export class AuthMetadataUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'auth_metadata_unavailable';
}
