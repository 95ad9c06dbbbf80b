import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContactDirectory } from '../src/rules/contact-directory.ts';
import type { AssistantServices } from './assistant-services.ts';
import { matchChoice } from './choice-matching.ts';
import { CONTACT_TOPIC_PROMPT, CONTACTS_DIALOG, CONTACTS_WATERFALL } from './dialog-ids.ts';
import { FieldPrompt, fieldPromptOptions, GAVE_UP, maxAttempts } from './field-prompt.ts';
import { parseChoice } from './input-parsers.ts';
import { InterruptibleDialog, type InterruptionDeps } from './interruptible-dialog.ts';
import { commonMessages } from './messages/common-messages.ts';
import { contactsMessages, contactTopics } from './messages/contacts-messages.ts';
import { inputMessages } from './messages/input-messages.ts';
import { say } from './turn-replies.ts';

/** "Who do I call?": the one right number for the situation, or the whole directory. */
export class ContactsDialog extends InterruptibleDialog {
  private readonly directory: ContactDirectory;

  constructor(services: AssistantServices, interruptions: InterruptionDeps) {
    super(CONTACTS_DIALOG, interruptions);
    this.directory = services.decisions.directory;
    this.addDialog(
      new FieldPrompt(
        CONTACT_TOPIC_PROMPT,
        { attempts: maxAttempts, unreadTextIsQuestion: false, parse: (input) => parseChoice(input, contactTopics, inputMessages.unknownChoice) },
        services.clock,
      ),
    );
    this.addDialog(new WaterfallDialog(CONTACTS_WATERFALL, [this.askTopic.bind(this), this.answer.bind(this)]));
    this.initialDialogId = CONTACTS_WATERFALL;
  }

  private async askTopic(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(CONTACT_TOPIC_PROMPT, fieldPromptOptions(contactsMessages.askTopic()));
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result === GAVE_UP) {
      say(step.context, commonMessages.gaveUp('pick the situation you need a number for.', 'contacts'));
      return step.endDialog({ gaveUp: true });
    }
    const topic = matchChoice(String(step.result), contactTopics);
    const ids = topic && topic.contactIds.length > 0 ? topic.contactIds : this.directory.entries.map((entry) => entry.id);
    const entries = ids.map((id) => this.directory.get(id)).filter((entry) => entry !== undefined);
    const contacts = entries.map((entry) => ({ name: entry.name, reach: this.directory.reach(entry.id) }));
    const notes = topic && topic.contactIds.length > 0 ? entries.slice(0, 1).map((entry) => entry.purpose) : [];
    say(step.context, contactsMessages.answer(topic?.title ?? 'The full directory', contacts, notes));
    return step.endDialog({ topic: topic?.value });
  }
}
