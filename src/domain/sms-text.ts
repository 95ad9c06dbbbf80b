/**
 * Text messages go out in the GSM 03.38 basic character set so a reply costs one or two 160-character
 * segments, never the 70-character UCS-2 segments a single curly quote would force. The extension table
 * (^ { } [ ] ~ | € \) costs two septets each on some carriers and none on others, so it is avoided too.
 * Replies are limited to 320 characters (two segments). The bot's sms renderer and the SMS webhook both
 * write through this module.
 */
export const maxSmsCharacters = 320;

const gsm7Basic = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');

/** Look-alikes people and editors type, written with characters of the basic set. */
const substitutes: Readonly<Record<string, string>> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '‒': '-',
  '−': '-',
  '•': '-',
  '·': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\t': ' ',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '~': '-',
  '|': '/',
  '^': '',
  '\\': '/',
  '€': 'EUR',
  '→': '->',
};

export function isGsm7(text: string): boolean {
  for (const character of text) if (!gsm7Basic.has(character)) return false;
  return true;
}

const gsm7Extension = new Set('^{}\\[~]|€');

/** Septets the text takes: extension characters (€, [, ] ...) take two. */
export function gsm7Length(text: string): number {
  let length = 0;
  for (const character of text) length += gsm7Extension.has(character) ? 2 : 1;
  return length;
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

/** One message: GSM-7, runs of spaces collapsed, cut to `max` septets at a word boundary. */
export function toSmsText(text: string, max = maxSmsCharacters): string {
  const cleaned = toGsm7(text).replace(/ {2,}/g, ' ').trim();
  if (gsm7Length(cleaned) <= max) return cleaned;
  const cut = [...cleaned].slice(0, max - 3).join('');
  const atWord = cut.lastIndexOf(' ');
  return `${(atWord > max / 2 ? cut.slice(0, atWord) : cut).trimEnd()}...`;
}
