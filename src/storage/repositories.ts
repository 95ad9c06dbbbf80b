import type { Actor } from '../domain/actor.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import type { Decision } from '../domain/decision.ts';
import type { Intent } from '../domain/decision-request.ts';
import type { PhoneNumber } from '../domain/phone-number.ts';
import type { CaseEvent, CaseStage } from '../domain/return-case.ts';
import type { UsStateCode } from '../domain/us-states.ts';
import type { Vin } from '../domain/vin.ts';

/**
 * What the case and SMS services need from storage, and nothing about SQL. The SQLite implementations
 * sit beside these (sqlite-*.ts); a PostgreSQL one can be added the same way without touching a service.
 * Every method that writes is all-or-nothing.
 */

export interface Dealer {
  id: string;
  name: string;
  state: UsStateCode;
  phones: PhoneNumber[];
  createdAt: string;
}

export interface DealerRepository {
  /** ConflictError `dealer_exists` (field id) or `phone_taken` (field phones) and nothing written. */
  create(dealer: Dealer): Promise<void>;
  get(id: string): Promise<Dealer | undefined>;
  findByPhone(phone: PhoneNumber): Promise<Dealer | undefined>;
}

export interface NewCase {
  vin: Vin;
  dealerId: string;
  state: UsStateCode;
  maturityDate: CalendarDate;
  returnDate: CalendarDate;
  intent: Intent;
  hasAvrmAccess: boolean;
  openedAt: string;
  decision: Decision;
  events: CaseEvent[];
  stage: CaseStage;
  /** UTC ISO instant of the earliest step still expected (see timeline.ts), for listing overdue cases. */
  nextDeadline: string | null;
  closedAt: string | null;
  /** Who opened the case (absent on cases stored before the audit trail, and in bulk loads). */
  openedBy?: Actor;
}

export interface StoredCase extends NewCase {
  id: number;
  /** Incremented on every write; appendEvent refuses a stale one. */
  version: number;
}

export interface CaseListFilter {
  dealerId?: string;
  stage?: CaseStage;
  /** Only open cases whose next deadline is before this instant (UTC ISO). */
  overdueAt?: string;
  /** Only cases with nothing late at this instant (closed ones included). */
  notOverdueAt?: string;
}

export interface CasePage {
  items: StoredCase[];
  /** Pass back as `after` for the next page; null on the last page. */
  next: number | null;
}

export interface CaseUpdate {
  stage: CaseStage;
  nextDeadline: string | null;
  closedAt: string | null;
}

export interface CaseRepository {
  /** ConflictError `case_open` (field vin) when the VIN already has an open case; the case and its events are written together or not at all. */
  create(record: NewCase): Promise<StoredCase>;
  /** Many cases in one transaction (seeding, benchmarks). */
  createMany(records: readonly NewCase[]): Promise<void>;
  /** The most recent case for the VIN (open or closed), optionally only among one dealer's cases. */
  findByVin(vin: Vin, dealerId?: string): Promise<StoredCase | undefined>;
  /** The most recent case of each distinct VIN ending in `suffix`, at most `limit` of them. */
  findBySuffix(suffix: string, limit: number, dealerId?: string): Promise<StoredCase[]>;
  /** Appends one event and the new stage together; ConflictError `case_changed` if `expectedVersion` is stale. */
  appendEvent(caseId: number, expectedVersion: number, event: CaseEvent, update: CaseUpdate): Promise<StoredCase>;
  /** Newest first; `after` is the `next` of the previous page. */
  list(filter: CaseListFilter, page: { limit: number; after?: number }): Promise<CasePage>;
  /** The cases with these ids, in the order given (unknown ids are left out). */
  findByIds(ids: readonly number[]): Promise<StoredCase[]>;
}

export interface SmsMessage {
  messageSid: string;
  from: string;
  body: string;
  receivedAt: string;
}

export interface SmsRepository {
  /**
   * Stores the message with its reply, and the opt-out change it asked for, in one transaction.
   * False (and nothing changed) when the MessageSid is already stored: the message is answered once.
   */
  recordAnswer(message: SmsMessage, reply: string | null, optOut?: { optedOut: boolean }): Promise<boolean>;
  isOptedOut(phone: string): Promise<boolean>;
}
