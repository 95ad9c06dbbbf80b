import type { TurnContext } from 'botbuilder';
import { DialogTurnStatus, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Clock } from '../src/clock.ts';
import type { Interpretation } from '../src/understanding/index.ts';
import { z } from 'zod';
import { AskQuestionDialog } from './ask-question-dialog.ts';
import type { AssistantServices } from './assistant-services.ts';
import { matchChoice } from './choice-matching.ts';
import { ContactsDialog } from './contacts-dialog.ts';
import type { DealerProfiles } from './dealer-profile.ts';
import {
  ASK_QUESTION_DIALOG,
  CONTACTS_DIALOG,
  LINK_DEALER_DIALOG,
  MAIN_MENU_DIALOG,
  MAIN_MENU_WATERFALL,
  MENU_PROMPT,
  RELEASE_CHECK_DIALOG,
  RETURN_WALKTHROUGH_DIALOG,
  STATUS_CHECK_DIALOG,
} from './dialog-ids.ts';
import { FieldPrompt, fieldPromptOptions } from './field-prompt.ts';
import { parseChoice } from './input-parsers.ts';
import { answerReplies, InterruptibleDialog, keywordOf, looksLikeQuestion, type InterruptionDeps } from './interruptible-dialog.ts';
import { commonMessages } from './messages/common-messages.ts';
import { inputMessages } from './messages/input-messages.ts';
import { menuChoices, menuChoiceValues, menuMessages, type MenuChoice } from './messages/menu-messages.ts';
import { ReleaseCheckDialog } from './release-check-dialog.ts';
import { dealerToday, readMessage } from './message-reading.ts';
import { walkthroughMessages } from './messages/walkthrough-messages.ts';
import {
  answersStated,
  hasChanges,
  ReturnWalkthroughDialog,
  takeStatedAnswers,
  walkthroughFields,
  type WalkthroughOptions,
} from './return-walkthrough-dialog.ts';
import { valuesOf, waterfallOptionsIn, waterfallValuesIn } from './step-values.ts';
import { StatusCheckDialog } from './status-check-dialog.ts';
import { answerOf, isSubmit, say } from './turn-replies.ts';
import { LinkDealerDialog, linkDealerOptionsSchema, linkDealerResultSchema, type LinkDealerOptions } from './link-dealer-dialog.ts';
import { linkRequestOf } from './messages/link-messages.ts';

/**
 * How the menu is entered: with the dealer's first words (SMS has no welcome), a greeting, after a
 * task, or with a task to start right away (a menu command typed in the middle of another task).
 */
/** A walkthrough's answers by decision-request name, as its waterfall keeps them. */
const walkthroughAnswersSchema = z.record(z.string(), z.unknown());

export const mainMenuOptionsSchema = z.object({
  utterance: z.string().optional(),
  task: z.enum(menuChoiceValues).optional(),
  greet: z.boolean().optional(),
  afterTask: z.boolean().optional(),
  /**
   * The answers of the last walkthrough: after its decision, a changed fact ("make it a dealer purchase")
   * decides again; after three misses (not decided), the dealer carries on with them.
   */
  walkthrough: z.object({ values: walkthroughAnswersSchema, decided: z.boolean(), waitingFor: z.enum(walkthroughFields).optional() }).optional(),
  /** "link my dealership" typed anywhere: link this chat to a dealer by a texted code (issue 15). */
  link: linkDealerOptionsSchema.optional(),
});
export type MainMenuOptions = z.infer<typeof mainMenuOptionsSchema>;

/** How the walkthrough ends: with its answers, decided or not. */
const walkthroughResultSchema = z.object({
  values: walkthroughAnswersSchema,
  decided: z.boolean().optional(),
  gaveUp: z.enum(walkthroughFields).optional(),
});

const taskDialogs: Record<MenuChoice, string> = {
  returnVehicle: RETURN_WALKTHROUGH_DIALOG,
  releaseCheck: RELEASE_CHECK_DIALOG,
  statusCheck: STATUS_CHECK_DIALOG,
  contacts: CONTACTS_DIALOG,
  question: ASK_QUESTION_DIALOG,
};

/**
 * The root dialog: the menu (return a vehicle, a pickup, status, who to call, a question), each task
 * a child dialog, and back to the menu when it ends. Being outermost, it is the one that acts on
 * help / cancel / start over / questions for every step below it.
 */
