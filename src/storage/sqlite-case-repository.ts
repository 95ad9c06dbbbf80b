import { createHash } from 'node:crypto';
import { parseActor, toEvent, type EventColumns } from './case-rows.ts';
import { LRUCache } from 'lru-cache';
import { calendarDateSchema } from '../domain/calendar-date.ts';
import { intentSchema } from '../domain/decision-request.ts';
import { decisionSchema, type Decision } from '../domain/decision.ts';
import { caseStageSchema, type CaseEvent } from '../domain/return-case.ts';
import { usStateCodeSchema } from '../domain/us-state-schema.ts';
import type { Vin } from '../domain/vin.ts';
import { vinSchema } from '../domain/vin-schema.ts';
import { ConflictError } from '../errors.ts';
import type { Database } from './database.ts';
import type { CaseListFilter, CasePage, CaseRepository, CaseUpdate, NewCase, StoredCase } from './repositories.ts';
import { isUniqueViolation } from './sqlite-errors.ts';
import { guardStorage, toStorageFailure } from './storage-failure.ts';

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
}

interface EventRow extends EventColumns {
  case_id: number;
}

const caseColumns =
  'id, vin, dealer_id, state, maturity_date, return_date, intent, has_avrm_access, opened_at, closed_at, stage, next_deadline, decision_id, version, opened_by';
const eventColumns = 'case_id, type, at, note, by_party, document, actor, recorded_at';

export function reverseText(text: string): string {
  return [...text].reverse().join('');
}

export class SqliteCaseRepository implements CaseRepository {
  private readonly insertCase;
  private readonly insertEvent;
  private readonly selectDecisionId;
  private readonly insertDecision;
  private readonly selectDecision;
  private readonly selectById;
  private readonly selectByVin;
  private readonly selectByVinForDealer;
  private readonly selectBySuffix;
  private readonly selectBySuffixForDealer;
  private readonly selectEvents;
  private readonly updateCase;
  private readonly createAtomically;
  private readonly createManyAtomically;
  private readonly appendEventAtomically;
  /** Decisions never change once stored, so parsed ones are kept (bounded) instead of re-parsed per read. */
  private readonly decisions = new LRUCache<number, Decision>({ max: 5_000 });

