import type { CaseNoteRepository, StoredNote } from '../../cases/case-notes.ts';
import { actorSchema, type Actor } from '../../domain/actor.ts';
import type { Vin } from '../../domain/vin.ts';
import type { PgDatabase } from './pg-database.ts';

interface NoteRow {
  id: number;
  text: string;
  actor: string;
  at: string;
}

/** Call notes, on the newest case of a VIN (the one GET /api/v1/cases/:vin shows); twin of SqliteCaseNoteRepository. */
export class PgCaseNoteRepository implements CaseNoteRepository {
  constructor(private readonly database: PgDatabase) {}

  async addToLatestCase(vin: Vin, note: { text: string; actor: Actor; at: string }): Promise<StoredNote | undefined> {
    // One statement: the case is chosen and the note written together, so a case opened meanwhile cannot split them.
    const [row] = await this.database.rows<{ id: number }>(
      'INSERT INTO case_notes (case_id, text, actor, at) SELECT id, $1, $2, $3 FROM return_cases WHERE vin = $4 ORDER BY id DESC LIMIT 1 RETURNING id',
      [note.text, JSON.stringify(note.actor), note.at, vin],
    );
    return row ? { id: row.id, ...note } : undefined;
  }

  async listForLatestCase(vin: Vin): Promise<StoredNote[]> {
    const rows = await this.database.rows<NoteRow>(
      'SELECT id, text, actor, at FROM case_notes WHERE case_id = (SELECT id FROM return_cases WHERE vin = $1 ORDER BY id DESC LIMIT 1) ORDER BY id',
      [vin],
    );
    return rows.flatMap((row) => {
      const actor = actorSchema.safeParse(safeJson(row.actor));
      return actor.success ? [{ id: row.id, text: row.text, actor: actor.data, at: row.at }] : [];
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
