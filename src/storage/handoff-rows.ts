import { z } from 'zod';
import { actorSchema, type Actor } from '../domain/actor.ts';
import {
  collectedFactsSchema,
  handoffReasonSchema,
  handoffStatusSchema,
  speakerSchema,
  transcriptEntrySchema,
  type Handoff,
  type HandoffMessage,
} from '../handoffs/handoff.ts';
import type { NewHandoff } from '../handoffs/handoff-repository.ts';

/**
 * Handoff rows as both engines store them (the same columns and types) and what they read back as: one
 * mapping for sqlite-handoff-repository.ts and postgres/pg-handoff-repository.ts. A value a newer version
 * wrote and this one does not know reads as its safe default, never as a crash.
 */
export interface HandoffRow {
  id: string;
  conversation_key: string;
  channel_id: string;
  conversation_id: string;
  dealer: string | null;
  reason: string;
  transcript: string;
  facts: string;
  case_vin: string | null;
  status: string;
  agent: string | null;
  created_at: string;
  taken_at: string | null;
  ended_at: string | null;
  ended_by: string | null;
}

export interface MessageRow {
  id: number;
  handoff_id: string;
  role: string;
  author: string | null;
  text: string;
  delivery: string;
  at: string;
}

export const handoffColumns =
  'id, conversation_key, channel_id, conversation_id, dealer, reason, transcript, facts, case_vin, status, agent, created_at, taken_at, ended_at, ended_by';
export const messageColumns = 'id, handoff_id, role, author, text, delivery, at';
const deliverySchema = z.enum(['received', 'sent', 'failed']);

function actorOrNull(json: string | null): Actor | null {
  if (json === null) return null;
  return actorSchema.safeParse(parseJson(json)).data ?? null;
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

export function handoffOf(row: HandoffRow): Handoff {
  return {
    id: row.id,
    conversationKey: row.conversation_key,
    channelId: row.channel_id,
    conversationId: row.conversation_id,
    dealer: actorOrNull(row.dealer),
    reason: handoffReasonSchema.catch('asked').parse(row.reason),
    transcript: z.array(transcriptEntrySchema).catch([]).parse(parseJson(row.transcript)),
    facts: collectedFactsSchema.catch({}).parse(parseJson(row.facts)),
    caseVin: row.case_vin,
    status: handoffStatusSchema.catch('ended').parse(row.status),
    agent: actorOrNull(row.agent),
    createdAt: row.created_at,
    takenAt: row.taken_at,
    endedAt: row.ended_at,
    endedBy: actorOrNull(row.ended_by),
  };
}

export function messageOf(row: MessageRow): HandoffMessage {
  return {
    id: row.id,
    handoffId: row.handoff_id,
    role: speakerSchema.catch('dealer').parse(row.role),
    author: actorOrNull(row.author),
    text: row.text,
    delivery: deliverySchema.catch('received').parse(row.delivery),
    at: row.at,
  };
}

/** A new handoff's values in the order both engines' INSERTs list them (id ... created_at, initiate_activity). */
export type NewHandoffValues = [string, string, string, string, string | null, string, string, string, string | null, string, string | null];

export function newHandoffValues(handoff: NewHandoff): NewHandoffValues {
  return [
    handoff.id,
    handoff.conversationKey,
    handoff.channelId,
    handoff.conversationId,
    handoff.dealer === null ? null : JSON.stringify(handoff.dealer),
    handoff.reason,
    JSON.stringify(handoff.transcript),
    JSON.stringify(handoff.facts),
    handoff.caseVin,
    handoff.createdAt,
    handoff.initiateActivity === undefined ? null : JSON.stringify(handoff.initiateActivity),
  ];
}