  constructor(private readonly database: Database) {
    this.insertCase = database.prepare<
      [string, string, string, string, string, string, string, number, string, string | null, string, string | null, number, string | null]
    >(
      `INSERT INTO return_cases (vin, vin_reversed, dealer_id, state, maturity_date, return_date, intent, has_avrm_access, opened_at, closed_at, stage, next_deadline, decision_id, version, opened_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    );
    this.insertEvent = database.prepare<[number, string, string, string | null, string | null, string | null, string | null, string | null]>(
      'INSERT INTO case_events (case_id, type, at, note, by_party, document, actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectDecisionId = database.prepare<[string], { id: number }>('SELECT id FROM decisions WHERE hash = ?');
    this.insertDecision = database.prepare<[string, string, string]>('INSERT INTO decisions (hash, rules_version, body) VALUES (?, ?, ?)');
    this.selectDecision = database.prepare<[number], { body: string }>('SELECT body FROM decisions WHERE id = ?');
    this.selectById = database.prepare<[number], CaseRow>(`SELECT ${caseColumns} FROM return_cases WHERE id = ?`);
    this.selectByVin = database.prepare<[string], CaseRow>(`SELECT ${caseColumns} FROM return_cases WHERE vin = ? ORDER BY id DESC LIMIT 1`);
    this.selectByVinForDealer = database.prepare<[string, string], CaseRow>(
      `SELECT ${caseColumns} FROM return_cases WHERE vin = ? AND +dealer_id = ? ORDER BY id DESC LIMIT 1`,
    );
    // VIN characters sort below "~", so [reversed suffix, reversed suffix + "~") is every VIN ending in it.
    // "+dealer_id" keeps SQLite on the VIN indexes: a dealer's index would scan all of that dealer's cases.
    // The newest case of each matching VIN comes first, so the first row seen for a VIN is the one shown.
    this.selectBySuffix = database.prepare<[string, string, number], CaseRow>(
      `SELECT ${caseColumns} FROM return_cases WHERE vin_reversed >= ? AND vin_reversed < ? ORDER BY vin_reversed, id DESC LIMIT ?`,
    );
    this.selectBySuffixForDealer = database.prepare<[string, string, string, number], CaseRow>(
      `SELECT ${caseColumns} FROM return_cases WHERE vin_reversed >= ? AND vin_reversed < ? AND +dealer_id = ? ORDER BY vin_reversed, id DESC LIMIT ?`,
    );
    this.selectEvents = database.prepare<[number], EventRow>(`SELECT ${eventColumns} FROM case_events WHERE case_id = ? ORDER BY id`);
    this.updateCase = database.prepare<[string, string | null, string | null, number, number]>(
      'UPDATE return_cases SET stage = ?, next_deadline = ?, closed_at = ?, version = version + 1 WHERE id = ? AND version = ?',
    );
    // Transactions are built once: better-sqlite3's transaction() builds four wrapper functions each time it is called.
    // All are IMMEDIATE. create and createMany read (the decision by hash) before they write, and a deferred
    // transaction that must upgrade its read lock while another connection (an admin's sqlite3 shell, a
    // backup tool) writes fails at once with SQLITE_BUSY; BEGIN IMMEDIATE waits up to busy_timeout instead.
    // appendEvent writes first, but is IMMEDIATE too, so no later change can turn it into the other kind.
    this.createAtomically = database.transaction((record: NewCase): number => this.insertOne(record)).immediate;
    this.createManyAtomically = database.transaction((records: readonly NewCase[]): void => {
      // Bulk loads usually share one decision object: hash and look it up once per object.
      const decisionIds = new Map<Decision, number>();
      for (const record of records) {
        let decisionId = decisionIds.get(record.decision);
        if (decisionId === undefined) {
          decisionId = this.decisionIdFor(record.decision);
          decisionIds.set(record.decision, decisionId);
        }
        this.insertOne(record, decisionId);
      }
    }).immediate;
    this.appendEventAtomically = database.transaction((caseId: number, expectedVersion: number, event: CaseEvent, update: CaseUpdate): void => {
      const changed = this.updateCase.run(update.stage, update.nextDeadline, update.closedAt, caseId, expectedVersion).changes;
      if (changed !== 1) throw new ConflictError('The case was changed by another request at the same time; read it again and retry.', null, 'case_changed');
      this.writeEvent(caseId, event);
    }).immediate;
  }

  async create(record: NewCase): Promise<StoredCase> {
    try {
      const id = this.createAtomically(record);
      return this.load(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`VIN ${record.vin} already has an open return case.`, 'vin', 'case_open');
      throw toStorageFailure(error);
    }
  }

  async createMany(records: readonly NewCase[]): Promise<void> {
    try {
      this.createManyAtomically(records);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('One of the VINs already has an open return case; nothing was stored.', 'vin', 'case_open');
      throw toStorageFailure(error);
    }
  }

  async findByVin(vin: Vin, dealerId?: string): Promise<StoredCase | undefined> {
    return guardStorage(() => {
      const row = dealerId === undefined ? this.selectByVin.get(vin) : this.selectByVinForDealer.get(vin, dealerId);
      return row ? this.toCase(row, this.eventsOf(row.id)) : undefined;
    });
  }

  async findBySuffix(suffix: string, limit: number, dealerId?: string): Promise<StoredCase[]> {
    const from = reverseText(suffix);
    const to = `${from}~`;
    // One read of the case rows themselves (no second query per VIN); older cases of a VIN are skipped,
    // and a VIN may have several closed cases, hence the generous row limit.
    const rowLimit = limit * 8;
    return guardStorage(() => {
      const rows = dealerId === undefined ? this.selectBySuffix.all(from, to, rowLimit) : this.selectBySuffixForDealer.all(from, to, dealerId, rowLimit);
      const newestByVin = new Map<string, CaseRow>();
      for (const row of rows) if (!newestByVin.has(row.vin)) newestByVin.set(row.vin, row);
      return [...newestByVin.values()].slice(0, limit).map((row) => this.toCase(row, this.eventsOf(row.id)));
    });
  }

  async appendEvent(caseId: number, expectedVersion: number, event: CaseEvent, update: CaseUpdate): Promise<StoredCase> {
    return guardStorage(() => {
      this.appendEventAtomically(caseId, expectedVersion, event, update);
      return this.load(caseId);
    });
  }

  async findByIds(ids: readonly number[]): Promise<StoredCase[]> {
    if (ids.length === 0) return [];
    return guardStorage(() => {
      const rows = this.database
        .prepare<number[], CaseRow>(`SELECT ${caseColumns} FROM return_cases WHERE id IN (${ids.map(() => '?').join(',')})`)
        .all(...ids);
      const events = this.eventsOfMany(rows.map((row) => row.id));
      const byId = new Map(rows.map((row) => [row.id, this.toCase(row, events.get(row.id) ?? [])]));
      return ids.map((id) => byId.get(id)).filter((stored): stored is StoredCase => stored !== undefined);
    });
  }

  async list(filter: CaseListFilter, page: { limit: number; after?: number }): Promise<CasePage> {
    const where: string[] = [];
    const parameters: (string | number)[] = [];
    if (filter.dealerId !== undefined) {
      where.push('dealer_id = ?');
      parameters.push(filter.dealerId);
    }
    if (filter.stage !== undefined) {
      where.push('stage = ?');
      parameters.push(filter.stage);
    }
    if (filter.overdueAt !== undefined) {
      where.push('closed_at IS NULL AND next_deadline IS NOT NULL AND next_deadline < ?');
      parameters.push(filter.overdueAt);
    }
    if (filter.notOverdueAt !== undefined) {
      where.push('(closed_at IS NOT NULL OR next_deadline IS NULL OR next_deadline >= ?)');
      parameters.push(filter.notOverdueAt);
    }
    if (page.after !== undefined) {
      where.push('id < ?');
      parameters.push(page.after);
    }
    const sql = `SELECT ${caseColumns} FROM return_cases ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return guardStorage(() => {
      const rows = this.database.prepare<(string | number)[], CaseRow>(sql).all(...parameters, page.limit + 1);
      const pageRows = rows.slice(0, page.limit);
      const events = this.eventsOfMany(pageRows.map((row) => row.id));
      const items = pageRows.map((row) => this.toCase(row, events.get(row.id) ?? []));
      const last = pageRows[pageRows.length - 1];
      return { items, next: rows.length > page.limit && last ? last.id : null };
    });
  }

  private insertOne(record: NewCase, decisionId = this.decisionIdFor(record.decision)): number {
    const result = this.insertCase.run(
      record.vin,
      reverseText(record.vin),
      record.dealerId,
      record.state,
      record.maturityDate,
      record.returnDate,
      record.intent,
      record.hasAvrmAccess ? 1 : 0,
      record.openedAt,
      record.closedAt,
      record.stage,
      record.nextDeadline,
      decisionId,
      record.openedBy === undefined ? null : JSON.stringify(record.openedBy),
    );
    const id = Number(result.lastInsertRowid);
    for (const event of record.events) this.writeEvent(id, event);
    return id;
  }

  private writeEvent(caseId: number, event: CaseEvent): void {
    this.insertEvent.run(
      caseId,
      event.type,
      event.at,
      event.note ?? null,
      event.by ?? null,
      event.document ?? null,
      event.actor === undefined ? null : JSON.stringify(event.actor),
      event.recordedAt ?? null,
    );
  }

  private decisionIdFor(decision: Decision): number {
    const body = JSON.stringify(decision);
    const hash = createHash('sha256').update(body).digest('base64url');
    const existing = this.selectDecisionId.get(hash);
    if (existing) return existing.id;
    return Number(this.insertDecision.run(hash, decision.rulesVersion, body).lastInsertRowid);
  }

  private decisionOf(id: number): Decision {
    const cached = this.decisions.get(id);
    if (cached) return cached;
    const row = this.selectDecision.get(id);
    if (!row) throw new Error(`decision ${id} is missing`);
    const decision = decisionSchema.parse(JSON.parse(row.body));
    this.decisions.set(id, decision);
    return decision;
  }

  private load(id: number): StoredCase {
    const row = this.selectById.get(id);
    if (!row) throw new Error(`case ${id} is missing right after it was written`);
    return this.toCase(row, this.eventsOf(id));
  }

  private eventsOf(caseId: number): CaseEvent[] {
    return this.selectEvents.all(caseId).map(toEvent);
  }

  private eventsOfMany(caseIds: readonly number[]): Map<number, CaseEvent[]> {
    const byCase = new Map<number, CaseEvent[]>();
    if (caseIds.length === 0) return byCase;
    const rows = this.database
      .prepare<number[], EventRow>(`SELECT ${eventColumns} FROM case_events WHERE case_id IN (${caseIds.map(() => '?').join(',')}) ORDER BY id`)
      .all(...caseIds);
    for (const row of rows) {
      const list = byCase.get(row.case_id) ?? [];
      list.push(toEvent(row));
      byCase.set(row.case_id, list);
    }
    return byCase;
  }

  private toCase(row: CaseRow, events: CaseEvent[]): StoredCase {
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
      decision: this.decisionOf(row.decision_id),
      events,
    };
  }
}
