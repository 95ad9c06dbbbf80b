import { withoutUnsafeCharacters } from '../domain/safe-text.ts';
import type { TextEscaping } from './reply.ts';

/**
 * How each kind of channel shows our words and quoted text (Reply paragraphs built with `quoted`). Our
 * own words never carry markup; quoted text is whatever someone typed and is shown as typed, never as
 * formatting or a link, in the bot's own bubble.
 */

/** Quoted text loses the invisible characters that would reorder or hide our words around it (a U+202E, a terminal escape). */
function visible(text: string): string {
  return withoutUnsafeCharacters(text, { multiline: true });
}

/** Plain text (SMS, Emulator, the terminal chat): shown as typed; `textFormat: 'plain'` tells Bot Framework clients so. */
export const plainEscaping: TextEscaping = {
  own: (text) => text,
  quoted: visible,
};

/** ASCII punctuation: CommonMark guarantees each one is literal after a backslash. */
const asciiPunctuation = /[\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E]/g;
/** A scheme separator or a www. host: defanged (`https[:]//`, `www[.]`) so no host linkifies what it shows. */
const linkStarts = /:\/\/|\bwww\./gi;

/**
 * Markdown hosts: Adaptive Card TextBlocks in Web Chat and Teams (a text activity sent with textFormat
 * 'plain' is shown as plain text by Web Chat 4.18, but a card's TextBlock is always Markdown). Web Chat
 * renders them with markdown-it (HTML on, linkify on: a bare domain becomes a link) and Teams with its own
 * Markdown subset, so quoted text
 * has every ASCII punctuation character escaped: no link, emphasis, heading, list, HTML tag, entity or
 * {{DATE()}} function survives, and the escaped "." and ":" keep linkify from seeing a URL, domain or
 * e-mail address. URLs are defanged as well, for a host that links what it finally shows. Our own words
 * only need what could turn into emphasis.
 */
export const markdownEscaping: TextEscaping = {
  own: (text) => text.replace(/[*_~`\\]/g, '\\$&'),
  quoted: (text) =>
    visible(text)
      .replace(linkStarts, (start) => (start === '://' ? '[:]//' : `${start.slice(0, 3)}[.]`))
      .replace(asciiPunctuation, '\\$&'),
};
