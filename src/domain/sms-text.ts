/**
 * Text messages go out as GSM-7 so a reply costs one or two segments, never the 70-character UCS-2
 * segments a single curly quote would force. Replies are limited to 320 characters (two segments).
 */
export const maxSmsCharacters = 320;

const basic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const extension = '^{}\\[~]|€';
const basicSet = new Set(basic);
const extensionSet = new Set(extension);

/** Look-alikes people and editors type, written with characters GSM-7 has. */
const replacements: Readonly<Record<string, string>> = {
  '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '•': '-', '\u00a0': ' ', '\t': ' ',
};

export function isGsm7(text: string): boolean {
  for (const character of text) if (!basicSet.has(character) && !extensionSet.has(character)) return false;
  return true;
}

/** Septets the text takes: extension characters (€, [, ] ...) take two. */
export function gsm7Length(text: string): number {
  let length = 0;
  for (const character of text) length += extensionSet.has(character) ? 2 : 1;
  return length;
}

/** Replaces what GSM-7 lacks, collapses runs of spaces and cuts the text to `max` septets at a word boundary. */
export function toSmsText(text: string, max = maxSmsCharacters): string {
  let cleaned = '';
  for (const character of text) {
    const replaced = replacements[character] ?? character;
    for (const part of replaced) cleaned += basicSet.has(part) || extensionSet.has(part) ? part : '?';
  }
  cleaned = cleaned.replace(/ {2,}/g, ' ').trim();
  if (gsm7Length(cleaned) <= max) return cleaned;
  let cut = '';
  for (const character of cleaned) {
    if (gsm7Length(cut) + gsm7Length(character) > max - 3) break;
    cut += character;
  }
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).trimEnd()}...`;
}
