/**
 * Vehicle Identification Numbers (ISO 3779 / 49 CFR 565): 17 characters, no I, O or Q, and a check
 * digit in position 9 computed from the other sixteen.
 */
export type Vin = string & { readonly __brand: 'Vin' };

export type VinProblem = 'length' | 'characters' | 'checkDigit';

export type VinCheck = { valid: true; vin: Vin } | { valid: false; problem: VinProblem; message: string };

const transliteration: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const positionWeights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** Upper-cases and removes spaces and dashes people type between groups of characters. */
export function normalizeVinInput(input: string): string {
  return input.replace(/[\s-]+/g, '').toUpperCase();
}

function characterValue(character: string): number | undefined {
  if (character >= '0' && character <= '9') return Number(character);
  return transliteration[character];
}

/** The check digit ('0'–'9' or 'X') the other sixteen characters call for; undefined if a character is not allowed. */
export function expectedCheckDigit(vin: string): string | undefined {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    const value = characterValue(vin[index] ?? '');
    if (value === undefined) return undefined;
    sum += value * (positionWeights[index] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

export function checkVin(input: string): VinCheck {
  const vin = normalizeVinInput(input);
  if (vin.length !== 17) {
    return { valid: false, problem: 'length', message: `A VIN has 17 characters; this one has ${vin.length}.` };
  }
  const forbidden = vin.match(/[IOQ]/);
  if (forbidden) {
    return {
      valid: false,
      problem: 'characters',
      message: `A VIN never contains the letters I, O or Q (found "${forbidden[0]}" at position ${(forbidden.index ?? 0) + 1}).`,
    };
  }
  const other = vin.match(/[^A-Z0-9]/);
  if (other) {
    return {
      valid: false,
      problem: 'characters',
      message: `A VIN has only letters and digits (found "${other[0]}" at position ${(other.index ?? 0) + 1}).`,
    };
  }
  const expected = expectedCheckDigit(vin);
  if (expected !== vin[8]) {
    return {
      valid: false,
      problem: 'checkDigit',
      message: `The check digit (9th character) is "${vin[8]}" but the other characters call for "${expected}"; a character was probably mistyped.`,
    };
  }
  return { valid: true, vin: vin as Vin };
}

export function isValidVin(input: string): input is Vin {
  return checkVin(input).valid;
}
