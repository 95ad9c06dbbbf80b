/**
 * What a text message asks for. Keywords match the whole first word exactly, in any case, with any
 * spacing: "status  1m8gdm9axkp042788" is STATUS, "don't stop" is not STOP. Opt-out and opt-in words are
 * Twilio's standard ones, so what we store agrees with what Twilio itself does with the number.
 */
export type SmsCommand =
  | { kind: 'status'; target: string }
  | { kind: 'release'; target: string }
  | { kind: 'contacts' }
  | { kind: 'help' }
  | { kind: 'stop' }
  | { kind: 'start' }
  | { kind: 'unknown' };

const optOutWords = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const optInWords = new Set(['START', 'UNSTOP']);

export function parseSmsCommand(body: string): SmsCommand {
  // Trailing punctuation people add ("Stop.", "help?") is not part of the keyword.
  const words = body
    .trim()
    .replace(/[.!?]+$/, '')
    .split(/\s+/)
    .filter((word) => word !== '');
  const [first, ...rest] = words;
  if (first === undefined) return { kind: 'help' };
  const keyword = first.toUpperCase();
  const target = rest.join(' ');
  if (rest.length === 0) {
    if (optOutWords.has(keyword)) return { kind: 'stop' };
    if (optInWords.has(keyword)) return { kind: 'start' };
    if (keyword === 'HELP' || keyword === 'INFO') return { kind: 'help' };
    if (keyword === 'CONTACTS') return { kind: 'contacts' };
  }
  if (keyword === 'STATUS') return { kind: 'status', target };
  if (keyword === 'RELEASE') return { kind: 'release', target };
  return { kind: 'unknown' };
}
