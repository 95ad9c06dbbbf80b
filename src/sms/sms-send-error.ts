/**
 * Why an outbound text did not go out, in the terms a retrying caller needs:
 * - `rejected`: the provider refused it for good (bad number, unsubscribed phone, bad credentials); retrying
 *   sends nothing more.
 * - `retryLater`: the provider said it did not take the message (429, a connection refused): safe to retry.
 * - `unknown`: the request may have reached the provider and been accepted (a 5xx, a timeout, a dropped
 *   connection). Before retrying, look for the message at the provider (see SentSmsFinder) or accept the
 *   risk of a second copy.
 */
export type SmsSendFailure = 'rejected' | 'retryLater' | 'unknown';

export class SmsSendError extends Error {
  readonly failure: SmsSendFailure;
  /** The provider's HTTP status, when it answered. */
  readonly status: number | undefined;
  /** The provider's own error code (Twilio's 21211, 21610, ...), when it gave one. */
  readonly providerCode: number | undefined;

  constructor(message: string, failure: SmsSendFailure, details: { status?: number; providerCode?: number; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SmsSendError';
    this.failure = failure;
    this.status = details.status;
    this.providerCode = details.providerCode;
  }
}

/** A message already at the provider, found again after an attempt whose outcome was not known. */
export interface FoundSms {
  sid: string;
  status: string;
}

/**
 * Looks at the provider for a message sent to `to` with exactly `body`, created at or after `since` (UTC
 * ISO): how a sender without idempotency keys (Twilio's Messages API has none) avoids a second copy after
 * an attempt that may or may not have gone out.
 */
export interface SentSmsFinder {
  findSent(query: { to: string; body: string; since: string; excludeSids?: readonly string[] }): Promise<FoundSms | undefined>;
}