export class MainMenuDialog extends InterruptibleDialog {
  private readonly clock: Clock;

  constructor(services: AssistantServices, profiles: DealerProfiles, withoutDirectory: Omit<InterruptionDeps, 'directory'>) {
    const interruptions: InterruptionDeps = { ...withoutDirectory, directory: services.decisions.directory };
    super(MAIN_MENU_DIALOG, interruptions);
    this.clock = services.clock;
    this.addDialog(
      new FieldPrompt(
        MENU_PROMPT,
        {
          attempts: Number.POSITIVE_INFINITY,
          unreadTextIsQuestion: true,
          parse: (input) => parseChoice(input, menuChoices, inputMessages.unknownChoice, !looksLikeQuestion(input)),
        },
        services.clock,
      ),
    );
    this.addDialog(new ReturnWalkthroughDialog(services, profiles, interruptions));
    this.addDialog(new ReleaseCheckDialog(services, profiles, interruptions));
    this.addDialog(new StatusCheckDialog(services, interruptions));
    this.addDialog(new ContactsDialog(services, interruptions));
    this.addDialog(new AskQuestionDialog(services.clock, interruptions));
    this.addDialog(new LinkDealerDialog(services, interruptions));
    this.addDialog(new WaterfallDialog(MAIN_MENU_WATERFALL, [this.showMenu.bind(this), this.startTask.bind(this), this.again.bind(this)]));
    this.initialDialogId = MAIN_MENU_WATERFALL;
  }

