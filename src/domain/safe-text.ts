import { z } from 'zod';

/**
 * Free text people send (a dealer's name, an event note, a question) is shown to other people: in the
 * console, in logs, in a terminal, in the bot's replies. Characters that are invisible there yet change
 * what is shown are refused: NUL and the other C0 controls, DEL and the C1 controls (terminal escapes,
 * strings cut short by C tools), and the bidirectional formatting characters: the embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069: "Ally \u202Enigol" shows as "Ally login") and the
 * invisible direction marks (U+200E, U+200F, U+061C), which move the punctuation and digits around them.
 * None of them belongs in an English dealer name or a note, so refusing costs nobody anything.
 *
 * Multi-line fields (notes, questions) also accept tab and line breaks (LF, or CR LF as a textarea
 * sends them); a lone CR is refused, since a terminal would print the rest of the line over the start.
 */
const bidiFormatting = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const unsafeSingleLine = `[\\u0000-\\u001F\\u007F-\\u009F${bidiFormatting}]`;
const unsafeMultiLine = `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${bidiFormatting}]|\\r(?!\\n)`;

export interface SafeTextOptions {
  /** Tab, LF and CR LF are allowed (notes, questions); single-line fields (names) refuse them too. */
  multiline?: boolean;
}

function unsafePattern(options: SafeTextOptions, flags = ''): RegExp {
  return new RegExp(options.multiline ? unsafeMultiLine : unsafeSingleLine, flags);
}

/** The first refused character and its position (1-based, in characters as people count them), if any. */
export function firstUnsafeCharacter(text: string, options: SafeTextOptions = {}): { codePoint: string; position: number } | undefined {
  const match = unsafePattern(options).exec(text);
  if (!match) return undefined;
  const codePoint = `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return { codePoint, position: [...text.slice(0, match.index)].length + 1 };
}

/** The text without the refused characters: for text we cannot refuse (a chat message) but must not show as sent. */
export function withoutUnsafeCharacters(text: string, options: SafeTextOptions = {}): string {
  return text.replace(unsafePattern(options, 'g'), '');
}

/**
 * The refinement every free-text field of a request schema ends with:
 * `z.string().trim().max(200).check(safeText())`. The issue carries `params.code` so the HTTP layer can
 * name it (`invalid_characters`); the message says which character and where.
 */
export function safeText(options: SafeTextOptions = {}) {
  return z.superRefine<string>((value, context) => {
    const found = firstUnsafeCharacter(value, options);
    if (!found) return;
    context.addIssue({
      code: 'custom',
      message: `contains ${found.codePoint} at character ${found.position}: control characters and bidirectional formatting characters are not accepted`,
      params: { code: 'invalid_characters' },
      input: value,
    });
  });
}
