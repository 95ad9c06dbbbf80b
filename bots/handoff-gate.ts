import { ActivityTypes, EventFactory, type Activity, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { maxCardActions } from '../src/channels/channel-capabilities.ts';
import { renderPlainText } from '../src/channels/plain-text.ts';
import type { Reply } from '../src/channels/reply.ts';
import { isoNow, type Clock } from '../src/clock.ts';
import { talkToPersonChoice } from '../src/handoffs/handoff-messages.ts';
import type { HandoffService } from '../src/handoffs/handoff-service.ts';
import {
  conversationKeyOf,
  handoffReasonSchema,
  maxTranscriptEntries,
  transcriptEntrySchema,
  type CollectedFacts,
  type HandoffReason,
  type TranscriptEntry,
} from '../src/handoffs/handoff.ts';
import type { Logger } from '../src/logger.ts';
import type { ConversationReferenceRepository } from '../src/storage/conversation-reference-repository.ts';
import { asksForAPerson } from '../src/understanding/index.ts';
import { answerOf, say } from '../dialogs/turn-replies.ts';
import { dealerScopeOf } from '../dialogs/dealer-scope.ts';
import type { Actor } from '../src/domain/actor.ts';
import { RecentConversationWrites, rememberConversation } from './conversation-references.ts';

/** What the gate decided before the dialogs ran. */
export type GateOutcome =
  /** A person holds the conversation: the message went to them, the bot says nothing. */
  | 'held'
  /** The dealer was handed to a person this turn: the bot said so, the dialogs do not run. */
  | 'handedOver'
  /** The bot answers as usual. */
  | 'open';

export interface HandoffGateDeps {
  handoffs: HandoffService;
  references: ConversationReferenceRepository;
  conversationState: ConversationState;
  clock: Clock;
  logger: Logger;
}

/** The "Talk to a person" choice offered last turn: its number on text channels, and why it was offered. */
const offerSchema = z.object({ number: z.number().int().min(1), reason: handoffReasonSchema });
const transcriptSchema = z.array(transcriptEntrySchema);

/** The walkthrough's answers worth showing an agent, by decision-request name. */
const factNames = new Set(['state', 'maturityDate', 'returnDate', 'intent', 'hasAvrmAccess', 'vin', 'pickupBy', 'hasDocument']);

/**
 * Handoff to a person, at the bot's door (Bot Framework's handoff conventions). Before the dialogs: it
 * keeps the conversation reference (agents' replies and notices go through it), lets nothing through
 * while a person holds the conversation (the message goes to them), and hands the dealer over when they
 * ask for a person ("talk to a person", "agent", …, or the offered "Talk to a person" choice), emitting a
 * `handoff.initiate` event with the transcript. After the dialogs: it keeps a bounded transcript of the
 * conversation in its state, and turns a dialog's "Talk to a person" offer (no answer, three misses)
 * into a choice of the turn's last question.
 */
export class HandoffGate {
  private readonly transcript: StatePropertyAccessor<unknown>;
  private readonly offer: StatePropertyAccessor<unknown>;
  private readonly dialogState: StatePropertyAccessor<unknown>;
  private readonly events = new WeakMap<TurnContext, Partial<Activity>[]>();
  private readonly recentWrites = new RecentConversationWrites();

  constructor(private readonly deps: HandoffGateDeps) {
    this.transcript = deps.conversationState.createProperty('transcript');
    this.offer = deps.conversationState.createProperty('handoffOffer');
    this.dialogState = deps.conversationState.createProperty('dialogState');
  }

  async beforeTurn(context: TurnContext): Promise<GateOutcome> {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message || !activity.channelId || !activity.conversation?.id) return 'open';
    await rememberConversation(context, this.deps.references, this.deps.clock, this.recentWrites);
    const conversationKey = conversationKeyOf(activity.channelId, activity.conversation.id);
    const text = answerOf(activity);
    const held = await this.deps.handoffs.holding(conversationKey);
    if (held) {
      if (text !== undefined) await this.deps.handoffs.recordDealerMessage(held, text, activity.id ?? null, dealerActorOf(context));
      return 'held';
    }
    const offered = offerSchema.safeParse(await this.offer.get(context)).data;
    await this.offer.delete(context);
    if (text === undefined) return 'open';
    const chosen = text === talkToPersonChoice.value || (offered !== undefined && text.trim() === String(offered.number));
    const asked = chosen || asksForAPerson(text);
    if (!asked) return 'open';
    await this.handOver(context, text, chosen && offered ? offered.reason : 'asked', conversationKey);
    return 'handedOver';
  }

  /**
   * The turn's replies to send, with the "Talk to a person" offer placed on its last question, and the
   * events to send after them (the handoff.initiate event). Records the turn in the transcript.
   */
  async afterTurn(context: TurnContext, replies: readonly Reply[]): Promise<{ replies: Reply[]; events: Partial<Activity>[] }> {
    const { replies: offered, offer } = withOffer(replies);
    if (offer) await this.offer.set(context, offer);
    await this.record(context, offered);
    const events = this.events.get(context) ?? [];
    this.events.delete(context);
    return { replies: offered, events };
  }

  private async handOver(context: TurnContext, text: string, reason: HandoffReason, conversationKey: string): Promise<void> {
    const { activity } = context;
    const transcript = [...(await this.readTranscript(context)), this.entry('dealer', text)].slice(-maxTranscriptEntries);
    const facts = factsIn(await this.dialogState.get(context));
    const initiate = EventFactory.createHandoffInitiation(
      context,
      { reason, facts, conversationKey },
      { activities: transcriptActivities(transcript, activity) },
    );
    const { created, replies } = await this.deps.handoffs.start({
      channelId: activity.channelId,
      conversationId: activity.conversation.id,
      conversationKey,
      dealer: dealerActorOf(context),
      reason,
      transcript,
      facts,
      initiateActivity: initiate,
    });
    say(context, ...replies);
    // The event is for a contact-center hub reading the conversation; Teams and SMS show nothing for it
    // (Teams refuses unknown event activities), so there it is only stored with the handoff.
    if (created && sendsHandoffEvents(activity.channelId)) this.events.set(context, [initiate]);
  }

  private async record(context: TurnContext, replies: readonly Reply[]): Promise<void> {
    const text = answerOf(context.activity);
    const added: TranscriptEntry[] = [];
    if (text !== undefined) added.push(this.entry('dealer', text));
    if (replies.length > 0) added.push(this.entry('bot', renderPlainText(replies)));
    if (added.length === 0) return;
    await this.transcript.set(context, [...(await this.readTranscript(context)), ...added].slice(-maxTranscriptEntries));
  }

  private async readTranscript(context: TurnContext): Promise<TranscriptEntry[]> {
    return transcriptSchema.safeParse(await this.transcript.get(context)).data ?? [];
  }

  private entry(from: TranscriptEntry['from'], text: string): TranscriptEntry {
    return { from, text: text.slice(0, 4000), at: isoNow(this.deps.clock) };
  }
}

