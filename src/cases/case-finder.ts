import type { DateTime } from 'luxon';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { parsePhoneSpelling } from '../domain/phone-spelling.ts';
import { holdUntil, processFactsOf, type CaseStage } from '../domain/return-case.ts';
import { safeText } from '../domain/safe-text.ts';
import type { TimelineStep } from '../domain/timeline.ts';
import { stateTimeZone, usStateCodes, type UsStateCode } from '../domain/us-states.ts';
import { vinOrSuffixSchema } from '../domain/vin-schema.ts';
import type { CaseRepository, Dealer, DealerRepository, StoredCase } from '../storage/repositories.ts';
import type { CaseService } from './case-service.ts';
import { finderText } from './finder-messages.ts';

/** What the finder asks storage (sqlite-case-queries.ts): case and dealer ids only. */
export interface CaseQueries {
  dealerIdsByName(fragment: string, limit: number): Promise<string[]>;
  /** Newest case first. */
  caseIdsForDealers(dealerIds: readonly string[], limit: number): Promise<number[]>;
  /** Open cases whose next deadline has passed, the longest overdue first. */
  overdueCaseIds(now: string, limit: number): Promise<number[]>;
  overdueCount(now: string): Promise<number>;
  /** Open cases in these states whose next deadline is in [from, to], soonest first, and how many there are. */
  openCasesWithDeadlineBetween(from: string, to: string, states: readonly string[], limit: number): Promise<{ ids: number[]; count: number }>;
  /** Open dealer-purchase cases notified at or after `since` and not yet past the notification stage. */
  openDealerPurchasesNotifiedSince(since: string, limit: number): Promise<number[]>;
}

/** One case in a search result or a queue: what an agent needs to pick the right one. */
export interface CaseRow {
  kind: 'case';
  vin: string;
  dealer: { id: string; name: string; phones: string[] };
  state: UsStateCode;
  timeZone: string;
  stage: CaseStage;
  status: 'open' | 'closed';
  openedAt: string;
  nextStep: Pick<TimelineStep, 'step' | 'label' | 'status' | 'expectedBy'> | null;
  /** What the row is listed for: the next deadline, or when the dealer-purchase hold ends (UTC ISO). */
  due: string | null;
  overdue: boolean;
}

export type MatchKind = 'vin' | 'vinSuffix' | 'dealerName' | 'dealerPhone';

export interface SearchResult {
  query: string;
  matchedBy: MatchKind[];
  rows: CaseRow[];
}

/**
 * A queue of the console (issue 15). `rows` are cases here; a queue of another kind (helper D's
 * handoffs) has rows of its own `kind`. Add a queue by adding a QueueSource (see queue-routes.ts).
 */
export interface Queue {
  id: string;
  title: string;
  count: number;
  rows: readonly { kind: string }[];
}

export const searchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(2, 'give at least 2 characters: a VIN or its last 6+, a dealer name, or a phone number')
    .max(100, 'is longer than 100 characters')
    .check(safeText()),
});

const searchLimit = 50;
const queueLimit = 50;
/** A hold ending within this many hours is listed. */
const holdWindowHours = 24;

export interface CaseFinderDeps {
  cases: CaseService;
  caseRepository: CaseRepository;
  dealers: DealerRepository;
  queries: CaseQueries;
  clock: Clock;
}

/**
 * Finds cases by what a caller says (issue 15): a full VIN or its last 6+ characters, a dealer's name
 * (any part, any case), or a dealer's phone (as people spell it). One box, so one query may match in
 * several ways; every way is tried and the rows are merged, newest case per VIN.
 */
export class CaseFinder {
  constructor(private readonly deps: CaseFinderDeps) {}

  async search(query: string): Promise<SearchResult> {
    const matchedBy: MatchKind[] = [];
    const found: StoredCase[] = [];
    const vin = vinOrSuffixSchema.safeParse(query);
    if (vin.success) {
      if ('vin' in vin.data) {
        const stored = await this.deps.caseRepository.findByVin(vin.data.vin);
        if (stored) found.push(stored);
        matchedBy.push('vin');
      } else {
        found.push(...(await this.deps.caseRepository.findBySuffix(vin.data.suffix, searchLimit)));
        matchedBy.push('vinSuffix');
      }
    }
    const dealerIds: string[] = [];
    const phone = parsePhoneSpelling(query);
    if (phone) {
      const dealer = await this.deps.dealers.findByPhone(phone);
      if (dealer) dealerIds.push(dealer.id);
      matchedBy.push('dealerPhone');
    }
    if (/\p{L}/u.test(query)) {
      dealerIds.push(...(await this.deps.queries.dealerIdsByName(query, searchLimit)));
      matchedBy.push('dealerName');
    }
    if (dealerIds.length > 0) {
      found.push(...(await this.deps.caseRepository.findByIds(await this.deps.queries.caseIdsForDealers([...new Set(dealerIds)], searchLimit * 4))));
    }
    const newestPerVin = new Map<string, StoredCase>();
    for (const stored of found) {
      const known = newestPerVin.get(stored.vin);
      if (!known || known.id < stored.id) newestPerVin.set(stored.vin, stored);
    }
    // Open cases first (the ones a caller is usually about), then the newest.
    const ordered = [...newestPerVin.values()].sort((a, b) => Number(a.closedAt !== null) - Number(b.closedAt !== null) || b.id - a.id);
    return { query, matchedBy, rows: await this.rows(ordered.slice(0, searchLimit), (stored) => stored.nextDeadline) };
  }

