import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { readPhone, linkCodeRules } from '../src/identity/link-code-service.ts';
import type { AssistantServices, LinkCodePort } from './assistant-services.ts';
import { dealerScopeOf, rescopeTurn, turnIdentityOf, type TurnIdentity } from './dealer-scope.ts';
import { LINK_CODE_PROMPT, LINK_CODE_WATERFALL, LINK_DEALER_DIALOG, LINK_DEALER_WATERFALL, LINK_PHONE_PROMPT } from './dialog-ids.ts';
import { FieldPrompt, fieldPromptOptions, GAVE_UP, maxAttempts } from './field-prompt.ts';
import type { Parsed } from './input-parsers.ts';
import { InterruptibleDialog, type InterruptionDeps } from './interruptible-dialog.ts';
import { linkMessages } from './messages/link-messages.ts';
import { say } from './turn-replies.ts';

export const linkDealerOptionsSchema = z.object({ phone: z.string().optional() });
export type LinkDealerOptions = z.infer<typeof linkDealerOptionsSchema>;

/** How linking ends, for the menu. */
export const linkDealerResultSchema = z.object({ link: z.enum(['linked', 'notLinked']) });

function parsePhone(input: string): Parsed {
  const phone = readPhone(input);
  return phone ? { ok: true, value: phone } : { ok: false, problem: linkMessages.badPhone };
}

function parseCode(input: string): Parsed {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? { ok: true, value: digits } : { ok: false, problem: linkMessages.badCode };
}

/**
 * Where a pending code waits: this conversation and the identity that asked, so in a group chat a code
 * asked for by one member cannot be typed in by another to link themselves.
 */
function codeKeyOf(identity: TurnIdentity): string {
  const target = identity.linkTarget;
  return target === undefined ? identity.conversationKey : `${identity.conversationKey}#${target.kind}:${target.externalId}`;
}

/**
 * "link my dealership": links this chat user to a dealer by a one-time code texted to a dealer phone.
 * What gets linked (a Teams user, a verified web chat user, or this conversation) is the bot's to say
 * (dealer-scope.ts); this dialog only asks for the phone and the code.
 */
export class LinkDealerDialog extends InterruptibleDialog {
  constructor(
    private readonly services: AssistantServices,
    interruptions: InterruptionDeps,
  ) {
    super(LINK_DEALER_DIALOG, interruptions);
    this.addDialog(new FieldPrompt(LINK_PHONE_PROMPT, { parse: parsePhone, attempts: maxAttempts, unreadTextIsQuestion: false }, services.clock));
    this.addDialog(new FieldPrompt(LINK_CODE_PROMPT, { parse: parseCode, attempts: maxAttempts, unreadTextIsQuestion: false }, services.clock));
    this.addDialog(new WaterfallDialog(LINK_DEALER_WATERFALL, [this.askPhone.bind(this), this.sendCode.bind(this)]));
    this.addDialog(new WaterfallDialog(LINK_CODE_WATERFALL, [this.askCode.bind(this), this.checkCode.bind(this)]));
    this.initialDialogId = LINK_DEALER_WATERFALL;
  }

  private async askPhone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const identity = turnIdentityOf(step.context);
    const scope = dealerScopeOf(step.context);
    if (scope) {
      say(step.context, linkMessages.alreadyLinked(scope.dealerName));
      return step.endDialog({ link: 'linked' });
    }
    if (!identity?.linkTarget) {
      say(step.context, linkMessages.cannotLinkHere());
      return step.endDialog({ link: 'notLinked' });
    }
    if (!this.links()?.canText) {
      say(step.context, linkMessages.cannotText());
      return step.endDialog({ link: 'notLinked' });
    }
    const given = linkDealerOptionsSchema.safeParse(step.options).data?.phone;
    if (given !== undefined && readPhone(given)) return step.next(given);
    return step.prompt(LINK_PHONE_PROMPT, fieldPromptOptions(linkMessages.askPhone()));
  }

  private async sendCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const links = this.links();
    const identity = turnIdentityOf(step.context);
    if (step.result === GAVE_UP || !links || !identity) return this.giveUp(step);
    const result = await links.requestCode(codeKeyOf(identity), String(step.result));
    if (result.kind === 'notConfigured') {
      say(step.context, linkMessages.cannotText());
      return step.endDialog({ link: 'notLinked' });
    }
    if (result.kind === 'invalidPhone') {
      say(step.context, linkMessages.askPhone());
      return step.replaceDialog(LINK_DEALER_WATERFALL, {});
    }
    say(step.context, linkMessages.codeRequested(result.phone, linkCodeRules.lifetimeMinutes));
    return step.replaceDialog(LINK_CODE_WATERFALL);
  }

  private async askCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(LINK_CODE_PROMPT, fieldPromptOptions(linkMessages.askCode()));
  }

  private async checkCode(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const links = this.links();
    const identity = turnIdentityOf(step.context);
    if (step.result === GAVE_UP || !links || !identity?.linkTarget) return this.giveUp(step);
    const result = await links.checkCode(codeKeyOf(identity), String(step.result), identity.linkTarget, identity.channel);
    switch (result.kind) {
      case 'linked':
        rescopeTurn(step.context, result.scope);
        say(step.context, linkMessages.linked(result.scope.dealerName));
        return step.endDialog({ link: 'linked' });
      case 'wrong':
        say(step.context, linkMessages.wrongCode(result.attemptsLeft));
        return step.replaceDialog(LINK_CODE_WATERFALL);
      case 'tooManyAttempts':
        say(step.context, linkMessages.tooManyAttempts());
        break;
      case 'expired':
        say(step.context, linkMessages.expired());
        break;
      case 'noCode':
        say(step.context, linkMessages.noCode());
        break;
      case 'taken':
        say(step.context, linkMessages.taken());
        break;
    }
    return step.endDialog({ link: 'notLinked' });
  }

  private async giveUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    say(step.context, linkMessages.gaveUp());
    return step.endDialog({ link: 'notLinked' });
  }

  private links(): LinkCodePort | undefined {
    return this.services.links;
  }
}
