import { createHash } from 'node:crypto';
import { parseActor, toEvent, type EventColumns } from '../case-rows.ts';
import { LRUCache } from 'lru-cache';
import { calendarDateSchema } from '../../domain/calendar-date.ts';
import { intentSchema } from '../../domain/decision-request.ts';
import { decisionSchema, type Decision } from '../../domain/decision.ts';
import { caseStageSchema, type CaseEvent } from '../../domain/return-case.ts';
import { usStateCodeSchema } from '../../domain/us-state-schema.ts';
import type { Vin } from '../../domain/vin.ts';
import { vinSchema } from '../../domain/vin-schema.ts';
import { ConflictError } from '../../errors.ts';
import type { CaseListFilter, CasePage, CaseRepository, CaseUpdate, NewCase, StoredCase } from '../repositories.ts';
import { reverseText } from '../sqlite-case-repository.ts';
import { isPgUniqueViolation, toPgStorageFailure, type PgDatabase, type PgQueryable } from './pg-database.ts';

interface CaseRow {
  id: number;
  vin: string;
  dealer_id: string;
  state: string;
  maturity_date: string;
  return_date: string;
  intent: string;
  has_avrm_access: number;
  opened_at: string;
  closed_at: string | null;
  stage: string;
  next_deadline: string | null;
  decision_id: number;
  version: number;
  opened_by: string | null;
  /** The case's events in the order they were written, as JSON objects with the event columns. */
  events: EventColumns[];
}

/**
 * A case row with its events folded in as JSON, so the case and its events come from one statement and so
 * one snapshot: a case read while another instance appends an event never shows the new version with the
 * old events (two autocommit statements could).
 */
const caseSelect = `SELECT c.id, c.vin, c.dealer_id, c.state, c.maturity_date, c.return_date, c.intent, c.has_avrm_access, c.opened_at,
    c.closed_at, c.stage, c.next_deadline, c.decision_id, c.version, c.opened_by,
    COALESCE((SELECT json_agg(json_build_object('type', e.type, 'at', e.at, 'note', e.note, 'by_party', e.by_party, 'document', e.document,
        'actor', e.actor, 'recorded_at', e.recorded_at) ORDER BY e.id)
      FROM case_events e WHERE e.case_id = c.id), '[]'::json) AS events
  FROM return_cases c`;

/** The index that allows one open case per VIN: its violation is the `case_open` conflict. */
const oneOpenCasePerVin = 'return_cases_one_open_per_vin';

/**
 * Rows per INSERT in createMany. Each batch is one statement over arrays (unnest), so a million cases
 * are a few hundred statements, each well inside the statement timeout.
 */
const bulkBatchSize = 5_000;

/** PostgreSQL twin of SqliteCaseRepository: same conflicts, same ordering, same decision sharing. */
export class PgCaseRepository implements CaseRepository {
  /** Decisions never change once stored, so parsed ones are kept (bounded) instead of re-read per case. */
  private readonly decisions = new LRUCache<number, Decision>({ max: 5_000 });

  constructor(private readonly database: PgDatabase) {}

  async create(record: NewCase): Promise<StoredCase> {
    try {
      return await this.database.transaction(async (client) => {
        const decisionId = await this.decisionIdFor(client, record.decision);
        const [id] = await this.nextCaseIds(client, 1);
        if (id === undefined) throw new Error('the case id sequence returned nothing');
        await this.insertCases(client, [record], [id], [decisionId]);
        return this.load(client, id);
      });
    } catch (error) {
      // Another instance opening the same VIN at the same time waits on the unique index, then fails here.
      if (isPgUniqueViolation(error, oneOpenCasePerVin)) throw new ConflictError(`VIN ${record.vin} already has an open return case.`, 'vin', 'case_open');
      throw toPgStorageFailure(error);
    }
  }

