import { Engine, type RuleProperties, type RuleResult } from 'json-rules-engine';
import { LRUCache } from 'lru-cache';
import { daysBetween } from '../domain/calendar-date.ts';
import type { DecisionRequest } from '../domain/decision-request.ts';
import type { Decision, DecisionContact, QuoteKind, TraceEntry } from '../domain/decision.ts';
import { isBeforeStage, type CaseStage } from '../domain/return-case.ts';
import { stateName } from '../domain/us-states.ts';
import { ValidationError } from '../errors.ts';
import { ContactDirectory } from './contact-directory.ts';
import { factsIn, placeholdersIn, type RuleSet } from './rule-set.ts';
import { singleValuedEventTypes, type RuleDefinition, type RuleEvent } from './rule-set-schema.ts';

/** The rules broke an invariant (no rule, or two rules, decided the same thing): a defect in rules/, not bad input. */
export class ContradictionError extends ValidationError {
  constructor(
    message: string,
    field: string,
    readonly rule: string,
  ) {
    super(message, field, 'contradictory_intent');
  }
}

export class RuleOutcomeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleOutcomeError';
  }
}

type Facts = Record<string, string | number | boolean | null>;
type FiredRule = { rule: RuleDefinition; facts: Record<string, unknown> };

export interface DecisionServiceOptions {
  /**
   * How many distinct fact combinations to remember. A decision is a pure function of the facts and the
   * rule set (which never changes while the process runs), and json-rules-engine spends ~0.2 ms per
   * run, so repeated situations are answered from memory. 0 turns the memory off.
   */
  cacheSize?: number;
}

const adviceKeys = new Set(['contacts', 'steps']);

/**
 * Facts in, decision and trace out. All decisions come from the json-rules-engine rules in rules/;
 * this service only gathers facts and assembles the events the rules fire.
 *
 * A fresh Engine is built for every evaluation: an Engine keeps run state on itself, so two overlapping
 * run() calls on a shared one can lose results. The rule definitions themselves are parsed once.
 */
export class DecisionService {
  readonly directory: ContactDirectory;
  private readonly rulesByName: ReadonlyMap<string, RuleDefinition>;
  private readonly engineRules: readonly RuleProperties[];
  private readonly decisionByFacts: LRUCache<string, Decision> | undefined;

  constructor(
    readonly ruleSet: RuleSet,
    options: DecisionServiceOptions = {},
  ) {
    const cacheSize = options.cacheSize ?? 10_000;
    this.decisionByFacts = cacheSize > 0 ? new LRUCache({ max: cacheSize }) : undefined;
    this.directory = new ContactDirectory(ruleSet.contacts);
    this.rulesByName = new Map(ruleSet.rules.map((rule) => [rule.name, rule]));
    this.engineRules = ruleSet.rules.map((rule) => ({
      name: rule.name,
      priority: rule.priority,
      conditions: rule.conditions as RuleProperties['conditions'],
      event: rule.event,
    }));
  }

  get rulesVersion(): string {
    return this.ruleSet.version;
  }

  async decide(request: DecisionRequest): Promise<Decision> {
    const facts = this.factsFor(request);
    if (!this.decisionByFacts) return this.assemble(request, await this.run(facts));
    // Everything in a decision derives from the facts (the intent and state included), so equal facts
    // give an equal decision. Callers must not mutate what they get back.
    const key = JSON.stringify(facts);
    let decision = this.decisionByFacts.get(key);
    if (!decision) {
      decision = this.assemble(request, await this.run(facts));
      this.decisionByFacts.set(key, decision);
    }
    return decision;
  }

  /** Evaluates the rules without the memory of earlier evaluations (for the start-up check and benchmarks). */
  async decideUncached(request: DecisionRequest): Promise<Decision> {
    return this.assemble(request, await this.run(this.factsFor(request)));
  }

  /** The facts the rules read, gathered from the request; nothing here decides anything. */
  factsFor(request: DecisionRequest): Facts {
    return {
      state: request.state,
      intent: request.intent,
      hasAvrmAccess: request.hasAvrmAccess,
      daysBeforeMaturity: daysBetween(request.returnDate, request.maturityDate),
      normalMaturityWindowDays: this.ruleSet.parameters.normalMaturityWindowDays,
      pickupBy: request.pickup?.by ?? 'none',
      proofOfSale: request.pickup?.proofOfSale ?? false,
      billOfLading: request.pickup?.billOfLading ?? false,
      lesseeWantsToPurchase: wish(request.lesseeWantsToPurchase),
      dealerWantsToPurchase: wish(request.dealerWantsToPurchase),
    };
  }

  private async run(facts: Facts): Promise<FiredRule[]> {
    const engine = new Engine([...this.engineRules], { allowUndefinedFacts: false });
    const known: Record<string, unknown> = { ...facts };
    const fired: FiredRule[] = [];
    engine.on('success', (_event, almanac, ruleResult: RuleResult) => {
      const rule = this.rulesByName.get(ruleResult.name);
      if (!rule) return;
      fired.push({ rule, facts: pick(known, factsIn(rule.conditions)) });
      // What a rule decides becomes a fact for rules of lower priority (letters read the termination, ...).
      if (isSingleValued(rule.event)) {
        for (const [key, value] of Object.entries(rule.event.params)) {
          if (adviceKeys.has(key)) continue;
          known[key] = value;
          almanac.addRuntimeFact(key, value);
        }
      }
    });
    await engine.run(facts);
    return fired;
  }

