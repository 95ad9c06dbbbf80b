import { ComponentDialog, DialogContainer, DialogContextError, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { z } from 'zod';
import { decisionRequestSchema } from '../src/domain/decision-request.ts';
import type { AnswerPort } from './assistant-services.ts';
import { FieldPrompt } from './field-prompt.ts';
import { MENU_PROMPT } from './dialog-ids.ts';
import { commonMessages, interruptionWords } from './messages/common-messages.ts';
import { menuCommandOf, type MenuChoice } from './messages/menu-messages.ts';
import { questionMessages } from './messages/question-messages.ts';
import { answerOf, isSubmit, say } from './turn-replies.ts';
import type { Reply } from '../src/channels/reply.ts';
import type { ProcessSection } from '../src/rules/rule-set-schema.ts';
import type { ContactDirectory } from '../src/rules/contact-directory.ts';
import type { Interpretation } from '../src/understanding/index.ts';
import { pendingFieldOf, readMessage } from './message-reading.ts';
import { waterfallValuesIn } from './step-values.ts';

export type Interruption = 'help' | 'cancel' | 'startOver' | 'switchTask' | 'question';

/** What interrupting needs: the answers port, section titles for citations, and the facts gathered so far. */
export interface InterruptionDeps {
  answers: AnswerPort;
  sections: readonly ProcessSection[];
  /** The rules' contact directory: the out-of-scope reply names the Dealer Service Center from it. */
  directory: ContactDirectory;
}

/** Exact keyword matches only (an SMS "stop" or "don't cancel" must not be read as a command). */
export function keywordOf(text: string): Exclude<Interruption, 'question' | 'switchTask'> | undefined {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ');
  if ((interruptionWords.help as readonly string[]).includes(words)) return 'help';
  if ((interruptionWords.cancel as readonly string[]).includes(words)) return 'cancel';
  if ((interruptionWords.startOver as readonly string[]).includes(words)) return 'startOver';
  return undefined;
}

const questionStart = /^(what|whats|what's|who|whom|where|when|which|how|why|can|could|do|does|did|is|are|should|will|would|may|must)\b/i;

export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.endsWith('?') || (questionStart.test(trimmed) && trimmed.split(/\s+/).length >= 3);
}

/** The innermost active dialog: the prompt waiting for the dealer's answer, if any. */
export function pendingStep(dc: DialogContext): DialogContext {
  // Each read of `child` builds a new DialogContext (with its own state manager): read it once per level.
  let leaf = dc;
  for (let child = leaf.child; child !== undefined; child = leaf.child) leaf = child;
  return leaf;
}

/**
 * Continues the active dialog on `dc` as `dc.continueDialog()` does (a dialog's failure reaches the
 * caller as the same DialogContextError), without first raising botbuilder's "activityReceived" event:
 * `continueDialog` raises it once a turn from the innermost dialog, building a DialogContext (each with
 * its own state manager) for every level of the stack on the way down, and bubbles it back up. Nothing
 * here acts on it: no dialog handles dialog events, and a prompt's part (reading the message to say
 * whether it handled the event) changes nothing.
 */
export async function continueActiveDialog(dc: DialogContext): Promise<DialogTurnResult> {
  const instance = dc.activeDialog;
  const dialog = instance === undefined ? undefined : dc.findDialog(instance.id);
  // An empty stack, or a dialog that is not there: botbuilder's own answer (and error).
  if (dialog === undefined) return dc.continueDialog();
  try {
    return await dialog.continueDialog(dc);
  } catch (error) {
    if (error instanceof DialogContextError) throw error;
    throw new DialogContextError(error as Error, dc);
  }
}

/** Whether the active dialog holds dialogs of its own, without building its context as `dc.child` would. */
function hasChildDialog(dc: DialogContext): boolean {
  const active = dc.activeDialog;
  return active !== undefined && dc.findDialog(active.id) instanceof DialogContainer;
}

/**
 * The base of every dialog here: before a step reads the dealer's message, it checks for "help",
 * "cancel", "start over", a menu command ("Return a vehicle") and free-text questions. Help and
 * questions are answered and the pending question is asked again; the dealer keeps their place. Only the outermost dialog acts (it sees the
 * message first); inner dialogs defer to it by finding nothing left to handle.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    dialogId: string,
    protected readonly interruptions: InterruptionDeps,
  ) {
    super(dialogId);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const handled = (await this.interrupt(innerDc)) ?? (hasChildDialog(innerDc) ? undefined : await this.repairAtOwnPrompt(innerDc));
    return handled ?? continueActiveDialog(innerDc);
  }

  /**
   * Whether this dialog reads the message itself at its own prompt (a correction, "back", facts for
   * several answers, small talk): the outermost dialog then leaves it alone instead of answering it as
   * a question. `repair` must handle exactly these messages.
   */
  canRepair(_leaf: DialogContext, _reading: Interpretation, _text: string): boolean {
    return false;
  }

  /** Handles a message `canRepair` claimed, at this dialog's own prompt (`innerDc` has the prompt on top). */
  protected async repair(_innerDc: DialogContext, _reading: Interpretation, _text: string): Promise<DialogTurnResult | undefined> {
    return undefined;
  }

  private async repairAtOwnPrompt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if (context.activity.type !== 'message') return undefined;
    const text = answerOf(context.activity);
    const prompt = innerDc.activeDialog ? innerDc.findDialog(innerDc.activeDialog.id) : undefined;
    if (text === undefined || !(prompt instanceof FieldPrompt)) return undefined;
    // A card button's value is exact and states nothing more ("yes" to "Did you mean Hawaii?" is one).
    const reading = isSubmit(context.activity)
      ? nothingStated
      : readMessage(text, prompt.todayFor(innerDc.activeDialog?.state?.options), pendingFieldOf(innerDc.activeDialog?.id));
    return this.canRepair(innerDc, reading, text) ? this.repair(innerDc, reading, text) : undefined;
  }

  /** What the dialog means by "cancel" / "start over"; the main menu shows itself again. */
  protected async afterCancel(innerDc: DialogContext, kind: 'cancel' | 'startOver'): Promise<DialogTurnResult> {
    void kind;
    return innerDc.endDialog({ cancelled: true });
  }

  /** A menu command typed mid-task: the main menu starts that task; a dialog on its own just ends. */
  protected async afterSwitch(innerDc: DialogContext, task: MenuChoice): Promise<DialogTurnResult> {
    return innerDc.endDialog({ cancelled: true, switchTo: task });
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if (context.activity.type !== 'message' || isSubmit(context.activity)) return undefined;
    const text = answerOf(context.activity);
    if (text === undefined) return undefined;
    const leaf = pendingStep(innerDc);
    const leafDialog = leaf.activeDialog ? leaf.findDialog(leaf.activeDialog.id) : undefined;
    const keyword = keywordOf(text);
    if (keyword === 'help') {
      say(context, commonMessages.help(leaf.activeDialog?.id));
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    if (keyword === 'cancel' || keyword === 'startOver') {
      await innerDc.cancelAllDialogs();
      say(context, keyword === 'cancel' ? commonMessages.cancelled() : commonMessages.startedOver());
      return this.afterCancel(innerDc, keyword);
    }
    // "Return a vehicle" typed (or sent by the page's shortcut) while another step waits: the dealer
    // wants that task, not an answer that happens to contain "return". The menu's own prompt reads it itself.
    const task = menuCommandOf(text);
    if (task !== undefined && leaf.activeDialog !== undefined && leaf.activeDialog.id !== MENU_PROMPT) {
      await innerDc.cancelAllDialogs();
      say(context, commonMessages.switchedTask(task));
      return this.afterSwitch(innerDc, task);
    }
    if (!(leafDialog instanceof FieldPrompt)) return undefined;
    const options: unknown = leaf.activeDialog?.state?.options;
    const reading = readMessage(text, leafDialog.todayFor(options), pendingFieldOf(leaf.activeDialog?.id));
    // The task that owns the prompt reads corrections, "back", several facts and small talk itself.
    if (ownerOf(leaf)?.canRepair(leaf, reading, text)) return undefined;
    if (leafDialog.accepts(text, context, options)) return undefined;
    const isQuestion = looksLikeQuestion(text) || (leafDialog.spec.unreadTextIsQuestion && text.split(/\s+/).length >= 3);
    if (!isQuestion) return undefined;
    say(context, ...(await answerReplies(this.interruptions, text, factsAt(leaf))));
    say(context, commonMessages.backToQuestion());
    await innerDc.repromptDialog();
    return { status: DialogTurnStatus.waiting };
  }
}

