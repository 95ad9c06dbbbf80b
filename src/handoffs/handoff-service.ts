import { randomUUID } from 'node:crypto';
import type { Reply } from '../channels/reply.ts';
import { isoNow, type Clock } from '../clock.ts';
import { botActor, describeActor, type Actor } from '../domain/actor.ts';
import { describeSupportHours, isWithinSupportHours, type SupportHours } from '../domain/support-hours.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { parsePhoneNumber, type PhoneNumber } from '../domain/phone-number.ts';
import { smsWebhookChannel } from './channel-handoff-delivery.ts';
import type { HandoffDelivery } from './handoff-delivery.ts';
import { handoffMessages } from './handoff-messages.ts';
import type { HandoffRepository } from './handoff-repository.ts';
import type { CollectedFacts, Handoff, HandoffMessage, HandoffReason, HandoffStatus, TranscriptEntry } from './handoff.ts';

/** The case a handoff is about, as the console shows it (the case API's view), when there is one. */
export interface HandoffCaseLookup {
  getCase(vin: string): Promise<unknown>;
}

export interface HandoffServiceDeps {
  handoffs: HandoffRepository;
  delivery: HandoffDelivery;
  cases: HandoffCaseLookup;
  clock: Clock;
  logger: Logger;
  supportHours: SupportHours;
  /** Who to call outside support hours (the Dealer Service Center from rules/contacts.json). */
  afterHoursContact: { name: string; reach: string } | undefined;
  /** The dealer a texting phone belongs to (CaseService has this shape), so SMS messages name their dealer phone. */
  dealers?: { dealerForPhone(phone: PhoneNumber): Promise<{ id: string } | undefined> };
}

export interface StartHandoff {
  channelId: string;
  conversationId: string;
  conversationKey: string;
  dealer: Actor | null;
  reason: HandoffReason;
  transcript: TranscriptEntry[];
  facts: CollectedFacts;
  /** The handoff.initiate event activity (Bot Framework conventions), for a contact-center hub. */
  initiateActivity?: unknown;
}

/** A handoff with everything the console shows when it is opened. */
export interface HandoffDetail extends Handoff {
  messages: HandoffMessage[];
  /** The case API's view of the case when the collected VIN has one; null otherwise. */
  case: unknown;
  /** Who did what, as people read it ("Agent Dana Smith"). */
  agentName: string | null;
}

export interface HandoffList {
  counts: Record<HandoffStatus, number>;
  items: (Handoff & { agentName: string | null })[];
}

/**
 * Handoff to a person: opened by the bot (or SMS) when a dealer asks for one, listed for the console,
 * taken by an agent, the agent's replies delivered on the dealer's own channel, ended back to the bot.
 * While a handoff of a conversation is open, `holding` says so and the bot stays silent.
 */
export class HandoffService {
  constructor(private readonly deps: HandoffServiceDeps) {}

  /** Opens a handoff (or returns the conversation's open one) and what to tell the dealer now. */
  async start(input: StartHandoff): Promise<{ handoff: Handoff; created: boolean; replies: Reply[] }> {
    const caseVin = typeof input.facts.vin === 'string' ? input.facts.vin : null;
    const dealer = input.dealer ?? (await this.dealerPhoneOf(input));
    const { handoff, created } = await this.deps.handoffs.createOrGetOpen({
      id: randomUUID(),
      conversationKey: input.conversationKey,
      channelId: input.channelId,
      conversationId: input.conversationId,
      dealer,
      reason: input.reason,
      transcript: input.transcript,
      facts: input.facts,
      caseVin,
      createdAt: this.now(),
      initiateActivity: input.initiateActivity,
    });
    if (created) this.deps.logger.info({ handoffId: handoff.id, channelId: handoff.channelId, reason: handoff.reason }, 'handoff: waiting for a person');
    return { handoff, created, replies: created ? [this.connectingReply(input.channelId === smsWebhookChannel)] : [handoffMessages.stillWaiting()] };
  }

