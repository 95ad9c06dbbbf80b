import { maxSmsLength } from './channel-capabilities.ts';
import { plainTextBlocks } from './plain-text.ts';
import type { Reply } from './reply.ts';

/**
 * The GSM 03.38 basic character set. Anything outside it switches a carrier to UCS-2 and cuts a
 * message to 70 characters per segment, so replies are transliterated into it. The extension table
 * (^ { } [ ] ~ | € \) costs two septets each, so it is avoided too.
 */
const gsm7Basic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

const substitutes: Record<string, string> = {
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '“': '"', '”': '"', '„': '"',
  '–': '-', '—': '-', '‒': '-', '−': '-', '•': '-', '·': '-', '…': '...',
  '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ', '\t': ' ',
  '[': '(', ']': ')', '{': '(', '}': ')', '~': '-', '|': '/', '^': '', '\\': '/', '€': 'EUR', '→': '->',
};

export function isGsm7(text: string): boolean {
  for (const character of text) if (!gsm7Basic.has(character)) return false;
  return true;
}

/** The text in the GSM-7 basic set: typographic marks become ASCII, accents are dropped if needed. */
export function toGsm7(text: string): string {
  let out = '';
  for (const character of text) {
    if (gsm7Basic.has(character)) out += character;
    else if (character in substitutes) out += substitutes[character];
    else {
      const stripped = character.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += [...stripped].every((part) => gsm7Basic.has(part)) ? stripped : '?';
    }
  }
  return out;
}

/** Splits a too-long block at word boundaries (a long step still arrives whole, in order). */
function splitLong(block: string, limit: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of block.split(/(?<=\s)/)) {
    if ((current + word).length > limit && current.trim() !== '') {
      pieces.push(current.trimEnd());
      current = '';
    }
    current += word.length > limit ? word.slice(0, limit) : word;
  }
  if (current.trim() !== '') pieces.push(current.trimEnd());
  return pieces;
}

/**
 * Replies as SMS messages: GSM-7 only, each at most 320 characters, blocks packed in order and
 * split at line, then word, boundaries. Choices are numbered ("2" selects the second).
 */
export function renderSms(replies: readonly Reply[]): string[] {
  const blocks = plainTextBlocks(replies, { citations: false, choicesHeading: 'Reply with a number:' })
    .map((block) => toGsm7(block).trim())
    .filter((block) => block !== '');
  const units = blocks.flatMap((block) =>
    block.length <= maxSmsLength ? [block] : block.split('\n').flatMap((line) => splitLong(line, maxSmsLength)),
  );
  const messages: string[] = [];
  let current = '';
  for (const unit of units) {
    const joined = current === '' ? unit : `${current}\n\n${unit}`;
    if (joined.length <= maxSmsLength) current = joined;
    else {
      const lineJoined = current === '' ? unit : `${current}\n${unit}`;
      if (lineJoined.length <= maxSmsLength && !unit.includes('\n\n')) current = lineJoined;
      else {
        if (current !== '') messages.push(current);
        current = unit;
      }
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}
