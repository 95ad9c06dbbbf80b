import { randomBytes } from 'node:crypto';
import { isoNow, type Clock } from '../clock.ts';
import type { Actor } from '../domain/actor.ts';
import { NotFoundError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { DealerRepository } from '../storage/repositories.ts';
import {
  dealerUserView,
  identityOfInput,
  type ChatIdentity,
  type DealerScope,
  type DealerUser,
  type DealerUserInput,
  type DealerUserView,
} from './dealer-user.ts';
import type { DealerUserRepository } from './dealer-user-repository.ts';
import { identityMessages } from './identity-messages.ts';

export interface DealerUserServiceDeps {
  dealers: Pick<DealerRepository, 'get'>;
  users: DealerUserRepository;
  clock: Clock;
  logger: Logger;
}

/** A conversation linked by a code stays linked this long (the conversation itself usually ends sooner). */
const conversationLinkHours = 12;

/**
 * Who a chat user is: links identities to dealers (through the API or a one-time code) and resolves an
 * identity to a dealer scope on every turn.
 */
export class DealerUserService {
  constructor(private readonly deps: DealerUserServiceDeps) {}

  /** POST /api/v1/dealers/:id/users. `created` false when the identity was already this dealer's. */
  async link(dealerId: string, input: DealerUserInput): Promise<{ user: DealerUserView; created: boolean }> {
    await this.requireDealer(dealerId);
    const identity = identityOfInput(input);
    const now = this.nowIso();
    const field = identity.kind === 'teams' ? 'aadObjectId' : 'webChatUserId';
    const result = await this.deps.users.link(this.newUser(dealerId, identity, 'api', now), field, now);
    if (result.created) this.deps.logger.info({ dealerId, dealerUserId: result.user.id, kind: identity.kind }, 'dealer user linked');
    return { user: dealerUserView(result.user), created: result.created };
  }

  async list(dealerId: string): Promise<DealerUserView[]> {
    await this.requireDealer(dealerId);
    return (await this.deps.users.listByDealer(dealerId)).map(dealerUserView);
  }

  /** Idempotent: a user that is not (or no longer) the dealer's is simply not there afterwards. */
  async remove(dealerId: string, userId: string): Promise<void> {
    await this.requireDealer(dealerId);
    if (await this.deps.users.remove(dealerId, userId)) this.deps.logger.info({ dealerId, dealerUserId: userId }, 'dealer user removed');
  }

  /** The dealer whose user this is, or undefined (an unknown identity, an expired conversation link). */
  async scopeOf(identities: readonly ChatIdentity[], channel: string): Promise<DealerScope | undefined> {
    const now = this.nowIso();
    for (const identity of identities) {
      const user = await this.deps.users.findByIdentity(identity, now);
      if (!user) continue;
      const dealer = await this.deps.dealers.get(user.dealerId);
      if (dealer) return { dealerId: dealer.id, dealerName: dealer.name, userId: user.id, channel };
    }
    return undefined;
  }

  /** A new dealer user for `identity`; a conversation link expires. */
  newUser(dealerId: string, identity: ChatIdentity, linkedBy: DealerUser['linkedBy'], now: string): DealerUser {
    const expiresAt = identity.kind === 'conversation' ? (this.deps.clock.now().plus({ hours: conversationLinkHours }).toUTC().toISO() ?? null) : null;
    return {
      id: `du_${randomBytes(9).toString('base64url')}`,
      dealerId,
      kind: identity.kind,
      externalId: identity.externalId,
      linkedBy,
      createdAt: now,
      expiresAt,
    };
  }

  private async requireDealer(dealerId: string): Promise<void> {
    if (!(await this.deps.dealers.get(dealerId))) throw new NotFoundError(identityMessages.dealerNotFound(dealerId), 'id');
  }

  private nowIso(): string {
    return isoNow(this.deps.clock);
  }
}

/** The actor a recognized chat user acts as (the audit trail). */
export function dealerUserActor(scope: DealerScope): Actor {
  return { kind: 'dealerUser', dealerId: scope.dealerId, userId: scope.userId, channel: scope.channel };
}
