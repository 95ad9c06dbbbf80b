import { DateTime } from 'luxon';
import type { Clock } from '../clock.ts';
import type { Actor } from '../domain/actor.ts';
import { actorRef, type ActorRef } from '../domain/actor-ref.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { stepsForStage, type Decision } from '../domain/decision.ts';
import type { DecisionRequest } from '../domain/decision-request.ts';
import { possibleEvents } from '../domain/next-events.ts';
import {
  checkTransition,
  closingEvent,
  holdUntil,
  processFactsOf,
  stageOf,
  type CaseEvent,
  type CaseEventType,
  type CaseStage,
  type PickupDocument,
} from '../domain/return-case.ts';
import { computeTimeline, nextDeadline, nextStep, type TimelineStep, type TimelineText } from '../domain/timeline.ts';
import { stateTimeZone, type UsStateCode } from '../domain/us-states.ts';
import { checkVin, normalizeVinInput, type Vin } from '../domain/vin.ts';
import { formatLocal } from '../domain/zoned-time.ts';
import { vinOrSuffixSchema } from '../domain/vin-schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { DecisionService } from '../rules/decision-service.ts';
import type { CaseRepository, Dealer, DealerRepository, StoredCase } from '../storage/repositories.ts';
import { releaseRefusedMessage, timelineText, transitionMessage, validationMessages } from './case-messages.ts';
import type { CaseEventInput, CaseListQuery, DealerInput, OpenCaseInput } from './case-schemas.ts';

export interface DealerView {
  id: string;
  name: string;
  state: UsStateCode;
  phones: string[];
  createdAt: string;
}

export interface CaseEventView {
  type: CaseEventType;
  at: string;
  note?: string;
  by?: 'buyingDealer' | 'transporter';
  document?: PickupDocument;
  /** Who recorded it (the audit trail); null for events stored before it. */
  recordedBy: ActorRef | null;
  /** When it was recorded (UTC ISO; absent before the audit trail); `at` is when it happened. */
  recordedAt?: string;
}

/** The case as the API, the agent console and the status texts see it. Field names are a contract. */
export interface CaseView {
  vin: Vin;
  dealerId: string;
  dealer: { id: string; name: string; state: UsStateCode; phones: string[] };
  state: UsStateCode;
  timeZone: string;
  maturityDate: CalendarDate;
  returnDate: CalendarDate;
  intent: DecisionRequest['intent'];
  hasAvrmAccess: boolean;
  stage: CaseStage;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  events: CaseEventView[];
  decision: Decision;
  timeline: TimelineStep[];
  nextStep: TimelineStep | null;
  overdue: boolean;
  /** When a dealer purchase's remarketing hold ends: ISO with the dealership's offset, counted from the notification; null without a hold or before the notification. */
  holdEndsAt: string | null;
  /** The decision's steps that still apply at the case's stage (the decision itself keeps them all). */
  nextSteps: string[];
  /** Who opened the case; null for cases stored before the audit trail. */
  openedBy: ActorRef | null;
  /** The events the case can take now, in process order (the state machine asked at this moment). */
  nextEvents: CaseEventType[];
  /** When `pickedUp` is among nextEvents: the only party who may pick the vehicle up now. */
  nextPickupParty: 'buyingDealer' | 'transporter' | null;
}

export type CaseSummary = Omit<CaseView, 'decision' | 'timeline' | 'events' | 'dealer'>;

export type CaseLookup = { found: true; view: CaseView } | { found: false; reason: 'notFound' | 'ambiguous'; candidates: Vin[] };

/** What the state machine, the timeline and the release rules read about a case. */
export interface CaseFacts {
  state: UsStateCode;
  maturityDate: CalendarDate;
  returnDate: CalendarDate;
  intent: DecisionRequest['intent'];
  hasAvrmAccess: boolean;
  decision: Decision;
}

export interface CaseServiceDeps {
  dealers: DealerRepository;
  cases: CaseRepository;
  decisions: DecisionService;
  clock: Clock;
  logger: Logger;
}

/** Allowed clock skew between the device that records an event and this server. */
const futureToleranceMinutes = 5;
const maxSuffixMatches = 5;

/**
 * Dealers, return cases and their events. The order of events is the state machine in
 * domain/return-case.ts; whether a vehicle may be released at pickup is the rules' decision.
 */
export class CaseService {
  /** The timeline's labels and notes; the directory is fixed once the rules are loaded. */
  private readonly timelineText: TimelineText;

  constructor(private readonly deps: CaseServiceDeps) {
    this.timelineText = timelineText({ remarketingCenter: deps.decisions.directory.reach('remarketingCenter') });
  }

