import { ConversationState, UserState, type TurnContext } from 'botbuilder';
import type { Config } from '../src/config.ts';
import type { Logger } from '../src/logger.ts';
import type { StateStore } from '../src/storage/state-store.ts';
import type { AssistantServices } from '../dialogs/assistant-services.ts';
import { DealerProfiles } from '../dialogs/dealer-profile.ts';
import { MainMenuDialog } from '../dialogs/main-menu-dialog.ts';
import { createBotAdapter, isAuthenticationEnabled, type LeaseReturnAdapter } from './bot-adapter.ts';
import { LeaseReturnBot } from './lease-return-bot.ts';
import type { IdentifyUser } from './identify-user.ts';
import { StateStoreStorage } from './state-store-storage.ts';
import { HandoffGate } from './handoff-gate.ts';
import { ProactiveMessenger } from './proactive-messenger.ts';
import type { HandoffService } from '../src/handoffs/handoff-service.ts';
import type { ConversationReferenceRepository } from '../src/storage/conversation-reference-repository.ts';

/** Everything the HTTP wiring needs to run a turn: the adapter, whether auth is on, and the turn logic. */
export interface BotRuntime {
  readonly adapter: LeaseReturnAdapter;
  readonly authEnabled: boolean;
  readonly logic: (context: TurnContext) => Promise<void>;
  /** Sends replies to a stored conversation outside a turn (handoff replies, notices); set with `handoffs`. */
  readonly messenger?: ProactiveMessenger | undefined;
}

export interface BotRuntimeDeps {
  settings: Config['botFramework'];
  stateStore: StateStore;
  services: AssistantServices;
  logger: Logger;
  /** Resolves each turn's user to a dealer scope (issue 15); unset: nobody is recognized. */
  identify?: IdentifyUser | undefined;
  /** Handoff to a person (issue 15) and where conversations can be reached later; unset: no handoffs. */
  handoffs?: { service: HandoffService; references: ConversationReferenceRepository } | undefined;
}

export function createBotRuntime(deps: BotRuntimeDeps): BotRuntime {
  const storage = new StateStoreStorage(deps.stateStore);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const profiles = new DealerProfiles(userState.createProperty('dealerProfile'));
  const { decisions } = deps.services;
  const rootDialog = new MainMenuDialog(deps.services, profiles, { answers: deps.services.answers, sections: decisions.ruleSet.sections });
  const dealerService = decisions.directory.get('dealerServiceCenter');
  const bot = new LeaseReturnBot({
    conversationState,
    userState,
    storage,
    rootDialog,
    logger: deps.logger,
    fallbackContact: dealerService ? `the ${dealerService.name} at ${decisions.directory.reach(dealerService.id)}` : 'your Ally Account Executive',
    identify: deps.identify,
    handoffGate:
      deps.handoffs &&
      new HandoffGate({ ...deps.handoffs, handoffs: deps.handoffs.service, conversationState, clock: deps.services.clock, logger: deps.logger }),
  });
  const adapter = createBotAdapter(deps.settings);
  // Errors outside the bot's own handling (adapter middleware): log with the conversation id, nothing more.
  adapter.onTurnError = async (context, error) => {
    deps.logger.error({ conversationId: context.activity.conversation?.id, err: error }, 'bot adapter error');
  };
  const messenger = deps.handoffs && new ProactiveMessenger({ adapter, appId: deps.settings.appId, references: deps.handoffs.references });
  return { adapter, authEnabled: isAuthenticationEnabled(deps.settings), logic: bot.handleTurn, messenger };
}
