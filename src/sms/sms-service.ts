import type { Clock } from '../clock.ts';
import type { StatusService } from '../cases/status-service.ts';
import { parsePhoneNumber, type PhoneNumber } from '../domain/phone-number.ts';
import { toSmsText } from '../domain/sms-text.ts';
import type { Logger } from '../logger.ts';
import type { ContactDirectory } from '../rules/contact-directory.ts';
import type { SmsRepository } from '../storage/repositories.ts';
import { interpretMessage } from '../understanding/index.ts';
import { smsAnswerText } from './sms-answer-text.ts';
import { parseSmsCommand, type SmsCommand } from './sms-command.ts';
import { contactsText, smsMessages } from './sms-messages.ts';

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
}

/**
 * Answers one inbound text message: the reply text, or null to send nothing (a MessageSid already
 * answered, or a number that has opted out).
 */
export class SmsService {
  constructor(private readonly deps: SmsServiceDeps) {}

  async answer(message: InboundSms): Promise<string | null> {
    const receivedAt = this.deps.clock.now().toUTC().toISO() ?? '';
    const command = parseSmsCommand(message.body);
    const phone = parsePhoneNumber(message.from);
    this.deps.logger.info({ messageSid: message.messageSid, command: command.kind, knownFormat: phone !== undefined }, 'sms received');
    const optOut = phone !== undefined && (command.kind === 'stop' || command.kind === 'start') ? { optedOut: command.kind === 'stop' } : undefined;
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
      const query = { vinOrSuffix: command.target, phone: from };
      const answer = command.kind === 'status' ? await this.deps.status.status(query) : await this.deps.status.releaseStatus(query);
      return answer.optedOut ? null : answer.text;
    }
    const optedOut = phone !== undefined && (await this.deps.sms.isOptedOut(phone));
    // HELP always helps, opted out or not (carriers require it), and says how to opt back in.
    if (command.kind === 'help') return toSmsText(this.helpText() + (optedOut ? ` ${smsMessages.optedOutNote}` : ''));
    if (optedOut) return null;
    switch (command.kind) {
      case 'status':
        return smsMessages.needVin('STATUS');
      case 'release':
        return smsMessages.needVin('RELEASE');
      case 'contacts':
        return toSmsText(contactsText(this.deps.directory));
      case 'unknown':
        return this.understand(body, from);
    }
  }

  private helpText(): string {
    return smsMessages.help(this.deps.directory.reach('remarketingCenter'));
  }

  /**
   * Free text, read by the same interpretation as chat, the console and the API: "stat 042788",
   * "is 042788 sold yet?", "can the transporter take it without a BOL?", "call me".
   */
  private async understand(body: string, from: string): Promise<string | null> {
    const today = this.deps.clock.now().toUTC().toISODate() ?? '';
    const reading = interpretMessage(body.slice(0, 1600), { today, channel: 'sms' });
    const target = reading.facts.vin?.value ?? reading.facts.vinSuffix?.value;
    const dealerServiceCenter = this.deps.directory.require('dealerServiceCenter');
    const caseAnswer = async (kind: 'status' | 'release', vinOrSuffix: string): Promise<string | null> => {
      const query = { vinOrSuffix, phone: from };
      const answer = kind === 'status' ? await this.deps.status.status(query) : await this.deps.status.releaseStatus(query);
      return answer.optedOut ? null : answer.text;
    };
    switch (reading.want) {
      case 'task':
      case 'question':
        // A VIN in a question about the car ("has 042788 been picked up?") asks where that return stands.
        if (reading.task === 'releaseCheck') return target ? caseAnswer('release', target) : smsMessages.needVin('RELEASE');
        if (reading.task === 'status' || (target && reading.want === 'question')) return target ? caseAnswer('status', target) : smsMessages.needVin('STATUS');
        if (reading.task === 'contacts') return toSmsText(contactsText(this.deps.directory));
        if (reading.task === 'returnWalkthrough') return smsMessages.walkthrough;
        return this.answerQuestion(body);
      case 'handoff':
        return toSmsText(smsMessages.handoff(dealerServiceCenter.name, this.deps.directory.reach(dealerServiceCenter.id)));
      case 'smallTalk':
        return smsMessages.smallTalk;
      case 'navigation':
        return toSmsText(this.helpText());
      case 'outOfScope':
        return toSmsText(smsMessages.outOfScope(dealerServiceCenter.name, this.deps.directory.reach(dealerServiceCenter.id)));
      default:
        return target ? caseAnswer('status', target) : smsMessages.unknown;
    }
  }

  private async answerQuestion(question: string): Promise<string> {
    if (!this.deps.answers) return smsMessages.unknown;
    const result = await this.deps.answers.answer({ question: question.slice(0, 1000), channel: 'sms' });
    if (result.outOfScope) {
      const contact = this.deps.directory.require('dealerServiceCenter');
      return toSmsText(smsMessages.outOfScope(contact.name, this.deps.directory.reach(contact.id)));
    }
    return smsAnswerText(result.answer);
  }
}
