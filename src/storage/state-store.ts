/**
 * A store of JSON documents with eTags: optimistic concurrency for state that several turns may
 * write (conversation and user state of the bot). The bot adapts this to botbuilder's Storage
 * interface in bots/; services depend on this interface, never on SQLite.
 */
export interface StoredDocument {
  value: unknown;
  eTag: string;
  /** The document as stored: the JSON text `value` was parsed from (what DocumentWrite.json wrote). */
  json?: string;
}

export interface DocumentWrite {
  key: string;
  value: unknown;
  /** `value` as JSON, when the caller already wrote it out (JSON.stringify(value)); the store writes it as is. */
  json?: string | undefined;
  /**
   * The version this write is based on: the eTag read earlier (the stored one must still be it), or
   * `null` for a document that did not exist when read (it must still not exist: insert only). Either
   * way a mismatch fails the whole write with a ConflictError. '*' or absent: last write wins (for
   * operators and tests, never for a bot turn).
   */
  eTag?: string | null | undefined;
}

/**
 * An activity the bot has answered, with the replies it produced: recorded in the same transaction as
 * the turn's state, so a redelivery of the activity (the client's retry after a crash or a lost reply)
 * is answered with the same replies and changes nothing.
 */
export interface ProcessedActivity {
  /** `channelId/conversationId`: activity ids are only unique within a conversation. */
  conversationKey: string;
  activityId: string;
  /** A hash of what the activity said: the same id with other content is a new activity, not a redelivery. */
  fingerprint: string;
  /** The reply activities the turn sent, as JSON. */
  replies: unknown;
}

export interface StateStore {
  read(keys: readonly string[]): Promise<Record<string, StoredDocument>>;
  /**
   * All writes or none, together with `processed` when given; a ConflictError (code `etag_mismatch`)
   * names the key whose version did not match.
   */
  write(writes: readonly DocumentWrite[], processed?: ProcessedActivity): Promise<Record<string, string>>;
  delete(keys: readonly string[]): Promise<void>;
  /** Deletes the document only if it is still at `eTag` (a failed turn must not delete what a newer turn saved). */
  deleteIfUnchanged(key: string, eTag: string): Promise<boolean>;
  /** The recorded answer to an activity, if it was processed recently (records are pruned after a while). */
  findProcessed(conversationKey: string, activityId: string): Promise<ProcessedActivity | undefined>;
}

/** How long each store keeps processed-activity records, and the clock it writes with (both engines alike). */
export interface StateStoreOptions {
  /** Processed-activity records kept per conversation: a redelivery comes right after the turn, if at all. */
  processedPerConversation?: number;
  /** ...and none older than this. */
  processedForMs?: number;
  /** The wall clock for `updated_at` and pruning (tests move it). */
  now?: () => Date;
}

export interface ProcessedRetention {
  keepPerConversation: number;
  keepForMs: number;
  now: () => Date;
  /** At most this many expired records go per write, so the first turn after a quiet day stays fast. */
  expiredPerWrite: number;
}

export function processedRetention(options: StateStoreOptions = {}): ProcessedRetention {
  return {
    keepPerConversation: options.processedPerConversation ?? 20,
    keepForMs: options.processedForMs ?? 24 * 60 * 60 * 1000,
    now: options.now ?? (() => new Date()),
    expiredPerWrite: 100,
  };
}