  /** The three case queues, each with its count: overdue, due today, dealer-purchase holds ending within 24 hours. */
  async caseQueues(): Promise<Queue[]> {
    return [await this.overdue(), await this.dueToday(), await this.holdsEnding()];
  }

  async overdue(): Promise<Queue> {
    const now = this.nowIso();
    const ids = await this.deps.queries.overdueCaseIds(now, queueLimit);
    const rows = await this.rows(await this.deps.caseRepository.findByIds(ids), (stored) => stored.nextDeadline);
    return { id: 'overdue', title: finderText.overdue, count: await this.deps.queries.overdueCount(now), rows };
  }

  /**
   * Open cases whose next step is due by the end of today at the dealership (not yet late). "Today"
   * ends at a different instant in each zone, so the states are asked zone by zone.
   */
  async dueToday(): Promise<Queue> {
    const now = this.deps.clock.now();
    const found: { ids: number[]; count: number }[] = [];
    for (const [zone, states] of statesByZone) {
      // Whole seconds: stored deadlines are ISO strings compared as text ("…:59Z" and "…:59.999Z" alike).
      const endOfToday = now.setZone(zone).endOf('day').startOf('second');
      found.push(await this.deps.queries.openCasesWithDeadlineBetween(iso(now), iso(endOfToday), states, queueLimit));
    }
    const stored = (await this.deps.caseRepository.findByIds(found.flatMap((part) => part.ids)))
      .sort((a, b) => Date.parse(a.nextDeadline ?? '') - Date.parse(b.nextDeadline ?? '') || a.id - b.id)
      .slice(0, queueLimit);
    const count = found.reduce((sum, part) => sum + part.count, 0);
    return { id: 'dueToday', title: finderText.dueToday, count, rows: await this.rows(stored, (item) => item.nextDeadline) };
  }

  /** Dealer purchases whose 72-hour remarketing hold ends within 24 hours: finalize, or Ally starts remarketing. */
  async holdsEnding(): Promise<Queue> {
    const now = this.deps.clock.now();
    const end = now.plus({ hours: holdWindowHours }).toMillis();
    // A hold runs at most a few days; a week back covers any hold length the rules might set.
    const candidates = await this.deps.queries.openDealerPurchasesNotifiedSince(iso(now.minus({ days: 7 })), 5_000);
    const ending: { stored: StoredCase; until: string }[] = [];
    for (const stored of await this.deps.caseRepository.findByIds(candidates)) {
      const until = holdUntil(processFactsOf(stored.decision), stored.events);
      if (until === null) continue;
      const untilMs = Date.parse(until);
      if (untilMs >= now.toMillis() && untilMs <= end) ending.push({ stored, until });
    }
    ending.sort((a, b) => Date.parse(a.until) - Date.parse(b.until));
    const untilByCase = new Map(ending.map((item) => [item.stored.id, item.until]));
    const rows = await this.rows(
      ending.slice(0, queueLimit).map((item) => item.stored),
      (stored) => untilByCase.get(stored.id) ?? null,
    );
    return { id: 'holdsEnding', title: finderText.holdsEnding, count: ending.length, rows };
  }

  private async rows(stored: readonly StoredCase[], dueOf: (stored: StoredCase) => string | null): Promise<CaseRow[]> {
    const dealers = new Map<string, Dealer>();
    const rows: CaseRow[] = [];
    for (const item of stored) {
      let dealer = dealers.get(item.dealerId);
      if (!dealer) {
        dealer = (await this.deps.dealers.get(item.dealerId)) ?? placeholderDealer(item);
        dealers.set(item.dealerId, dealer);
      }
      const view = this.deps.cases.view(item, dealer);
      rows.push({
        kind: 'case',
        vin: view.vin,
        dealer: { id: dealer.id, name: dealer.name, phones: [...dealer.phones] },
        state: view.state,
        timeZone: view.timeZone,
        stage: view.stage,
        status: view.status,
        openedAt: view.openedAt,
        nextStep: view.nextStep
          ? { step: view.nextStep.step, label: view.nextStep.label, status: view.nextStep.status, expectedBy: view.nextStep.expectedBy }
          : null,
        due: dueOf(item),
        overdue: view.overdue,
      });
    }
    return rows;
  }

  private nowIso(): string {
    return iso(this.deps.clock.now());
  }
}

/** The states of each time zone (a state's cases count their days in its zone, see us-states.ts). */
const statesByZone = new Map<string, UsStateCode[]>();
for (const code of usStateCodes) statesByZone.set(stateTimeZone(code), [...(statesByZone.get(stateTimeZone(code)) ?? []), code]);

function iso(time: DateTime): string {
  return time.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

/** A case's dealer is always stored; this stands in only so a row still lists if it were not. */
function placeholderDealer(stored: StoredCase): Dealer {
  return { id: stored.dealerId, name: stored.dealerId, state: stored.state, phones: [], createdAt: stored.openedAt };
}
