import { reply, type Reply } from '../../src/channels/reply.ts';

export const statusMessages = {
  /** `suffixEnough`: over SMS, or a recognized dealer user in chat (the lookup is scoped to one dealer). */
  askVin: (suffixEnough: boolean): Reply =>
    reply({
      text: suffixEnough ? 'Which vehicle? Send the VIN or its last 6 characters.' : 'Which vehicle? Send the full 17-character VIN.',
    }),
  status: (text: string): Reply => reply({ text }),
  unavailable: (): Reply => reply({ text: "I can't look up return status right now. Try again in a few minutes.", tone: 'notice' }),
  needs: "I need the vehicle's 17-character VIN to look up its status.",
};