  async registerDealer(input: DealerInput): Promise<DealerView> {
    const dealer: Dealer = { ...input, createdAt: this.nowIso() };
    await this.deps.dealers.create(dealer);
    this.deps.logger.info({ dealerId: dealer.id, phones: dealer.phones.length }, 'dealer registered');
    return dealerView(dealer);
  }

  async getDealer(id: string): Promise<DealerView> {
    const dealer = await this.deps.dealers.get(id);
    if (!dealer) throw new NotFoundError(validationMessages.dealerNotFound(id), 'id');
    return dealerView(dealer);
  }

  async dealerForPhone(phone: Parameters<DealerRepository['findByPhone']>[0]): Promise<Dealer | undefined> {
    return this.deps.dealers.findByPhone(phone);
  }

  /** Opens a case; `actor` is who opened it (and recorded its first events): the audit trail. */
  async openCase(input: OpenCaseInput, actor: Actor): Promise<CaseView> {
    const dealer = await this.deps.dealers.get(input.dealerId);
    if (!dealer) throw new ValidationError(validationMessages.unknownDealer(input.dealerId), 'dealerId', 'unknown_dealer');
    const state = input.state ?? dealer.state;
    const zone = stateTimeZone(state);
    const today = this.deps.clock.now().setZone(zone).toISODate() ?? '';
    if (input.returnDate > today) throw new ValidationError(validationMessages.returnDateInFuture(today), 'returnDate');

    const request: DecisionRequest = {
      state,
      maturityDate: input.maturityDate,
      returnDate: input.returnDate,
      intent: input.intent,
      hasAvrmAccess: input.hasAvrmAccess,
      vin: input.vin,
    };
    const decision = await this.deps.decisions.decide(request);
    const base: CaseFacts = { ...request, decision };
    const events: CaseEvent[] = [];
    for (const [index, eventInput] of (input.events ?? []).entries()) {
      events.push({ ...(await this.admit(base, events, eventInput, `events.${index}.`)), actor, recordedAt: this.nowIso() });
    }
    const derived = this.derive(base, events);
    const stored = await this.deps.cases.create({
      vin: input.vin,
      dealerId: dealer.id,
      state,
      maturityDate: input.maturityDate,
      returnDate: input.returnDate,
      intent: input.intent,
      hasAvrmAccess: input.hasAvrmAccess,
      openedAt: this.nowIso(),
      decision,
      events,
      ...derived,
      openedBy: actor,
    });
    this.deps.logger.info({ vin: stored.vin, dealerId: dealer.id, stage: stored.stage, rulesVersion: decision.rulesVersion }, 'return case opened');
    return this.view(stored, dealer);
  }

