import type { ContactDirectory } from '../rules/contact-directory.ts';

/** The SMS replies that are not about one case, in one place. */
export const smsMessages = {
  help: (remarketing: string) =>
    `Ally lease returns: STATUS <VIN or last 6> for where a return stands, RELEASE <VIN> for who may take the car, CONTACTS for Ally numbers, STOP to opt out. Remarketing Center: ${remarketing}.`,
  unknown: 'Send STATUS <VIN or its last 6 characters>, RELEASE <VIN>, CONTACTS or HELP.',
  needVin: (keyword: string) => `Send ${keyword} followed by the VIN or its last 6 characters, for example ${keyword} 042788.`,
  stopped: 'You will get no more messages from the Ally lease return assistant. Reply START to opt back in.',
  /** Added to HELP for a number that has opted out: help always helps, and says how to come back. */
  optedOutNote: 'This number is opted out: reply START to get case messages again.',
  handoff: (name: string, reach: string) => `To talk to a person, call the ${name} at ${reach}.`,
  smallTalk: 'Glad to help. Text STATUS <VIN or last 6>, RELEASE <VIN>, or ask a question about a lease return.',
  walkthrough:
    'By text I can give STATUS <VIN or last 6>, RELEASE <VIN>, CONTACTS and answers to questions. To record a return step by step, use the web chat or Teams.',
  outOfScope: (name: string, reach: string) => `I can only help with returning a leased vehicle to Ally. For anything else, call the ${name} at ${reach}.`,
  /** The reader's "out of scope" is also what it makes of a text it cannot place, so this says what to send as well. */
  notPlaced: (name: string, reach: string) =>
    `I can only help with returning a leased vehicle to Ally: send STATUS <VIN or last 6>, RELEASE <VIN>, CONTACTS or HELP, or ask a question about a return. For anything else, call the ${name} at ${reach}.`,
  started: 'You are opted back in. Send STATUS <VIN> for a return, or HELP.',
};

/** Every phone and fax entry of the directory in one short message. */
export function contactsText(directory: ContactDirectory): string {
  const entries: string[] = [];
  for (const entry of directory.entries) {
    if (entry.kind === 'phone' || entry.kind === 'fax') entries.push(`${entry.name.replace(/^Ally /, '')} ${directory.reach(entry.id)}`);
  }
  return `Ally: ${entries.join('; ')}.`;
}
