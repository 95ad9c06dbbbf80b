import { AppError } from '../errors.ts';

/**
 * The Direct Line room's errors. They extend the app's AppError, so the HTTP layer maps them to a status
 * and the usual `{ "error": { code, message, field } }` body in one place; the codes are stable, the
 * messages may change (as in Azure's Direct Line).
 */

/**
 * Missing, malformed, forged or expired token: 401. `api_token_*`: starting a conversation on a server
 * with API_TOKEN set, without that token or with a wrong one.
 */
export class DirectLineAuthError extends AppError {
  readonly status = 401;
  readonly code: 'token_missing' | 'token_invalid' | 'token_expired' | 'api_token_missing' | 'api_token_invalid';
  constructor(code: DirectLineAuthError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** A valid token used on a conversation it was not issued for: 403. */
export class ConversationForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'wrong_conversation';
}

/** A call on the bot-facing connector that did not come from our own bot: 403. */
export class ConnectorForbiddenError extends AppError {
  readonly status = 403;
  readonly code = 'connector_forbidden';
}

/** The conversation never existed, expired after inactivity or was evicted: 404 (Web Chat treats it as ended). */
export class ConversationNotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'conversation_not_found';
}

/** The activity exists no more (or never did) in the conversation's queue: 404. */
export class ActivityNotFoundError extends AppError {
  readonly status = 404;
  readonly code = 'activity_not_found';
}

/** One activity is larger than the per-activity limit: 413. */
export class ActivityTooLargeError extends AppError {
  readonly status = 413;
  readonly code = 'activity_too_large';
}

/** The bot did not take the activity (not wired, failed, timed out): 502, as Azure's Direct Line answers. */
export class BotUnavailableError extends AppError {
  readonly status = 502;
  readonly code = 'bot_error';
}

/**
 * One caller (an address) started too many conversations: over its live or per-minute limit. 429 with
 * Retry-After (error-response.ts sends it for every AppError that carries one), so a flood from one address is refused instead of evicting others.
 */
export class TooManyConversationsError extends AppError {
  readonly status = 429;
  readonly code = 'too_many_conversations';
  override readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