  /** "Connecting you", or outside SUPPORT_HOURS the hours and the number to call; by text, one short SMS that always has the number. */
  connectingReply(byText = false): Reply {
    const { supportHours, afterHoursContact, clock } = this.deps;
    const open = isWithinSupportHours(supportHours, clock.now());
    if (byText)
      return open
        ? handoffMessages.connectingByText(afterHoursContact)
        : handoffMessages.afterHoursByText(describeSupportHours(supportHours), afterHoursContact);
    return open ? handoffMessages.connecting() : handoffMessages.connectingAfterHours(describeSupportHours(supportHours), afterHoursContact);
  }

  /** The open handoff of a conversation: while there is one, a person holds it and the bot answers nothing. */
  async holding(conversationKey: string): Promise<Handoff | undefined> {
    return this.deps.handoffs.findOpen(conversationKey);
  }

  /** A dealer's message while held: kept for the agent (once per `sourceId`). */
  async recordDealerMessage(handoff: Handoff, text: string, sourceId: string | null, author: Actor | null): Promise<HandoffMessage | undefined> {
    return this.deps.handoffs.addMessage({
      handoffId: handoff.id,
      role: 'dealer',
      author: author ?? handoff.dealer,
      text,
      sourceId,
      delivery: 'received',
      at: this.now(),
    });
  }

  /** A texting phone that belongs to a dealer is that dealer's phone (the audit trail's `dealerPhone`). */
  private async dealerPhoneOf(input: StartHandoff): Promise<Actor | null> {
    if (input.channelId !== smsWebhookChannel || !this.deps.dealers) return null;
    const phone = parsePhoneNumber(input.conversationId);
    const dealer = phone && (await this.deps.dealers.dealerForPhone(phone));
    return phone && dealer ? { kind: 'dealerPhone', dealerId: dealer.id, phone } : null;
  }

  async list(statuses: readonly HandoffStatus[], limit = 50): Promise<HandoffList> {
    const [counts, items] = await Promise.all([this.deps.handoffs.countByStatus(), this.deps.handoffs.list(statuses, limit)]);
    return { counts, items: items.map((item) => ({ ...item, agentName: item.agent ? describeActor(item.agent) : null })) };
  }

  /** The "handoffs waiting" queue for GET /api/v1/queues (the console draws it from GET /api/v1/handoffs). */
  async queue(): Promise<{ id: 'handoffs'; title: string; count: number; rows: (Handoff & { kind: 'handoff' })[] }> {
    const { counts, items } = await this.list(['waiting'], 50);
    return { id: 'handoffs', title: 'Handoffs waiting', count: counts.waiting, rows: items.map((item) => ({ ...item, kind: 'handoff' as const })) };
  }

  async get(id: string, afterMessageId = 0): Promise<HandoffDetail> {
    const handoff = await this.require(id);
    const messages = await this.deps.handoffs.messages(id, afterMessageId);
    return { ...handoff, messages, case: await this.caseOf(handoff), agentName: handoff.agent ? describeActor(handoff.agent) : null };
  }

  async messages(id: string, afterMessageId = 0): Promise<HandoffMessage[]> {
    await this.require(id);
    return this.deps.handoffs.messages(id, afterMessageId);
  }

  /** An agent takes a waiting handoff (409 when someone else did first or it ended); the dealer is told who joined. */
  async take(id: string, agent: Actor): Promise<HandoffDetail> {
    const handoff = await this.require(id);
    if (!(await this.deps.handoffs.transition(id, 'waiting', 'active', { agent, at: this.now() }))) {
      throw new ConflictError(
        handoff.status === 'ended'
          ? 'This handoff has ended.'
          : `This handoff was already taken by ${handoff.agent ? describeActor(handoff.agent) : 'someone'}.`,
        'status',
        'handoff_not_waiting',
      );
    }
    const taken = await this.require(id);
    await this.tell(taken, [handoffMessages.agentJoined(nameOf(agent))]);
    return this.get(id);
  }

