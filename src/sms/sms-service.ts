import { isoNow, type Clock } from '../clock.ts';
import type { StatusService } from '../cases/status-service.ts';
import { parsePhoneNumber, type PhoneNumber } from '../domain/phone-number.ts';
import { withoutUnsafeCharacters } from '../domain/safe-text.ts';
import { toSmsText } from '../domain/sms-text.ts';
import { normalizeVinInput } from '../domain/vin.ts';
import { vinOrSuffixSchema } from '../domain/vin-schema.ts';
import { maxQuestionLength } from '../knowledge/answer-schema.ts';
import type { Logger } from '../logger.ts';
import type { ContactDirectory } from '../rules/contact-directory.ts';
import type { SmsRepository } from '../storage/repositories.ts';
import { interpretMessage } from '../understanding/index.ts';
import { smsAnswerText } from './sms-answer-text.ts';
import { parseSmsCommand, type SmsCommand } from './sms-command.ts';
import { contactsText, smsMessages } from './sms-messages.ts';
import { plainTextBlocks } from '../channels/plain-text.ts';
import type { Reply } from '../channels/reply.ts';
import { smsWebhookChannel } from '../handoffs/channel-handoff-delivery.ts';
import { conversationKeyOf, type Handoff } from '../handoffs/handoff.ts';
import type { StartHandoff } from '../handoffs/handoff-service.ts';

export interface InboundSms {
  messageSid: string;
  from: string;
  body: string;
}

/** The grounded answers, as SMS needs them (the same service the API, the bot and the console use). */
export interface SmsAnswerPort {
  answer(request: { question: string; channel: 'sms' }): Promise<{ answer: string; outOfScope: boolean }>;
}

export interface SmsServiceDeps {
  status: StatusService;
  /** Free-text questions by text; without it a question gets the help line. */
  answers?: SmsAnswerPort;
  sms: SmsRepository;
  directory: ContactDirectory;
  clock: Clock;
  logger: Logger;
  /** Handoff to a person (issue 15): "agent" by text opens one, and while it is open texts go to the agent. */
  handoffs?: SmsHandoffPort;
}

/** What SMS needs of the handoff service (src/handoffs/handoff-service.ts has this shape). */
export interface SmsHandoffPort {
  holding(conversationKey: string): Promise<Handoff | undefined>;
  recordDealerMessage(handoff: Handoff, text: string, sourceId: string | null, author: null): Promise<unknown>;
  start(input: StartHandoff): Promise<{ replies: Reply[] }>;
}

/**
 * Answers one inbound text message: the reply text, or null to send nothing (a MessageSid already
 * answered, or a number that has opted out).
 */
export class SmsService {
  constructor(private readonly deps: SmsServiceDeps) {}

  async answer(message: InboundSms): Promise<string | null> {
    const receivedAt = isoNow(this.deps.clock);
    const command = parseSmsCommand(message.body);
    const phone = parsePhoneNumber(message.from);
    this.deps.logger.info({ messageSid: message.messageSid, command: command.kind, knownFormat: phone !== undefined }, 'sms received');
    const optOut = phone !== undefined && (command.kind === 'stop' || command.kind === 'start') ? { optedOut: command.kind === 'stop' } : undefined;
    // A person holds this phone's conversation: the text is theirs, and the assistant answers nothing
    // (STOP, START and HELP still work, as carriers require).
    if (phone !== undefined && this.deps.handoffs && command.kind !== 'stop' && command.kind !== 'start' && command.kind !== 'help') {
      const held = await this.deps.handoffs.holding(conversationKeyOf(smsWebhookChannel, phone));
      if (held) {
        await this.deps.handoffs.recordDealerMessage(held, withoutUnsafeCharacters(message.body, { multiline: true }), message.messageSid, null);
        await this.deps.sms.recordAnswer({ messageSid: message.messageSid, from: phone, body: message.body, receivedAt }, null, optOut);
        return null;
      }
    }
    const reply = await this.reply(command, phone, message.from, message.body);
    // One write per message: the answer, and the opt-out it asked for. A MessageSid already answered
    // (Twilio retries a webhook it got no answer to in time) keeps its first answer and this one is not sent.
    const stored = await this.deps.sms.recordAnswer(
      { messageSid: message.messageSid, from: phone ?? message.from, body: message.body, receivedAt },
      reply,
      optOut,
    );
    return stored ? reply : this.duplicate(message);
  }

  private duplicate(message: InboundSms): null {
    this.deps.logger.info({ messageSid: message.messageSid }, 'sms already answered');
    return null;
  }

  private async reply(command: SmsCommand, phone: PhoneNumber | undefined, rawFrom: string, body: string): Promise<string | null> {
    if (command.kind === 'stop') return smsMessages.stopped;
    if (command.kind === 'start') return smsMessages.started;
    const from = phone ?? rawFrom;
    // An opted-out number gets nothing back (Twilio would refuse to deliver it anyway), and no case
    // information. STATUS and RELEASE ask the status service, which checks the opt-out itself.
    if ((command.kind === 'status' || command.kind === 'release') && command.target) {
      return this.caseAnswer(command.kind, this.commandTarget(command.target, body), from);
    }
    const optedOut = phone !== undefined && (await this.deps.sms.isOptedOut(phone));
    // HELP always helps, opted out or not (carriers require it), and says how to opt back in.
    if (command.kind === 'help') return this.helpReply(optedOut);
    switch (command.kind) {
      case 'status':
        return optedOut ? null : smsMessages.needVin('STATUS');
      case 'release':
        return optedOut ? null : smsMessages.needVin('RELEASE');
      case 'contacts':
        return optedOut ? null : toSmsText(contactsText(this.deps.directory));
      case 'unknown':
        return this.understand(body, from, optedOut);
    }
  }