  /** Records one event; `actor` is who recorded it (the audit trail). */
  async recordEvent(vinInput: string, input: CaseEventInput, actor: Actor): Promise<CaseView> {
    const check = checkVin(vinInput);
    if (!check.valid) {
      const normalized = normalizeVinInput(vinInput);
      throw new ValidationError(normalized.length < 17 ? validationMessages.fullVinForWrites : check.message, 'vin');
    }
    // Optimistic concurrency: two events for one case at the same moment are checked one after the other.
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.deps.cases.findByVin(check.vin);
      if (!current) throw new NotFoundError(validationMessages.caseNotFound(check.vin), 'vin');
      const event: CaseEvent = { ...(await this.admit(current, current.events, input, '')), actor, recordedAt: this.nowIso() };
      try {
        const stored = await this.deps.cases.appendEvent(current.id, current.version, event, this.derive(current, [...current.events, event]));
        this.deps.logger.info({ vin: stored.vin, event: event.type, stage: stored.stage, actor: actor.kind }, 'case event recorded');
        return this.view(stored, await this.dealerOf(stored));
      } catch (error) {
        if (error instanceof ConflictError && error.code === 'case_changed' && attempt < 3) continue;
        throw error;
      }
    }
  }

  /** A full VIN, or the last 6+ characters when they match exactly one VIN (409 `ambiguous_vin` otherwise). */
  async getCase(vinOrSuffix: string): Promise<CaseView> {
    const lookup = await this.lookup(vinOrSuffix);
    if (lookup.found) return lookup.view;
    const target = normalizeVinInput(vinOrSuffix);
    if (lookup.reason === 'ambiguous') {
      throw new ConflictError(validationMessages.ambiguousSuffix(target, lookup.candidates), 'vin', 'ambiguous_vin');
    }
    throw new NotFoundError(validationMessages.caseNotFound(target), 'vin');
  }

  /**
   * Finds a case by VIN or suffix, optionally among one dealer's cases only; invalid input is a
   * ValidationError (field `vin`).
   */
  async lookup(vinOrSuffix: string, dealerId?: string): Promise<CaseLookup> {
    const parsed = vinOrSuffixSchema.safeParse(vinOrSuffix);
    if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? 'The VIN is not valid.', 'vin', 'invalid_vin');
    if ('vin' in parsed.data) {
      const stored = await this.deps.cases.findByVin(parsed.data.vin, dealerId);
      return stored ? { found: true, view: this.view(stored, await this.dealerOf(stored)) } : { found: false, reason: 'notFound', candidates: [] };
    }
    const matches = await this.deps.cases.findBySuffix(parsed.data.suffix, maxSuffixMatches, dealerId);
    const only = matches[0];
    if (matches.length === 1 && only) return { found: true, view: this.view(only, await this.dealerOf(only)) };
    return { found: false, reason: matches.length === 0 ? 'notFound' : 'ambiguous', candidates: matches.map((match) => match.vin) };
  }

  async listCases(query: CaseListQuery): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
    const page = await this.deps.cases.list(
      {
        ...(query.dealerId === undefined ? {} : { dealerId: query.dealerId }),
        ...(query.stage === undefined ? {} : { stage: query.stage }),
        ...(query.overdue === 'true' ? { overdueAt: this.nowIso() } : {}),
        ...(query.overdue === 'false' ? { notOverdueAt: this.nowIso() } : {}),
      },
      { limit: query.limit, ...(query.cursor === undefined ? {} : { after: Number(query.cursor) }) },
    );
    const dealers = new Map<string, Dealer>();
    const items: CaseSummary[] = [];
    for (const stored of page.items) {
      const dealer = dealers.get(stored.dealerId) ?? (await this.dealerOf(stored));
      dealers.set(dealer.id, dealer);
      const { decision: _decision, timeline: _timeline, events: _events, dealer: _dealer, ...summary } = this.view(stored, dealer);
      items.push(summary);
    }
    return { items, nextCursor: page.next === null ? null : String(page.next) };
  }

  /** Validates one event against the case so far: its time, its fields, the order, and the release rules at pickup. */
  private async admit(current: CaseFacts, events: readonly CaseEvent[], input: CaseEventInput, fieldPrefix: string): Promise<CaseEvent> {
    const zone = stateTimeZone(current.state);
    const field = (name: string): string => `${fieldPrefix}${name}`;
    const at = this.eventTime(input.at, zone, field('at'));
    const returnStart = DateTime.fromISO(current.returnDate, { zone }).startOf('day');
    if (at < returnStart) throw new ValidationError(validationMessages.atBeforeReturn(current.returnDate), field('at'));
    if (at > this.deps.clock.now().plus({ minutes: futureToleranceMinutes })) throw new ValidationError(validationMessages.atInFuture, field('at'));

    const event: CaseEvent = { type: input.type, at: at.toUTC().toISO({ suppressMilliseconds: true }) ?? '' };
    if (input.note !== undefined && input.note !== '') event.note = input.note;
    if (input.type === 'pickedUp') {
      if (!input.by) throw new ValidationError(validationMessages.pickupNeedsParty, field('by'), 'missing_field');
      if (!input.document) throw new ValidationError(validationMessages.pickupNeedsDocument, field('document'), 'missing_field');
      event.by = input.by;
      event.document = input.document;
    } else {
      if (input.by !== undefined) throw new ValidationError(validationMessages.onlyForPickup('by'), field('by'));
      if (input.document !== undefined) throw new ValidationError(validationMessages.onlyForPickup('document'), field('document'));
    }

    const problem = checkTransition(processFactsOf(current.decision), events, event);
    if (problem) {
      const directory = this.deps.decisions.directory;
      throw new ConflictError(
        transitionMessage(problem, zone, current.state, {
          remarketingCenter: directory.reach('remarketingCenter'),
          dealerBuyout: { name: directory.require('dealerBuyout').name, reach: directory.reach('dealerBuyout') },
        }),
        field('type'),
        problem.kind === 'alreadyRecorded' ? 'already_recorded' : 'out_of_order',
      );
    }
    if (event.type === 'pickedUp' && event.by && event.document) {
      const release = await this.releaseDecision(current, event.by, event.document);
      if (!release.allowed) throw new ConflictError(releaseRefusedMessage(event.by, release.missing), field('document'), 'release_not_allowed');
    }
    return event;
  }

  /** The rules decide whether the vehicle may leave with this party against this document. */
  async releaseDecision(
    current: CaseFacts,
    by: 'buyingDealer' | 'transporter',
    document: PickupDocument,
  ): Promise<{ allowed: boolean; missing: 'proofOfSale' | 'billOfLading' | null }> {
    const decision = await this.deps.decisions.decide({
      state: current.state,
      maturityDate: current.maturityDate,
      returnDate: current.returnDate,
      intent: current.intent,
      hasAvrmAccess: current.hasAvrmAccess,
      pickup: { by, proofOfSale: document === 'proofOfSale', billOfLading: document === 'billOfLading' },
    });
    return { allowed: decision.pickup?.releaseAllowed === true, missing: decision.pickup?.missingDocument ?? null };
  }

  private eventTime(input: string | undefined, zone: string, field: string): DateTime {
    if (input === undefined) return this.deps.clock.now().setZone(zone);
    // Without an offset, the time is read on the dealership's clock.
    const parsed = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(input) ? DateTime.fromISO(input, { setZone: true }) : DateTime.fromISO(input, { zone });
    if (!parsed.isValid || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(input)) throw new ValidationError(validationMessages.atNotDateTime(input), field);
    return parsed.setZone(zone);
  }

  private derive(
    current: { returnDate: string; state: UsStateCode; decision: Decision },
    events: readonly CaseEvent[],
  ): { stage: CaseStage; nextDeadline: string | null; closedAt: string | null } {
    const timeline = this.timeline(current, events);
    // A pickup or a completed dealer purchase closes the case: nothing is due any more, so it never lists as overdue.
    const closing = closingEvent(events);
    return { stage: stageOf(events), nextDeadline: closing ? null : nextDeadline(timeline), closedAt: closing?.at ?? null };
  }

  private timeline(current: { returnDate: string; state: UsStateCode; decision: Decision }, events: readonly CaseEvent[]): TimelineStep[] {
    return computeTimeline({
      returnDate: current.returnDate,
      stateCode: current.state,
      zone: stateTimeZone(current.state),
      facts: processFactsOf(current.decision),
      notification: current.decision.notification,
      events,
      now: this.deps.clock.now(),
      text: this.timelineText,
    });
  }

  view(stored: StoredCase, dealer: Dealer): CaseView {
    const timeline = this.timeline(stored, stored.events);
    const closed = stored.closedAt !== null;
    // The timeline already marks what did not happen on a closed case notApplicable; this keeps the contract
    // (no next step, not overdue) even for a case stored before that rule.
    const next = closed ? null : (nextStep(timeline) ?? null);
    return {
      vin: stored.vin,
      dealerId: stored.dealerId,
      dealer: { id: dealer.id, name: dealer.name, state: dealer.state, phones: [...dealer.phones] },
      state: stored.state,
      timeZone: stateTimeZone(stored.state),
      maturityDate: stored.maturityDate,
      returnDate: stored.returnDate,
      intent: stored.intent,
      hasAvrmAccess: stored.hasAvrmAccess,
      stage: stored.stage,
      status: stored.closedAt === null ? 'open' : 'closed',
      openedAt: stored.openedAt,
      closedAt: stored.closedAt,
      events: stored.events.map(eventView),
      decision: stored.decision,
      timeline,
      nextStep: next,
      overdue: !closed && timeline.some((step) => step.status === 'overdue'),
      holdEndsAt: holdEndsAt(stored),
      nextSteps: stepsForStage(stored.decision, stored.stage),
      openedBy: stored.openedBy === undefined ? null : actorRef(stored.openedBy),
      ...possibleEvents(processFactsOf(stored.decision), stored.events, this.nowIso()),
    };
  }

  private async dealerOf(stored: StoredCase): Promise<Dealer> {
    const dealer = await this.deps.dealers.get(stored.dealerId);
    if (!dealer) throw new Error(`dealer ${stored.dealerId} of case ${stored.vin} is missing`);
    return dealer;
  }

  private nowIso(): string {
    return this.deps.clock.now().toUTC().toISO({ suppressMilliseconds: true }) ?? '';
  }
}

function eventView(event: CaseEvent): CaseEventView {
  const { actor, ...rest } = event;
  return { ...rest, recordedBy: actor === undefined ? null : actorRef(actor) };
}

function holdEndsAt(stored: StoredCase): string | null {
  const until = holdUntil(processFactsOf(stored.decision), stored.events);
  return until === null ? null : formatLocal(stateTimeZone(stored.state), Date.parse(until));
}

function dealerView(dealer: Dealer): DealerView {
  return { id: dealer.id, name: dealer.name, state: dealer.state, phones: [...dealer.phones], createdAt: dealer.createdAt };
}
