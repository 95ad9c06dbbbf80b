import { createHash } from 'node:crypto';
import {
  ActivityHandler,
  ActivityTypes,
  type Activity,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogContext, type DialogState, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { ConflictError, StorageUnavailableError } from '../src/errors.ts';
import type { Reply } from '../src/channels/reply.ts';
import type { Logger } from '../src/logger.ts';
import type { ProcessedActivity } from '../src/storage/state-store.ts';
import { MAIN_MENU_DIALOG } from '../dialogs/dialog-ids.ts';
import { continueActiveDialog } from '../dialogs/interruptible-dialog.ts';
import type { MainMenuOptions } from '../dialogs/main-menu-dialog.ts';
import { commonMessages } from '../dialogs/messages/common-messages.ts';
import { answerOf, say, takeReplies } from '../dialogs/turn-replies.ts';
import { conversationMetaSchema, CONVERSATION_STATE_VERSION, type ConversationMeta } from './conversation-state-version.ts';
import { activitiesFor, recordedActivities } from './reply-activity.ts';
import type { StateStoreStorage } from './state-store-storage.ts';
import type { HandoffGate } from './handoff-gate.ts';
import { TurnQueue } from './turn-queue.ts';
import type { IdentifyUser } from './identify-user.ts';
import { setTurnIdentity } from '../dialogs/dealer-scope.ts';

export interface LeaseReturnBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  /** The storage under both states: saves a turn's state with the record of its activity in one transaction. */
  storage: StateStoreStorage;
  /** The root dialog (the main menu with its tasks). */
  rootDialog: Dialog;
  logger: Logger;
  /** Who to call when the bot itself fails ("the Ally Dealer Service Center at 888-919-2559"). */
  fallbackContact: string;
  /** Handoff to a person (issue 15): holds, hands over, keeps the transcript; unset: no handoffs. */
  handoffGate?: HandoffGate | undefined;
  /** Who the turn's user is and which dealer's cases they may see (issue 15); unset: nobody is recognized. */
  identify?: IdentifyUser | undefined;
}

/**
 * Where botbuilder keeps a turn's DialogStateManager configuration (its memory scopes and path
 * resolvers): the first DialogContext of a turn builds it (through a ServiceCollection, with zod checks
 * of every registered component) and the turn's later ones read it from here. Its parts hold nothing of
 * a turn, so the bot builds it once and hands it to every turn (what DialogManager's stateConfiguration
 * does); should botbuilder rename the key, each turn simply builds its own again.
 */
const dialogStateConfigurationKey = 'DialogStateManagerConfiguration';

/** Which activity a turn answers, when the channel gave it an id (a redelivery carries the same one). */
type ActivityIdentity = Omit<ProcessedActivity, 'replies'>;

/**
 * Routes each turn to the dialogs and nothing else: greets new members once, runs the dialog stack,
 * renders the turn's replies for the channel, saves state at the end of every turn, runs the turns of
 * one conversation one at a time, answers a redelivered activity with the replies it already got, and
 * recovers from a failed turn.
 */
