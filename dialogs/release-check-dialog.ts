import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { pickupPartySchema, type DecisionRequest } from '../src/domain/decision-request.ts';
import { parseCalendarDate } from '../src/domain/calendar-date.ts';
import type { AssistantServices } from './assistant-services.ts';
import type { DealerProfiles } from './dealer-profile.ts';
import { PICKUP_DOCUMENT_PROMPT, PICKUP_PARTY_PROMPT, RELEASE_CHECK_DIALOG, RELEASE_CHECK_WATERFALL } from './dialog-ids.ts';
import { FieldPrompt, fieldPromptOptions, GAVE_UP, maxAttempts } from './field-prompt.ts';
import { parseChoice, parsePickupParty } from './input-parsers.ts';
import { InterruptibleDialog, type InterruptionDeps } from './interruptible-dialog.ts';
import { commonMessages } from './messages/common-messages.ts';
import { inputMessages } from './messages/input-messages.ts';
import { pickupPartyChoices, releaseMessages } from './messages/release-messages.ts';
import { yesNoChoices } from './messages/walkthrough-messages.ts';
import { valuesOf } from './step-values.ts';
import { say } from './turn-replies.ts';

/**
 * "Someone is here to pick up a car": who they are, which document they have, then release or do not
 * release and who to call. The pickup rules decide; the dialog only gathers the pickup facts.
 */
export class ReleaseCheckDialog extends InterruptibleDialog {
  constructor(
    private readonly services: AssistantServices,
    private readonly profiles: DealerProfiles,
    interruptions: InterruptionDeps,
  ) {
    super(RELEASE_CHECK_DIALOG, interruptions);
    const spec = { attempts: maxAttempts, unreadTextIsQuestion: false };
    this.addDialog(new FieldPrompt(PICKUP_PARTY_PROMPT, { ...spec, parse: (input) => parsePickupParty(input, pickupPartyChoices) }, services.clock));
    this.addDialog(
      new FieldPrompt(PICKUP_DOCUMENT_PROMPT, { ...spec, parse: (input) => parseChoice(input, yesNoChoices, inputMessages.yesOrNo) }, services.clock),
    );
    this.addDialog(new WaterfallDialog(RELEASE_CHECK_WATERFALL, [this.askParty.bind(this), this.askDocument.bind(this), this.decide.bind(this)]));
    this.initialDialogId = RELEASE_CHECK_WATERFALL;
  }

  private async askParty(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(PICKUP_PARTY_PROMPT, fieldPromptOptions(releaseMessages.askParty()));
  }

  private async askDocument(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === GAVE_UP) return this.giveUp(step);
    if (step.result === 'notSure') {
      say(step.context, releaseMessages.explainParties());
      return step.replaceDialog(RELEASE_CHECK_WATERFALL);
    }
    const party = pickupPartySchema.parse(step.result);
    valuesOf(step).party = party;
    return step.prompt(PICKUP_DOCUMENT_PROMPT, fieldPromptOptions(releaseMessages.askDocument(party)));
  }

  private async decide(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === GAVE_UP) return this.giveUp(step);
    const party = pickupPartySchema.parse(valuesOf(step).party);
    const hasDocument = step.result === 'yes';
    const base = await this.baseFacts(step);
    const pickup = party === 'buyingDealer' ? { by: party, proofOfSale: hasDocument } : { by: party, billOfLading: hasDocument };
    // The pickup rules read only the pickup facts. Deciding once without and once with them isolates
    // what the pickup adds (its steps and contacts) from the rest of a decision the dealer didn't ask for.
    const [without, decision] = await Promise.all([this.services.decisions.decide(base), this.services.decisions.decide({ ...base, pickup })]);
    const outcome = decision.pickup;
    if (!outcome) throw new Error('the rules gave no pickup decision');
    const steps = decision.steps.filter((text) => !without.steps.includes(text));
    const known = new Set(without.contacts.map((contact) => contact.id));
    const contacts = decision.contacts
      .filter((contact) => !known.has(contact.id))
      .map((contact) => ({ name: contact.name, reach: this.services.decisions.directory.reach(contact.id) }));
    const titles = new Map(this.services.decisions.ruleSet.sections.map((section) => [section.id, section.title]));
    const sources = [...new Set(decision.trace.filter((entry) => entry.rule.startsWith('pickup-')).map((entry) => entry.source))];
    say(
      step.context,
      releaseMessages.outcome(
        outcome.releaseAllowed,
        party,
        steps,
        contacts,
        sources.map((section) => ({ section, title: titles.get(section) ?? section })),
      ),
    );
    this.services.logger.info({ conversationId: step.context.activity.conversation?.id, party, releaseAllowed: outcome.releaseAllowed }, 'release checked');
    return step.endDialog({ releaseAllowed: outcome.releaseAllowed });
  }

  /** Facts the decision request requires besides the pickup; the pickup rules don't read them. */
  private async baseFacts(step: WaterfallStepContext): Promise<DecisionRequest> {
    const profile = await this.profiles.get(step.context);
    const today = parseCalendarDate(this.services.clock.now().toISODate() ?? '');
    if (!today) throw new Error('the clock gave no date');
    return { state: profile.state ?? 'OH', maturityDate: today, returnDate: today, intent: 'dealerPurchaseForInventory', hasAvrmAccess: true };
  }

  private async giveUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    say(
      step.context,
      commonMessages.gaveUp('I need to know who is picking up (buying dealer or transporter) and whether they have their document.', 'releaseCheck'),
    );
    return step.endDialog({ gaveUp: true });
  }
}
