import type { Intent } from '../../domain/decision-request.ts';
import type { Answer } from '../../knowledge/answer-schema.ts';
import { findNumbers, type NumberMention } from '../../knowledge/number-mentions.ts';
import type { Contact } from '../../rules/rule-set-schema.ts';
import type { Interpretation, InterpretationContext } from '../interpretation.ts';
import type { EvalItem, ExpectedFacts } from './eval-item-schema.ts';

/**
 * Scores the message reader on the understanding eval: what the dealer wants, each fact, the topic,
 * the key facts of the grounded answer, wrong numbers, and out-of-scope precision and recall. The
 * reader and the answer service come in as arguments, so the runner can be tested on a fake reader
 * and run on the real one unchanged.
 */

export type Interpreter = (text: string, context: InterpretationContext) => Interpretation | Promise<Interpretation>;

export interface EvalAnswerer {
  answer(input: { question: string; channel?: 'chat' | 'sms' | 'console' | 'api' }): Promise<Answer>;
}

export interface UnderstandingEvalDeps {
  readonly interpret: Interpreter;
  readonly answers: EvalAnswerer;
  /** The contact directory (rules/contacts.json): the only phone and fax numbers an answer may give. */
  readonly contacts: readonly Contact[];
}

export interface Ratio {
  readonly passed: number;
  readonly total: number;
}

export interface ItemResult {
  readonly item: EvalItem;
  readonly interpretation: Interpretation | undefined;
  readonly answer: Answer | undefined;
  readonly wantOk: boolean;
  /** Numbers in the answer that are not the directory number(s) this message needs. */
  readonly wrongNumbers: readonly string[];
  readonly failures: readonly string[];
}

export interface UnderstandingReport {
  readonly results: readonly ItemResult[];
  /** `want` alone. */
  readonly want: Ratio;
  /** `want` plus the task, navigation or small-talk kind when the item names one. */
  readonly wantDetail: Ratio;
  /** Expected facts read right (one per expected fact, didYouMean included). */
  readonly facts: Ratio;
  /** Facts the reader stated that the item does not (a field not expected, or implied by nothing expected). */
  readonly falseFacts: number;
  /** Items whose facts are all right and carry no false fact. */
  readonly factItems: Ratio;
  /** Facts whose `words` are not part of the message (the contract says they must be). */
  readonly wordsNotInMessage: number;
  readonly perField: Readonly<Record<string, { readonly right: number; readonly expected: number; readonly falseFacts: number }>>;
  readonly topics: Ratio;
  readonly answers: Ratio;
  readonly wrongNumbers: number;
  readonly outOfScopePrecision: Ratio;
  readonly outOfScopeRecall: Ratio;
  /**
   * Messages understood and answered right, the issue's measure for a message: what is wanted (with its kind),
   * every fact (and no false one), and, when an answer is expected, all its key facts with no wrong number.
   */
  readonly understoodAndAnswered: Ratio;
  /** Messages the reader threw on (each counts as wrong everywhere). */
  readonly errors: number;
}

// ---------------------------------------------------------------------------------------------------
// Numbers: a phone or fax number with its menu option is one directory reference ("8772909544#2").

