import type { ApiErrorBody } from './api-types.ts';
import { formatDay } from './format.ts';
import { fieldNames } from './messages.ts';

/**
 * An API error as a sentence for the agent. The API names fields by their codes ("at is in the
 * future.", "text: must not be empty"); here the code becomes its wording ("The event time is in the
 * future.", "The note must not be empty."), and an ISO day in the message reads like every other date.
 */
export function errorSentence(error: ApiErrorBody, zone?: string): string {
  let message = error.message.trim();
  const field = error.field?.split('.').pop() ?? null;
  const name = field === null ? undefined : fieldNames[field];
  if (field !== null && name !== undefined) {
    const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const prefix = new RegExp(`^(?:[\\w.]*\\.)?${escaped}(?::\\s*|\\s+)`);
    if (prefix.test(message)) message = `${name} ${message.replace(prefix, '')}`;
  }
  message = message.replace(/\b(\d{4}-\d{2}-\d{2})(?![T\d])/g, (day: string) => formatDay(day, zone));
  if (!/[.!?]$/.test(message)) message = `${message}.`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
