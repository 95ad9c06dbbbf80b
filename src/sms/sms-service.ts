import type { Clock } from '../clock.ts';
import type { StatusService } from '../cases/status-service.ts';
import { parsePhoneNumber } from '../domain/phone-number.ts';
import { toSmsText } from '../domain/sms-text.ts';
import type { Logger } from '../logger.ts';
import type { ContactDirectory } from '../rules/contact-directory.ts';
import type { SmsRepository } from '../storage/repositories.ts';
import { parseSmsCommand } from './sms-command.ts';
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
    const now = this.deps.clock.now().toUTC().toISO() ?? '';
    const claimed = await this.deps.sms.claim({ messageSid: message.messageSid, from: message.from, body: message.body, receivedAt: now });
    if (!claimed) {
      this.deps.logger.info({ messageSid: message.messageSid }, 'sms already answered');
      return null;
    }
    try {
      const reply = await this.reply(message, now);
      await this.deps.sms.recordReply(message.messageSid, reply ?? '');
      return reply;
    } catch (error) {
      // Give the MessageSid back so Twilio's retry of this message is answered.
      await this.deps.sms.release(message.messageSid);
      throw error;
    }
  }

  private async reply(message: InboundSms, now: string): Promise<string | null> {
    const command = parseSmsCommand(message.body);
    const phone = parsePhoneNumber(message.from);
    this.deps.logger.info({ messageSid: message.messageSid, command: command.kind, knownFormat: phone !== undefined }, 'sms received');
    if (command.kind === 'stop' || command.kind === 'start') {
      if (phone) await this.deps.sms.setOptedOut(phone, command.kind === 'stop', now);
      return command.kind === 'stop' ? smsMessages.stopped : smsMessages.started;
    }
    // An opted-out number gets nothing back (Twilio would refuse to deliver it anyway), and no case information.
    if (phone && (await this.deps.sms.isOptedOut(phone))) return command.kind === 'help' ? toSmsText(smsMessages.stopped) : null;
    const from = phone ?? message.from;
    switch (command.kind) {
      case 'status':
        return command.target ? this.deps.status.statusText({ vinOrSuffix: command.target, phone: from }) : smsMessages.needVin('STATUS');
      case 'release':
        return command.target ? this.deps.status.releaseText({ vinOrSuffix: command.target, phone: from }) : smsMessages.needVin('RELEASE');
      case 'contacts':
        return toSmsText(contactsText(this.deps.directory));
      case 'help':
        return toSmsText(smsMessages.help(this.deps.directory.reach('remarketingCenter')));
      case 'unknown':
        return smsMessages.unknown;
    }
  }
}
