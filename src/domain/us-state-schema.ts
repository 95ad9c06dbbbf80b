import { z } from 'zod';
import { isUsStateCode, type UsStateCode } from './us-states.ts';

/** The zod edge of src/domain/us-states.ts, kept apart so the browser bundle takes us-states.ts without zod. */
/** A dealership's state as its two-letter postal code, case-insensitive. */
export const usStateCodeSchema = z.string().transform((input, context): UsStateCode => {
  const upper = input.trim().toUpperCase();
  if (!isUsStateCode(upper)) {
    context.addIssue({
      code: 'custom',
      message: `"${input}" is not a US state postal code (50 states and DC, for example OH, HI or DC).`,
    });
    return z.NEVER;
  }
  return upper;
});
