import type { Ruling } from './answer-schema.ts';

/**
 * Whether a generated text says the opposite of what the rules decided. The LLM never decides: its text
 * follows the rule's own sentence and may only explain, so any sentence that grants what the rules refuse
 * (or refuses what they grant) sends the extractive answer instead. Deliberately blunt: a false alarm
 * costs a rephrasing, a missed contradiction costs a wrongly released car.
 */
export function rulingContradictions(text: string, ruling: Ruling): string[] {
  const sentences = text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim().toLowerCase())
    .filter((sentence) => sentence !== '');
  const opensWith = (word: 'yes' | 'no'): boolean => new RegExp(`^${word}\\b`).test(sentences[0] ?? '');
  /** A sentence that says something outright: no negation, no condition ("once", "until", "if"). */
  const plain = (sentence: string): boolean => !/\b(no|not|never|cannot|until|unless|once|after|if|only|as soon as)\b|n't\b/.test(sentence);
  const negated = (sentence: string): boolean => /\b(no|not|never|cannot)\b|n't\b/.test(sentence);
  const any = (predicate: (sentence: string) => boolean): boolean => sentences.some(predicate);
  const problems: string[] = [];
  const contradicts = (what: string): void => {
    problems.push(`contradicts the rule decision: ${what}`);
  };

  switch (ruling.topic) {
    case 'pickup': {
      const releaseVerb = /\b(releas\w*|take|takes|taken|taking|pick\w*|leave|leaves|hand\w*|let|drive|drives)\b/;
      const permission = /\b(yes|may|can|could|allowed|ok|okay|fine|free to|go ahead|permitted|good to go)\b/;
      if (ruling.pickup?.releaseAllowed === false) {
        if (opensWith('yes') || any((sentence) => releaseVerb.test(sentence) && permission.test(sentence) && plain(sentence)))
          contradicts('release is not allowed, the text allows it');
      } else if (ruling.pickup?.releaseAllowed === true) {
        if (opensWith('no') || any((sentence) => releaseVerb.test(sentence) && negated(sentence) && !/\b(without|until|unless)\b/.test(sentence)))
          contradicts('release is allowed, the text refuses it');
      }
      break;
    }
    case 'inspection': {
      if (ruling.inspection?.available === false) {
        const coming = /\b(will|comes?|coming|visits?|visiting|schedul\w*|available|offered|happens?|sends?|arrives?)\b/;
        if (opensWith('yes') || any((sentence) => /\binspect/.test(sentence) && coming.test(sentence) && plain(sentence)))
          contradicts('inspections are not offered, the text says an inspector will come');
      } else if (ruling.inspection?.available === true) {
        if (opensWith('no') || any((sentence) => /\binspect/.test(sentence) && negated(sentence)))
          contradicts('inspections are offered, the text says they are not');
      }
      break;
    }
    case 'termination': {
      const et = /\b(early termination|et)\b/;
      const nm = /\b(normal maturity|nm)\b/;
      if (ruling.termination === 'ET') {
        if (opensWith('no') || any((sentence) => (nm.test(sentence) && plain(sentence)) || (et.test(sentence) && negated(sentence))))
          contradicts('the return is an early termination, the text says otherwise');
      } else if (ruling.termination === 'NM') {
        if (opensWith('yes') || any((sentence) => et.test(sentence) && plain(sentence)))
          contradicts('the return is a normal maturity, the text calls it an early termination');
      }
      break;
    }
    case 'remarketing': {
      const immediate = /\b(right away|immediately|at once|no hold|not held|without (a |any )?hold)\b/;
      if ((ruling.remarketing?.holdHours ?? 0) > 0) {
        if (any((sentence) => immediate.test(sentence))) contradicts('remarketing is held, the text says it starts right away');
      } else if (ruling.remarketing) {
        if (any((sentence) => /\b(hold|holds|held)\b/.test(sentence) && plain(sentence)))
          contradicts('remarketing starts right away, the text says it is held');
      }
      break;
    }
    case 'notification': {
      if (ruling.notification?.method === 'AVRM') {
        if (any((sentence) => /\bfax/.test(sentence) && plain(sentence) && !/\bwithout\b/.test(sentence)))
          contradicts('notification is in AVRM, the text says to fax');
      } else if (ruling.notification?.method === 'fax') {
        if (
          any(
            (sentence) =>
              /\b(in|through|via|using|use|into|log in to|log into) (the )?avrm\b/.test(sentence) && plain(sentence) && !/\bwithout\b/.test(sentence),
          )
        )
          contradicts('notification is by fax, the text says to use AVRM');
      }
      break;
    }
    case 'quote': {
      if (ruling.quote?.isReturnQuote === false) {
        if (opensWith('yes') || any((sentence) => /\breturn quote/.test(sentence) && plain(sentence)))
          contradicts('it is not a return quote, the text says it is');
      } else if (ruling.quote?.isReturnQuote === true) {
        if (opensWith('no') || any((sentence) => /\breturn quote/.test(sentence) && negated(sentence)))
          contradicts('it is a return quote, the text says it is not');
      }
      const noProofNeeded =
        /\b(no|needs no|requires no|(does not|doesn't|do not|don't|need not|needn't) (need|require)( any| a)?) proof of resale\b|\bproof of resale (is|isn't|is not) (not )?(needed|required|necessary)\b/;
      if (
        ruling.quote?.requiresProofOfResale === true &&
        any((sentence) => noProofNeeded.test(sentence) && !/\bproof of resale (is )?(needed|required|necessary)\b/.test(sentence))
      ) {
        contradicts('proof of resale is required, the text says it is not');
      }
      break;
    }
  }
  return problems;
}