  private helpReply(optedOut: boolean): string {
    return toSmsText(this.helpText() + (optedOut ? ` ${smsMessages.optedOutNote}` : ''));
  }

  /**
   * "STATUS of 042788 pls", "STATUS 042788 thanks": the keyword is exact, but what follows it need not be
   * the VIN alone. The VIN the reader finds in the message wins, unless the target is a valid VIN that
   * ends with it (the dealer typed more of it: "STATUS 1M8 GDM9AX KP042788"). With none found the target
   * stands, and the reply says why it is not a VIN.
   */
  private commandTarget(target: string, body: string): string {
    const reading = interpretMessage(body.slice(0, 1600), { today: this.today(), channel: 'sms' });
    const found = reading.facts.vin?.value ?? reading.facts.vinSuffix?.value;
    const typed = vinOrSuffixSchema.safeParse(target);
    if (found === undefined) return target;
    if (typed.success && normalizeVinInput(target).endsWith(normalizeVinInput(found))) return target;
    return found;
  }

  private async caseAnswer(kind: 'status' | 'release', vinOrSuffix: string, phone: string): Promise<string | null> {
    const query = { vinOrSuffix, phone };
    const answer = kind === 'status' ? await this.deps.status.status(query) : await this.deps.status.releaseStatus(query);
    return answer.optedOut ? null : answer.text;
  }

  private today(): string {
    return this.deps.clock.now().toUTC().toISODate() ?? '';
  }

  private helpText(): string {
    return smsMessages.help(this.deps.directory.reach('remarketingCenter'));
  }

  /**
   * Free text, read by the same interpretation as chat, the console and the API: "stat 042788",
   * "is 042788 sold yet?", "can the transporter take it without a BOL?", "call me". An opted-out number
   * is answered only when it asks for help.
   */
  private async understand(body: string, from: string, optedOut: boolean): Promise<string | null> {
    const reading = interpretMessage(body.slice(0, 1600), { today: this.today(), channel: 'sms' });
    if (reading.want === 'navigation' && reading.navigation === 'help') return this.helpReply(optedOut);
    if (optedOut) return null;
    const target = reading.facts.vin?.value ?? reading.facts.vinSuffix?.value;
    const dealerServiceCenter = this.deps.directory.require('dealerServiceCenter');
    const dealerServiceReach = this.deps.directory.reach(dealerServiceCenter.id);
    switch (reading.want) {
      case 'task':
      case 'question':
        // A VIN in a question about the car ("has 042788 been picked up?") asks where that return stands.
        if (reading.task === 'releaseCheck') return target ? this.caseAnswer('release', target, from) : smsMessages.needVin('RELEASE');
        if (reading.task === 'status' || (target && reading.want === 'question'))
          return target ? this.caseAnswer('status', target, from) : smsMessages.needVin('STATUS');
        if (reading.task === 'contacts') return toSmsText(contactsText(this.deps.directory));
        if (reading.task === 'returnWalkthrough') return smsMessages.walkthrough;
        return this.answerQuestion(body);
      case 'handoff':
        if (this.deps.handoffs && parsePhoneNumber(from) !== undefined) return this.handOver(from, body);
        return toSmsText(smsMessages.handoff(dealerServiceCenter.name, dealerServiceReach));
      case 'smallTalk':
        return smsMessages.smallTalk;
      case 'navigation':
        return toSmsText(this.helpText());
      case 'outOfScope':
        // The reader gives "what's the weather?" and a text it cannot place ("asdf") the same reading,
        // so the reply serves both: what we do, what to send, and whom to call for anything else.
        return toSmsText(smsMessages.notPlaced(dealerServiceCenter.name, dealerServiceReach));
      default:
        return target ? this.caseAnswer('status', target, from) : smsMessages.unknown;
    }
  }

  /** "agent", "talk to a person" by text: a handoff in the console's queue; what to expect, as one text. */
  private async handOver(phone: string, body: string): Promise<string> {
    const at = isoNow(this.deps.clock);
    const { replies } = await (this.deps.handoffs as SmsHandoffPort).start({
      channelId: smsWebhookChannel,
      conversationId: phone,
      conversationKey: conversationKeyOf(smsWebhookChannel, phone),
      dealer: null,
      reason: 'asked',
      transcript: [{ from: 'dealer', text: withoutUnsafeCharacters(body, { multiline: true }).slice(0, 1600), at }],
      facts: {},
    });
    return toSmsText(plainTextBlocks(replies, { citations: false }).join(' '));
  }

  private async answerQuestion(body: string): Promise<string> {
    // A text is what the phone sent: characters the answers API refuses (a stray control or direction
    // mark) are left out rather than refused, and the question is cut to the API's length.
    const question = withoutUnsafeCharacters(body, { multiline: true }).slice(0, maxQuestionLength).trim();
    if (!this.deps.answers || question === '') return smsMessages.unknown;
    const result = await this.deps.answers.answer({ question, channel: 'sms' });
    if (result.outOfScope) {
      const contact = this.deps.directory.require('dealerServiceCenter');
      return toSmsText(smsMessages.outOfScope(contact.name, this.deps.directory.reach(contact.id)));
    }
    return smsAnswerText(result.answer);
  }
}
