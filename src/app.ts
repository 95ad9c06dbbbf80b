import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from './clock.ts';
import { createBotRuntime, type BotRuntime } from '../bots/bot-runtime.ts';
import { registerBotRoutes } from './http/routes/bot-routes.ts';
import type { Config } from './config.ts';
import { registerConsoleRoutes } from './console/console-routes.ts';
import { registerAnswerRoutes } from './http/routes/answer-routes.ts';
import { registerDecisionRoutes } from './http/routes/decision-routes.ts';
import type { AnswerService } from './knowledge/answer-service.ts';
import { createAnswerService } from './knowledge/create-answer-service.ts';
import { registerHealthRoutes } from './http/routes/health-routes.ts';
import { registerChatPageRoutes } from './chat-page/chat-page-routes.ts';
import { ConversationStore, createLocalDirectLine, inProcessBotDelivery } from './directline/index.ts';
import { StateStoreStorage } from '../bots/state-store-storage.ts';
import { inboundActivitySchema, processBotActivity } from './http/routes/bot-routes.ts';
import { closeGracefully, createHttpServer, listen, type Server } from './http/server.ts';
import { createLogger, type Logger } from './logger.ts';
import { DecisionService } from './rules/decision-service.ts';
import { checkRuleSet } from './rules/rule-set-check.ts';
import { loadRuleSet } from './rules/rule-set.ts';
import type { StateStore } from './storage/state-store.ts';
import { openStorage, type OpenedStorage } from './storage/open-storage.ts';
import { PgDirectLineStore } from './storage/postgres/pg-direct-line-store.ts';
import { CaseService } from './cases/case-service.ts';
import { StatusService } from './cases/status-service.ts';
import { registerCaseRoutes } from './http/routes/case-routes.ts';
import { registerDealerRoutes } from './http/routes/dealer-routes.ts';
import { registerSmsRoutes } from './http/routes/sms-routes.ts';
import { SmsService } from './sms/sms-service.ts';
import { smsSendingOff, type SmsSender } from './sms/sms-sender.ts';
import { TwilioSmsSender } from './sms/twilio-sms-sender.ts';
import { NoticeScheduler } from './notices/notice-scheduler.ts';
import { DealerChatReach } from './notices/dealer-chat-reach.ts';
import { NoticeService } from './notices/notice-service.ts';
import { registerNoticeRoutes, smsStatusCallbackPath } from './http/routes/notice-routes.ts';
import { AgentRegistry } from './agents/agent-registry.ts';
import { CaseFinder } from './cases/case-finder.ts';
import { CaseNotes } from './cases/case-notes.ts';
import { registerFinderRoutes, type QueueSource } from './http/routes/finder-routes.ts';
import { ChannelHandoffDelivery } from './handoffs/channel-handoff-delivery.ts';
import { HandoffService } from './handoffs/handoff-service.ts';
import { registerHandoffRoutes } from './http/routes/handoff-routes.ts';
import { identifyUser } from '../bots/identify-user.ts';
import { ChatCaseService } from './cases/chat-case-service.ts';
import { registerDealerUserRoutes } from './http/routes/dealer-user-routes.ts';
import { DealerUserService } from './identity/dealer-user-service.ts';
import { LinkCodeService } from './identity/link-code-service.ts';
import { WebChatUserTokens } from './identity/web-chat-user-token.ts';

export interface AppOverrides {
  clock?: Clock;
  logger?: Logger;
}

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly server: Server;
  readonly decisions: DecisionService;
  /** Grounded answers to free-text process questions, behind POST /api/v1/answers (issue 6). */
  readonly answers: AnswerService;
  /** SQLite under DATA_DIR or PostgreSQL at DATABASE_URL, with every repository (src/storage/storage-engine.ts). */
  readonly storage: OpenedStorage;
  readonly stateStore: StateStore;
  /** Dealers, return cases and their events (issue 5). */
  readonly cases: CaseService;
  /** Status and release texts for SMS, the bot's sms channel and the status dialog (issue 5). */
  readonly status: StatusService;
  /** The Bot Framework adapter and turn logic behind POST /api/messages (issue 4). */
  readonly bot: BotRuntime;
  /** Phone-center agents and their tokens (issue 15; `cli agents`). */
  readonly agents: AgentRegistry;
  /** Handoff to a person: the queue, agents' replies, back to the bot (issue 15). */
  readonly handoffs: HandoffService;
  /** Outbound texts (Twilio's REST API), or `smsSendingOff` when TWILIO_ACCOUNT_SID is not set (issue 16). */
  readonly smsSender: SmsSender;
  /** Proactive notices: settings, what was sent, Twilio's delivery statuses (issue 16). */
  readonly notices: NoticeService;
  /** Decides and sends notices every NOTICE_INTERVAL_SECONDS; `runOnce()` does one pass now. */
  readonly noticeScheduler: NoticeScheduler;
  start(): Promise<AddressInfo>;
  stop(): Promise<void>;
}

