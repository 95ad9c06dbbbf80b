import { parsePhoneNumber, type PhoneNumber } from './phone-number.ts';

/**
 * A phone number as a caller reads it out or an agent types it: "+1 614 555 0100", "(614) 555-0100",
 * "614.555.0100", "1-614-555-0100", "6145550100". Ten digits (or eleven starting with 1) are taken as
 * a US number; with a leading "+" the country code is the caller's. Undefined for anything else.
 * For finding a dealer only: storing a number still takes E.164 (phone-number.ts), never a guess.
 */
export function parsePhoneSpelling(input: string): PhoneNumber | undefined {
  const trimmed = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return undefined;
  if (trimmed.startsWith('+')) return parsePhoneNumber(trimmed);
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length === 10) return parsePhoneNumber(`+1${digits}`);
  if (digits.length === 11 && digits.startsWith('1')) return parsePhoneNumber(`+${digits}`);
  return undefined;
}
