import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Actor } from '../domain/actor.ts';
import { actorRef, type ActorRef } from '../domain/actor-ref.ts';
import { withoutUnsafeCharacters } from '../domain/safe-text.ts';
import { checkVin, normalizeVinInput, type Vin } from '../domain/vin.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { validationMessages } from './case-messages.ts';

/** A call note as stored. */
export interface StoredNote {
  id: number;
  text: string;
  actor: Actor;
  at: string;
}

/** What the notes need from storage (sqlite-case-note-repository.ts). Notes belong to the VIN's newest case. */
export interface CaseNoteRepository {
  /** Undefined (nothing written) when the VIN has no case. */
  addToLatestCase(vin: Vin, note: { text: string; actor: Actor; at: string }): Promise<StoredNote | undefined>;
  listForLatestCase(vin: Vin): Promise<StoredNote[]>;
}

/** A note as the case API shows it. */
export interface NoteView {
  id: string;
  text: string;
  by: ActorRef;
  at: string;
}

export const maxNoteLength = 2000;

/**
 * `{ text }`: 1 to 2000 characters. A note is typed during a call, often pasted: control and direction
 * characters are dropped rather than refused (line breaks and tabs stay).
 */
export const noteInputSchema = z.strictObject({
  text: z
    .string({ error: () => 'must be text' })
    .transform((text) => withoutUnsafeCharacters(text, { multiline: true }).replace(/\r\n/g, '\n').trim())
    .pipe(z.string().min(1, 'must not be empty').max(maxNoteLength, `must be at most ${maxNoteLength} characters`)),
});
export type NoteInput = z.infer<typeof noteInputSchema>;

/**
 * Call notes on a case (issue 15): what the caller said, kept apart from the events (a note changes
 * nothing in the case's process). Each note records who wrote it and when.
 */
export class CaseNotes {
  constructor(private readonly deps: { notes: CaseNoteRepository; clock: Clock; logger: Logger }) {}

  async add(vinInput: string, input: NoteInput, actor: Actor): Promise<NoteView> {
    const vin = this.fullVin(vinInput);
    const at = this.deps.clock.now().toUTC().toISO({ suppressMilliseconds: true }) ?? '';
    const stored = await this.deps.notes.addToLatestCase(vin, { text: input.text, actor, at });
    if (!stored) throw new NotFoundError(validationMessages.caseNotFound(vin), 'vin');
    this.deps.logger.info({ vin, noteId: stored.id, actor: actor.kind }, 'case note added');
    return noteView(stored);
  }

  async forCase(vin: Vin): Promise<NoteView[]> {
    return (await this.deps.notes.listForLatestCase(vin)).map(noteView);
  }

  private fullVin(input: string): Vin {
    const check = checkVin(input);
    if (check.valid) return check.vin;
    throw new ValidationError(normalizeVinInput(input).length < 17 ? validationMessages.fullVinForWrites : check.message, 'vin');
  }
}

function noteView(note: StoredNote): NoteView {
  return { id: String(note.id), text: note.text, by: actorRef(note.actor), at: note.at };
}