  async createMany(records: readonly NewCase[]): Promise<void> {
    if (records.length === 0) return;
    try {
      await this.database.transaction(async (client) => {
        // Bulk loads usually share one decision object: hash and look it up once per object.
        const decisionIds = new Map<Decision, number>();
        for (let start = 0; start < records.length; start += bulkBatchSize) {
          const batch = records.slice(start, start + bulkBatchSize);
          const batchDecisionIds: number[] = [];
          for (const record of batch) {
            let decisionId = decisionIds.get(record.decision);
            if (decisionId === undefined) {
              decisionId = await this.decisionIdFor(client, record.decision);
              decisionIds.set(record.decision, decisionId);
            }
            batchDecisionIds.push(decisionId);
          }
          await this.insertCases(client, batch, await this.nextCaseIds(client, batch.length), batchDecisionIds);
        }
      });
    } catch (error) {
      if (isPgUniqueViolation(error, oneOpenCasePerVin)) {
        throw new ConflictError('One of the VINs already has an open return case; nothing was stored.', 'vin', 'case_open');
      }
      throw toPgStorageFailure(error);
    }
  }

  async findByVin(vin: Vin, dealerId?: string): Promise<StoredCase | undefined> {
    const rows =
      dealerId === undefined
        ? await this.database.rows<CaseRow>(`${caseSelect} WHERE c.vin = $1 ORDER BY c.id DESC LIMIT 1`, [vin])
        : await this.database.rows<CaseRow>(`${caseSelect} WHERE c.vin = $1 AND c.dealer_id = $2 ORDER BY c.id DESC LIMIT 1`, [vin, dealerId]);
    const [stored] = await this.toCases(rows);
    return stored;
  }

  async findBySuffix(suffix: string, limit: number, dealerId?: string): Promise<StoredCase[]> {
    // VIN characters sort below "~" (byte order: the columns are COLLATE "C"), so [reversed suffix,
    // reversed suffix + "~") is every VIN ending in it. The newest case of each matching VIN comes first,
    // so the first row seen for a VIN is the one shown; a VIN may have several closed cases, hence the
    // generous row limit.
    const from = reverseText(suffix);
    const to = `${from}~`;
    const rowLimit = limit * 8;
    const rows =
      dealerId === undefined
        ? await this.database.rows<CaseRow>(`${caseSelect} WHERE c.vin_reversed >= $1 AND c.vin_reversed < $2 ORDER BY c.vin_reversed, c.id DESC LIMIT $3`, [
            from,
            to,
            rowLimit,
          ])
        : await this.database.rows<CaseRow>(
            `${caseSelect} WHERE c.vin_reversed >= $1 AND c.vin_reversed < $2 AND c.dealer_id = $3 ORDER BY c.vin_reversed, c.id DESC LIMIT $4`,
            [from, to, dealerId, rowLimit],
          );
    const newestByVin = new Map<string, CaseRow>();
    for (const row of rows) if (!newestByVin.has(row.vin)) newestByVin.set(row.vin, row);
    return this.toCases([...newestByVin.values()].slice(0, limit));
  }

  async appendEvent(caseId: number, expectedVersion: number, event: CaseEvent, update: CaseUpdate): Promise<StoredCase> {
    return this.database.transaction(async (client) => {
      // The version check and the write are one statement: a second instance updating the same case waits
      // for the row lock, then finds the version moved on and changes nothing.
      const changed = await client.query(
        'UPDATE return_cases SET stage = $1, next_deadline = $2, closed_at = $3, version = version + 1 WHERE id = $4 AND version = $5',
        [update.stage, update.nextDeadline, update.closedAt, caseId, expectedVersion],
      );
      if (changed.rowCount !== 1)
        throw new ConflictError('The case was changed by another request at the same time; read it again and retry.', null, 'case_changed');
      await insertEvents(client, [caseId], [event]);
      return this.load(client, caseId);
    });
  }

  async findByIds(ids: readonly number[]): Promise<StoredCase[]> {
    if (ids.length === 0) return [];
    const rows = await this.database.rows<CaseRow>(`${caseSelect} WHERE c.id = ANY($1::bigint[])`, [ids]);
    const byId = new Map((await this.toCases(rows)).map((stored) => [stored.id, stored]));
    return ids.map((id) => byId.get(id)).filter((stored): stored is StoredCase => stored !== undefined);
  }

