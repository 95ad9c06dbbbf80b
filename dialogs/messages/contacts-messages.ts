import { reply, type Reply } from '../../src/channels/reply.ts';
import type { ChoiceSpec } from '../choice-matching.ts';
import { asReplyChoices } from '../choice-matching.ts';

/** Situations the dealer picks from, each with the directory entries (rules/contacts.json ids) that answer it. */
export const contactTopics = [
  {
    value: 'noAvrm',
    title: 'No AVRM access / quotes',
    contactIds: ['dealerServiceCenter', 'avrmRegistration', 'accountExecutive'],
    synonyms: ['avrm', 'no avrm', 'quote', 'quotes', 'access', 'login'],
  },
  {
    value: 'dealerPurchase',
    title: 'Dealer purchase / 72-hour hold',
    contactIds: ['dealerBuyout', 'faxDealerPurchases'],
    synonyms: ['buyout', 'purchase', 'dealer purchase', '72 hour', 'hold'],
  },
  {
    value: 'lesseeReturn',
    title: 'Lessee return / remarketing',
    contactIds: ['remarketingCenter', 'faxLeaseReturns'],
    synonyms: ['remarketing', 'lessee return', 'return', 'fax'],
  },
  {
    value: 'pickup',
    title: 'Pickup or transport',
    contactIds: ['transportation'],
    synonyms: ['transport', 'transportation', 'pickup', 'pick up', 'bill of lading'],
  },
  {
    value: 'noInspection',
    title: 'AK, HI or SD (no inspections)',
    contactIds: ['remarketingCenter'],
    synonyms: ['inspection', 'alaska', 'hawaii', 'south dakota', 'ak', 'hi', 'sd'],
  },
  { value: 'all', title: 'The full directory', contactIds: [], synonyms: ['all', 'everything', 'directory', 'full list', 'all numbers'] },
] as const satisfies readonly (ChoiceSpec & { contactIds: readonly string[] })[];

export const contactsMessages = {
  askTopic: (): Reply => reply({ text: "What's it about? I'll give you the right number.", choices: asReplyChoices(contactTopics) }),
  answer: (title: string, contacts: Reply['contacts'], notes: string[]): Reply => reply({ text: [title, ...notes], contacts }),
};
