import type { DecisionContact } from '../domain/decision.ts';
import type { Contact } from './rule-set-schema.ts';

/** The contact directory from rules/contacts.json, with the one way each entry is written for people. */
export class ContactDirectory {
  private readonly byId: ReadonlyMap<string, Contact>;

  constructor(readonly entries: readonly Contact[]) {
    this.byId = new Map(entries.map((entry) => [entry.id, entry]));
  }

  get(id: string): Contact | undefined {
    return this.byId.get(id);
  }

  require(id: string): Contact {
    const contact = this.byId.get(id);
    if (!contact) throw new Error(`contact "${id}" is not in the directory`);
    return contact;
  }

  /** "877-290-9544, option 1", "877-290-9555", "allyvehiclereturnmanager.com" or a person's title. */
  reach(id: string): string {
    return formatReach(this.require(id));
  }

  /** The entry as a decision lists it; only phone entries are contacts to call. */
  asDecisionContact(id: string): DecisionContact | undefined {
    const contact = this.byId.get(id);
    if (contact?.kind !== 'phone') return undefined;
    return contact.option === undefined
      ? { id: contact.id, name: contact.name, phone: contact.phone }
      : { id: contact.id, name: contact.name, phone: contact.phone, option: contact.option };
  }
}

export function formatReach(contact: Contact): string {
  switch (contact.kind) {
    case 'phone':
      return contact.option === undefined ? contact.phone : `${contact.phone}, option ${contact.option}`;
    case 'fax':
      return contact.fax;
    case 'web':
      return contact.url;
    case 'person':
      // A person has no number of their own in the directory; repeating the name ("Your Ally Account
      // Executive: Your Ally Account Executive") told the dealer nothing. Their purpose says when to ask them.
      return contact.purpose;
  }
}