  async list(filter: CaseListFilter, page: { limit: number; after?: number }): Promise<CasePage> {
    const where: string[] = [];
    const values: (string | number)[] = [];
    const next = (value: string | number): string => {
      values.push(value);
      return `$${values.length}`;
    };
    if (filter.dealerId !== undefined) where.push(`c.dealer_id = ${next(filter.dealerId)}`);
    if (filter.stage !== undefined) where.push(`c.stage = ${next(filter.stage)}`);
    if (filter.overdueAt !== undefined) where.push(`c.closed_at IS NULL AND c.next_deadline IS NOT NULL AND c.next_deadline < ${next(filter.overdueAt)}`);
    if (filter.notOverdueAt !== undefined)
      where.push(`(c.closed_at IS NOT NULL OR c.next_deadline IS NULL OR c.next_deadline >= ${next(filter.notOverdueAt)})`);
    if (page.after !== undefined) where.push(`c.id < ${next(page.after)}`);
    const limit = next(page.limit + 1);
    const rows = await this.database.rows<CaseRow>(
      `${caseSelect} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id DESC LIMIT ${limit}`,
      values,
    );
    const pageRows = rows.slice(0, page.limit);
    const items = await this.toCases(pageRows);
    const last = pageRows[pageRows.length - 1];
    return { items, next: rows.length > page.limit && last ? last.id : null };
  }

  /**
   * Case ids drawn from the identity's sequence before the insert, so events can be written against them
   * in bulk; ascending in record order, as SQLite's rowids are (lists are newest first by id).
   */
  private async nextCaseIds(client: PgQueryable, count: number): Promise<number[]> {
    const result = await client.query<{ id: number }>(
      "SELECT nextval(pg_get_serial_sequence('return_cases', 'id')) AS id FROM generate_series(1, $1) ORDER BY 1",
      [count],
    );
    return result.rows.map((row) => row.id);
  }

  /** The records as cases with the given ids (one statement over arrays), then all their events. */
  private async insertCases(client: PgQueryable, records: readonly NewCase[], ids: readonly number[], decisionIds: readonly number[]): Promise<void> {
    await client.query(
      `INSERT INTO return_cases (id, vin, vin_reversed, dealer_id, state, maturity_date, return_date, intent, has_avrm_access, opened_at, closed_at, stage,
         next_deadline, decision_id, version, opened_by)
       SELECT id, vin, vin_reversed, dealer_id, state, maturity_date, return_date, intent, has_avrm_access, opened_at, closed_at, stage, next_deadline,
         decision_id, 1, opened_by
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::integer[], $10::text[],
         $11::text[], $12::text[], $13::text[], $14::bigint[], $15::text[])
         AS r(id, vin, vin_reversed, dealer_id, state, maturity_date, return_date, intent, has_avrm_access, opened_at, closed_at, stage, next_deadline,
           decision_id, opened_by)`,
      [
        ids,
        records.map((record) => record.vin),
        records.map((record) => reverseText(record.vin)),
        records.map((record) => record.dealerId),
        records.map((record) => record.state),
        records.map((record) => record.maturityDate),
        records.map((record) => record.returnDate),
        records.map((record) => record.intent),
        records.map((record) => (record.hasAvrmAccess ? 1 : 0)),
        records.map((record) => record.openedAt),
        records.map((record) => record.closedAt),
        records.map((record) => record.stage),
        records.map((record) => record.nextDeadline),
        decisionIds,
        records.map((record) => (record.openedBy === undefined ? null : JSON.stringify(record.openedBy))),
      ],
    );
    const eventCaseIds: number[] = [];
    const events: CaseEvent[] = [];
    records.forEach((record, index) => {
      const id = ids[index];
      if (id === undefined) throw new Error('fewer case ids than records');
      for (const event of record.events) {
        eventCaseIds.push(id);
        events.push(event);
      }
    });
    if (events.length > 0) await insertEvents(client, eventCaseIds, events);
  }