export class LeaseReturnBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly meta: StatePropertyAccessor<unknown>;
  private readonly queue = new TurnQueue();
  private stateConfiguration: DialogStateManagerConfiguration | undefined;

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
    const conversationKey = `${activity.channelId}/${activity.conversation?.id ?? ''}`;
    await this.queue.run(conversationKey, () => this.turn(context, identityOf(activity, conversationKey)));
  };

  private async turn(context: TurnContext, identity: ActivityIdentity | undefined): Promise<void> {
    let activities: Partial<Activity>[];
    try {
      activities = (await this.recordedReplies(identity)) ?? (await this.runAndSave(context, identity));
    } catch (error) {
      await this.recover(context, error, identity);
      return;
    }
    // The turn is saved with these replies: if the channel does not take them now, its retry of the
    // same activity gets them again (nothing to undo, nothing to apologise for here).
    await this.sendOrLog(context, activities, 'turn saved but its replies were not delivered');
  }

  /** A redelivery of an activity already answered: its recorded replies, and nothing else happens. */
  private async recordedReplies(identity: ActivityIdentity | undefined): Promise<Partial<Activity>[] | undefined> {
    if (identity === undefined) return undefined;
    const recorded = await this.deps.storage.findProcessed(identity.conversationKey, identity.activityId);
    if (!recorded || recorded.fingerprint !== identity.fingerprint) return undefined;
    const activities = recordedActivities(recorded.replies);
    if (activities)
      this.deps.logger.info(
        { conversationKey: identity.conversationKey, activityId: identity.activityId },
        'redelivered activity: sending its recorded replies again',
      );
    return activities;
  }

  /**
   * Runs the dialogs, then saves the turn's state together with the record of this activity and its
   * replies, before anything is sent: a reply never claims progress that was not saved, and a save
   * based on state another turn has replaced since fails (ConflictError) instead of overwriting it.
   */
  private async runAndSave(context: TurnContext, identity: ActivityIdentity | undefined): Promise<Partial<Activity>[]> {
    if (this.deps.identify) setTurnIdentity(context, await this.deps.identify(context.activity));
    // Handoff to a person (bots/handoff-gate.ts): while a person holds the conversation the bot says
    // nothing; a dealer asking for one is handed over instead of running the dialogs.
    const gate = this.deps.handoffGate;
    const outcome = gate ? await gate.beforeTurn(context) : 'open';
    if (outcome !== 'held') await this.checkStateVersion(context);
    if (outcome === 'open') await super.run(context);
    const turn = gate ? await gate.afterTurn(context, takeReplies(context)) : { replies: takeReplies(context), events: [] };
    const activities = [...activitiesFor(context.activity.channelId, turn.replies), ...turn.events];
    const { conversationState, userState } = this.deps;
    const states = [conversationState, userState].flatMap((state) => {
      const key = state.getStorageKey(context);
      return key === undefined ? [] : [{ key, item: state.get(context) }];
    });
    await this.deps.storage.saveTurn(states, identity && { ...identity, replies: activities });
    return activities;
  }

  private async continueOrStart(context: TurnContext): Promise<void> {
    const dc = await this.createDialogContext(context);
    const result = await continueActiveDialog(dc);
    if (result.status === DialogTurnStatus.empty) {
      const utterance = answerOf(context.activity);
      await dc.beginDialog(MAIN_MENU_DIALOG, (utterance === undefined ? {} : { utterance }) satisfies MainMenuOptions);
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    const meta = await this.readMeta(context);
    if (meta.welcomed) return;
    await this.meta.set(context, { ...meta, welcomed: true } satisfies ConversationMeta);
    const dc = await this.createDialogContext(context);
    if (!dc.activeDialog) await dc.beginDialog(MAIN_MENU_DIALOG, { greet: true } satisfies MainMenuOptions);
  }

  /** The turn's root DialogContext, on the dialog state configuration built once for the process. */
  private async createDialogContext(context: TurnContext): Promise<DialogContext> {
    if (this.stateConfiguration && !context.turnState.has(dialogStateConfigurationKey))
      context.turnState.set(dialogStateConfigurationKey, this.stateConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.stateConfiguration ??= dc.state.configuration;
    return dc;
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
      this.deps.logger.info(
        { conversationId: context.activity.conversation?.id, savedVersion: meta?.version ?? null },
        'conversation state from another version; restarting at the menu',
      );
      await this.dialogState.delete(context);
      if (context.activity.type === ActivityTypes.Message) say(context, commonMessages.stateOutdated());
    }
    await this.meta.set(context, {
      version: CONVERSATION_STATE_VERSION,
      welcomed: stored !== undefined || hasDialogs,
      turns: (meta?.turns ?? 0) + 1,
    } satisfies ConversationMeta);
  }

  private async readMeta(context: TurnContext): Promise<ConversationMeta> {
    return conversationMetaSchema.safeParse(await this.meta.get(context)).data ?? { version: CONVERSATION_STATE_VERSION, welcomed: false, turns: 0 };
  }

  /**
   * A failed turn, answered truthfully. Crossed with another turn of the conversation (ConflictError):
   * nothing was saved and the other turn's state stands, so ask for the message again (or, when the
   * other turn was this very activity, send what it answered). Storage unavailable: nothing was saved,
   * try again shortly. Anything else: log it, clear the dialog this turn read (so the next message
   * starts cleanly instead of failing the same way; never state a newer turn saved), apologise.
   */
  private async recover(context: TurnContext, error: unknown, identity: ActivityIdentity | undefined): Promise<void> {
    const conversationId = context.activity.conversation?.id;
    const { logger, fallbackContact } = this.deps;
    takeReplies(context);
    let reply: Reply;
    if (error instanceof ConflictError && error.code === 'etag_mismatch') {
      const recorded = await this.recordedReplies(identity).catch(() => undefined);
      if (recorded) {
        await this.sendOrLog(context, recorded, 'could not send the recorded replies');
        return;
      }
      logger.warn({ conversationId, activityId: identity?.activityId, key: error.field }, 'turn crossed with another turn of the conversation; nothing saved');
      reply = commonMessages.turnCrossed();
    } else if (error instanceof StorageUnavailableError) {
      logger.error({ conversationId, code: error.code, err: error }, 'turn not saved: storage unavailable');
      reply = commonMessages.notSaved(fallbackContact);
    } else {
      logger.error({ conversationId, channelId: context.activity.channelId, err: error }, 'turn failed');
      let cleared = false;
      try {
        const key = this.deps.conversationState.getStorageKey(context);
        if (key !== undefined) cleared = await this.deps.storage.deleteRead(key, this.deps.conversationState.get(context));
      } catch (clearError) {
        logger.error({ conversationId, err: clearError }, 'could not clear the failed conversation state');
      }
      reply = commonMessages.turnFailed(fallbackContact, cleared);
    }
    await this.sendOrLog(context, activitiesFor(context.activity.channelId, [reply]), 'could not send the apology');
  }

  private async sendOrLog(context: TurnContext, activities: Partial<Activity>[], failure: string): Promise<void> {
    try {
      if (activities.length > 0) await context.sendActivities(activities);
    } catch (sendError) {
      this.deps.logger.error({ conversationId: context.activity.conversation?.id, activityId: context.activity.id, err: sendError }, failure);
    }
  }
}

/**
 * The activity's id within its conversation and a hash of what it said. A redelivery has both the same;
 * a client that reuses ids (a restarted terminal chat counting from 1 again) sends other content under
 * an old id, which is a new activity. No id, or content that cannot be hashed: no identity, processed as usual.
 */
function identityOf(activity: Partial<Activity>, conversationKey: string): ActivityIdentity | undefined {
  if (typeof activity.id !== 'string' || activity.id === '') return undefined;
  let said: string;
  try {
    said = JSON.stringify([activity.type ?? null, activity.text ?? null, activity.value ?? null, activity.membersAdded?.map((member) => member.id) ?? null]);
  } catch {
    return undefined;
  }
  return { conversationKey, activityId: activity.id, fingerprint: createHash('sha256').update(said).digest('base64url') };
}
