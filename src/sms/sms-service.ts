import type { Clock } from '../clock.ts';
import type { StatusService } from '../cases/status-service.ts';
import { parsePhoneNumber, type PhoneNumber } from '../domain/phone-number.ts';
import { toSmsText } from '../domain/sms-text.ts';
import type { Logger } from '../logger.ts';
import type { ContactDirectory } from '../rules/contact-directory.ts';
import type { SmsRepository } from '../storage/repositories.ts';
import { parseSmsCommand, type SmsCommand } from './sms-command.ts';
import { contactsText, smsMessages } from './sms-messages.ts';

export interface InboundSms {
  messageSid: string;
  from: string;
  body: string;
}

export interface SmsServiceDeps {
  status: StatusService;
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
    const reply = await this.reply(command, phone, message.from);
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

  private async reply(command: SmsCommand, phone: PhoneNumber | undefined, rawFrom: string): Promise<string | null> {
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
    if (phone && (await this.deps.sms.isOptedOut(phone))) return command.kind === 'help' ? toSmsText(smsMessages.stopped) : null;
    switch (command.kind) {
      case 'status':
        return smsMessages.needVin('STATUS');
      case 'release':
        return smsMessages.needVin('RELEASE');
      case 'contacts':
        return toSmsText(contactsText(this.deps.directory));
      case 'help':
        return toSmsText(smsMessages.help(this.deps.directory.reach('remarketingCenter')));
      case 'unknown':
        return smsMessages.unknown;
    }
  }
}
