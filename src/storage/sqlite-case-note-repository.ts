import type { CaseNoteRepository, StoredNote } from '../cases/case-notes.ts';
import { actorSchema, type Actor } from '../domain/actor.ts';
import type { Vin } from '../domain/vin.ts';
import type { Database } from './database.ts';
import { guardStorage } from './storage-failure.ts';

interface NoteRow {
  id: number;
  text: string;
  actor: string;
  at: string;
}

/** Call notes, on the newest case of a VIN (the one GET /api/v1/cases/:vin shows). */
export class SqliteCaseNoteRepository implements CaseNoteRepository {
  private readonly insertNote;
  private readonly selectNotes;

  constructor(database: Database) {
    // One statement: the case is chosen and the note written together, so a case opened meanwhile cannot split them.
    this.insertNote = database.prepare<[string, string, string, string]>(
      'INSERT INTO case_notes (case_id, text, actor, at) SELECT id, ?, ?, ? FROM return_cases WHERE vin = ? ORDER BY id DESC LIMIT 1',
    );
    this.selectNotes = database.prepare<[string], NoteRow>(
      'SELECT id, text, actor, at FROM case_notes WHERE case_id = (SELECT id FROM return_cases WHERE vin = ? ORDER BY id DESC LIMIT 1) ORDER BY id',
    );
  }

  async addToLatestCase(vin: Vin, note: { text: string; actor: Actor; at: string }): Promise<StoredNote | undefined> {
    return guardStorage(() => {
      const result = this.insertNote.run(note.text, JSON.stringify(note.actor), note.at, vin);
      return result.changes === 1 ? { id: Number(result.lastInsertRowid), ...note } : undefined;
    });
  }

  async listForLatestCase(vin: Vin): Promise<StoredNote[]> {
    return guardStorage(() =>
      this.selectNotes.all(vin).flatMap((row) => {
        const actor = actorSchema.safeParse(safeJson(row.actor));
        return actor.success ? [{ id: row.id, text: row.text, actor: actor.data, at: row.at }] : [];
      }),
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