  /**
   * The id of the stored decision with this content, storing it first if it is new. Read first (most
   * cases share a decision already stored); ON CONFLICT covers two instances storing the same new one at
   * once: the later waits for the earlier, inserts nothing, and reads the committed row.
   */
  private async decisionIdFor(client: PgQueryable, decision: Decision): Promise<number> {
    const body = JSON.stringify(decision);
    const hash = createHash('sha256').update(body).digest('base64url');
    const select = 'SELECT id FROM decisions WHERE hash = $1';
    const [existing] = (await client.query<{ id: number }>(select, [hash])).rows;
    if (existing) return existing.id;
    const [inserted] = (
      await client.query<{ id: number }>('INSERT INTO decisions (hash, rules_version, body) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING RETURNING id', [
        hash,
        decision.rulesVersion,
        body,
      ])
    ).rows;
    if (inserted) return inserted.id;
    const [stored] = (await client.query<{ id: number }>(select, [hash])).rows;
    if (!stored) throw new Error(`decision ${hash} is neither stored nor insertable`);
    return stored.id;
  }

  private async load(client: PgQueryable, id: number): Promise<StoredCase> {
    const rows = (await client.query<CaseRow>(`${caseSelect} WHERE c.id = $1`, [id])).rows;
    const [stored] = await this.toCases(rows, client);
    if (!stored) throw new Error(`case ${id} is missing right after it was written`);
    return stored;
  }

  /**
   * The rows as cases, with the decisions not yet cached read in one statement: on `client` inside a
   * transaction (a decision it just stored is not visible elsewhere yet), else on a free pooled client.
   */
  private async toCases(rows: readonly CaseRow[], client?: PgQueryable): Promise<StoredCase[]> {
    const missing = [...new Set(rows.map((row) => row.decision_id).filter((id) => !this.decisions.has(id)))];
    if (missing.length > 0) {
      const sql = 'SELECT id, body FROM decisions WHERE id = ANY($1::bigint[])';
      const decisionRows = client
        ? (await client.query<{ id: number; body: string }>(sql, [missing])).rows
        : await this.database.rows<{ id: number; body: string }>(sql, [missing]);
      for (const row of decisionRows) this.decisions.set(row.id, decisionSchema.parse(JSON.parse(row.body)));
    }
    return rows.map((row) => {
      const decision = this.decisions.get(row.decision_id);
      if (!decision) throw new Error(`decision ${row.decision_id} is missing`);
      return toCase(row, decision);
    });
  }
}

/** Events in the order given (their ids, and so their order when read back, follow the array order). */
async function insertEvents(client: PgQueryable, caseIds: readonly number[], events: readonly CaseEvent[]): Promise<void> {
  await client.query(
    `INSERT INTO case_events (case_id, type, at, note, by_party, document, actor, recorded_at)
     SELECT case_id, type, at, note, by_party, document, actor, recorded_at
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       WITH ORDINALITY AS e(case_id, type, at, note, by_party, document, actor, recorded_at, position)
     ORDER BY position`,
    [
      caseIds,
      events.map((event) => event.type),
      events.map((event) => event.at),
      events.map((event) => event.note ?? null),
      events.map((event) => event.by ?? null),
      events.map((event) => event.document ?? null),
      events.map((event) => (event.actor === undefined ? null : JSON.stringify(event.actor))),
      events.map((event) => event.recordedAt ?? null),
    ],
  );
}

function toCase(row: CaseRow, decision: Decision): StoredCase {
  const openedBy = parseActor(row.opened_by);
  return {
    ...(openedBy === undefined ? {} : { openedBy }),
    id: row.id,
    version: row.version,
    vin: vinSchema.parse(row.vin),
    dealerId: row.dealer_id,
    state: usStateCodeSchema.parse(row.state),
    maturityDate: calendarDateSchema.parse(row.maturity_date),
    returnDate: calendarDateSchema.parse(row.return_date),
    intent: intentSchema.parse(row.intent),
    hasAvrmAccess: row.has_avrm_access === 1,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    stage: caseStageSchema.parse(row.stage),
    nextDeadline: row.next_deadline,
    decision,
    events: row.events.map(toEvent),
  };
}
