import { WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { AskQuestionDialog } from './ask-question-dialog.ts';
import type { AssistantServices } from './assistant-services.ts';
import { matchChoice } from './choice-matching.ts';
import { ContactsDialog } from './contacts-dialog.ts';
import type { DealerProfiles } from './dealer-profile.ts';
import {
  ASK_QUESTION_DIALOG,
  CONTACTS_DIALOG,
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
import { ReturnWalkthroughDialog } from './return-walkthrough-dialog.ts';
import { StatusCheckDialog } from './status-check-dialog.ts';
import { say } from './turn-replies.ts';

/**
 * How the menu is entered: with the dealer's first words (SMS has no welcome), a greeting, after a
 * task, or with a task to start right away (a menu command typed in the middle of another task).
 */
export const mainMenuOptionsSchema = z.object({
  utterance: z.string().optional(),
  task: z.enum(menuChoiceValues).optional(),
  greet: z.boolean().optional(),
  afterTask: z.boolean().optional(),
});
export type MainMenuOptions = z.infer<typeof mainMenuOptionsSchema>;

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
  constructor(services: AssistantServices, profiles: DealerProfiles, interruptions: InterruptionDeps) {
    super(MAIN_MENU_DIALOG, interruptions);
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
    this.addDialog(new WaterfallDialog(MAIN_MENU_WATERFALL, [this.showMenu.bind(this), this.startTask.bind(this), this.again.bind(this)]));
    this.initialDialogId = MAIN_MENU_WATERFALL;
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
    if (options.utterance !== undefined) {
      const utterance = options.utterance;
      const keyword = keywordOf(utterance);
      if (keyword === 'help') say(step.context, commonMessages.help(MENU_PROMPT));
      else if (keyword === undefined) {
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
    const choice = matchChoice(String(step.result), menuChoices, { partial: false });
    if (!choice) return step.replaceDialog(MAIN_MENU_WATERFALL, {} satisfies MainMenuOptions);
    return step.beginDialog(taskDialogs[choice.value]);
  }

  private async again(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(MAIN_MENU_WATERFALL, { afterTask: true } satisfies MainMenuOptions);
  }
}
