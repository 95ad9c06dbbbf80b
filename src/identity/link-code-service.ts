import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Clock } from '../clock.ts';
import { parsePhoneNumber, type PhoneNumber } from '../domain/phone-number.ts';
import { ConflictError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { SmsSender } from '../sms/sms-sender.ts';
import type { DealerRepository, SmsRepository } from '../storage/repositories.ts';
import type { ChatIdentity, DealerScope } from './dealer-user.ts';
import type { DealerUserRepository } from './dealer-user-repository.ts';
import type { DealerUserService } from './dealer-user-service.ts';
import { identityMessages } from './identity-messages.ts';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export const linkCodeRules = {
  /** A code is good for this long. */
  lifetimeMinutes: 10,
  /** Wrong codes before the code is void. */
  maxAttempts: 5,
  /** Codes texted to one phone per hour, whoever asks (nobody can flood a dealer's phone). */
  maxSendsPerPhonePerHour: 3,
} as const;

export type CodeRequestResult =
  /** Said the same way whether or not the phone is a dealer's (and whether or not a text went out). */
  { kind: 'requested'; phone: PhoneNumber } | { kind: 'notConfigured' } | { kind: 'invalidPhone' };

export type CodeCheckResult =
  | { kind: 'linked'; scope: DealerScope }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'expired' }
  | { kind: 'noCode' }
  | { kind: 'tooManyAttempts' }
  /** The identity already belongs to another dealer (linked through the API, say). */
  | { kind: 'taken' };

export interface LinkCodeServiceDeps {
  users: DealerUserRepository;
  dealerUsers: DealerUserService;
  dealers: Pick<DealerRepository, 'get' | 'findByPhone'>;
  optOuts: Pick<SmsRepository, 'isOptedOut'>;
  sender: SmsSender;
  clock: Clock;
  logger: Logger;
}

/**
 * One-time codes that link a chat user to a dealer: texted to a dealer phone, typed back in the chat.
 * Codes are random, six digits, good for 10 minutes and one use, void after five wrong tries, and
 * stored only as a salted scrypt hash. Whether the phone is a dealer's is never said: an unknown phone
 * gets the same answer and a pending "code" nobody can type; the text goes out after the answer, so
 * the answer's timing says nothing either.
 */
export class LinkCodeService {
  constructor(private readonly deps: LinkCodeServiceDeps) {}

  get canText(): boolean {
    return this.deps.sender.configured;
  }

  async requestCode(conversationKey: string, phoneInput: string): Promise<CodeRequestResult> {
    if (!this.deps.sender.configured) return { kind: 'notConfigured' };
    const phone = readPhone(phoneInput);
    if (!phone) return { kind: 'invalidPhone' };
    const now = this.deps.clock.now();
    const dealer = await this.deps.dealers.findByPhone(phone);
    const recent = await this.deps.users.sendsSince(phone, now.minus({ hours: 1 }).toUTC().toISO() ?? '');
    const text = dealer !== undefined && recent < linkCodeRules.maxSendsPerPhonePerHour && !(await this.deps.optOuts.isOptedOut(phone));
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.deps.users.savePendingCode(
      {
        conversationKey,
        phone,
        dealerId: text ? (dealer?.id ?? null) : null,
        codeHash: await hashCode(code),
        createdAt: now.toUTC().toISO() ?? '',
        expiresAt: now.plus({ minutes: linkCodeRules.lifetimeMinutes }).toUTC().toISO() ?? '',
        attempts: 0,
      },
      text,
    );
    if (text) {
      this.deps.logger.info({ conversationKey, dealerId: dealer?.id }, 'link code texted to a dealer phone');
      this.deps.sender.send({ to: phone, body: identityMessages.codeText(code, linkCodeRules.lifetimeMinutes) }).catch((error: unknown) => {
        this.deps.logger.warn({ conversationKey, err: error }, 'link code text was not sent');
      });
    } else {
      this.deps.logger.info({ conversationKey, known: dealer !== undefined, recentSends: recent }, 'link code asked for; nothing texted');
    }
    return { kind: 'requested', phone };
  }

  /** Whether the conversation waits for a code. */
  async hasPendingCode(conversationKey: string): Promise<boolean> {
    return (await this.deps.users.pendingCode(conversationKey)) !== undefined;
  }

  async checkCode(conversationKey: string, typed: string, identity: ChatIdentity, channel: string): Promise<CodeCheckResult> {
    const pending = await this.deps.users.pendingCode(conversationKey);
    if (!pending) return { kind: 'noCode' };
    const now = this.deps.clock.now();
    if (pending.expiresAt <= (now.toUTC().toISO() ?? '')) {
      await this.deps.users.deleteCode(conversationKey);
      return { kind: 'expired' };
    }
    if (pending.attempts >= linkCodeRules.maxAttempts) {
      await this.deps.users.deleteCode(conversationKey);
      return { kind: 'tooManyAttempts' };
    }
    const matches = await codeMatches(typed.replace(/\D/g, ''), pending.codeHash);
    if (!matches || pending.dealerId === null) {
      const attempts = await this.deps.users.countFailedAttempt(conversationKey);
      if (attempts >= linkCodeRules.maxAttempts) {
        await this.deps.users.deleteCode(conversationKey);
        return { kind: 'tooManyAttempts' };
      }
      return { kind: 'wrong', attemptsLeft: linkCodeRules.maxAttempts - attempts };
    }
    const nowIso = now.toUTC().toISO() ?? '';
    try {
      const result = await this.deps.users.useCodeAndLink(conversationKey, this.deps.dealerUsers.newUser(pending.dealerId, identity, 'code', nowIso), nowIso);
      // Used by a turn that crossed this one: this code is spent.
      if (!result.used || !result.user) return { kind: 'noCode' };
      const dealer = await this.deps.dealers.get(result.user.dealerId);
      this.deps.logger.info({ conversationKey, dealerId: pending.dealerId, dealerUserId: result.user.id, kind: identity.kind }, 'chat user linked by code');
      return { kind: 'linked', scope: { dealerId: pending.dealerId, dealerName: dealer?.name ?? pending.dealerId, userId: result.user.id, channel } };
    } catch (error) {
      if (error instanceof ConflictError && error.code === 'identity_taken') {
        await this.deps.users.deleteCode(conversationKey);
        return { kind: 'taken' };
      }
      throw error;
    }
  }
}

/** A phone as typed in a chat: E.164, or a 10-digit US number (dealers are in the US). */
export function readPhone(input: string): PhoneNumber | undefined {
  const digits = input.replace(/[\s().-]+/g, '');
  if (/^\d{10}$/.test(digits)) return parsePhoneNumber(`+1${digits}`);
  if (/^1\d{10}$/.test(digits)) return parsePhoneNumber(`+${digits}`);
  return parsePhoneNumber(input);
}

/** scrypt (N=16384): a stolen database row costs hours of work per code, longer than the code lives. */
async function hashCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(code, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

async function codeMatches(typed: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || !/^\d{6}$/.test(typed)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const given = await scryptAsync(typed, Buffer.from(salt, 'base64url'), 32);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
