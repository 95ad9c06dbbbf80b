import { ConversationState, UserState, type TurnContext } from 'botbuilder';
import type { Config } from '../src/config.ts';
import type { Logger } from '../src/logger.ts';
import type { StateStore } from '../src/storage/state-store.ts';
import type { AssistantServices } from '../dialogs/assistant-services.ts';
import { DealerProfiles } from '../dialogs/dealer-profile.ts';
import { MainMenuDialog } from '../dialogs/main-menu-dialog.ts';
import { createBotAdapter, isAuthenticationEnabled, type LeaseReturnAdapter } from './bot-adapter.ts';
import { LeaseReturnBot } from './lease-return-bot.ts';
import { StateStoreStorage } from './state-store-storage.ts';

/** Everything the HTTP wiring needs to run a turn: the adapter, whether auth is on, and the turn logic. */
export interface BotRuntime {
  readonly adapter: LeaseReturnAdapter;
  readonly authEnabled: boolean;
  readonly logic: (context: TurnContext) => Promise<void>;
}

export interface BotRuntimeDeps {
  settings: Config['botFramework'];
  stateStore: StateStore;
  services: AssistantServices;
  logger: Logger;
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
  });
  const adapter = createBotAdapter(deps.settings);
  // Errors outside the bot's own handling (adapter middleware): log with the conversation id, nothing more.
  adapter.onTurnError = async (context, error) => {
    deps.logger.error({ conversationId: context.activity.conversation?.id, err: error }, 'bot adapter error');
  };
  return { adapter, authEnabled: isAuthenticationEnabled(deps.settings), logic: bot.handleTurn };
}
