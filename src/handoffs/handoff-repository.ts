import type { Actor } from '../domain/actor.ts';
import type { CollectedFacts, Handoff, HandoffMessage, HandoffReason, HandoffStatus, Speaker, TranscriptEntry } from './handoff.ts';

/** A handoff to store: everything known when the dealer is handed over. */
export interface NewHandoff {
  id: string;
  conversationKey: string;
  channelId: string;
  conversationId: string;
  dealer: Actor | null;
  reason: HandoffReason;
  transcript: TranscriptEntry[];
  facts: CollectedFacts;
  caseVin: string | null;
  createdAt: string;
  /** The handoff.initiate event activity the bot emitted (JSON), when it came from a bot conversation. */
  initiateActivity: unknown;
}

export interface NewHandoffMessage {
  handoffId: string;
  role: Speaker;
  author: Actor | null;
  text: string;
  /** The inbound activity id or MessageSid: the same one twice is recorded once. */
  sourceId: string | null;
  delivery: HandoffMessage['delivery'];
  at: string;
}

/** What the handoff service needs from storage (SQLite in src/storage/sqlite-handoff-repository.ts). */
export interface HandoffRepository {
  /** Stores a waiting handoff; when the conversation already has an open one, returns that one instead. */
  createOrGetOpen(handoff: NewHandoff): Promise<{ handoff: Handoff; created: boolean }>;
  get(id: string): Promise<Handoff | undefined>;
  /** The waiting or active handoff of a conversation, if any. */
  findOpen(conversationKey: string): Promise<Handoff | undefined>;
  /** Newest first within each status; `statuses` empty means all. */
  list(statuses: readonly HandoffStatus[], limit: number): Promise<Handoff[]>;
  countByStatus(): Promise<Record<HandoffStatus, number>>;
  /** Moves `from` → `to` with the given fields; false when the handoff was not in `from` (someone else moved it). */
  transition(id: string, from: HandoffStatus, to: HandoffStatus, fields: { agent?: Actor; at: string; endedBy?: Actor }): Promise<boolean>;
  /** Adds a message; undefined when its sourceId was already recorded. */
  addMessage(message: NewHandoffMessage): Promise<HandoffMessage | undefined>;
  setDelivery(messageId: number, delivery: HandoffMessage['delivery']): Promise<void>;
  messages(handoffId: string, afterId?: number): Promise<HandoffMessage[]>;
}
