import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Clock } from '../src/clock.ts';
import { ASK_QUESTION_DIALOG, ASK_QUESTION_WATERFALL, QUESTION_PROMPT } from './dialog-ids.ts';
import { FieldPrompt, fieldPromptOptions } from './field-prompt.ts';
import { parseAnyText } from './input-parsers.ts';
import { answerReplies, InterruptibleDialog, type InterruptionDeps } from './interruptible-dialog.ts';
import { questionMessages } from './messages/question-messages.ts';
import { say } from './turn-replies.ts';

/** "Ask a question" takes any text as the question; the answer comes from the grounded answer service. */
export class AskQuestionDialog extends InterruptibleDialog {
  constructor(clock: Clock, interruptions: InterruptionDeps) {
    super(ASK_QUESTION_DIALOG, interruptions);
    this.addDialog(new FieldPrompt(QUESTION_PROMPT, { attempts: Number.POSITIVE_INFINITY, unreadTextIsQuestion: false, parse: parseAnyText }, clock));
    this.addDialog(new WaterfallDialog(ASK_QUESTION_WATERFALL, [this.ask.bind(this), this.answer.bind(this)]));
    this.initialDialogId = ASK_QUESTION_WATERFALL;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(QUESTION_PROMPT, fieldPromptOptions(questionMessages.ask()));
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    say(step.context, ...(await answerReplies(this.interruptions, String(step.result))));
    return step.endDialog({ answered: true });
  }
}