/**
 * The composition root: every service is built here, from the configuration, and handed to what needs
 * it. Nothing else reads the environment or reaches for a global.
 */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const cleanups: Cleanup[] = [];
  try {
    return await assembleApp(config, overrides, cleanups);
  } catch (error) {
    // A start that fails half-way gives back what it took (the DATA_DIR lock, the database, workers).
    for (const cleanup of [...cleanups].reverse()) {
      try {
        await cleanup();
      } catch {
        // The error that stopped the start is the one to report.
      }
    }
    throw error;
  }
}

type Cleanup = () => Promise<void> | void;

async function assembleApp(config: Config, overrides: AppOverrides, cleanups: Cleanup[]): Promise<App> {
  const logger = overrides.logger ?? createLogger(config.logLevel, undefined, config.secrets);
  const clock = overrides.clock ?? systemClock;

  const ruleSet = loadRuleSet(config.rulesDir);
  const decisions = new DecisionService(ruleSet);
  const check = await checkRuleSet(decisions);
  logger.info({ rulesVersion: ruleSet.version, rules: ruleSet.rules.length, evaluations: check.evaluations }, 'rules loaded and checked');

  // SQLite under DATA_DIR (the embedded default), or PostgreSQL at DATABASE_URL for several instances.
  const storage = await openStorage(config, logger);
  cleanups.push(() => storage.close());
  const repositories = storage.repositories;
  // Named agents with their own tokens (issue 15); the server asks the registry about a bearer token.
  const agents = new AgentRegistry({ agents: repositories.agents, clock });
  const server = createHttpServer({ logger, apiToken: config.apiToken, agentActorForToken: (token) => agents.actorForToken(token) });
  const stateStore = repositories.stateStore;
  registerHealthRoutes(server, { readiness: storage, logger });
  registerDecisionRoutes(server, { decisions, logger });

  // --- storage, cases and SMS status (issue 5) ---
  const caseRepository = repositories.cases;
  const smsRepository = repositories.sms;
  // Outbound texts (link codes, handoff replies, notices) all go through this one sender (issue 16).
  const smsSender: SmsSender = config.twilio ? new TwilioSmsSender(config.twilio) : smsSendingOff;
  const cases = new CaseService({ dealers: repositories.dealers, cases: caseRepository, decisions, clock, logger });
  const status = new StatusService({ cases, sms: smsRepository, directory: decisions.directory, clock });

  // --- dealers known on every channel (issue 15): dealer users, one-time link codes, web chat user tokens ---
  const dealerRepository = repositories.dealers;
  const dealerUserRepository = repositories.dealerUsers;
  const dealerUsers = new DealerUserService({ dealers: dealerRepository, users: dealerUserRepository, clock, logger });
  registerDealerUserRoutes(server, { users: dealerUsers, logger });
  const linkCodes = new LinkCodeService({
    users: dealerUserRepository,
    dealerUsers,
    dealers: dealerRepository,
    optOuts: smsRepository,
    sender: smsSender,
    clock,
    logger,
  });
  const webChatUserTokens = config.webChatUserTokenSecret ? new WebChatUserTokens(config.webChatUserTokenSecret, clock) : undefined;
  const chatCases = new ChatCaseService({ cases, status, logger });

  registerDealerRoutes(server, { cases, logger });
  // Call notes, search and queues for the console (issue 15); another queue is one more QueueSource.
  const notes = new CaseNotes({ notes: repositories.caseNotes, clock, logger });
  const finder = new CaseFinder({
    cases,
    caseRepository,
    dealers: repositories.dealers,
    queries: repositories.caseQueries,
    clock,
  });
  const queueSources: QueueSource[] = [];
  registerCaseRoutes(server, { cases, notes, logger });
  registerFinderRoutes(server, { finder, queueSources, logger });
  // SMS_WEBHOOK=off: no route at all (404), so an exposed server without a Twilio token has nothing to forge
  // (registered below, once the answers service exists).

  // --- grounded answers (issue 6) ---
  // Extractive (no key, no network) unless OPENAI_API_KEY is set; the same service answers the API,
  // the CLI, and is exposed on the App for the bot and the agent console.
  const answers = createAnswerService({ config, decisions, logger, clock });

  // --- handoff to a person (issue 15): the queue, agents' replies on the dealer's own channel ---
  const conversationReferences = repositories.conversationReferences;
  const afterHoursContact = decisions.directory.get('dealerServiceCenter');
  const handoffs = new HandoffService({
    handoffs: repositories.handoffs,
    // The bot's proactive messenger exists once the bot runtime is built below.
    delivery: new ChannelHandoffDelivery({ messenger: () => bot.messenger, sms: smsSender }),
    cases,
    clock,
    logger,
    supportHours: config.supportHours,
    afterHoursContact: afterHoursContact && { name: afterHoursContact.name, reach: decisions.directory.reach(afterHoursContact.id) },
    dealers: cases,
  });
  registerHandoffRoutes(server, { handoffs, logger });
  queueSources.push({ load: () => handoffs.queue() });

  // SMS reads free text through the same interpretation and answers questions with the same service.
  const sms = new SmsService({ status, sms: smsRepository, directory: decisions.directory, clock, logger, answers, handoffs });
  if (config.smsWebhook) registerSmsRoutes(server, { sms, logger, twilioAuthToken: config.twilioAuthToken, publicBaseUrl: config.publicBaseUrl });
  registerAnswerRoutes(server, { answers, logger });

  // --- bot conversation: Bot Framework adapter, dialogs, channels (issue 4) ---
  // Dialogs on the CloudAdapter at POST /api/messages; conversation and user state in the same SQLite
  // store (so a restart continues a walkthrough); free-text questions go to the grounded answers above.
  const bot = createBotRuntime({
    settings: config.botFramework,
    stateStore,
    logger,
    services: { decisions, answers, status, clock, logger, links: linkCodes, dealerCases: chatCases },
    identify: identifyUser({ users: dealerUsers, webChatUserTokens }),
    handoffs: { service: handoffs, references: conversationReferences },
  });
  registerBotRoutes(server, { runtime: bot, logger });

  // --- agent console (issue 7) ---
  await registerConsoleRoutes(server, { logger, ruleSet, tokenRequired: config.apiToken !== undefined });

  // --- web chat and local Direct Line (issue 8) ---
  // The official Web Chat client on /chat, over a local Direct Line 3.0 endpoint on this server; its
  // activities take the bot's own entry point, the one behind /api/messages (see src/directline/README.md).
  // With API_TOKEN set the chat can read case status, so starting a conversation needs that token too
  // (the page asks for it once); without it the server only listens on loopback.
  registerChatPageRoutes(server, { logger, apiTokenRequired: config.apiToken !== undefined });
  const directLine = createLocalDirectLine({
    server,
    logger,
    clock,
    // Several instances on PostgreSQL must sign alike: an unset secret is made once and kept in the database.
    tokenSecret: config.directLineTokenSecret ?? (await storage.sharedSecret('directline-token')),
    // Conversations and their queues in the database with PostgreSQL (every instance serves every poll);
    // in this process with SQLite.
    store: storage.kind === 'postgresql' ? new PgDirectLineStore(storage.database, clock) : new ConversationStore(clock),
    apiToken: config.apiToken,
    userTokens: webChatUserTokens,
    bot: { id: config.botFramework.appId ?? 'lease-return-assistant', name: 'Lease Return Assistant' },
    // Same road as POST /api/messages (validation, adapter, turn queue), without an HTTP hop.
    deliver: inProcessBotDelivery((activity) => processBotActivity(bot, inboundActivitySchema.parse(activity))),
    // A forgotten conversation can never continue (they live in memory), nor can its random user:
    // their bot state goes with them (botbuilder's ConversationState and UserState keys, no namespace).
    // Its open handoff ends too: nobody can reach that conversation any more (issue 15).
    onForget: async ({ channelId, conversationId, userId }) => {
      await new StateStoreStorage(stateStore).delete([`${channelId}/conversations/${conversationId}/`, `${channelId}/users/${userId}/`]);
      await handoffs.conversationGone(`${channelId}/${conversationId}`);
    },
  });
  cleanups.push(() => directLine.close());

  // --- proactive notices (issue 16) ---
  // An outbox in the database, filled from each case's timeline and sent by a scheduler that survives
  // restarts (src/notices/README.md); SMS through the sender above, chat through the bot's messenger.
  const noticeRepository = repositories.notices;
  const notices = new NoticeService({ notices: noticeRepository, cases, clock, logger });
  const twilioSigning = config.twilio && config.publicBaseUrl ? { authToken: config.twilio.authToken, publicBaseUrl: config.publicBaseUrl } : undefined;
  registerNoticeRoutes(server, { notices, logger, twilio: twilioSigning });
  // Chat notices go to the conversation the dealer's chat users wrote from last (Teams, web chat).
  const noticeChat = new DealerChatReach({ users: dealerUserRepository, references: conversationReferences, messenger: () => bot.messenger, clock });
  const noticeScheduler = new NoticeScheduler({
    notices: noticeRepository,
    caseRepository,
    cases,
    dealers: dealerRepository,
    sms: smsSender,
    optOuts: smsRepository,
    chat: () => noticeChat,
    contact: (id) => ({ name: decisions.directory.require(id).name, reach: decisions.directory.reach(id) }),
    clock,
    logger,
    quietHours: config.notices.quietHours,
    intervalSeconds: config.notices.intervalSeconds,
    inFlightLeaseSeconds: storage.kind === 'postgresql' ? 120 : undefined,
    statusCallbackUrl: twilioSigning ? `${twilioSigning.publicBaseUrl}${smsStatusCallbackPath}` : undefined,
  });
  await noticeScheduler.start();
  cleanups.push(() => noticeScheduler.stop());

  return {
    config,
    logger,
    server,
    decisions,
    answers,
    storage,
    stateStore,
    cases,
    status,
    bot,
    agents,
    handoffs,
    smsSender,
    notices,
    noticeScheduler,
    start: () => listen(server, config.port, config.host),
    async stop() {
      await closeGracefully(server);
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
