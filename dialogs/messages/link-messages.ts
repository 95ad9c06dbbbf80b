import { reply, type Reply } from '../../src/channels/reply.ts';

/** The words of linking a chat to a dealership, and of what an unrecognized user may not see (issue 15). */
export const linkHowTo = 'type "link my dealership" and I\'ll text a code to your dealership\'s phone registered with Ally';

export const linkMessages = {
  askPhone: (): Reply =>
    reply({ text: "Which phone number does Ally have for your dealership? I'll text a 6-digit code to it. For example: +1 614 555 0100." }),
  badPhone: "That isn't a phone number I can text. Type it with its area code, like 614-555-0100 or +16145550100.",
  /** Said the same way whether or not the number is a dealer's. */
  codeRequested: (phone: string, minutes: number): Reply =>
    reply({
      text: [
        `If ${phone} is a dealership phone registered with Ally, a 6-digit code is on its way to it by text.`,
        `It works once and expires in ${minutes} minutes.`,
      ],
    }),
  askCode: (): Reply => reply({ text: 'Type the 6-digit code from the text message.' }),
  badCode: 'The code is the 6 digits in the text message, like 042917.',
  wrongCode: (attemptsLeft: number): Reply =>
    reply({ text: `That code isn't right. ${attemptsLeft === 1 ? '1 try' : `${attemptsLeft} tries`} left.`, tone: 'notice' }),
  tooManyAttempts: (): Reply =>
    reply({ text: 'Too many wrong codes, so that code no longer works. Type "link my dealership" to get a new one.', tone: 'notice' }),
  expired: (): Reply => reply({ text: 'That code has expired. Type "link my dealership" to get a new one.', tone: 'notice' }),
  noCode: (): Reply => reply({ text: 'No code is waiting for this chat. Type "link my dealership" to get one.', tone: 'notice' }),
  taken: (): Reply => reply({ text: 'This account is already linked to another dealership. Ask your Ally Account Executive to change it.', tone: 'notice' }),
  linked: (dealerName: string): Reply =>
    reply({
      text: [`Done: this chat is linked to ${dealerName}.`, "You can now check your dealership's returns here; the last 6 characters of a VIN are enough."],
    }),
  alreadyLinked: (dealerName: string): Reply => reply({ text: `This chat is already linked to ${dealerName}.`, tone: 'notice' }),
  cannotText: (): Reply =>
    reply({
      text: ["Codes can't be texted from here yet.", 'Ask Ally (your Account Executive or the Dealer Service Center) to link your account to your dealership.'],
      tone: 'notice',
    }),
  cannotLinkHere: (): Reply => reply({ text: 'Over text message your phone number already tells me your dealership.', tone: 'notice' }),
  gaveUp: (): Reply =>
    reply({
      text: 'To link this chat I need the phone number Ally has for your dealership, and the code texted to it. Type "link my dealership" to try again.',
      tone: 'notice',
    }),
  /** An unrecognized chat user asked for a case. */
  notLinked: (): Reply =>
    reply({
      text: [
        'I can show a return only to someone linked to its dealership, and this chat is not linked yet.',
        `To link it, ${linkHowTo}. Or text STATUS and the VIN from your dealership's phone.`,
      ],
      tone: 'notice',
    }),
};

/**
 * "link my dealership", "link my account", "connect my dealer account", "link +16145550100": a request to
 * link this chat. Whole-message phrases only, so an answer that mentions a link is never taken for one.
 */
export function linkRequestOf(text: string): { phone?: string } | undefined {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  const phone = /(\+?1?[\s().-]*\d{3}[\s().-]*\d{3}[\s.-]*\d{4})\s*$/.exec(words)?.[1];
  const rest = (phone === undefined ? words : words.slice(0, words.length - phone.length)).replace(/\s+/g, ' ').trim();
  const asked =
    /^(please |i want to |i'd like to |i would like to |can i |how do i |how can i )?(link|connect)( (me|this chat|my chat|this account|my account|my teams|us))?( (to|with))?( (my|our|the))?( (dealership|dealer|store|dealer account|dealership account|account))?$/.test(
      rest,
    );
  if (!asked) return undefined;
  return phone === undefined ? {} : { phone: phone.trim() };
}