const phonePattern = /(?:\+?1[\s.-]?)?\(?\b(\d{3})\)?[\s.-]?(\d{3})[\s.-](\d{4})\b(?:\s*[,;]?\s*(?:option|opt\.?|press|ext\.?|extension)\s*#?\s*(\d+))?/gi;

/** The phone/fax references in a text, and the text with them blanked out (so counts are read apart). */
export function numberReferences(text: string): { refs: string[]; rest: string } {
  const refs: string[] = [];
  const rest = text.replace(phonePattern, (match: string, area: string, exchange: string, line: string, option: string | undefined) => {
    refs.push(`${area}${exchange}${line}${option === undefined ? '' : `#${Number(option)}`}`);
    return ' '.repeat(match.length);
  });
  return { refs, rest };
}

/** Every number the directory gives, as references: phones with their option, faxes. */
export function directoryReferences(contacts: readonly Contact[]): Set<string> {
  const refs = new Set<string>();
  for (const contact of contacts) {
    if (contact.kind === 'phone') refs.add(`${contact.phone.replace(/\D/g, '').slice(-10)}${contact.option === undefined ? '' : `#${contact.option}`}`);
    if (contact.kind === 'fax') refs.add(contact.fax.replace(/\D/g, '').slice(-10));
  }
  return refs;
}

const counts = (text: string): NumberMention[] => findNumbers(text).filter((mention) => mention.kind !== 'phone');
const sameCount = (a: NumberMention, b: NumberMention): boolean => a.kind === b.kind && a.value === b.value;
// "3rd party" and "third-party" are one word to a reader (the process writes both).
const normalised = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[‐-―]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/\b(?:3rd|third)[- ]party\b/g, 'third-party');
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A key fact is in an answer when its numbers are (the same directory reference; the same count of
 * the same unit, however it is spelled) or, for words, when they appear as words (case-insensitive).
 */
export function containsKey(answerText: string, key: string): boolean {
  const keyNumbers = numberReferences(key);
  // "option 4" on its own: the option of whichever line the answer gives.
  const keyOptions: string[] = [];
  const keyRest = keyNumbers.rest.replace(/\boption\s*(\d+)\b/gi, (match: string, option: string) => {
    keyOptions.push(`#${Number(option)}`);
    return ' '.repeat(match.length);
  });
  const keyCounts = counts(keyRest);
  // The key's words themselves, as written ("1 to 5" in "1 to 5 days"), are always there.
  const asWords = new RegExp(`(?:^|\\W)${escapeRegExp(normalised(key))}(?:$|\\W)`).test(normalised(answerText));
  if (asWords || (keyNumbers.refs.length === 0 && keyOptions.length === 0 && keyCounts.length === 0)) return asWords;
  const answerNumbers = numberReferences(answerText);
  const answerCounts = counts(answerNumbers.rest);
  return (
    // A number given without its option ("877-290-9544") is there when any of its options is.
    keyNumbers.refs.every((ref) => answerNumbers.refs.some((given) => given === ref || (!ref.includes('#') && given.startsWith(`${ref}#`)))) &&
    keyOptions.every((option) => answerNumbers.refs.some((ref) => ref.endsWith(option))) &&
    keyCounts.every((count) => answerCounts.some((other) => sameCount(count, other)))
  );
}

// ---------------------------------------------------------------------------------------------------
// Facts: an intent and the purchase wishes say the same thing in two ways, so one may stand for the other.

type FactField = keyof ExpectedFacts;
type Wishes = { dealerWantsToPurchase: boolean; lesseeWantsToPurchase: boolean };
type MaybeWishes = { [K in keyof Wishes]?: Wishes[K] | undefined };
const wishesOf: Record<Intent, Wishes> = {
  lesseeReturn: { dealerWantsToPurchase: false, lesseeWantsToPurchase: false },
  dealerPurchaseForInventory: { dealerWantsToPurchase: true, lesseeWantsToPurchase: false },
  dealerPurchaseForLessee: { dealerWantsToPurchase: true, lesseeWantsToPurchase: true },
};
const wishFields = ['dealerWantsToPurchase', 'lesseeWantsToPurchase'] as const;

/** The one intent the wishes leave possible, if only one is. */
function intentOfWishes(wishes: MaybeWishes): Intent | undefined {
  if (wishes.dealerWantsToPurchase === undefined && wishes.lesseeWantsToPurchase === undefined) return undefined;
  const candidates = (Object.keys(wishesOf) as Intent[]).filter((intent) =>
    wishFields.every((field) => wishes[field] === undefined || wishes[field] === wishesOf[intent][field]),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

function factValues(interpretation: Interpretation): Partial<Record<FactField, unknown>> {
  const values: Partial<Record<FactField, unknown>> = {};
  for (const [field, fact] of Object.entries(interpretation.facts) as [FactField, { value: unknown } | undefined][]) if (fact) values[field] = fact.value;
  return values;
}

function expectedFactRight(field: FactField, expected: unknown, actual: Partial<Record<FactField, unknown>>): boolean {
  if (JSON.stringify(actual[field]) === JSON.stringify(expected)) return true;
  if (actual[field] !== undefined) return false;
  if (field === 'intent') return intentOfWishes(actual as MaybeWishes) === expected;
  if (field === 'dealerWantsToPurchase' || field === 'lesseeWantsToPurchase') {
    const intent = actual.intent as Intent | undefined;
    return intent !== undefined && wishesOf[intent][field] === expected;
  }
  return false;
}

/** A stated fact the item does not expect, unless what the item expects implies it. */
function isFalseFact(field: FactField, value: unknown, expected: ExpectedFacts): boolean {
  if (expected[field] !== undefined) return false; // right or wrong, it is scored as an expected fact
  if (field === 'intent') return intentOfWishes(expected) !== value;
  if (field === 'dealerWantsToPurchase' || field === 'lesseeWantsToPurchase')
    return expected.intent === undefined || wishesOf[expected.intent][field] !== value;
  return true;
}

// ---------------------------------------------------------------------------------------------------

interface Tally {
  right: number;
  expected: number;
  falseFacts: number;
}

/** Reads every message (one at a time, as dealers send them), asks the answers it needs, scores them. */
export async function runUnderstandingEval(items: readonly EvalItem[], deps: UnderstandingEvalDeps): Promise<UnderstandingReport> {
  const directory = directoryReferences(deps.contacts);
  const perField: Record<string, Tally> = {};
  const tally = (field: string): Tally => {
    perField[field] ??= { right: 0, expected: 0, falseFacts: 0 };
    return perField[field];
  };
  const results: ItemResult[] = [];
  let errors = 0;
  let wordsNotInMessage = 0;
  const wanted = { want: 0, detail: 0 };
  const factRatio = { passed: 0, total: 0 };
  const factItems = { passed: 0, total: 0 };
  const topicRatio = { passed: 0, total: 0 };
  const answerRatio = { passed: 0, total: 0 };
  const understood = { passed: 0, total: 0 };
  let falseFacts = 0;
  let wrongNumberCount = 0;

  for (const item of items) {
    const failures: string[] = [];
    let interpretation: Interpretation | undefined;
    try {
      interpretation = await deps.interpret(item.text, item.context);
    } catch (error) {
      errors += 1;
      failures.push(`the reader threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    const { expect } = item;

    // What the dealer wants.
    const wantOk = interpretation?.want === expect.want;
    if (wantOk) wanted.want += 1;
    else if (interpretation) failures.push(`want ${interpretation.want}, expected ${expect.want}`);
    const detailOk =
      wantOk &&
      (expect.task === undefined || interpretation?.task === expect.task) &&
      (expect.navigation === undefined || interpretation?.navigation === expect.navigation) &&
      (expect.smallTalk === undefined || interpretation?.smallTalk === expect.smallTalk);
    if (detailOk) wanted.detail += 1;
    else if (wantOk)
      failures.push(
        `${expect.want} ${interpretation?.task ?? interpretation?.navigation ?? interpretation?.smallTalk ?? '(none)'}, expected ${expect.task ?? expect.navigation ?? expect.smallTalk}`,
      );

    // Facts.
    const actual = interpretation ? factValues(interpretation) : {};
    let itemFactsOk = true;
    for (const [field, value] of Object.entries(expect.facts) as [FactField, unknown][]) {
      if (value === undefined) continue;
      const entry = tally(field);
      entry.expected += 1;
      factRatio.total += 1;
      if (expectedFactRight(field, value, actual)) {
        entry.right += 1;
        factRatio.passed += 1;
      } else {
        itemFactsOk = false;
        failures.push(`fact ${field} read as ${JSON.stringify(actual[field])}, expected ${JSON.stringify(value)}`);
      }
    }
    for (const [field, value] of Object.entries(actual) as [FactField, unknown][]) {
      if (!isFalseFact(field, value, expect.facts)) continue;
      tally(field).falseFacts += 1;
      falseFacts += 1;
      itemFactsOk = false;
      failures.push(`false fact ${field} = ${JSON.stringify(value)}`);
    }
    if (expect.didYouMean !== undefined) {
      const entry = tally('didYouMean');
      entry.expected += 1;
      factRatio.total += 1;
      if (interpretation?.didYouMean?.value === expect.didYouMean) {
        entry.right += 1;
        factRatio.passed += 1;
      } else {
        itemFactsOk = false;
        failures.push(`didYouMean ${JSON.stringify(interpretation?.didYouMean?.value)}, expected ${expect.didYouMean}`);
      }
    } else if (interpretation?.didYouMean) {
      tally('didYouMean').falseFacts += 1;
      falseFacts += 1;
      itemFactsOk = false;
      failures.push(`false didYouMean ${interpretation.didYouMean.value}`);
    }
    if (interpretation) {
      for (const fact of Object.values(interpretation.facts) as ({ words: string } | undefined)[]) {
        if (fact && !item.text.toLowerCase().includes(fact.words.toLowerCase())) wordsNotInMessage += 1;
      }
    }
    factItems.total += 1;
    if (itemFactsOk && interpretation) factItems.passed += 1;

    // Topics.
    if (expect.topics) {
      topicRatio.total += 1;
      const found = interpretation?.topics ?? [];
      const missing = expect.topics.filter((topic) => !found.includes(topic));
      if (missing.length === 0) topicRatio.passed += 1;
      else failures.push(`topic(s) ${missing.join(', ')} not found (found: ${found.join(', ') || 'none'})`);
    }

    // The answer's key facts and numbers.
    let answer: Answer | undefined;
    let answerOk = true;
    const wrongNumbers: string[] = [];
    if (expect.answer) {
      answerRatio.total += 1;
      try {
        answer = await deps.answers.answer({ question: item.text, channel: item.context.channel });
      } catch (error) {
        failures.push(`the answer service threw: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (answer) {
        const missing = expect.answer.mustContain.filter((key) => !containsKey(answer?.answer ?? '', key));
        const forbidden = (expect.answer.mustNotContain ?? []).filter((key) => containsKey(answer?.answer ?? '', key));
        if (missing.length === 0 && forbidden.length === 0) answerRatio.passed += 1;
        else answerOk = false;
        if (missing.length > 0) failures.push(`answer lacks ${missing.map((key) => `"${key}"`).join(', ')}`);
        if (forbidden.length > 0) failures.push(`answer states ${forbidden.map((key) => `"${key}"`).join(', ')}`);
        wrongNumbers.push(...wrongNumbersOf(answer.answer, expect.answer, directory));
        if (wrongNumbers.length > 0) {
          failures.push(`wrong number(s): ${wrongNumbers.join(', ')}`);
          answerOk = false;
        }
        wrongNumberCount += wrongNumbers.length;
      }
    }
    if (expect.answer && !answer) answerOk = false;
    understood.total += 1;
    if (detailOk && itemFactsOk && interpretation && answerOk) understood.passed += 1;
    results.push({ item, interpretation, answer, wantOk, wrongNumbers, failures });
  }

  const saidOutOfScope = results.filter((result) => result.interpretation?.want === 'outOfScope');
  const isOutOfScope = results.filter((result) => result.item.expect.outOfScope);
  return {
    results,
    want: { passed: wanted.want, total: items.length },
    wantDetail: { passed: wanted.detail, total: items.length },
    facts: factRatio,
    falseFacts,
    factItems,
    wordsNotInMessage,
    perField,
    topics: topicRatio,
    answers: answerRatio,
    wrongNumbers: wrongNumberCount,
    outOfScopePrecision: { passed: saidOutOfScope.filter((result) => result.item.expect.outOfScope).length, total: saidOutOfScope.length },
    outOfScopeRecall: { passed: isOutOfScope.filter((result) => result.interpretation?.want === 'outOfScope').length, total: isOutOfScope.length },
    understoodAndAnswered: understood,
    errors,
  };
}

/**
 * A number in the answer is wrong when it is not in the directory at all, when the item names it as
 * wrong, or when the item expects particular numbers and this is none of them (nor one it allows).
 */
function wrongNumbersOf(answerText: string, expected: NonNullable<EvalItem['expect']['answer']>, directory: ReadonlySet<string>): string[] {
  const refsOf = (keys: readonly string[] | undefined): Set<string> => new Set((keys ?? []).flatMap((key) => numberReferences(key).refs));
  const required = refsOf(expected.mustContain);
  const allowed = new Set([...required, ...refsOf(expected.mayContain)]);
  const forbidden = refsOf(expected.mustNotContain);
  const wrong = numberReferences(answerText).refs.filter((ref) => !directory.has(ref) || forbidden.has(ref) || (required.size > 0 && !allowed.has(ref)));
  return [...new Set(wrong)].map(formatReference);
}

function formatReference(ref: string): string {
  const [digits = '', option] = ref.split('#');
  const phone = `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  return option === undefined ? phone : `${phone}, option ${option}`;
}

// ---------------------------------------------------------------------------------------------------

const percent = (ratio: Ratio): string => (ratio.total === 0 ? 'n/a' : `${((100 * ratio.passed) / ratio.total).toFixed(1)}% (${ratio.passed}/${ratio.total})`);

/** A compact table for one part; with `verbose`, every item that failed and why. */
export function formatUnderstandingReport(part: string, report: UnderstandingReport, verbose = false): string {
  const row = (label: string, value: string): string => `  ${label.padEnd(34)}${value}`;
  const lines = [
    `Understanding eval, ${part} part: ${report.results.length} messages${report.errors > 0 ? `, ${report.errors} the reader threw on` : ''}`,
    row('What the dealer wants', percent(report.want)),
    row('  with task/navigation/small talk', percent(report.wantDetail)),
    row('Facts read right', percent(report.facts)),
    row('False facts (stated, not said)', String(report.falseFacts)),
    row('Messages with all facts right', percent(report.factItems)),
    row('Topics', percent(report.topics)),
    row('Answer key facts', percent(report.answers)),
    row('Wrong numbers (must be 0)', String(report.wrongNumbers)),
    row('Out-of-scope precision', percent(report.outOfScopePrecision)),
    row('Out-of-scope recall', percent(report.outOfScopeRecall)),
    row('Understood and answered right', percent(report.understoodAndAnswered)),
  ];
  if (report.wordsNotInMessage > 0) lines.push(row('Facts whose words are not in the text', String(report.wordsNotInMessage)));
  const fields = Object.entries(report.perField).sort(([a], [b]) => a.localeCompare(b));
  if (fields.length > 0) {
    lines.push(
      `  per fact: ${fields.map(([field, entry]) => `${field} ${entry.right}/${entry.expected}${entry.falseFacts > 0 ? ` (+${entry.falseFacts} false)` : ''}`).join(', ')}`,
    );
  }
  const byCategory = new Map<string, { ok: number; total: number }>();
  for (const result of report.results) {
    const entry = byCategory.get(result.item.category) ?? { ok: 0, total: 0 };
    entry.total += 1;
    if (result.failures.length === 0) entry.ok += 1;
    byCategory.set(result.item.category, entry);
  }
  lines.push(`  fully right by category: ${[...byCategory].map(([category, entry]) => `${category} ${entry.ok}/${entry.total}`).join(', ')}`);
  if (verbose) {
    const failed = report.results.filter((result) => result.failures.length > 0);
    lines.push('', failed.length === 0 ? '  No failures.' : `  Failures (${failed.length}):`);
    for (const result of failed) {
      const pending = result.item.context.pendingField ? `, waiting for ${result.item.context.pendingField}` : '';
      lines.push(`  - ${result.item.id} [${result.item.context.channel}${pending}]: "${result.item.text}"`);
      if (result.answer)
        lines.push(`      answer${result.answer.outOfScope ? ' (out of scope)' : ''}: ${result.answer.answer.replace(/\s+/g, ' ').slice(0, 300)}`);
      for (const failure of result.failures) lines.push(`      ✗ ${failure}`);
    }
  }
  return lines.join('\n');
}
