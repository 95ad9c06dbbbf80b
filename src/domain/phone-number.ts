import { z } from 'zod';

/** A phone number in E.164 form ("+16145550100"): the key that ties an SMS sender to a dealer. */
export type PhoneNumber = string & { readonly __brand: 'PhoneNumber' };

/**
 * Reads a phone number in E.164, forgiving the spaces, dashes, dots and parentheses people type
 * ("+1 (614) 555-0100"). The leading "+" and country code are required: guessing a country would tie
 * a text message to the wrong dealer. North American numbers (+1) must have a valid area code and
 * exchange, the mistakes most often typed.
 */
export function parsePhoneNumber(input: string): PhoneNumber | undefined {
  const compact = input.trim().replace(/[\s().-]+/g, '');
  if (!/^\+[1-9]\d{7,14}$/.test(compact)) return undefined;
  if (compact.startsWith('+1') && !/^\+1[2-9]\d{2}[2-9]\d{6}$/.test(compact)) return undefined;
  return compact as PhoneNumber;
}

export const phoneNumberSchema = z.string().transform((input, context): PhoneNumber => {
  const phone = parsePhoneNumber(input);
  if (!phone) {
    context.addIssue({ code: 'custom', message: `"${input}" is not a phone number in E.164 form, for example +16145550100.` });
    return z.NEVER;
  }
  return phone;
});
