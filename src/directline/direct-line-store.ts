/**
 * What the Direct Line service needs of the place conversations live. Async, so one implementation can
 * keep them in this process (ConversationStore, conversation-store.ts: SQLite mode, one instance) and
 * another in PostgreSQL (PgDirectLineStore, src/storage/postgres/pg-direct-line-store.ts), where every
 * instance behind a load balancer sees the same conversations, queues, watermarks and limits.
 *
 * Both keep the same bounds (see ConversationLimits): conversations in all, activities and bytes per
 * conversation (oldest dropped first, the newest always kept), inactivity, and per-caller limits.
 */

/** An activity as JSON; the store does not interpret it beyond `id`. */
export type ActivityJson = Record<string, unknown>;

export interface ConversationLimits {
  /** Conversations kept at once; starting one more evicts the least recently active. */
  maxConversations: number;
  /** Activities kept per conversation (oldest dropped first). */
  maxActivitiesPerConversation: number;
  /** Serialized bytes kept per conversation (oldest dropped first). */
  maxBytesPerConversation: number;
  /** A conversation with no client or bot call for this long is forgotten. */
  idleTimeoutMs: number;
  /**
   * Live conversations one caller (an IPv4 address, an IPv6 /64) may hold; one more is refused (429),
   * so nobody can push everyone else's conversations out of the store.
   */
  maxConversationsPerCaller: number;
  /** Conversations one caller may start per minute; one more is refused (429). */
  maxStartsPerCallerPerMinute: number;
}

export const defaultConversationLimits: ConversationLimits = {
  maxConversations: 1000,
  maxActivitiesPerConversation: 200,
  maxBytesPerConversation: 256 * 1024,
  idleTimeoutMs: 30 * 60 * 1000,
  maxConversationsPerCaller: 20,
  maxStartsPerCallerPerMinute: 30,
};

/** The window the per-minute start limit counts in. */
export const startWindowMs = 60_000;

/** A conversation as the service sees it: who it belongs to. Its queue stays in the store. */
export interface DirectLineConversation {
  readonly id: string;
  readonly userId: string;
  /** Who started it (see callerKeyOf): the per-caller limits count by this. */
  readonly caller: string;
  /** The web chat user a signed user token bound to it at the start, when there was one (stamped on every activity for the bot). */
  readonly verifiedUser: string | undefined;
}

export interface NewConversation {
  id: string;
  userId: string;
  caller: string;
  verifiedUser?: string | undefined;
}

export interface ActivitySet {
  activities: ActivityJson[];
  watermark: string;
}

/** Builds the activity once the store has chosen its id (`conversationId|0000001`). Must be pure: it may run again. */
export type ActivityBuilder = (id: string) => ActivityJson;

export interface DirectLineConversationStore {
  readonly limits: ConversationLimits;

  /**
   * Starts a conversation for `conversation.caller`, counting the caller's live conversations and its
   * starts in the last minute: TooManyConversationsError (429, Retry-After) over either. When the store
   * is full, the least recently active conversations are evicted (forgotten) to make room; their ids come
   * back, for the log.
   */
  start(conversation: NewConversation): Promise<{ conversation: DirectLineConversation; evicted: string[] }>;

  /** The live conversation, marked active now; undefined when unknown, expired (then forgotten) or revoked. */
  touch(conversationId: string): Promise<DirectLineConversation | undefined>;

  /**
   * Appends an activity under the next sequence number and the id `conversationId|<seq, 7 digits>`, then
   * drops the oldest activities over the bounds. ConversationNotFoundError when the conversation is gone.
   */
  append(conversationId: string, build: ActivityBuilder): Promise<ActivityJson>;

  /**
   * Replaces an activity: the new version keeps its id but moves to the end of the queue with a new
   * sequence number, so clients polling past their watermark see it (Web Chat replaces by id).
   * ActivityNotFoundError when it is not (or no longer) in the queue.
   */
  replace(conversationId: string, activityId: string, build: ActivityBuilder): Promise<ActivityJson>;

  /** Takes an activity out of the queue; ActivityNotFoundError when it is not there. */
  remove(conversationId: string, activityId: string): Promise<void>;

  /** Whether the activity is still in the conversation's queue. */
  has(conversationId: string, activityId: string): Promise<boolean>;

  /**
   * Activities after the watermark (all that are kept when it is 0) and the watermark to poll with next.
   * ConversationNotFoundError when the conversation is gone.
   */
  after(conversationId: string, watermark: number): Promise<ActivitySet>;

  /** Forgets every expired conversation; returns how many this call forgot. */
  expire(): Promise<number>;

  /**
   * Ends a conversation before it expires: it is forgotten at once, so its Direct Line tokens are refused
   * (404) by every instance from now on. False when it was already gone.
   */
  revoke(conversationId: string): Promise<boolean>;

  /** How many conversations are kept (expired ones not yet swept included). */
  count(): Promise<number>;

  /**
   * Who hears of every conversation the store lets go (expired, evicted, revoked, or cleared at a stop),
   * once. In a shared store, the instance that let it go hears it. Replaces the listener set before.
   */
  onForget(listener: (conversation: DirectLineConversation) => void): void;

  /**
   * This instance stops. The in-memory store forgets every conversation (none can continue after a
   * restart); a shared store keeps them for the other instances and only stops using its connections.
   */
  close(): Promise<void>;
}

/** Whole seconds, at least 1: what Retry-After says. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The id of the activity with sequence number `seq`: `conversationId|0000001`, as Azure's Direct Line shapes them. */
export function activityIdFor(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}
