import type { TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult, type PromptValidatorContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { replySchema, reply, type Reply } from '../src/channels/reply.ts';
import type { Clock } from '../src/clock.ts';
import type { CalendarDate } from '../src/domain/calendar-date.ts';
import type { ParseContext, Parsed } from './input-parsers.ts';
import { dealerScopeOf } from './dealer-scope.ts';
import { dealerToday } from './message-reading.ts';
import { answerOf, say } from './turn-replies.ts';

/** The value a prompt ends with when the dealer could not give a usable answer after three tries. */
export const GAVE_UP = '\u0000gave-up';
export const maxAttempts = 3;

export interface FieldSpec {
  parse(input: string, context: ParseContext): Parsed;
  /** How many unusable answers before the prompt gives up (the menu never does). */
  attempts: number;
  /** Free text this prompt can't read is taken as a question (the menu: "what's the fax number?"). */
  unreadTextIsQuestion: boolean;
}

/** What a prompt keeps in dialog state: the question (a Reply, re-asked after a restart) and the dealer's zone. */
const fieldPromptStateSchema = z.object({ reply: replySchema, zone: z.string() });
type FieldPromptState = z.infer<typeof fieldPromptStateSchema>;
/** The zone alone, for "today" (read on every message: the whole question need not be checked for it). */
const promptZoneSchema = z.object({ zone: z.string() });

export function fieldPromptOptions(question: Reply, zone = 'America/New_York'): PromptOptions {
  const validations: FieldPromptState = { reply: question, zone };
  return { validations };
}

/**
 * A prompt that asks with a Reply (rendered per channel by the bot), reads a card button or text,
 * and checks the answer with a parser from input-parsers.ts. A refusal says what was wrong and asks
 * again; after `attempts` refusals the prompt ends with GAVE_UP and the dialog explains what it needs.
 */
export class FieldPrompt extends Prompt<string> {
  constructor(
    dialogId: string,
    readonly spec: FieldSpec,
    private readonly clock: Clock,
  ) {
    super(dialogId, (prompt) => this.check(prompt));
  }

  /** Whether `input` is an answer to this prompt (the interruption check asks before treating text as a question). */
  accepts(input: string, context: TurnContext, options: unknown): boolean {
    return this.spec.parse(input, this.parseContext(context, options)).ok;
  }

  protected override async onPrompt(context: TurnContext, _state: object, options: PromptOptions): Promise<void> {
    say(context, stateOf(options).reply);
  }

  protected override async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<string>> {
    const input = answerOf(context.activity);
    return input === undefined ? { succeeded: false } : { succeeded: true, value: input };
  }

  private async check(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const input = prompt.recognized.value;
    const parsed: Parsed =
      input === undefined ? { ok: false, problem: 'I need a typed answer here.' } : this.spec.parse(input, this.parseContext(prompt.context, prompt.options));
    if (parsed.ok) {
      prompt.recognized.value = parsed.value;
      return true;
    }
    if (prompt.attemptCount >= this.spec.attempts) {
      prompt.recognized.succeeded = true;
      prompt.recognized.value = GAVE_UP;
      return true;
    }
    // The problem first; Prompt then re-asks the question itself (nothing has been sent yet this turn).
    say(prompt.context, reply({ text: parsed.problem, tone: 'notice' }));
    return false;
  }

  /** "Today" in the dealer's zone (the zone the dialog gave the prompt), for the message reader and the parsers. */
  todayFor(options: unknown): CalendarDate {
    const zone = promptZoneSchema.safeParse((options as PromptOptions | undefined)?.validations).data?.zone ?? 'America/New_York';
    return dealerToday(this.clock, zone);
  }

  private parseContext(context: TurnContext, options: unknown): ParseContext {
    return { today: this.todayFor(options), channelId: context.activity.channelId ?? '', ...(dealerScopeOf(context) ? { dealerScoped: true } : {}) };
  }
}

function stateOf(options: PromptOptions): FieldPromptState {
  const parsed = fieldPromptStateSchema.safeParse(options.validations);
  return parsed.success ? parsed.data : { reply: reply({ text: '…' }), zone: 'America/New_York' };
}

export function isGaveUp(value: unknown): boolean {
  return value === GAVE_UP;
}
