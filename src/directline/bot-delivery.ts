import { BotUnavailableError } from './direct-line-errors.ts';
import type { ActivityJson } from './conversation-store.ts';

/**
 * How an activity from Web Chat reaches the bot. The bot answers through the connector calls it makes
 * to the activity's `serviceUrl` (ours), not through this function's result.
 */
export type BotDelivery = (activity: ActivityJson) => Promise<void>;

export interface LoopbackDeliveryOptions {
  /** Our own base URL as seen from this machine, e.g. http://127.0.0.1:3978 (known once listening). */
  baseUrl: () => string;
  path?: string;
  /** Azure's Direct Line gives a bot 15 s before it answers the client with 502. */
  timeoutMs?: number;
}

/**
 * Delivers by POSTing to our own `/api/messages` over loopback: the very path Teams and the Emulator
 * use (validation, CloudAdapter, turn serialization, state), with nothing duplicated. Works while the
 * bot runs without Bot Framework auth; with MicrosoftAppId set the endpoint rightly refuses an
 * unsigned request and this delivery fails with 502 (see README).
 */
export function loopbackBotDelivery(options: LoopbackDeliveryOptions): BotDelivery {
  const path = options.path ?? '/api/messages';
  const timeoutMs = options.timeoutMs ?? 15_000;
  return async (activity) => {
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new BotUnavailableError(`The bot could not be reached (${(error as Error).name}).`, null, { cause: error });
    }
    // Drain the body so the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new BotUnavailableError(`The bot answered HTTP ${response.status}.`);
  };
}

/** A turn run in this process, answering with the HTTP status /api/messages would have answered. */
export type InProcessTurn = (activity: ActivityJson) => Promise<{ status: number }>;

/**
 * Delivers through the bot's own entry point in this process (the function behind /api/messages:
 * validation, CloudAdapter, turn queue, state), without an HTTP hop. Preferred over loopback when the
 * composition root has the bot at hand.
 */
export function inProcessBotDelivery(turn: InProcessTurn): BotDelivery {
  return async (activity) => {
    let result: { status: number };
    try {
      result = await turn(activity);
    } catch (error) {
      throw new BotUnavailableError('The bot failed on the activity.', null, { cause: error });
    }
    if (result.status >= 400) throw new BotUnavailableError(`The bot answered HTTP ${result.status}.`);
  };
}
