import { reply, type Reply } from '../../src/channels/reply.ts';
import type { ChoiceSpec } from '../choice-matching.ts';
import { asReplyChoices } from '../choice-matching.ts';

/** The end of the walkthrough for a recognized dealer with a VIN (issue 15): open a return case, or see the one already open. */
export const openCaseChoices = [
  { value: 'openCase', title: 'Open a return case', synonyms: ['open', 'open case', 'open a case', 'open the case', 'yes', 'y', 'yes please', 'do it'] },
  { value: 'notNow', title: 'Not now', synonyms: ['no', 'n', 'no thanks', 'later', 'skip', 'not yet'] },
] as const satisfies readonly ChoiceSpec[];

export const openCaseMessages = {
  offer: (vin: string): Reply =>
    reply({ text: `Shall I open the return case for VIN ${vin} with Ally on this decision?`, choices: asReplyChoices(openCaseChoices) }),
  unknownAnswer: (): string => 'Pick "Open a return case" or "Not now".',
  /** The VIN already has an open case of this dealer: that case, not a second decision. */
  alreadyOpen: (vin: string, status: string | undefined): Reply =>
    reply({
      text: [`VIN ${vin} already has an open return case with Ally, so I haven't decided it again. Here it is:`, ...(status === undefined ? [] : [status])],
    }),
  /** The VIN has an open case that is not this dealer's: nothing about it is shown. */
  openElsewhere: (vin: string, remarketing: string): Reply =>
    reply({
      text: `A return case for VIN ${vin} is already open with Ally, so I can't open another. The Ally Remarketing Center (${remarketing}) can help.`,
      tone: 'notice',
    }),
  opened: (vin: string, rulesVersion: string, status: string): Reply =>
    reply({ text: [`Return case opened for VIN ${vin} (decided on rules version ${rulesVersion}).`, status], tone: 'normal' }),
  refused: (message: string): Reply => reply({ text: `I couldn't open the case: ${message}`, tone: 'notice' }),
  notOpened: (): Reply => reply({ text: 'OK, no case opened. You can open it later from here or with the Remarketing Center.', tone: 'notice' }),
};
