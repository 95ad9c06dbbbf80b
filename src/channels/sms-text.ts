import { toGsm7 } from '../domain/sms-text.ts';
import { maxSmsLength } from './channel-capabilities.ts';
import { plainTextBlocks } from './plain-text.ts';
import type { Reply } from './reply.ts';

export { isGsm7, toGsm7 } from '../domain/sms-text.ts';

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
  const units = blocks.flatMap((block) => (block.length <= maxSmsLength ? [block] : block.split('\n').flatMap((line) => splitLong(line, maxSmsLength))));
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
