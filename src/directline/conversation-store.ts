import type { Clock } from '../clock.ts';
import { ActivityNotFoundError, ConversationNotFoundError, TooManyConversationsError } from './direct-line-errors.ts';
import {
  activityIdFor,
  defaultConversationLimits,
  retryAfterSeconds,
  startWindowMs,
  type ActivityBuilder,
  type ActivityJson,
  type ActivitySet,
  type ConversationLimits,
  type DirectLineConversation,
  type DirectLineConversationStore,
  type NewConversation,
} from './direct-line-store.ts';

export { defaultConversationLimits, type ActivityJson, type ActivitySet, type ConversationLimits } from './direct-line-store.ts';

interface StoredActivity {
  seq: number;
  id: string;
  bytes: number;
  activity: ActivityJson;
}

export interface Conversation extends DirectLineConversation {
  lastActiveMs: number;
  /** The sequence number of the last activity appended; the watermark clients poll with. */
  lastSeq: number;
  bytes: number;
  activities: StoredActivity[];
}

/** What the store keeps per caller: live conversations, and the times of its recent starts. */
interface CallerRecord {
  live: number;
  startsMs: number[];
}

type ForgetListener = (conversation: DirectLineConversation) => void;

/**
 * The in-memory queues Web Chat polls, for one instance (SQLite mode). Bounded three ways
 * (conversations, activities and bytes per conversation) and forgotten after inactivity, so a flood of
 * abandoned conversations is capped and an abandoned one costs nothing once it has expired. Map order is
 * recency order: a touch re-inserts.
 *
 * Starts are bounded per caller too (live conversations, starts per minute): a caller that starts too
 * many is refused, and the least recently active conversation is evicted only when the whole store is
 * full, which one caller alone cannot make it.
 *
 * The work is synchronous; the async methods of DirectLineConversationStore wrap it, so the service
 * runs the same code over this store and over PostgreSQL.
 */
export class ConversationStore implements DirectLineConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly callers = new Map<string, CallerRecord>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;
  private forgetListener: ForgetListener;

  constructor(
    private readonly clock: Clock,
    readonly limits: ConversationLimits = defaultConversationLimits,
    /** Called for every conversation the store lets go (expired, evicted, revoked, cleared), once. */
    onForget: ForgetListener = () => undefined,
  ) {
    this.forgetListener = onForget;
  }

  get size(): number {
    return this.conversations.size;
  }

  onForget(listener: ForgetListener): void {
    this.forgetListener = listener;
  }

  async start(conversation: NewConversation): Promise<{ conversation: DirectLineConversation; evicted: string[] }> {
    return this.create(conversation);
  }

  async touch(conversationId: string): Promise<DirectLineConversation | undefined> {
    return this.get(conversationId);
  }

  async append(conversationId: string, build: ActivityBuilder): Promise<ActivityJson> {
    const conversation = this.live(conversationId);
    return this.put(conversation, conversation.lastSeq + 1, activityIdFor(conversation.id, conversation.lastSeq + 1), build);
  }

  async replace(conversationId: string, activityId: string, build: ActivityBuilder): Promise<ActivityJson> {
    const conversation = this.live(conversationId);
    this.removeAt(conversation, this.indexOf(conversation, activityId));
    return this.put(conversation, conversation.lastSeq + 1, activityId, build);
  }

  async remove(conversationId: string, activityId: string): Promise<void> {
    const conversation = this.live(conversationId);
    this.removeAt(conversation, this.indexOf(conversation, activityId));
  }

  async has(conversationId: string, activityId: string): Promise<boolean> {
    return this.conversations.get(conversationId)?.activities.some((stored) => stored.id === activityId) ?? false;
  }

  async after(conversationId: string, watermark: number): Promise<ActivitySet> {
    const conversation = this.live(conversationId);
    return {
      activities: conversation.activities.filter((stored) => stored.seq > watermark).map((stored) => stored.activity),
      watermark: String(conversation.lastSeq),
    };
  }

  async expire(): Promise<number> {
    return this.sweep();
  }

  async revoke(conversationId: string): Promise<boolean> {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return false;
    this.forget(conversation);
    return true;
  }

  async count(): Promise<number> {
    return this.conversations.size;
  }

  async close(): Promise<void> {
    this.clear();
  }

  /**
   * A new conversation for `caller`; returns the ids of conversations evicted to make room (for the
   * log). Throws TooManyConversationsError (429) when the caller is over one of its limits.
   */
  create(input: NewConversation): { conversation: Conversation; evicted: string[] } {
    this.sweep();
    const now = this.nowMs();
    const record = this.callers.get(input.caller) ?? { live: 0, startsMs: [] };
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
        retryAfterSeconds(this.leastRecentlyActiveOf(input.caller) + this.limits.idleTimeoutMs - now),
      );
    }
    const evicted: string[] = [];
    while (this.conversations.size >= this.limits.maxConversations) {
      const oldest = this.conversations.values().next();
      if (oldest.done) break;
      this.forget(oldest.value);
      evicted.push(oldest.value.id);
    }
    const conversation: Conversation = {
      id: input.id,
      userId: input.userId,
      caller: input.caller,
      verifiedUser: input.verifiedUser,
      lastActiveMs: now,
      lastSeq: 0,
      bytes: 0,
      activities: [],
    };
    this.conversations.set(conversation.id, conversation);
    record.live += 1;
    record.startsMs.push(now);
    this.callers.set(input.caller, record);
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

  /** Forgets every conversation (the server stops: conversations live in memory only). */
  clear(): void {
    for (const conversation of this.conversations.values()) this.forget(conversation);
    this.callers.clear();
  }

  /** The kept conversation (not touched: the service touched it when it authorized the call), or a 404. */
  private live(conversationId: string): Conversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new ConversationNotFoundError('This conversation has ended or expired.');
    return conversation;
  }

  private indexOf(conversation: Conversation, activityId: string): number {
    const index = conversation.activities.findIndex((stored) => stored.id === activityId);
    if (index < 0) throw new ActivityNotFoundError(`Activity "${activityId}" is not in this conversation.`);
    return index;
  }

  private forget(conversation: Conversation): void {
    if (!this.conversations.delete(conversation.id)) return;
    const record = this.callers.get(conversation.caller);
    if (record) record.live -= 1;
    this.forgetListener(conversation);
  }

  /** When the caller's least recently active conversation was last active (the first in recency order). */
  private leastRecentlyActiveOf(caller: string): number {
    for (const conversation of this.conversations.values()) {
      if (conversation.caller === caller) return conversation.lastActiveMs;
    }
    return this.nowMs();
  }

  private put(conversation: Conversation, seq: number, id: string, build: ActivityBuilder): ActivityJson {
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
