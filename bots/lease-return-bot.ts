import {
  ActivityHandler,
  ActivityTypes,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Logger } from '../src/logger.ts';
import { MAIN_MENU_DIALOG } from '../dialogs/dialog-ids.ts';
import type { MainMenuOptions } from '../dialogs/main-menu-dialog.ts';
import { commonMessages } from '../dialogs/messages/common-messages.ts';
import { answerOf, say, takeReplies } from '../dialogs/turn-replies.ts';
import { conversationMetaSchema, CONVERSATION_STATE_VERSION, type ConversationMeta } from './conversation-state-version.ts';
import { activitiesFor } from './reply-activity.ts';
import { TurnQueue } from './turn-queue.ts';

export interface LeaseReturnBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  /** The root dialog (the main menu with its tasks). */
  rootDialog: Dialog;
  logger: Logger;
  /** Who to call when the bot itself fails ("the Ally Dealer Service Center at 888-919-2559"). */
  fallbackContact: string;
}

/**
 * Routes each turn to the dialogs and nothing else: greets new members once, runs the dialog stack,
 * renders the turn's replies for the channel, saves state at the end of every turn, runs the turns of
 * one conversation one at a time, and recovers from a failed turn.
 */
export class LeaseReturnBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly meta: StatePropertyAccessor<unknown>;
  private readonly queue = new TurnQueue();

  constructor(private readonly deps: LeaseReturnBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.meta = deps.conversationState.createProperty('meta');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(deps.rootDialog);

    this.onMessage(async (context, next) => {
      await this.continueOrStart(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient?.id);
      if (newcomers.length > 0) await this.welcome(context);
      await next();
    });
  }

  /** The adapter's turn logic: serialized per conversation, never throws. */
  readonly handleTurn = async (context: TurnContext): Promise<void> => {
    const { activity } = context;
    const key = `${activity.channelId}/${activity.conversation?.id ?? ''}`;
    await this.queue.run(key, async () => {
      try {
        await this.run(context);
      } catch (error) {
        await this.recover(context, error);
      }
    });
  };

  override async run(context: TurnContext): Promise<void> {
    await this.checkStateVersion(context);
    await super.run(context);
    // Saved before anything is sent: a reply never claims progress that was not saved.
    await this.deps.conversationState.saveChanges(context);
    await this.deps.userState.saveChanges(context);
    const activities = activitiesFor(context.activity.channelId, takeReplies(context));
    if (activities.length > 0) await context.sendActivities(activities);
  }

  private async continueOrStart(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      const utterance = answerOf(context.activity);
      await dc.beginDialog(MAIN_MENU_DIALOG, (utterance === undefined ? {} : { utterance }) satisfies MainMenuOptions);
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    const meta = await this.readMeta(context);
    if (meta.welcomed) return;
    await this.meta.set(context, { ...meta, welcomed: true } satisfies ConversationMeta);
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) await dc.beginDialog(MAIN_MENU_DIALOG, { greet: true } satisfies MainMenuOptions);
  }

  /** A conversation saved by an older, incompatible dialog set restarts at the menu instead of failing. */
  private async checkStateVersion(context: TurnContext): Promise<void> {
    const stored: unknown = await this.meta.get(context);
    const meta = conversationMetaSchema.safeParse(stored).data;
    const hasDialogs = (await this.dialogState.get(context)) !== undefined;
    if (meta?.version === CONVERSATION_STATE_VERSION) {
      await this.meta.set(context, { ...meta, turns: meta.turns + 1 } satisfies ConversationMeta);
      return;
    }
    if (stored !== undefined || hasDialogs) {
      this.deps.logger.info({ conversationId: context.activity.conversation?.id, savedVersion: meta?.version ?? null }, 'conversation state from another version; restarting at the menu');
      await this.dialogState.delete(context);
      if (context.activity.type === ActivityTypes.Message) say(context, commonMessages.stateOutdated());
    }
    await this.meta.set(context, { version: CONVERSATION_STATE_VERSION, welcomed: stored !== undefined || hasDialogs, turns: (meta?.turns ?? 0) + 1 } satisfies ConversationMeta);
  }

  private async readMeta(context: TurnContext): Promise<ConversationMeta> {
    return conversationMetaSchema.safeParse(await this.meta.get(context)).data ?? { version: CONVERSATION_STATE_VERSION, welcomed: false, turns: 0 };
  }

  /**
   * A failed turn: log it with the conversation id, clear the conversation's saved dialog (so the next
   * message starts cleanly instead of failing the same way), apologise and say how to go on.
   */
  private async recover(context: TurnContext, error: unknown): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    this.deps.logger.error({ conversationId, channelId: context.activity.channelId, err: error }, 'turn failed');
    takeReplies(context);
    try {
      await this.deps.conversationState.delete(context);
    } catch (clearError) {
      this.deps.logger.error({ conversationId, err: clearError }, 'could not clear the failed conversation state');
    }
    try {
      const activities = activitiesFor(context.activity.channelId, [commonMessages.turnFailed(this.deps.fallbackContact)]);
      await context.sendActivities(activities);
    } catch (sendError) {
      this.deps.logger.error({ conversationId, err: sendError }, 'could not send the apology');
    }
  }
}
