import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { AppError } from '../src/errors.ts';
import type { AssistantServices } from './assistant-services.ts';
import { STATUS_CHECK_DIALOG, STATUS_CHECK_WATERFALL, STATUS_VIN_PROMPT } from './dialog-ids.ts';
import { FieldPrompt, fieldPromptOptions, GAVE_UP, maxAttempts } from './field-prompt.ts';
import { parseVinForStatus } from './input-parsers.ts';
import { InterruptibleDialog, type InterruptionDeps } from './interruptible-dialog.ts';
import { commonMessages } from './messages/common-messages.ts';
import { statusMessages } from './messages/status-messages.ts';
import { linkMessages } from './messages/link-messages.ts';
import { dealerScopeOf } from './dealer-scope.ts';
import { say } from './turn-replies.ts';

/**
 * "Where is my return?": asks for the VIN and reads the status from the status service. Over SMS the
 * sender's phone scopes the lookup, in chat the recognized dealer user's dealer (so the last 6
 * characters of the VIN will do); an unrecognized chat user is told how to link, and sees no case.
 */
export class StatusCheckDialog extends InterruptibleDialog {
  constructor(
    private readonly services: AssistantServices,
    interruptions: InterruptionDeps,
  ) {
    super(STATUS_CHECK_DIALOG, interruptions);
    this.addDialog(new FieldPrompt(STATUS_VIN_PROMPT, { attempts: maxAttempts, unreadTextIsQuestion: false, parse: parseVinForStatus }, services.clock));
    this.addDialog(new WaterfallDialog(STATUS_CHECK_WATERFALL, [this.askVin.bind(this), this.lookUp.bind(this)]));
    this.initialDialogId = STATUS_CHECK_WATERFALL;
  }

  private async askVin(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const suffixEnough = step.context.activity.channelId === 'sms' || dealerScopeOf(step.context) !== undefined;
    return step.prompt(STATUS_VIN_PROMPT, fieldPromptOptions(statusMessages.askVin(suffixEnough)));
  }

  private async lookUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === GAVE_UP) {
      say(step.context, commonMessages.gaveUp(statusMessages.needs, 'statusCheck'));
      return step.endDialog({ gaveUp: true });
    }
    const { activity } = step.context;
    const phone = activity.channelId === 'sms' ? activity.from?.id : undefined;
    const scope = dealerScopeOf(step.context);
    // Off SMS, only a recognized dealer user sees a case, and only its own dealer's (issue 15).
    if (!phone && !scope) {
      say(step.context, linkMessages.notLinked());
      return step.endDialog({ checked: false });
    }
    try {
      const vinOrSuffix = String(step.result);
      const text = await this.services.status.statusText(phone ? { vinOrSuffix, phone } : { vinOrSuffix, dealerId: scope?.dealerId ?? '' });
      say(step.context, statusMessages.status(text));
    } catch (error) {
      if (error instanceof AppError) say(step.context, statusMessages.status(error.message));
      else {
        this.services.logger.error({ conversationId: activity.conversation?.id, err: error }, 'status lookup failed');
        say(step.context, statusMessages.unavailable());
      }
    }
    return step.endDialog({ checked: true });
  }
}
