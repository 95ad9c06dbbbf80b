import type { ChatIdentity, DealerUser } from './dealer-user.ts';

/** A one-time link code waiting in a chat conversation (only its hash is stored). */
export interface PendingLinkCode {
  conversationKey: string;
  phone: string;
  /** Null when the phone given is no dealer's: nothing was texted, and no code can match. */
  dealerId: string | null;
  codeHash: string;
  createdAt: string;
  expiresAt: string;
  attempts: number;
}

/** What the dealer-user and link-code services need from storage, and nothing about SQL. */
export interface DealerUserRepository {
  /**
   * Links an identity to a dealer. Already that dealer's: the existing user, `created: false`. Another
   * dealer's (and not expired): ConflictError `identity_taken` (field `field`), nothing written.
   */
  link(user: DealerUser, field: string, now: string): Promise<{ user: DealerUser; created: boolean }>;
  /** The dealer user holding this identity, unless it expired before `now`. */
  findByIdentity(identity: ChatIdentity, now: string): Promise<DealerUser | undefined>;
  listByDealer(dealerId: string): Promise<DealerUser[]>;
  /** False when the dealer has no such user. */
  remove(dealerId: string, userId: string): Promise<boolean>;

  /** Replaces any code pending in the conversation, and records the send against the phone when one was texted. */
  savePendingCode(code: PendingLinkCode, texted: boolean): Promise<void>;
  pendingCode(conversationKey: string): Promise<PendingLinkCode | undefined>;
  /** Counts a wrong code; returns the attempts so far. */
  countFailedAttempt(conversationKey: string): Promise<number>;
  deleteCode(conversationKey: string): Promise<void>;
  /** Codes texted to `phone` at or after `since`. */
  sendsSince(phone: string, since: string): Promise<number>;
  /** Uses the code and links the user in one transaction: false (nothing linked) when the code was already used. */
  useCodeAndLink(conversationKey: string, user: DealerUser, now: string): Promise<{ used: boolean; user?: DealerUser }>;
}