const nothingStated: Interpretation = { want: 'answer', topics: [], facts: {}, readAs: '', yearsAssumed: [] };

const knownFactsSchema = decisionRequestSchema.partial();
type KnownFacts = z.infer<typeof knownFactsSchema>;
const factKeys = Object.keys(decisionRequestSchema.shape);

/**
 * The facts gathered so far by the waterfall that owns the pending prompt (the walkthrough keeps them
 * in its step values under the decision-request names), so a question mid-walkthrough gets context.
 */
export function factsAt(leaf: DialogContext): KnownFacts {
  // The waterfall sits on the same stack as its prompt (under it), not on the parent's.
  const values = waterfallValuesIn(leaf) ?? {};
  const picked = Object.fromEntries(Object.entries(values).filter(([key, value]) => factKeys.includes(key) && value !== '' && value !== undefined));
  return knownFactsSchema.safeParse(picked).data ?? {};
}

/** A grounded answer to a free-text question, as replies (shared with the "ask a question" dialog). */
export async function answerReplies(deps: InterruptionDeps, question: string, facts: KnownFacts = {}): Promise<Reply[]> {
  const result = await deps.answers.answer(Object.keys(facts).length > 0 ? { question, facts } : { question });
  if (result.outOfScope || result.answer.trim() === '') return [questionMessages.outOfScope(dealerServiceCenterOf(deps.directory))];
  const titles = new Map(deps.sections.map((section) => [section.id, section.title]));
  const citations = [...new Set(result.citations.map((citation) => citation.section))].map((section) => ({
    section,
    title: titles.get(section) ?? section,
  }));
  return [questionMessages.answer(result.answer, citations, result.mode !== 'extractive')];
}

/** The Dealer Service Center as the directory writes it ("Ally Dealer Service Center", "888-919-2559"). */
export function dealerServiceCenterOf(directory: ContactDirectory): { name: string; reach: string } | undefined {
  const entry = directory.get('dealerServiceCenter');
  return entry ? { name: entry.name, reach: directory.reach(entry.id) } : undefined;
}

/** The task dialog whose own waterfall holds the prompt `leaf` waits on. */
function ownerOf(leaf: DialogContext): InterruptibleDialog | undefined {
  const parent = leaf.parent;
  const owner = parent?.activeDialog ? parent.findDialog(parent.activeDialog.id) : undefined;
  return owner instanceof InterruptibleDialog ? owner : undefined;
}