  /** "link my dealership" at any step: that, instead of an answer to the step (the step's task ends). */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { activity } = innerDc.context;
    const text = activity.type === 'message' && !isSubmit(activity) ? answerOf(activity) : undefined;
    const linkRequest = text === undefined ? undefined : linkRequestOf(text);
    if (linkRequest) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(MAIN_MENU_WATERFALL, { link: linkRequest } satisfies MainMenuOptions);
    }
    return super.onContinueDialog(innerDc);
  }

  protected override async afterCancel(innerDc: DialogContext): Promise<DialogTurnResult> {
    return innerDc.beginDialog(MAIN_MENU_WATERFALL, {} satisfies MainMenuOptions);
  }

  protected override async afterSwitch(innerDc: DialogContext, task: MenuChoice): Promise<DialogTurnResult> {
    return innerDc.beginDialog(MAIN_MENU_WATERFALL, { task } satisfies MainMenuOptions);
  }

  private async showMenu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = mainMenuOptionsSchema.safeParse(step.options).data ?? {};
    if (options.task !== undefined) return step.next(options.task);
    if (options.link !== undefined) return step.beginDialog(LINK_DEALER_DIALOG, options.link satisfies LinkDealerOptions);
    if (options.utterance !== undefined) {
      const utterance = options.utterance;
      const linkRequest = linkRequestOf(utterance);
      if (linkRequest) return step.beginDialog(LINK_DEALER_DIALOG, linkRequest satisfies LinkDealerOptions);
      const keyword = keywordOf(utterance);
      const reading = readMessage(utterance, dealerToday(this.clock));
      if (keyword === 'help') say(step.context, commonMessages.help(MENU_PROMPT));
      else if (reading.want === 'task' && reading.task === 'returnWalkthrough') {
        // "i need to return a car in ohio": the walkthrough starts with what the message already says.
        valuesOf(step).start = this.startingAnswers(step.context, {}, reading);
        return step.next('returnVehicle');
      } else if (keyword === undefined) {
        // A question that mentions "status" is still a question: only whole answers pick from the menu then.
        const choice = matchChoice(utterance, menuChoices, { partial: !looksLikeQuestion(utterance) });
        if (choice) return step.next(choice.value);
        if (looksLikeQuestion(utterance) || utterance.split(/\s+/).length >= 3) {
          say(step.context, ...(await answerReplies(this.interruptions, utterance)));
          return step.prompt(MENU_PROMPT, fieldPromptOptions(menuMessages.againMenu()));
        }
        say(step.context, menuMessages.welcome());
      }
    } else if (options.greet) say(step.context, menuMessages.welcome());
    return step.prompt(MENU_PROMPT, fieldPromptOptions(options.afterTask ? menuMessages.againMenu() : menuMessages.firstMenu()));
  }

  private async startTask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (linkDealerResultSchema.safeParse(step.result).success) return step.replaceDialog(MAIN_MENU_WATERFALL, { afterTask: true } satisfies MainMenuOptions);
    const choice = matchChoice(String(step.result), menuChoices, { partial: false });
    if (!choice) return step.replaceDialog(MAIN_MENU_WATERFALL, {} satisfies MainMenuOptions);
    if (choice.value !== 'returnVehicle') return step.beginDialog(taskDialogs[choice.value]);
    const kept = mainMenuOptionsSchema.safeParse(step.options).data?.walkthrough;
    const start = walkthroughAnswersSchema.safeParse(valuesOf(step).start).data ?? (kept && !kept.decided ? kept.values : undefined);
    return step.beginDialog(taskDialogs.returnVehicle, (start ? { values: start } : {}) satisfies WalkthroughOptions);
  }

  private async again(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ended = walkthroughResultSchema.safeParse(step.result).data;
    const walkthrough = ended ? { values: ended.values, decided: ended.decided === true, ...(ended.gaveUp ? { waitingFor: ended.gaveUp } : {}) } : undefined;
    return step.replaceDialog(MAIN_MENU_WATERFALL, { afterTask: true, ...(walkthrough ? { walkthrough } : {}) } satisfies MainMenuOptions);
  }

  /**
   * At the menu: a first message that starts the walkthrough with facts ("i need to return a car in
   * ohio"), a changed fact after a decision ("make it a dealer purchase for inventory") or the answer a
   * paused walkthrough waited for, and small talk.
   */
  override canRepair(leaf: DialogContext, menuReading: Interpretation, text: string): boolean {
    if (leaf.activeDialog?.id !== MENU_PROMPT) return false;
    const reading = this.readingAtMenu(leaf, menuReading, text);
    if (reading.want === 'outOfScope' || reading.want === 'navigation' || reading.want === 'handoff') return false;
    const stated = answersStated(reading);
    // ("i need to retrun a car" at the menu, after a greeting: the walkthrough, with or without facts.)
    if (reading.want === 'task' && reading.task === 'returnWalkthrough') return true;
    const kept = this.keptWalkthrough(leaf);
    if (kept && hasChanges(takeStatedAnswers({ ...kept.values }, stated, reading))) return true;
    return reading.want === 'smallTalk' && Object.keys(stated).length === 0;
  }

  protected override async repair(innerDc: DialogContext, menuReading: Interpretation, text: string): Promise<DialogTurnResult | undefined> {
    const reading = this.readingAtMenu(innerDc, menuReading, text);
    const values = waterfallValuesIn(innerDc, MAIN_MENU_WATERFALL);
    if (!values) return undefined;
    const stated = answersStated(reading);
    const startsReturn = reading.want === 'task' && reading.task === 'returnWalkthrough';
    if (Object.keys(stated).length === 0 && !startsReturn) {
      say(innerDc.context, commonMessages.smallTalk(reading.smallTalk));
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    const kept = reading.want === 'task' ? undefined : this.keptWalkthrough(innerDc);
    values.start = this.startingAnswers(innerDc.context, { ...(kept?.values ?? {}) }, reading);
    return innerDc.endDialog('returnVehicle');
  }

  /** A paused walkthrough still waits for its answer: a bare "12/20/2026" at the menu is that answer. */
  private readingAtMenu(dc: DialogContext, menuReading: Interpretation, text: string): Interpretation {
    const kept = this.keptWalkthrough(dc);
    if (!kept || kept.decided || kept.waitingFor === undefined) return menuReading;
    return readMessage(text, dealerToday(this.clock), kept.waitingFor);
  }

  private keptWalkthrough(dc: DialogContext): MainMenuOptions['walkthrough'] {
    return mainMenuOptionsSchema.safeParse(waterfallOptionsIn(dc, MAIN_MENU_WATERFALL)).data?.walkthrough;
  }

  /** `values` with the answers `reading` states, saying what changed. */
  private startingAnswers(context: TurnContext, values: Record<string, unknown>, reading: Interpretation): Record<string, unknown> {
    const changes = takeStatedAnswers(values, answersStated(reading), reading);
    if (hasChanges(changes)) say(context, walkthroughMessages.changes(changes.changed, changes.noted, changes.yearsAssumed));
    return values;
  }
}
