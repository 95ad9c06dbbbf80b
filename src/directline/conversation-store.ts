import type { Clock } from '../clock.ts';
import { ActivityNotFoundError, TooManyConversationsError } from './direct-line-errors.ts';

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

const startWindowMs = 60_000;

interface StoredActivity {
  seq: number;
  id: string;
  bytes: number;
  activity: ActivityJson;
}

export interface Conversation {
  readonly id: string;
  readonly userId: string;
  /** Who started it (see callerKeyOf): the per-caller limits count by this. */
  readonly caller: string;
  lastActiveMs: number;
  /** The sequence number of the last activity appended; the watermark clients poll with. */
  lastSeq: number;
  bytes: number;
  activities: StoredActivity[];
  /** Deliveries to the bot run one after another per conversation, in the order they were accepted. */
  deliveries: Promise<void>;
}

export interface ActivitySet {
  activities: ActivityJson[];
  watermark: string;
}

/** What the store keeps per caller: live conversations, and the times of its recent starts. */
interface CallerRecord {
  live: number;
  startsMs: number[];
}

/**
 * The in-memory queues Web Chat polls. Bounded three ways (conversations, activities and bytes per
 * conversation) and forgotten after inactivity, so a flood of abandoned conversations is capped and
 * an abandoned one costs nothing once it has expired. Map order is recency order: a touch re-inserts.
 *
 * Starts are bounded per caller too (live conversations, starts per minute): a caller that starts too
 * many is refused, and the least recently active conversation is evicted only when the whole store is
 * full, which one caller alone cannot make it.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly callers = new Map<string, CallerRecord>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    readonly limits: ConversationLimits = defaultConversationLimits,
    /** Called for every conversation the store lets go (expired, evicted, cleared), once. */
    private readonly onForget: (conversation: Conversation) => void = () => undefined,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  /**
   * A new conversation for `caller`; returns the ids of conversations evicted to make room (for the
   * log). Throws TooManyConversationsError (429) when the caller is over one of its limits.
   */
  create(id: string, userId: string, caller: string): { conversation: Conversation; evicted: string[] } {
    this.sweep();
    const now = this.nowMs();
    const record = this.callers.get(caller) ?? { live: 0, startsMs: [] };
    record.startsMs = record.startsMs.filter((startMs) => now - startMs < startWindowMs);
    if (record.startsMs.length >= this.limits.maxStartsPerCallerPerMinute) {
      const oldestStart = record.startsMs[0] ?? now;
      throw new TooManyConversationsError(
        `This address started ${record.startsMs.length} conversations in the last minute; wait before starting another.`,
        retryAfterSeconds(oldestStart + startWindowMs - now),
      );
    }
    if (record.live >= this.limits.maxConversationsPerCaller) {
      throw new TooManyConversationsError(
        `This address already has ${record.live} open conversations; continue one of them, or wait until one ends.`,
        retryAfterSeconds(this.leastRecentlyActiveOf(caller) + this.limits.idleTimeoutMs - now),
      );
    }
    const evicted: string[] = [];
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.values().next();
      if (oldest.done) break;
      this.forget(oldest.value);
      evicted.push(oldest.value.id);
    }
    const conversation: Conversation = { id, userId, caller, lastActiveMs: now, lastSeq: 0, bytes: 0, activities: [], deliveries: Promise.resolve() };
    this.conversations.set(id, conversation);
    record.live += 1;
    record.startsMs.push(now);
    this.callers.set(caller, record);
    return { conversation, evicted };
  }

  /** The live conversation (touched), or undefined when unknown or expired. */
  get(id: string): Conversation | undefined {
    this.sweepOccasionally();
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    if (this.isExpired(conversation)) {
      this.forget(conversation);
      return undefined;
    }
    conversation.lastActiveMs = this.nowMs();
    this.conversations.delete(id);
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Appends an activity under a fresh id (`conversationId|0000001`, as Azure's Direct Line shapes them). */
  append(conversation: Conversation, build: (id: string) => ActivityJson): ActivityJson {
    const seq = conversation.lastSeq + 1;
    return this.put(conversation, seq, `${conversation.id}|${String(seq).padStart(7, '0')}`, build);
  }

  /**
   * Replaces an activity: the new version keeps its id but moves to the end of the queue with a new
   * sequence number, so clients polling past their watermark see it (Web Chat replaces by id).
   */
  replace(conversation: Conversation, id: string, build: (id: string) => ActivityJson): ActivityJson {
    const index = conversation.activities.findIndex((stored) => stored.id === id);
    if (index < 0) throw new ActivityNotFoundError(`Activity "${id}" is not in this conversation.`);
    this.removeAt(conversation, index);
    return this.put(conversation, conversation.lastSeq + 1, id, build);
  }

  remove(conversation: Conversation, id: string): void {
    const index = conversation.activities.findIndex((stored) => stored.id === id);
    if (index < 0) throw new ActivityNotFoundError(`Activity "${id}" is not in this conversation.`);
    this.removeAt(conversation, index);
  }

  has(conversation: Conversation, id: string): boolean {
    return conversation.activities.some((stored) => stored.id === id);
  }

  /** Activities after the watermark (all that are kept when it is 0) and the watermark to poll with next. */
  after(conversation: Conversation, watermark: number): ActivitySet {
    return {
      activities: conversation.activities.filter((stored) => stored.seq > watermark).map((stored) => stored.activity),
      watermark: String(conversation.lastSeq),
    };
  }

  /** Forgets every expired conversation; returns how many. */
  sweep(): number {
    const now = this.nowMs();
    this.lastSweepMs = now;
    let removed = 0;
    for (const conversation of this.conversations.values()) {
      if (!this.isExpired(conversation)) break; // recency order: the rest are younger
      this.forget(conversation);
      removed += 1;
    }
    for (const [caller, record] of this.callers) {
      if (record.live === 0 && record.startsMs.every((startMs) => now - startMs >= startWindowMs)) this.callers.delete(caller);
    }
    return removed;
  }

  /** Resolves when the deliveries queued so far in every conversation have finished. */
  async settled(): Promise<void> {
    await Promise.all(Array.from(this.conversations.values(), (conversation) => conversation.deliveries));
  }

  /** Forgets every conversation (the server stops: conversations live in memory only). */
  clear(): void {
    for (const conversation of this.conversations.values()) this.forget(conversation);
    this.callers.clear();
  }

  private forget(conversation: Conversation): void {
    if (!this.conversations.delete(conversation.id)) return;
    const record = this.callers.get(conversation.caller);
    if (record) record.live -= 1;
    this.onForget(conversation);
  }

  /** When the caller's least recently active conversation was last active (the first in recency order). */
  private leastRecentlyActiveOf(caller: string): number {
    for (const conversation of this.conversations.values()) {
      if (conversation.caller === caller) return conversation.lastActiveMs;
    }
    return this.nowMs();
  }

  private put(conversation: Conversation, seq: number, id: string, build: (id: string) => ActivityJson): ActivityJson {
    const activity = build(id);
    const bytes = Buffer.byteLength(JSON.stringify(activity));
    conversation.activities.push({ seq, id, bytes, activity });
    conversation.lastSeq = seq;
    conversation.bytes += bytes;
    // Keep the newest: always at least the one just added, even if it alone is over the byte budget.
    while (
      conversation.activities.length > 1 &&
      (conversation.activities.length > this.limits.maxActivitiesPerConversation || conversation.bytes > this.limits.maxBytesPerConversation)
    ) {
      this.removeAt(conversation, 0);
    }
    return activity;
  }

  private removeAt(conversation: Conversation, index: number): void {
    const [removed] = conversation.activities.splice(index, 1);
    if (removed) conversation.bytes -= removed.bytes;
  }

  private isExpired(conversation: Conversation): boolean {
    return this.nowMs() - conversation.lastActiveMs >= this.limits.idleTimeoutMs;
  }

  /** Requests sweep at most once a minute, so abandoned conversations go even without a timer. */
  private sweepOccasionally(): void {
    if (this.nowMs() - this.lastSweepMs >= 60_000) this.sweep();
  }

  private nowMs(): number {
    return this.clock.now().toMillis();
  }
}

/** Whole seconds, at least 1: what Retry-After says. */
function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
