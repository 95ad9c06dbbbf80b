import { DialogTurnStatus, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { pickupPartySchema, type DecisionRequest, type PickupParty } from '../src/domain/decision-request.ts';
import type { Interpretation } from '../src/understanding/index.ts';
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
import { valuesOf, waterfallValuesIn } from './step-values.ts';
import { say } from './turn-replies.ts';

/** The check can start with who is there (and their document) already known: a correction of the party. */
const releaseCheckOptionsSchema = z.object({ party: pickupPartySchema.optional(), document: z.enum(['yes', 'no']).optional() });
type ReleaseCheckOptions = z.infer<typeof releaseCheckOptionsSchema>;

/** Whether the message says the party at the door has its document ("he has the bill of lading"), as the prompt's yes / no. */
function documentStated(reading: Interpretation, party: PickupParty | undefined): 'yes' | 'no' | undefined {
  const fact = party === 'buyingDealer' ? reading.facts.proofOfSale : party === 'transporter' ? reading.facts.billOfLading : undefined;
  return fact === undefined ? undefined : fact.value ? 'yes' : 'no';
}

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

  override canRepair(leaf: DialogContext, reading: Interpretation): boolean {
    const values = waterfallValuesIn(leaf, RELEASE_CHECK_WATERFALL);
    const prompt = leaf.activeDialog?.id;
    if (!values || (prompt !== PICKUP_PARTY_PROMPT && prompt !== PICKUP_DOCUMENT_PROMPT)) return false;
    if (reading.want === 'navigation') return reading.navigation === 'back';
    if (reading.want === 'question' || reading.want === 'outOfScope') return false;
    const party = reading.facts.pickupBy?.value;
    if (party !== undefined) return prompt === PICKUP_PARTY_PROMPT || party !== values.party;
    if (prompt === PICKUP_DOCUMENT_PROMPT && documentStated(reading, pickupPartySchema.safeParse(values.party).data) !== undefined) return true;
    return reading.want === 'smallTalk';
  }

  protected override async repair(innerDc: DialogContext, reading: Interpretation): Promise<DialogTurnResult | undefined> {
    const values = waterfallValuesIn(innerDc, RELEASE_CHECK_WATERFALL);
    const atParty = innerDc.activeDialog?.id === PICKUP_PARTY_PROMPT;
    if (!values) return undefined;
    if (reading.want === 'navigation' && reading.navigation === 'back') {
      if (atParty) {
        say(innerDc.context, commonMessages.nothingBefore());
        return this.askAgain(innerDc);
      }
      say(innerDc.context, commonMessages.wentBack());
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(RELEASE_CHECK_WATERFALL);
    }
    const party = reading.facts.pickupBy?.value;
    if (party !== undefined) {
      const document = documentStated(reading, party);
      if (atParty) {
        // "a transporter with the bill of lading": both answers at once, the document question is skipped.
        if (document !== undefined) values.document = document;
        return innerDc.endDialog(party);
      }
      say(innerDc.context, releaseMessages.partyChanged(party));
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(RELEASE_CHECK_WATERFALL, { party, ...(document === undefined ? {} : { document }) } satisfies ReleaseCheckOptions);
    }
    const document = documentStated(reading, pickupPartySchema.safeParse(values.party).data);
    if (!atParty && document !== undefined) return innerDc.endDialog(document);
    if (reading.want === 'smallTalk') {
      say(innerDc.context, commonMessages.smallTalk(reading.smallTalk));
      return this.askAgain(innerDc);
    }
    return undefined;
  }

  private async askAgain(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }

  private async askParty(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = releaseCheckOptionsSchema.safeParse(step.options).data ?? {};
    if (options.document !== undefined) valuesOf(step).document = options.document;
    if (options.party !== undefined) return step.next(options.party);
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
    const known = valuesOf(step).document;
    if (known === 'yes' || known === 'no') return step.next(known);
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
