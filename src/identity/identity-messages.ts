/** Texts of the dealer-user API and the link-code text message (the chat's own texts are in dialogs/messages/link-messages.ts). */
export const identityMessages = {
  dealerNotFound: (id: string): string => `No dealer with id "${id}".`,
  userTokenInvalid: 'The web chat user token is not valid (it must be an HS256 JWT signed with WEBCHAT_USER_TOKEN_SECRET, with sub and exp).',
  userTokenExpired: 'The web chat user token has expired; sign a new one.',
  userTokenNotAccepted: 'This server does not take web chat user tokens (WEBCHAT_USER_TOKEN_SECRET is not set).',
  /** The text message carrying the code: GSM-7, one segment. */
  codeText: (code: string, minutes: number): string =>
    `Ally Lease Return Assistant: your code to link the chat to your dealership is ${code}. It expires in ${minutes} minutes. Didn't ask for it? Ignore this text.`,
} as const;
