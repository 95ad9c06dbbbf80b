import { randomBytes } from 'node:crypto';
import type { Server } from 'restify';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { loopbackBotDelivery, type BotDelivery } from './bot-delivery.ts';
import { ConnectorKeys } from './connector-keys.ts';
import { BotUnavailableError } from './direct-line-errors.ts';
import { ConversationStore } from './conversation-store.ts';
import { registerConnectorRoutes, registerDirectLineRoutes } from './direct-line-routes.ts';
import { DirectLineService, type BotIdentity, type UserTokenBinding } from './direct-line-service.ts';
import { defaultConversationLimits, type ConversationLimits, type DirectLineConversation, type DirectLineConversationStore } from './direct-line-store.ts';
import { defaultTokenLifetimeSeconds, DirectLineTokenSigner } from './direct-line-token.ts';

export { inProcessBotDelivery, loopbackBotDelivery, type BotDelivery, type InProcessTurn } from './bot-delivery.ts';
export { callerKeyOf } from './caller-key.ts';
export { ConversationStore } from './conversation-store.ts';
export { defaultConversationLimits, type ConversationLimits, type DirectLineConversation, type DirectLineConversationStore } from './direct-line-store.ts';
export type { BotIdentity, ConversationGrant } from './direct-line-service.ts';
export { DirectLineService } from './direct-line-service.ts';

export interface LocalDirectLineOptions {
  server: Server;
  logger: Logger;
  clock: Clock;
  /** DIRECTLINE_TOKEN_SECRET; when unset, a random key per start. */
  tokenSecret: string | undefined;
  /** API_TOKEN; when set, starting a conversation needs `Authorization: Bearer <API_TOKEN>`. */
  apiToken?: string | undefined;
  bot: BotIdentity;
  /** How activities reach the bot; by default a loopback POST to our own /api/messages. */
  deliver?: BotDelivery;
  /**
   * Where conversations, their queues and the per-caller limits live. Default: a ConversationStore in
   * this process (one instance). A PgDirectLineStore shares them between every instance of the app.
   */
  store?: DirectLineConversationStore | undefined;
  /** Bounds of the in-memory store made when no `store` is given (a given store has its own). */
  limits?: Partial<ConversationLimits>;
  tokenLifetimeSeconds?: number;
  /**
   * Called once for every conversation the endpoint forgets (expired, evicted, revoked, or, with the
   * in-memory store, the server stops: none can continue after that), after the deliveries this instance
   * had accepted in it finished. With a shared store, the instance that let the conversation go calls
   * it. The app deletes the conversation's bot state here. A failure is logged.
   */
  onForget?: (conversation: ForgottenConversation) => Promise<void> | void;
  /** Signed web chat user tokens (see DirectLineServiceOptions.userTokens); unset: `userToken` refused. */
  userTokens?: UserTokenBinding | undefined;
}

/** What the bot knew a forgotten conversation by. */
export interface ForgottenConversation {
  channelId: string;
  conversationId: string;
  userId: string;
}

/** `Store` is the in-memory ConversationStore unless createLocalDirectLine was given another. */
export interface LocalDirectLine<Store extends DirectLineConversationStore = ConversationStore> {
  readonly service: DirectLineService<Store>;
  /**
   * This instance stops: the store closes (the in-memory one forgets every conversation, a shared one
   * keeps them for the other instances); resolves once the onForget calls have finished.
   */
  close(): Promise<void>;
}

/**
 * Builds the local Direct Line 3.0 endpoint and its bot-facing connector, and registers both on the
 * server. Conversations live in `store`: by default a ConversationStore in this process (one instance,
 * SQLite mode); a PgDirectLineStore shares them between every instance (PostgreSQL mode).
 */
export function createLocalDirectLine(options: LocalDirectLineOptions & { store?: undefined }): LocalDirectLine<ConversationStore>;
export function createLocalDirectLine<Store extends DirectLineConversationStore>(options: LocalDirectLineOptions & { store: Store }): LocalDirectLine<Store>;
export function createLocalDirectLine(options: LocalDirectLineOptions): LocalDirectLine<DirectLineConversationStore> {
  const { server, logger, clock } = options;
  const secret = options.tokenSecret ?? randomBytes(32).toString('base64url');
  if (!options.tokenSecret) logger.info('direct line: DIRECTLINE_TOKEN_SECRET is unset, tokens are signed with a key made for this run');
  const forgetting = new Set<Promise<void>>();
  const onForget = options.onForget;
  const forget = (conversation: DirectLineConversation): void => {
    if (onForget === undefined) return;
    const forgotten: ForgottenConversation = { channelId: service.channelId, conversationId: conversation.id, userId: conversation.userId };
    // After the deliveries already accepted: a turn still running would otherwise save state again.
    const run = service
      .deliveriesSettled(conversation.id)
      .then(() => onForget(forgotten))
      .catch((error: unknown) => logger.warn({ conversationId: conversation.id, err: error }, 'direct line: cleaning up after a forgotten conversation failed'))
      .finally(() => forgetting.delete(run));
    forgetting.add(run);
  };
  const store = options.store ?? new ConversationStore(clock, { ...defaultConversationLimits, ...options.limits });
  store.onForget(forget);
  const serviceBaseUrl = (): string => loopbackBaseUrl(server);
  const service = new DirectLineService({
    clock,
    logger,
    store,
    signer: new DirectLineTokenSigner(secret, clock, options.tokenLifetimeSeconds ?? defaultTokenLifetimeSeconds),
    connectorKeys: new ConnectorKeys(secret),
    deliver: options.deliver ?? loopbackBotDelivery({ baseUrl: serviceBaseUrl }),
    bot: options.bot,
    serviceBaseUrl,
    apiToken: options.apiToken,
    userTokens: options.userTokens,
  });
  registerDirectLineRoutes(server, { service, logger });
  registerConnectorRoutes(server, { service, logger });
  // Requests sweep too; the timer only matters for a server nobody talks to any more.
  const sweeper = setInterval(() => {
    store.expire().catch((error: unknown) => logger.warn({ err: error }, 'direct line: sweeping expired conversations failed'));
  }, 60_000);
  sweeper.unref();
  return {
    service,
    async close() {
      clearInterval(sweeper);
      await store.close();
      await Promise.all(forgetting);
    },
  };
}

/** How this process reaches itself: the bound address, or loopback when bound to every interface. */
export function loopbackBaseUrl(server: Server): string {
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new BotUnavailableError('The server is not listening on a TCP port yet.');
  const host =
    address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '[::1]' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
