import { reply, type Reply } from '../../src/channels/reply.ts';

export const questionMessages = {
  ask: (): Reply => reply({ text: "What's your question? For example: \"what's the fax for dealer purchases?\" or \"who picks up the car?\"" }),
  answer: (text: string, citations: Reply['citations']): Reply => reply({ text, citations }),
  outOfScope: (): Reply =>
    reply({
      text: "That's outside what I know. I can help with Ally lease returns: ET or NM, quotes, notifying Ally (AVRM or fax), inspections, SmartAuction, letters and releasing the car at pickup.",
    }),
};
