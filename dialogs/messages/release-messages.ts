import { reply, type Reply } from '../../src/channels/reply.ts';
import type { ChoiceSpec } from '../choice-matching.ts';
import { asReplyChoices } from '../choice-matching.ts';
import type { PickupParty } from '../../src/domain/decision-request.ts';
import { yesNoChoices } from './walkthrough-messages.ts';

export const pickupPartyChoices = [
  {
    value: 'buyingDealer',
    title: 'The buying dealer',
    synonyms: ['buyer', 'buying dealer', 'dealer', 'another dealer', 'smartauction buyer', 'auction buyer'],
  },
  { value: 'transporter', title: 'A transporter', synonyms: ['transport', 'transporter', 'driver', 'truck', 'carrier', 'transport company', 'hauler'] },
  { value: 'notSure', title: 'Not sure', synonyms: ['dont know', 'unsure', 'no idea', 'not sure who'] },
] as const satisfies readonly ChoiceSpec[];

const documentNames: Record<PickupParty, string> = { buyingDealer: 'proof of sale', transporter: 'a copy of the Bill of Lading' };

export const releaseMessages = {
  askParty: (): Reply => reply({ text: "Who's there to pick up the car?", choices: asReplyChoices(pickupPartyChoices) }),
  explainParties: (): Reply =>
    reply({
      text: 'If the car sold on SmartAuction, the buying dealer picks it up with proof of sale. If it was not eligible or did not sell, a transporter comes with a Bill of Lading. Ask them which they are.',
      tone: 'notice',
    }),
  partyChanged: (party: PickupParty): Reply =>
    reply({ text: `Changed who is picking up to ${party === 'buyingDealer' ? 'the buying dealer' : 'a transporter'}.`, tone: 'notice' }),
  askDocument: (party: PickupParty): Reply =>
    reply({
      text: party === 'buyingDealer' ? 'Have they shown you proof of sale?' : 'Did the driver give you a copy of the Bill of Lading?',
      choices: asReplyChoices(yesNoChoices),
    }),
  outcome: (releaseAllowed: boolean, party: PickupParty, steps: string[], contacts: Reply['contacts'], citations: Reply['citations']): Reply =>
    reply({
      text: releaseAllowed
        ? [`Release the vehicle: they have ${documentNames[party]}.`]
        : [
            `Do not release the vehicle.`,
            `Why: ${party === 'buyingDealer' ? 'a buying dealer' : 'a transporter'} must give you ${documentNames[party]} first.`,
          ],
      tone: 'decision',
      steps,
      contacts,
      citations,
    }),
};