/** The recognized dealer user of this turn (dialogs/dealer-scope.ts), as the audit trail's Actor. */
function dealerActorOf(context: TurnContext): Actor | null {
  const scope = dealerScopeOf(context);
  return scope ? { kind: 'dealerUser', dealerId: scope.dealerId, userId: scope.userId, channel: scope.channel } : null;
}

function sendsHandoffEvents(channelId: string): boolean {
  return !['msteams', 'sms'].includes(channelId.toLowerCase());
}

/**
 * A dialog offers a person by adding the "Talk to a person" choice to its reply (the out-of-scope
 * answer, three misses). Only the last question's choices are shown, so the offer moves there, and its
 * number is kept for text channels ("6"). Three misses end in a notice; no answer is a normal reply.
 */
function withOffer(replies: readonly Reply[]): { replies: Reply[]; offer?: z.infer<typeof offerSchema> } {
  const offering = replies.find((item) => item.choices.some((choice) => choice.value === talkToPersonChoice.value));
  if (!offering) return { replies: [...replies] };
  const reason: HandoffReason = offering.tone === 'notice' ? 'misses' : 'noAnswer';
  let last = -1;
  replies.forEach((item, index) => {
    if (item.choices.length > 0) last = index;
  });
  const result = replies.map((item, index) =>
    index === last || item === offering
      ? { ...item, choices: item.choices.filter((choice) => choice.value !== talkToPersonChoice.value || index === last) }
      : item,
  );
  const target = result[last];
  if (!target) return { replies: result };
  if (!target.choices.some((choice) => choice.value === talkToPersonChoice.value)) {
    if (target.choices.length >= maxCardActions) return { replies: result };
    result[last] = { ...target, choices: [...target.choices, { ...talkToPersonChoice }] };
  }
  const number = (result[last]?.choices.findIndex((choice) => choice.value === talkToPersonChoice.value) ?? -1) + 1;
  return { replies: result, offer: { number, reason } };
}

/** The walkthrough's answers found anywhere in the saved dialog stack (waterfall step values). */
export function factsIn(dialogState: unknown): CollectedFacts {
  const facts: CollectedFacts = {};
  const visit = (node: unknown, underValues: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, false);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (underValues && factNames.has(key) && (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') && value !== '') {
        facts[key] = value;
      } else visit(value, key === 'values');
    }
  };
  visit(dialogState, false);
  return facts;
}

/** The transcript as the message activities a contact-center hub reads (Bot Framework's Transcript). */
function transcriptActivities(transcript: readonly TranscriptEntry[], activity: Activity): Activity[] {
  return transcript.map(
    (entry) =>
      ({
        type: ActivityTypes.Message,
        text: entry.text,
        timestamp: new Date(entry.at),
        channelId: activity.channelId,
        conversation: activity.conversation,
        from: entry.from === 'dealer' ? activity.from : { id: activity.recipient?.id ?? 'bot', name: activity.recipient?.name ?? 'bot', role: 'bot' },
      }) as Activity,
  );
}