  /** An agent's reply: recorded with its author, then delivered on the dealer's channel (delivery says whether it arrived). */
  async reply(id: string, author: Actor, text: string): Promise<HandoffMessage> {
    const handoff = await this.require(id);
    if (handoff.status !== 'active') {
      throw new ConflictError(
        handoff.status === 'waiting' ? 'Take the handoff before replying.' : 'This handoff has ended; the bot answers the dealer again.',
        'status',
        'handoff_not_active',
      );
    }
    if (!this.mayAct(handoff, author))
      throw new ForbiddenError(`${describeActor(handoff.agent ?? author)} holds this conversation.`, null, 'handoff_held_by_other');
    const message = await this.deps.handoffs.addMessage({ handoffId: id, role: 'agent', author, text, sourceId: null, delivery: 'sent', at: this.now() });
    if (!message) throw new Error('the reply was not recorded');
    try {
      await this.deps.delivery.deliver(handoff, [handoffMessages.fromAgent(nameOf(author), text)]);
      return message;
    } catch (error) {
      this.deps.logger.warn({ handoffId: id, channelId: handoff.channelId, err: error }, 'handoff: the reply could not be delivered');
      await this.deps.handoffs.setDelivery(message.id, 'failed');
      return { ...message, delivery: 'failed' };
    }
  }

  /** Ends a waiting or active handoff: the bot answers the dealer again, and says so. */
  async end(id: string, actor: Actor): Promise<HandoffDetail> {
    const handoff = await this.require(id);
    if (handoff.status === 'ended') throw new ConflictError('This handoff has already ended.', 'status', 'handoff_ended');
    if (handoff.status === 'active' && !this.mayAct(handoff, actor)) {
      throw new ForbiddenError(`${describeActor(handoff.agent ?? actor)} holds this conversation.`, null, 'handoff_held_by_other');
    }
    if (!(await this.deps.handoffs.transition(id, handoff.status, 'ended', { at: this.now(), endedBy: actor }))) {
      throw new ConflictError('This handoff changed meanwhile; open it again.', 'status', 'handoff_changed');
    }
    await this.tell(handoff, [handoffMessages.backToBot()]);
    return this.get(id);
  }

  /** The conversation can never be reached again (a forgotten local web chat): its open handoff ends, by the bot. */
  async conversationGone(conversationKey: string): Promise<void> {
    const open = await this.deps.handoffs.findOpen(conversationKey);
    if (!open) return;
    await this.deps.handoffs.transition(open.id, open.status, 'ended', { at: this.now(), endedBy: botActor });
    this.deps.logger.info({ handoffId: open.id }, 'handoff: ended, the conversation is gone');
  }

  private mayAct(handoff: Handoff, actor: Actor): boolean {
    if (actor.kind === 'administrator') return true;
    const holder = handoff.agent;
    if (holder === null) return true;
    if (holder.kind === 'agent' && actor.kind === 'agent') return holder.agentId === actor.agentId;
    return holder.kind === actor.kind;
  }

  /** A notice to the dealer that must not fail the agent's action (logged when it does not arrive). */
  private async tell(handoff: Handoff, replies: Reply[]): Promise<void> {
    try {
      await this.deps.delivery.deliver(handoff, replies);
    } catch (error) {
      this.deps.logger.warn({ handoffId: handoff.id, channelId: handoff.channelId, err: error }, 'handoff: a notice to the dealer could not be delivered');
    }
  }

  private async caseOf(handoff: Handoff): Promise<unknown> {
    if (handoff.caseVin === null) return null;
    try {
      return await this.deps.cases.getCase(handoff.caseVin);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  private async require(id: string): Promise<Handoff> {
    const handoff = await this.deps.handoffs.get(id);
    if (!handoff) throw new NotFoundError(`No handoff with id "${id}".`, 'id');
    return handoff;
  }

  private now(): string {
    return isoNow(this.deps.clock);
  }
}

/** The agent's name as the dealer reads it ("Dana Smith (Ally)"); the administrator speaks as "Ally support". */
function nameOf(actor: Actor): string {
  return actor.kind === 'agent' ? `${actor.name} (Ally)` : 'Ally support';
}
