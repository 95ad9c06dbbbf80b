import { DialogTurnStatus, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { decisionRequestSchema, type DecisionRequest } from '../src/domain/decision-request.ts';
import { isUsStateCode, stateName, stateTimeZone } from '../src/domain/us-states.ts';
import { ValidationError } from '../src/errors.ts';
import type { Interpretation } from '../src/understanding/index.ts';
import type { AssistantServices } from './assistant-services.ts';
import { matchChoice } from './choice-matching.ts';
import type { DealerProfiles } from './dealer-profile.ts';
import {
  AVRM_PROMPT,
  INTENT_PROMPT,
  MATURITY_DATE_PROMPT,
  OPEN_CASE_PROMPT,
  OPEN_CASE_WATERFALL,
  RETURN_DATE_PROMPT,
  RETURN_WALKTHROUGH_DIALOG,
  RETURN_WALKTHROUGH_WATERFALL,
  STATE_PROMPT,
  VIN_PROMPT,
} from './dialog-ids.ts';
import { FieldPrompt, fieldPromptOptions, GAVE_UP, maxAttempts } from './field-prompt.ts';
import { parseChoice, parseDate, parseIntent, parseOptionalVin, parseState } from './input-parsers.ts';
import { dealerServiceCenterOf, InterruptibleDialog, type InterruptionDeps } from './interruptible-dialog.ts';
import { commonMessages } from './messages/common-messages.ts';
import { formatMoment } from '../src/cases/case-messages.ts';
import { localDate } from '../src/domain/zoned-time.ts';
import { decisionReply } from './messages/decision-messages.ts';
import { inputMessages } from './messages/input-messages.ts';
import { fieldLabels, describeAnswer, intentChoices, notedAnswer, skipWords, walkthroughMessages, yesNoChoices } from './messages/walkthrough-messages.ts';
import { valuesOf, waterfallValuesIn } from './step-values.ts';
import { say } from './turn-replies.ts';
import { dealerScopeOf } from './dealer-scope.ts';
import { openCaseChoices, openCaseMessages } from './messages/open-case-messages.ts';
import { nowMillis } from '../src/clock.ts';

/** The walkthrough's answers in the order they are asked; the values keep them under these (decision-request) names. */
export const walkthroughFields = ['state', 'maturityDate', 'returnDate', 'intent', 'hasAvrmAccess', 'vin'] as const;
export type WalkthroughField = (typeof walkthroughFields)[number];
export type WalkthroughAnswers = Partial<Record<WalkthroughField, unknown>>;

const promptOf: Record<WalkthroughField, string> = {
  state: STATE_PROMPT,
  maturityDate: MATURITY_DATE_PROMPT,
  returnDate: RETURN_DATE_PROMPT,
  intent: INTENT_PROMPT,
  hasAvrmAccess: AVRM_PROMPT,
  vin: VIN_PROMPT,
};

function fieldOfPrompt(promptId: string | undefined): WalkthroughField | undefined {
  return walkthroughFields.find((field) => promptOf[field] === promptId);
}

/** A step whose question was already answered (by an earlier message) passes this on instead of an answer. */
const SKIPPED = '\u0000skipped';

/** The walkthrough can start with answers already known (the first message, a decision being redone, a pause). */
export const walkthroughOptionsSchema = z.object({ values: z.record(z.string(), z.unknown()).optional() });
export type WalkthroughOptions = z.infer<typeof walkthroughOptionsSchema>;

/** The walkthrough's answers a message states, in the values' own terms (AVRM access a boolean). */
export function answersStated(reading: Interpretation): WalkthroughAnswers {
  const { facts } = reading;
  const answers: WalkthroughAnswers = {};
  if (facts.state) answers.state = facts.state.value;
  if (facts.maturityDate) answers.maturityDate = facts.maturityDate.value;
  if (facts.returnDate) answers.returnDate = facts.returnDate.value;
  const intent = facts.intent?.value ?? (facts.lesseeWantsToPurchase?.value === true ? 'dealerPurchaseForLessee' : undefined);
  if (intent) answers.intent = intent;
  if (facts.hasAvrmAccess) answers.hasAvrmAccess = facts.hasAvrmAccess.value;
  if (facts.vin) answers.vin = facts.vin.value;
  return answers;
}

/** What taking stated answers changed, in words for `walkthroughMessages.changes`. */
export interface AnswerChanges {
  changed: string[];
  noted: string[];
  yearsAssumed: string[];
}

/**
 * Writes stated answers into `values` (all but `except`, the one a waiting prompt takes itself) and
 * says which earlier answers changed and which were new.
 */
export function takeStatedAnswers(
  values: Record<string, unknown>,
  stated: WalkthroughAnswers,
  reading: Interpretation,
  except?: WalkthroughField,
): AnswerChanges {
  const changes: AnswerChanges = { changed: [], noted: [], yearsAssumed: [] };
  for (const field of walkthroughFields) {
    if (!(field in stated) || field === except) continue;
    const value = stated[field];
    const before = values[field];
    if (before === value) continue;
    if (before !== undefined && before !== '') changes.changed.push(`${fieldLabels[field]} to ${describeAnswer(field, value)}`);
    else changes.noted.push(notedAnswer(field, value));
    values[field] = value;
  }
  changes.yearsAssumed = reading.yearsAssumed
    .filter((assumed) => assumed.field in stated)
    .map((assumed) => `${assumed.year} for ${fieldLabels[assumed.field]}`);
  return changes;
}

export function hasChanges(changes: AnswerChanges): boolean {
  return changes.changed.length + changes.noted.length + changes.yearsAssumed.length > 0;
}

/**
 * "A car is coming back": state, maturity date, return date, intent, AVRM access and (optionally) the
 * VIN, then the decision with its why, next steps and the right numbers. Answers are kept in the
 * waterfall's values under the decision-request names, so a question asked mid-way has context and a
 * restart continues from the saved state. A step whose answer is already known is skipped (one message
 * can carry several), "back" re-asks the previous question, and a correction changes an earlier answer
 * without losing the place.
 */
export class ReturnWalkthroughDialog extends InterruptibleDialog {
  constructor(
    private readonly services: AssistantServices,
    private readonly profiles: DealerProfiles,
    interruptions: InterruptionDeps,
  ) {
    super(RETURN_WALKTHROUGH_DIALOG, interruptions);
    const clock = services.clock;
    const prompt = (id: string, parse: FieldPrompt['spec']['parse']): FieldPrompt =>
      new FieldPrompt(id, { parse, attempts: maxAttempts, unreadTextIsQuestion: false }, clock);
    this.addDialog(prompt(STATE_PROMPT, parseState));
    this.addDialog(prompt(MATURITY_DATE_PROMPT, parseDate));
    this.addDialog(prompt(RETURN_DATE_PROMPT, parseDate));
    this.addDialog(prompt(INTENT_PROMPT, (input) => parseIntent(input, intentChoices)));
    this.addDialog(prompt(AVRM_PROMPT, (input) => parseChoice(input, yesNoChoices, inputMessages.yesOrNo)));
    this.addDialog(prompt(VIN_PROMPT, (input) => parseOptionalVin(input, skipWords)));
    this.addDialog(prompt(OPEN_CASE_PROMPT, (input) => parseChoice(input, openCaseChoices, openCaseMessages.unknownAnswer)));
    // A recognized dealer with a VIN: open the case on the decision, or not (issue 15).
    this.addDialog(new WaterfallDialog(OPEN_CASE_WATERFALL, [this.offerCase.bind(this), this.openCase.bind(this)]));
    // One step per answer, then the decision; the step ids stay those saved conversations know.
    this.addDialog(
      new WaterfallDialog(RETURN_WALKTHROUGH_WATERFALL, [
        ...walkthroughFields.map((_field, index) => (step: WaterfallStepContext) => this.askAt(index, step)),
        (step) => this.askAt(walkthroughFields.length, step),
      ]),
    );
    this.initialDialogId = RETURN_WALKTHROUGH_WATERFALL;
  }

  override canRepair(leaf: DialogContext, reading: Interpretation): boolean {
    const values = waterfallValuesIn(leaf, RETURN_WALKTHROUGH_WATERFALL);
    if (!values || fieldOfPrompt(leaf.activeDialog?.id) === undefined) return false;
    if (typeof values.suggestedState === 'string') return true;
    if (reading.want === 'navigation') return reading.navigation === 'back';
    if (reading.want === 'question' || reading.want === 'outOfScope') return false;
    if (Object.keys(answersStated(reading)).length > 0) return true;
    return reading.didYouMean !== undefined || reading.facts.unknown !== undefined || reading.want === 'smallTalk';
  }

  protected override async repair(innerDc: DialogContext, reading: Interpretation, text: string): Promise<DialogTurnResult | undefined> {
    const values = waterfallValuesIn(innerDc, RETURN_WALKTHROUGH_WATERFALL);
    const pending = fieldOfPrompt(innerDc.activeDialog?.id);
    if (!values || !pending) return undefined;
    const suggested = values.suggestedState;
    if (typeof suggested === 'string') {
      delete values.suggestedState;
      const answer = matchChoice(text, yesNoChoices, { partial: false })?.value;
      if (answer === 'yes') return this.takeAnswers(innerDc, values, pending, { state: suggested }, reading);
      if (answer === 'no') return this.askAgain(innerDc);
      if (!this.canRepair(innerDc, reading)) return undefined;
    }
    if (reading.want === 'navigation' && reading.navigation === 'back') return this.goBack(innerDc, values, pending);
    const stated = answersStated(reading);
    if (Object.keys(stated).length > 0) return this.takeAnswers(innerDc, values, pending, stated, reading);
    if (reading.didYouMean) {
      values.suggestedState = reading.didYouMean.value;
      say(
        innerDc.context,
        commonMessages.didYouMean(
          stateName(reading.didYouMean.value),
          yesNoChoices.map(({ value, title }) => ({ value, title })),
        ),
      );
      return { status: DialogTurnStatus.waiting };
    }
    if (reading.facts.unknown) {
      say(innerDc.context, walkthroughMessages.whereToFind(reading.facts.unknown.value));
      return this.askAgain(innerDc);
    }
    if (reading.want === 'smallTalk') {
      say(innerDc.context, commonMessages.smallTalk(reading.smallTalk));
      return this.askAgain(innerDc);
    }
    return undefined;
  }

  /** Answers stated in a message: earlier ones change, later ones are kept for their step, the pending one answers its prompt. */
  private async takeAnswers(
    innerDc: DialogContext,
    values: Record<string, unknown>,
    pending: WalkthroughField,
    stated: WalkthroughAnswers,
    reading: Interpretation,
  ): Promise<DialogTurnResult> {
    const changes = takeStatedAnswers(values, stated, reading, pending);
    if (typeof values.state === 'string' && isUsStateCode(values.state) && stated.state !== undefined)
      await this.profiles.rememberState(innerDc.context, values.state);
    if (hasChanges(changes)) say(innerDc.context, walkthroughMessages.changes(changes.changed, changes.noted, changes.yearsAssumed));
    const answer = stated[pending];
    if (answer === undefined) return this.askAgain(innerDc);
    // The prompt ends with the answer as it would have read it; the next step records it.
    return innerDc.endDialog(pending === 'hasAvrmAccess' ? (answer === true ? 'yes' : 'no') : answer);
  }

  private async goBack(innerDc: DialogContext, values: Record<string, unknown>, pending: WalkthroughField): Promise<DialogTurnResult> {
    const previous = walkthroughFields[walkthroughFields.indexOf(pending) - 1];
    if (previous === undefined) {
      say(innerDc.context, commonMessages.nothingBefore());
      return this.askAgain(innerDc);
    }
    say(innerDc.context, commonMessages.wentBack());
    const kept = { ...values };
    delete kept[previous];
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(RETURN_WALKTHROUGH_WATERFALL, { values: kept } satisfies WalkthroughOptions);
  }

  private async askAgain(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  /** Step `index`: records the answer to the step before, then asks for `walkthroughFields[index]` unless it is known (or decides). */
  private async askAt(index: number, step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    const answered = walkthroughFields[index - 1];
    if (index === 0) Object.assign(values, walkthroughOptionsSchema.safeParse(step.options).data?.values ?? {});
    else if (answered !== undefined) {
      if (step.result === GAVE_UP) return this.giveUp(step, answered);
      if (step.result !== SKIPPED) await this.record(step, answered, step.result);
    }
    this.remindOdometer(step);
    const field = walkthroughFields[index];
    if (field === undefined) return this.decide(step);
    if (values[field] !== undefined) return step.next(SKIPPED);
    return step.prompt(promptOf[field], fieldPromptOptions(await this.question(step, field), this.zone(step)));
  }

  private async question(step: WaterfallStepContext, field: WalkthroughField) {
    switch (field) {
      case 'state':
        return walkthroughMessages.askState((await this.profiles.get(step.context)).state);
      case 'maturityDate':
        return walkthroughMessages.askMaturityDate();
      case 'returnDate':
        return walkthroughMessages.askReturnDate();
      case 'intent':
        return walkthroughMessages.askIntent();
      case 'hasAvrmAccess':
        return walkthroughMessages.askAvrm();
      case 'vin':
        return walkthroughMessages.askVin();
    }
  }

  private async record(step: WaterfallStepContext, field: WalkthroughField, result: unknown): Promise<void> {
    const values = valuesOf(step);
    if (field === 'hasAvrmAccess') values.hasAvrmAccess = result === 'yes';
    else if (field === 'vin') values.vin = typeof result === 'string' ? result : '';
    else values[field] = String(result);
    if (field === 'state' && typeof values.state === 'string' && isUsStateCode(values.state)) await this.profiles.rememberState(step.context, values.state);
  }

  /** The right moment for the odometer reminder: the car is back (or comes back today), the lessee may still be there. */
  private remindOdometer(step: WaterfallStepContext): void {
    const values = valuesOf(step);
    if (values.odometerReminded === true || typeof values.returnDate !== 'string') return;
    const today = localDate(this.zone(step), nowMillis(this.services.clock));
    if (values.returnDate > today) return;
    values.odometerReminded = true;
    say(step.context, walkthroughMessages.odometerReminder());
  }

  private async decide(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = valuesOf(step);
    const parsed = decisionRequestSchema.safeParse(
      Object.fromEntries(Object.entries(values).filter(([key, value]) => key in decisionRequestSchema.shape && value !== '' && value !== undefined)),
    );
    if (!parsed.success) {
      // Values come from validated prompts and the reader; this only happens with state saved by an older dialog set.
      const field = String(parsed.error.issues[0]?.path[0] ?? 'state');
      return this.giveUp(step, walkthroughFields.find((candidate) => candidate === field) ?? 'state');
    }
    const request: DecisionRequest = parsed.data;
    const scope = dealerScopeOf(step.context);
    const dealerCases = this.services.dealerCases;
    const vin = request.vin;
    if (scope && dealerCases && vin) {
      // The VIN's open case, not a second decision that may differ from the one it was opened on.
      const existing = await dealerCases.openCaseOf(vin, scope.dealerId);
      if (existing.kind === 'open') {
        say(step.context, openCaseMessages.alreadyOpen(vin, existing.text));
        return step.endDialog({ decided: true, request, values: answersOf(values) });
      }
      values.openElsewhere = existing.kind === 'openElsewhere';
    }
    try {
      const decision = await this.services.decisions.decide(request);
      const zone = stateTimeZone(request.state);
      const holdEnd = this.services.clock.now().plus({ hours: decision.remarketing.holdHours }).toUTC().toISO() ?? '';
      say(
        step.context,
        decisionReply(decision, request, this.services.decisions.directory, this.services.decisions.ruleSet.sections, formatMoment(holdEnd, zone)),
      );
      this.services.logger.info(
        {
          conversationId: step.context.activity.conversation?.id,
          termination: decision.termination,
          intent: request.intent,
          rulesVersion: decision.rulesVersion,
        },
        'walkthrough decided',
      );
      if (scope && dealerCases && vin) {
        if (values.openElsewhere === true) say(step.context, openCaseMessages.openElsewhere(vin, this.services.decisions.directory.reach('remarketingCenter')));
        else return step.beginDialog(OPEN_CASE_WATERFALL, { request, values: answersOf(values) } satisfies OpenCaseOptions);
      }
      return step.endDialog({ decided: true, request, values: answersOf(values) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      say(step.context, walkthroughMessages.contradiction(error.message));
      return step.endDialog({ decided: false, values: answersOf(values) });
    }
  }

  private async offerCase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = openCaseOptionsSchema.parse(step.options);
    return step.prompt(OPEN_CASE_PROMPT, fieldPromptOptions(openCaseMessages.offer(options.request.vin ?? '')));
  }

  /** Opens the case through the case service, as the dealer user; the walkthrough ends decided either way. */
  private async openCase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { request, values } = openCaseOptionsSchema.parse(step.options);
    const ended = { decided: true, request, values };
    const scope = dealerScopeOf(step.context);
    const vin = request.vin;
    if (step.result !== 'openCase' || !scope || !this.services.dealerCases || !vin) {
      say(step.context, openCaseMessages.notOpened());
      return step.endDialog(ended);
    }
    const result = await this.services.dealerCases.openCase({ ...request, vin }, scope);
    switch (result.kind) {
      case 'opened':
        this.services.logger.info(
          { conversationId: step.context.activity.conversation?.id, dealerId: scope.dealerId, rulesVersion: result.rulesVersion },
          'return case opened from the walkthrough',
        );
        say(step.context, openCaseMessages.opened(vin, result.rulesVersion, result.text));
        break;
      case 'alreadyOpen':
        say(
          step.context,
          result.text === undefined
            ? openCaseMessages.openElsewhere(vin, this.services.decisions.directory.reach('remarketingCenter'))
            : openCaseMessages.alreadyOpen(vin, result.text),
        );
        break;
      case 'refused':
        say(step.context, openCaseMessages.refused(result.message));
        break;
    }
    return step.endDialog(ended);
  }

  /** Three unusable answers: what is needed and who can help; the answers so far are handed back to the menu, not lost. */
  private async giveUp(step: WaterfallStepContext, field: WalkthroughField): Promise<DialogTurnResult> {
    say(step.context, walkthroughMessages.paused(walkthroughMessages.needs[field], dealerServiceCenterOf(this.services.decisions.directory)));
    return step.endDialog({ gaveUp: field, values: answersOf(valuesOf(step)) });
  }

  /** The dealer's time zone (for "today"), from the state once it is known. */
  private zone(step: WaterfallStepContext): string {
    const state = valuesOf(step).state;
    return typeof state === 'string' && isUsStateCode(state) ? stateTimeZone(state) : 'America/New_York';
  }
}

/** What the open-case offer carries: the decided request and the answers the walkthrough ends with. */
const openCaseOptionsSchema = z.object({ request: decisionRequestSchema, values: z.record(z.string(), z.unknown()) });
type OpenCaseOptions = z.infer<typeof openCaseOptionsSchema>;

/** The answers and whether the odometer reminder was given (not a pending suggestion), for a later restart. */
function answersOf(values: Record<string, unknown>): Record<string, unknown> {
  const kept = [...walkthroughFields, 'odometerReminded'].filter((key) => values[key] !== undefined);
  return Object.fromEntries(kept.map((key) => [key, values[key]]));
}
