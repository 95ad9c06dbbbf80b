import { z } from 'zod';
import { checkVin, normalizeVinInput, type Vin } from './vin.ts';

/** The zod edges of src/domain/vin.ts, kept apart so the browser bundle takes vin.ts without zod. */
export const vinSchema = z.string().transform((input, context): Vin => {
  const result = checkVin(input);
  if (!result.valid) {
    context.addIssue({ code: 'custom', message: result.message, params: { problem: result.problem } });
    return z.NEVER;
  }
  return result.vin;
});

/** A VIN, or its last 6 to 16 characters (how people read it off a windshield or a text message). */
export const vinOrSuffixSchema = z.string().transform((input, context): { vin: Vin } | { suffix: string } => {
  const normalized = normalizeVinInput(input);
  if (normalized.length === 17) {
    const result = checkVin(normalized);
    if (!result.valid) {
      context.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return { vin: result.vin };
  }
  if (normalized.length < 6 || normalized.length > 17 || /[^A-HJ-NPR-Z0-9]/.test(normalized)) {
    context.addIssue({
      code: 'custom',
      message: 'Give the full 17-character VIN or at least its last 6 characters (letters and digits, no I, O or Q).',
    });
    return z.NEVER;
  }
  return { suffix: normalized };
});
