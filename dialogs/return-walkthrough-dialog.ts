import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { decisionRequestSchema, type DecisionRequest } from '../src/domain/decision-request.ts';
import { isUsStateCode, stateTimeZone } from '../src/domain/us-states.ts';
import { ValidationError } from '../src/errors.ts';
import type { AssistantServices } from './assistant-services.ts';
import type { DealerProfiles } from './dealer-profile.ts';
import {
  AVRM_PROMPT,
  INTENT_PROMPT,
  MATURITY_DATE_PROMPT,
  RETURN_DATE_PROMPT,
  RETURN_WALKTHROUGH_DIALOG,
  RETURN_WALKTHROUGH_WATERFALL,
  STATE_PROMPT,
  VIN_PROMPT,
} from './dialog-ids.ts';
import { FieldPrompt, fieldPromptOptions, GAVE_UP, maxAttempts } from './field-prompt.ts';
import { parseChoice, parseDate, parseIntent, parseOptionalVin, parseState } from './input-parsers.ts';
import { InterruptibleDialog, type InterruptionDeps } from './interruptible-dialog.ts';
import { commonMessages } from './messages/common-messages.ts';
import { decisionReply } from './messages/decision-messages.ts';
import { inputMessages } from './messages/input-messages.ts';
import { intentChoices, skipWords, walkthroughMessages, yesNoChoices } from './messages/walkthrough-messages.ts';
import { valuesOf } from './step-values.ts';
import { say } from './turn-replies.ts';

type Field = keyof typeof walkthroughMessages.needs;

/**
 * "A car is coming back": state, maturity date, return date, intent, AVRM access and (optionally) the
 * VIN, then the decision with its why, next steps and the right numbers. Answers are kept in the
 * waterfall's values under the decision-request names, so a question asked mid-way has context and a
 * restart continues from the saved state.
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
    this.addDialog(
      new WaterfallDialog(RETURN_WALKTHROUGH_WATERFALL, [
        this.askState.bind(this),
        this.askMaturityDate.bind(this),
        this.askReturnDate.bind(this),
        this.askIntent.bind(this),
        this.askAvrmAccess.bind(this),
        this.askVin.bind(this),
        this.decide.bind(this),
      ]),
    );
    this.initialDialogId = RETURN_WALKTHROUGH_WATERFALL;
  }

  private async askState(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await this.profiles.get(step.context);
    return step.prompt(STATE_PROMPT, fieldPromptOptions(walkthroughMessages.askState(profile.state)));
  }

  private async askMaturityDate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === GAVE_UP) return this.giveUp(step, 'state');
    const state = String(step.result);
    valuesOf(step).state = state;
    if (isUsStateCode(state)) await this.profiles.rememberState(step.context, state);
    return step.prompt(MATURITY_DATE_PROMPT, fieldPromptOptions(walkthroughMessages.askMaturityDate(), this.zone(step)));
  }

  private async askReturnDate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === GAVE_UP) return this.giveUp(step, 'maturityDate');
    valuesOf(step).maturityDate = step.result;
    return step.prompt(RETURN_DATE_PROMPT, fieldPromptOptions(walkthroughMessages.askReturnDate(), this.zone(step)));
  }

  private async askIntent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === GAVE_UP) return this.giveUp(step, 'returnDate');
    valuesOf(step).returnDate = step.result;
    // The right moment for the odometer reminder: the car is back (or comes back today), the lessee may still be there.
    const today = this.services.clock.now().setZone(this.zone(step)).toISODate() ?? '';
    if (String(step.result) <= today) say(step.context, walkthroughMessages.odometerReminder());
    return step.prompt(INTENT_PROMPT, fieldPromptOptions(walkthroughMessages.askIntent(), this.zone(step)));
  }

  private async askAvrmAccess(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === GAVE_UP) return this.giveUp(step, 'intent');
    valuesOf(step).intent = step.result;
    return step.prompt(AVRM_PROMPT, fieldPromptOptions(walkthroughMessages.askAvrm(), this.zone(step)));
  }

  private async askVin(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === GAVE_UP) return this.giveUp(step, 'hasAvrmAccess');
    valuesOf(step).hasAvrmAccess = step.result === 'yes';
    return step.prompt(VIN_PROMPT, fieldPromptOptions(walkthroughMessages.askVin(), this.zone(step)));
  }

  private async decide(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === GAVE_UP) return this.giveUp(step, 'vin');
    if (typeof step.result === 'string' && step.result !== '') valuesOf(step).vin = step.result;
    const values = valuesOf(step);
    const parsed = decisionRequestSchema.safeParse(Object.fromEntries(Object.entries(values).filter(([key]) => key in decisionRequestSchema.shape)));
    if (!parsed.success) {
      // Values come from validated prompts; this only happens with state saved by an older dialog set.
      const field = String(parsed.error.issues[0]?.path[0] ?? 'state');
      return this.giveUp(step, field in walkthroughMessages.needs ? (field as Field) : 'state');
    }
    const request: DecisionRequest = parsed.data;
    try {
      const decision = await this.services.decisions.decide(request);
      say(step.context, decisionReply(decision, request, this.services.decisions.directory, this.services.decisions.ruleSet.sections));
      this.services.logger.info(
        {
          conversationId: step.context.activity.conversation?.id,
          termination: decision.termination,
          intent: request.intent,
          rulesVersion: decision.rulesVersion,
        },
        'walkthrough decided',
      );
      return step.endDialog({ decided: true, request });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      say(step.context, walkthroughMessages.contradiction(error.message));
      return step.endDialog({ decided: false });
    }
  }

  private async giveUp(step: WaterfallStepContext, field: Field): Promise<DialogTurnResult> {
    say(step.context, commonMessages.gaveUp(walkthroughMessages.needs[field], 'returnVehicle'));
    return step.endDialog({ gaveUp: field });
  }

  /** The dealer's time zone (for "today"), from the state once it is known. */
  private zone(step: WaterfallStepContext): string {
    const state = valuesOf(step).state;
    return typeof state === 'string' && isUsStateCode(state) ? stateTimeZone(state) : 'America/New_York';
  }
}
