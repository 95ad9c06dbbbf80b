import { actorSchema, type Actor } from '../domain/actor.ts';
import { caseEventTypeSchema, pickupDocumentSchema, pickupPartySchema, type CaseEvent } from '../domain/return-case.ts';

/** The columns of a stored case event both engines read back the same way (sqlite- and postgres/pg-case-repository.ts). */
export interface EventColumns {
  type: string;
  at: string;
  note: string | null;
  by_party: string | null;
  document: string | null;
  actor: string | null;
  recorded_at: string | null;
}

export function toEvent(row: EventColumns): CaseEvent {
  const event: CaseEvent = { type: caseEventTypeSchema.parse(row.type), at: row.at };
  if (row.note !== null) event.note = row.note;
  if (row.by_party !== null) event.by = pickupPartySchema.parse(row.by_party);
  if (row.document !== null) event.document = pickupDocumentSchema.parse(row.document);
  const actor = parseActor(row.actor);
  if (actor !== undefined) event.actor = actor;
  if (row.recorded_at !== null) event.recordedAt = row.recorded_at;
  return event;
}

/** A stored actor (JSON); one this version cannot read is left out rather than failing the whole case. */
export function parseActor(json: string | null): Actor | undefined {
  if (json === null) return undefined;
  try {
    const parsed = actorSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
