import { timingSafeEqual } from 'node:crypto';
import { isoNow, type Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { ValidationError } from '../errors.ts';
import { identityMessages } from '../identity/identity-messages.ts';
import { webChatUserChannelDataKey } from '../identity/web-chat-user-token.ts';
import { validationErrorFrom } from '../validation-errors.ts';
import { botActivitySchema, clientActivitySchema, startConversationSchema, type BotActivity } from './activity-schemas.ts';
import type { BotDelivery } from './bot-delivery.ts';
import type { ConnectorKeys } from './connector-keys.ts';
import type { ActivityJson, ActivitySet, DirectLineConversation, DirectLineConversationStore } from './direct-line-store.ts';
import {
  ActivityTooLargeError,
  BotUnavailableError,
  ConnectorForbiddenError,
  ConversationForbiddenError,
  ConversationNotFoundError,
  DirectLineAuthError,
} from './direct-line-errors.ts';
import { bearerToken, randomId, type DirectLineTokenSigner, type TokenClaims } from './direct-line-token.ts';

/** What Azure's Direct Line answers to start, reconnect and refresh (no `streamUrl`: we do not offer WebSocket). */
export interface ConversationGrant {
  conversationId: string;
  token: string;
  expires_in: number;
}

export interface BotIdentity {
  id: string;
  name: string;
}

export interface DirectLineServiceOptions<Store extends DirectLineConversationStore = DirectLineConversationStore> {
  clock: Clock;
  logger: Logger;
  /** Where conversations live: this process (ConversationStore) or a database every instance shares. */
  store: Store;
  signer: DirectLineTokenSigner;
  connectorKeys: ConnectorKeys;
  deliver: BotDelivery;
  bot: BotIdentity;
  /** Our base URL as the bot reaches it (loopback), known once the server listens. */
  serviceBaseUrl: () => string;
  /**
   * API_TOKEN. When set, starting a conversation needs `Authorization: Bearer <API_TOKEN>`: the chat
   * reads case status, which issue 5 protects with this token. Reconnect, refresh, post and poll keep
   * using the conversation's own Direct Line token.
   */
  apiToken?: string | undefined;
  /** The channel id the bot sees; 'webchat' so it renders Adaptive Cards as for Web Chat. */
  channelId?: string;
  maxClientActivityBytes?: number;
  maxBotActivityBytes?: number;
  /**
   * Signed web chat user tokens (WEBCHAT_USER_TOKEN_SECRET). When set, a conversation started with a valid
   * `userToken` is bound to its user, and every activity the bot gets carries a stamp naming that user
   * (channelData.webChatUser), which a client cannot forge. Unset: a `userToken` is refused (400).
   */
  userTokens?: UserTokenBinding | undefined;
}

/** What the service needs of src/identity/web-chat-user-token.ts. */
export interface UserTokenBinding {
  /** The verified user id; throws a 401 AppError for a forged, malformed or expired token. */
  verify(token: string): string;
  stamp(conversationId: string, userId: string): unknown;
}

/** The channel id the bot sees unless told otherwise: 'webchat', so it renders Adaptive Cards as for Web Chat. */
export const defaultChannelId = 'webchat';

/** Activity types the polling interface does not hand to clients (Azure: typing is WebSocket-only). */
const notPolled = new Set(['typing', 'trace', 'conversationUpdate']);

export const connectorPathPrefix = '/directline/connector';

/**
 * The local Direct Line 3.0 service: conversations with signed, expiring, conversation-scoped tokens
 * on the client side, and the connector endpoint the bot replies to on the other. See README.md.
 *
 * Stateless but for the deliveries to the bot it has under way: conversations, queues and limits are in
 * the store, so with a shared store every instance can serve every call of every conversation.
 */
export class DirectLineService<Store extends DirectLineConversationStore = DirectLineConversationStore> {
  /** The channel id the bot sees on this endpoint's activities. */
  readonly channelId: string;
  private readonly maxClientActivityBytes: number;
  private readonly maxBotActivityBytes: number;
  private readonly apiToken: string | undefined;
  /**
   * The tail of each conversation's chain of deliveries to the bot on this instance: they run one after
   * another, in the order they were accepted. An entry goes once its chain has run out.
   */
  private readonly deliveries = new Map<string, Promise<void>>();

  constructor(private readonly options: DirectLineServiceOptions<Store>) {
    this.apiToken = options.apiToken === undefined || options.apiToken === '' ? undefined : options.apiToken;
    this.channelId = options.channelId ?? defaultChannelId;
    this.maxClientActivityBytes = options.maxClientActivityBytes ?? 64 * 1024;
    this.maxBotActivityBytes = options.maxBotActivityBytes ?? 128 * 1024;
  }

  get store(): Store {
    return this.options.store;
  }

  /**
   * POST /v3/directline/conversations. Without a token (or, when API_TOKEN is set, with the API token):
   * a new conversation (201) with a fresh user id, and the bot is told the user joined. With a Direct
   * Line token: that token's conversation (200). `caller` (callerKeyOf) is who the per-caller limits
   * count against (429 over them).
   */
  async start(authorization: string | undefined, readBody: () => unknown, caller: string): Promise<{ created: boolean; grant: ConversationGrant }> {
    const bearer = bearerToken(authorization);
    const withApiToken = this.apiToken !== undefined && bearer !== '' && sameSecret(bearer, this.apiToken);
    if (bearer !== '' && !withApiToken) return { created: false, grant: this.grant(await this.conversationFor(this.startingClaims(authorization))) };
    if (this.apiToken !== undefined && !withApiToken) {
      throw new DirectLineAuthError('api_token_missing', 'Starting a conversation on this server needs Authorization: Bearer <API_TOKEN>.');
    }
    // Read only now: a caller without the API token learns nothing from a validation message.
    const body = readBody();
    const parsed = startConversationSchema.safeParse(body ?? {});
    if (!parsed.success) throw validationErrorFrom(parsed.error, body);
    const verifiedUser = this.verifiedUserOf(parsed.data.userToken);
    const { conversation, evicted } = await this.options.store.start({ id: randomId(), userId: `dl_${randomId(12)}`, caller, verifiedUser });
    if (evicted.length > 0)
      this.options.logger.warn(
        { evicted: evicted.length, maxConversations: this.options.store.limits.maxConversations },
        'direct line: evicted least recently active conversations',
      );
    this.options.logger.info({ conversationId: conversation.id }, 'direct line: conversation started');
    const joined: ActivityJson = {
      type: 'conversationUpdate',
      id: `${conversation.id}|join`,
      channelId: this.channelId,
      timestamp: this.nowIso(),
      ...(parsed.data.locale === undefined ? {} : { locale: parsed.data.locale }),
      conversation: { id: conversation.id },
      from: { id: conversation.userId, role: 'user' },
      recipient: { ...this.options.bot, role: 'bot' },
      membersAdded: [
        { ...this.options.bot, role: 'bot' },
        { id: conversation.userId, role: 'user' },
      ],
    };
    this.deliverInOrder(conversation, joined).catch(() => undefined);
    return { created: true, grant: this.grant(conversation) };
  }

  /** GET /v3/directline/conversations/:id — reconnect: a fresh token for the same conversation. */
  async reconnect(authorization: string | undefined, conversationId: string): Promise<ConversationGrant> {
    return this.grant(await this.authorize(authorization, conversationId));
  }

  /** POST /v3/directline/tokens/refresh — a new token with a new lifetime; the old one stays valid until it expires. */
  async refresh(authorization: string | undefined): Promise<ConversationGrant> {
    return this.grant(await this.conversationFor(this.authenticate(authorization)));
  }

  /** GET /v3/directline/conversations/:id/activities?watermark=N */
  async activities(authorization: string | undefined, conversationId: string, watermark: number): Promise<ActivitySet> {
    const conversation = await this.authorize(authorization, conversationId);
    return this.options.store.after(conversation.id, watermark);
  }

  /**
   * POST /v3/directline/conversations/:id/activities. The activity is queued first (Web Chat waits for
   * this echo, matched by channelData.clientActivityID, before it marks a message sent), then handed to
   * the bot; like Azure's Direct Line we answer after the bot took it, with 502 when it did not.
   */
  async post(authorization: string | undefined, conversationId: string, readBody: () => unknown): Promise<{ id: string }> {
    // The token is checked before the body is read, so a stranger learns nothing from a validation message.
    const conversation = await this.authorize(authorization, conversationId);
    const body = readBody();
    const parsed = clientActivitySchema.safeParse(body);
    if (!parsed.success) throw validationErrorFrom(parsed.error, body);
    const { from, ...fields } = parsed.data;
    if (Buffer.byteLength(JSON.stringify(fields)) > this.maxClientActivityBytes) {
      throw new ActivityTooLargeError(`An activity may be at most ${this.maxClientActivityBytes / 1024} KB.`);
    }
    const build = (id: string): ActivityJson => ({
      ...fields,
      id,
      channelId: this.channelId,
      timestamp: this.nowIso(),
      conversation: { id: conversation.id },
      // The token's user, whatever the client claims: nobody speaks as someone else.
      from: { id: conversation.userId, ...(from?.name === undefined ? {} : { name: from.name }), role: 'user' },
      recipient: { ...this.options.bot, role: 'bot' },
    });
    const activity = notPolled.has(parsed.data.type) ? build(`${conversation.id}|${randomId(6)}`) : await this.options.store.append(conversation.id, build);
    const id = String(activity.id);
    try {
      await this.deliverInOrder(conversation, activity);
    } catch (error) {
      throw error instanceof BotUnavailableError ? error : new BotUnavailableError('The bot failed to take the activity.', null, { cause: error });
    }
    return { id };
  }

  /** Resolves once every delivery accepted so far has finished (for a clean stop). */
  async settled(): Promise<void> {
    await Promise.all(this.deliveries.values());
  }

  /** Resolves once the deliveries this instance accepted so far in the conversation have finished. */
  async deliveriesSettled(conversationId: string): Promise<void> {
    await this.deliveries.get(conversationId);
  }

  /**
   * Ends a conversation before it expires: the store forgets it, so its tokens are refused (404) from now
   * on, by every instance when the store is shared. False when it was already gone.
   */
  async revoke(conversationId: string): Promise<boolean> {
    const revoked = await this.options.store.revoke(conversationId);
    if (revoked) this.options.logger.info({ conversationId }, 'direct line: conversation revoked');
    return revoked;
  }

  /** The serviceUrl handed to the bot for this conversation (carries the connector key). */
  serviceUrlFor(conversationId: string): string {
    return `${this.options.serviceBaseUrl()}${connectorPathPrefix}/${this.options.connectorKeys.keyFor(conversationId)}`;
  }

  // --- the connector side: calls the bot makes to serviceUrl ---

  /** POST …/v3/conversations/:id/activities[/:replyToId] from the bot: queued for polling. The body is read after the key is checked. */
  async fromBot(key: string, conversationId: string, readBody: () => unknown, replyToIdFromPath?: string): Promise<{ id: string }> {
    const conversation = await this.connectorConversation(key, conversationId);
    const activity = this.parseBotActivity(readBody());
    if (notPolled.has(activity.type)) return { id: '' };
    const replyToId = await this.keptReplyToId(conversation, activity.replyToId ?? replyToIdFromPath);
    const stored = await this.options.store.append(conversation.id, (id) => this.fromBotActivity(conversation, activity, id, replyToId));
    return { id: String(stored.id) };
  }

  /** PUT …/activities/:activityId from the bot (e.g. a card replaced after its choice was made). */
  async updateFromBot(key: string, conversationId: string, activityId: string, readBody: () => unknown): Promise<{ id: string }> {
    const conversation = await this.connectorConversation(key, conversationId);
    const activity = this.parseBotActivity(readBody());
    const replyToId = await this.keptReplyToId(conversation, activity.replyToId);
    await this.options.store.replace(conversation.id, activityId, (id) => this.fromBotActivity(conversation, activity, id, replyToId));
    return { id: activityId };
  }

  /** DELETE …/activities/:activityId from the bot: gone from the queue (a client that already has it keeps it). */
  async deleteFromBot(key: string, conversationId: string, activityId: string): Promise<void> {
    const conversation = await this.connectorConversation(key, conversationId);
    await this.options.store.remove(conversation.id, activityId);
  }

  /** GET …/v3/conversations/:id/members from the bot. */
  async members(key: string, conversationId: string): Promise<ActivityJson[]> {
    const conversation = await this.connectorConversation(key, conversationId);
    return [
      { id: conversation.userId, role: 'user' },
      { ...this.options.bot, role: 'bot' },
    ];
  }

  // --- helpers ---

  /**
   * The Direct Line token given to POST /conversations. With API_TOKEN set, a bearer that is neither
   * that token nor one of our Direct Line tokens is most likely a mistyped API token: say so.
   */
  private startingClaims(authorization: string | undefined): TokenClaims {
    try {
      return this.authenticate(authorization);
    } catch (error) {
      if (this.apiToken !== undefined && error instanceof DirectLineAuthError && error.code === 'token_invalid') {
        throw new DirectLineAuthError('api_token_invalid', 'The API token is not valid.');
      }
      throw error;
    }
  }

  private authenticate(authorization: string | undefined): TokenClaims {
    return this.options.signer.verify(bearerToken(authorization));
  }

  /** 401 for a bad token, 403 for another conversation's token, 404 for a conversation that is gone. */
  private async authorize(authorization: string | undefined, conversationId: string): Promise<DirectLineConversation> {
    const claims = this.authenticate(authorization);
    if (claims.conv !== conversationId) throw new ConversationForbiddenError('This token belongs to another conversation.');
    return this.conversationFor(claims);
  }

  private async conversationFor(claims: TokenClaims): Promise<DirectLineConversation> {
    const conversation = await this.options.store.touch(claims.conv);
    if (!conversation || conversation.userId !== claims.user) {
      throw new ConversationNotFoundError('This conversation has ended or expired; start a new one.');
    }
    return conversation;
  }

  private async connectorConversation(key: string, conversationId: string): Promise<DirectLineConversation> {
    if (!this.options.connectorKeys.matches(conversationId, key)) {
      this.options.logger.warn({ conversationId }, 'direct line: connector call with a wrong key refused');
      throw new ConnectorForbiddenError('This connector address does not belong to the conversation.');
    }
    const conversation = await this.options.store.touch(conversationId);
    if (!conversation) throw new ConversationNotFoundError('This conversation has ended or expired.');
    return conversation;
  }

  private parseBotActivity(body: unknown): BotActivity {
    const parsed = botActivitySchema.safeParse(body);
    if (!parsed.success) throw validationErrorFrom(parsed.error, body);
    if (Buffer.byteLength(JSON.stringify(parsed.data)) > this.maxBotActivityBytes) {
      throw new ActivityTooLargeError(`A bot activity may be at most ${this.maxBotActivityBytes / 1024} KB.`);
    }
    return parsed.data;
  }

  /**
   * Web Chat holds back a reply until the activity it answers has arrived (up to 5 s, then warns), so a
   * reply to something the client never sees (the join) must not point at it: `replyToId` only when the
   * activity is in the queue.
   */
  private async keptReplyToId(conversation: DirectLineConversation, replyToId: string | undefined): Promise<string | undefined> {
    return replyToId !== undefined && (await this.options.store.has(conversation.id, replyToId)) ? replyToId : undefined;
  }

  /** The bot's activity as clients see it; `replyToId` as keptReplyToId decided. */
  private fromBotActivity(conversation: DirectLineConversation, activity: BotActivity, id: string, replyToId: string | undefined): ActivityJson {
    // serviceUrl carries the connector key: never shown to a browser.
    const { serviceUrl: _serviceUrl, replyToId: _replyToId, from, ...rest } = activity;
    return {
      ...rest,
      id,
      channelId: this.channelId,
      timestamp: this.nowIso(),
      conversation: { id: conversation.id },
      from: { id: from?.id ?? this.options.bot.id, name: from?.name ?? this.options.bot.name, role: 'bot' },
      recipient: { id: conversation.userId, role: 'user' },
      ...(replyToId === undefined ? {} : { replyToId }),
    };
  }

  /** The user a start's `userToken` names (401 when it is not valid), or undefined without one. */
  private verifiedUserOf(userToken: string | undefined): string | undefined {
    if (userToken === undefined) return undefined;
    if (!this.options.userTokens) throw new ValidationError(identityMessages.userTokenNotAccepted, 'userToken', 'user_tokens_off');
    return this.options.userTokens.verify(userToken);
  }

  /**
   * The activity's channelData as the bot gets it: a `webChatUser` the client wrote is dropped, and the
   * conversation's verified user (if any) is stamped in its place.
   */
  private channelDataForBot(conversation: DirectLineConversation, channelData: unknown): Record<string, unknown> | undefined {
    const own = typeof channelData === 'object' && channelData !== null ? { ...(channelData as Record<string, unknown>) } : undefined;
    if (own) delete own[webChatUserChannelDataKey];
    const user = conversation.verifiedUser;
    if (user === undefined || !this.options.userTokens) return own;
    return { ...own, [webChatUserChannelDataKey]: this.options.userTokens.stamp(conversation.id, user) };
  }

  /**
   * Hands the activity to the bot after the deliveries this instance accepted before it in the same
   * conversation. The chain is per instance: across instances, the bot's state store refuses a turn
   * that crossed another (its eTag), so two instances cannot both save over one conversation's state.
   */
  private deliverInOrder(conversation: DirectLineConversation, activity: ActivityJson): Promise<void> {
    const channelData = this.channelDataForBot(conversation, activity.channelData);
    const { channelData: _clientChannelData, ...rest } = activity;
    const forBot: ActivityJson = { ...rest, ...(channelData === undefined ? {} : { channelData }), serviceUrl: this.serviceUrlFor(conversation.id) };
    const run = (this.deliveries.get(conversation.id) ?? Promise.resolve()).then(() => this.options.deliver(forBot));
    const tail = run.then(
      () => undefined,
      (error: unknown) => {
        this.options.logger.warn(
          { conversationId: conversation.id, activityType: activity.type, err: error },
          'direct line: the bot did not take the activity',
        );
      },
    );
    this.deliveries.set(conversation.id, tail);
    // Once this chain has run out (nothing queued after it), the conversation holds no entry.
    void tail.then(() => {
      if (this.deliveries.get(conversation.id) === tail) this.deliveries.delete(conversation.id);
    });
    return run;
  }

  private grant(conversation: DirectLineConversation): ConversationGrant {
    const issued = this.options.signer.issue(conversation.id, conversation.userId);
    return { conversationId: conversation.id, token: issued.token, expires_in: issued.expiresIn };
  }

  private nowIso(): string {
    return isoNow(this.options.clock);
  }
}

/** Compares a secret without leaking through timing how much of it matched. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