  private assemble(request: DecisionRequest, fired: readonly FiredRule[]): Decision {
    const contradiction = fired.find(({ rule }) => rule.event.type === 'contradiction');
    if (contradiction?.rule.event.type === 'contradiction') {
      const { field, message } = contradiction.rule.event.params;
      throw new ContradictionError(message, field, contradiction.rule.name);
    }
    const decided = new Map<string, RuleEvent>();
    for (const { rule } of fired) {
      if (!isSingleValued(rule.event)) continue;
      if (decided.has(rule.event.type)) {
        throw new RuleOutcomeError(`two rules decided "${rule.event.type}" (the second is "${rule.name}")`);
      }
      decided.set(rule.event.type, rule.event);
    }
    const get = <T extends RuleEvent['type']>(type: T): Extract<RuleEvent, { type: T }> => {
      const event = decided.get(type);
      if (!event) throw new RuleOutcomeError(`no rule decided "${type}"`);
      return event as Extract<RuleEvent, { type: T }>;
    };
    const termination = get('termination').params;
    const quote = get('quote').params;
    const remarketing = get('remarketing').params;
    const notification = get('notification').params;
    const inspection = get('inspection').params;
    const letters = get('letters').params;
    const pickupEvent = decided.get('pickup');
    if (request.pickup && !pickupEvent) throw new RuleOutcomeError('no rule decided "pickup"');

    const eligibleQuotes: QuoteKind[] = [];
    const contactIds: string[] = [];
    const steps: { order: number; text: string; until: CaseStage | null }[] = [];
    const trace: TraceEntry[] = [];
    for (const { rule, facts } of fired) {
      const { event } = rule;
      if (event.type === 'eligibleQuote' && !eligibleQuotes.includes(event.params.eligibleQuote)) eligibleQuotes.push(event.params.eligibleQuote);
      for (const id of event.params.contacts ?? []) if (!contactIds.includes(id)) contactIds.push(id);
      for (const step of event.params.steps ?? []) {
        steps.push({ order: step.order, text: this.fillPlaceholders(step.text, request), until: step.until ?? null });
      }
      trace.push({ rule: rule.name, title: rule.title, source: rule.source, facts });
    }

    const contacts = contactIds.map((id) => this.directory.asDecisionContact(id)).filter((contact): contact is DecisionContact => contact !== undefined);
    const decision: Decision = {
      termination: termination.termination,
      quote: { type: request.intent, isReturnQuote: quote.isReturnQuote, requiresProofOfResale: quote.requiresProofOfResale },
      remarketing: { holdHours: remarketing.holdHours, startsImmediately: remarketing.startsImmediately },
      notification: {
        method: notification.notificationMethod,
        faxNumber: notification.faxContact === null ? null : this.directory.reach(notification.faxContact),
      },
      eligibleQuotes,
      inspection: { available: inspection.inspectionAvailable },
      letters: {
        etPreSaleLetter: letters.etPreSaleLetter,
        settlementLetter: letters.settlementLetter,
        settlementAfterAuctionSale: letters.settlementAfterAuctionSale,
      },
      contacts,
      ...orderedSteps(steps),
      trace,
      rulesVersion: this.ruleSet.version,
    };
    if (pickupEvent?.type === 'pickup') {
      decision.pickup = { releaseAllowed: pickupEvent.params.releaseAllowed, missingDocument: pickupEvent.params.missingDocument };
    }
    return decision;
  }

  private fillPlaceholders(text: string, request: DecisionRequest): string {
    let filled = text;
    for (const placeholder of placeholdersIn(text)) {
      const value = placeholder === 'stateName' ? `${stateName(request.state)} (${request.state})` : this.directory.reach(placeholder);
      filled = filled.replaceAll(new RegExp(`\\{\\{\\s*${placeholder}\\s*\\}\\}`, 'g'), value);
    }
    return filled;
  }
}

function isSingleValued(event: RuleEvent): boolean {
  return (singleValuedEventTypes as readonly string[]).includes(event.type);
}

function wish(value: boolean | undefined): 'yes' | 'no' | 'unknown' {
  if (value === undefined) return 'unknown';
  return value ? 'yes' : 'no';
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (key in source) picked[key] = source[key];
  return picked;
}

/** The steps in order, each text once, with the stage each stops applying at (a text given twice applies as long as either does). */
function orderedSteps(steps: { order: number; text: string; until: CaseStage | null }[]): { steps: string[]; stepsUntil: (CaseStage | null)[] } {
  const untilByText = new Map<string, CaseStage | null>();
  for (const step of [...steps].sort((a, b) => a.order - b.order)) {
    const known = untilByText.get(step.text);
    untilByText.set(
      step.text,
      known === undefined ? step.until : known === null || step.until === null ? null : isBeforeStage(known, step.until) ? step.until : known,
    );
  }
  return { steps: [...untilByText.keys()], stepsUntil: [...untilByText.values()] };
}
