import type { SmallTalk } from './interpretation.ts';

/**
 * Small talk read as a composition rather than a list of whole messages: a message is small talk when
 * every word of it belongs to a small-talk phrase ("makes sense", "thank you", "have a good one",
 * "aloha") or is a word that carries nothing by itself ("so", "very", "for", "your", "man"). "Okay that
 * makes sense", "thank you for being patient with me" and "mahalo!" are then read without being listed,
 * while one word of substance ("thanks, and the fax?", "hi I need a boat loan") makes it something else.
 *
 * Phrases are written without apostrophes, as the message is compared without them ("that's" → "thats").
 */
const phrasesByKind: Readonly<Record<SmallTalk, readonly string[]>> = {
  thanks: [
    'thanks',
    'thank you',
    'thank u',
    'thank ya',
    'thank yall',
    'thank you all',
    'thank u much',
    'thank you much',
    'that does it',
    'that did it',
    'that did the trick',
    'that does the trick',
    'that helps',
    'that helped',
    'that fixed it',
    'that worked',
    'thankyou',
    'thanku',
    'thanx',
    'thnx',
    'thnks',
    'thks',
    'tks',
    'thx',
    'ty',
    'tyvm',
    'tysm',
    'tyty',
    'appreciate',
    'appreciated',
    'appreciate it',
    'preciate',
    'preciate it',
    'appreciate ya',
    'appreciate you',
    'appreciate that',
    'much appreciated',
    'grateful',
    'gracias',
    'muchas gracias',
    'mil gracias',
    'mahalo',
    'merci',
    'danke',
    'cheers',
    'kudos',
    'lifesaver',
    'life saver',
    'you rock',
    'you rule',
    'youre the best',
    'you are the best',
    'youre the man',
    'youre awesome',
    'you are awesome',
    'youre a star',
    'youre a legend',
    'legend',
    'everything went smoothly',
    'went smoothly',
    'went well',
    'went great',
    'worked out',
    'it worked',
    'on our end',
    'you saved me a phone call',
    'you saved me a call',
    'you saved me',
    'saved me a phone call',
    'saved me a call',
    'saved me a trip',
    'cleared it up',
    'clears it up',
    'that clears it up',
    'clears that up',
    'cleared it right up',
    'cleared that up',
    'exactly what i needed',
    'just what i needed',
    'what i needed',
    'that helps',
    'that helped',
    'this helps',
    'this helped',
    'helps',
    'helped',
    'helpful',
    'big help',
    'huge help',
    'great help',
    'for the help',
    'appreciate the help',
    'appreciate your help',
    'appreciate all the help',
    'appreciate all your help',
    'for your help',
    'for all the help',
    'for all your help',
    'for helping',
    'for your patience',
    'for being patient',
    'for being so patient',
    'for bearing with me',
    'for the info',
    'for the information',
    'for the answer',
    'for the answers',
    'for the quick answer',
    'for the quick response',
    'for your time',
    'for the time',
    'for that',
  ],
  goodbye: [
    'talk to you',
    'talk tomorrow',
    'catch you later',
    'until next time',
    'till next time',
    'bye',
    'byee',
    'goodbye',
    'good bye',
    'bye bye',
    'hasta luego',
    'hasta manana',
    'adios',
    'nos vemos',
    'chao',
    'buh bye',
    'later',
    'laters',
    'see you',
    'see ya',
    'see you later',
    'see ya later',
    'cya',
    'ttyl',
    'talk later',
    'talk soon',
    'talk to you later',
    'talk to you soon',
    'catch you later',
    'catch ya later',
    'catch ya',
    'catch you',
    'catch ya tomorrow',
    'catch you tomorrow',
    'see ya tomorrow',
    'see you tomorrow',
    'take care',
    'take it easy',
    'good night',
    'goodnight',
    'night',
    'nite',
    'gnight',
    'have a good one',
    'have a great one',
    'have a nice one',
    'have a good day',
    'have a great day',
    'have a nice day',
    'have a blessed day',
    'have a wonderful day',
    'have a good night',
    'have a good evening',
    'have a good weekend',
    'have a great weekend',
    'have a nice weekend',
    'enjoy your day',
    'enjoy your weekend',
    'enjoy the weekend',
    'thats all',
    'that is all',
    'thats it',
    'that is it',
    'thats everything',
    'that is everything',
    'all done',
    'all set',
    'im all set',
    'were all set',
    'im done',
    'i am done',
    'were done',
    'we are done',
    'done for now',
    'done for today',
    'signing off',
    'im out',
    'i am out',
    'aight im out',
    'peace',
    'peace out',
    'over and out',
    'until next time',
    'no thanks',
    'no thank you',
    'nope thats all',
    'nope thats it',
    'nope thats everything',
    'nothing else',
    'thats all i needed',
    'thats all i got',
    'thats all i have',
    'thats what i needed',
    'thats what i needed for the file',
    'that will be all',
    'that will be it',
    'thatll be all',
    'thatll be it',
    'that would be all',
    'caller is all set',
    'dealer is all set',
    'customer is all set',
    'they are all set',
    'theyre all set',
    'thats all i need',
    'thats everything i needed',
  ],
  greeting: [
    'hi',
    'hii',
    'hiii',
    'hello',
    'helo',
    'hellooo',
    'hey',
    'heyy',
    'heya',
    'hiya',
    'howdy',
    'yo',
    'sup',
    'greetings',
    'aloha',
    'hola',
    'buenos dias',
    'buenas tardes',
    'buenas noches',
    'good morning',
    'morning',
    'mornin',
    'good afternoon',
    'afternoon',
    'good evening',
    'evening',
    'good day',
    'gday',
    'happy',
    'merry',
    'happy holidays',
    'happy new year',
    'whats up',
    'whatsup',
    'wassup',
    'how are you',
    'how are ya',
    'how r u',
    'how are you doing',
    'how you doing',
    'hows it going',
    'how is it going',
    'hope youre well',
    'hope you are well',
    'hope all is well',
    'hope youre doing well',
    'im back',
    'i am back',
    'back again',
    'were back',
    'we are back',
    'anyone there',
    'anybody there',
    'you there',
    'are you there',
  ],
  acknowledgement: [
    'ok',
    'okay',
    'okey',
    'okie',
    'k',
    'kk',
    'okie dokie',
    'okey dokey',
    'cool',
    'cool beans',
    'great',
    'got it',
    'gotcha',
    'gotchu',
    'got you',
    'sounds good',
    'sounds great',
    'sounds right',
    'perfect',
    'awesome',
    'sure',
    'alright',
    'all right',
    'aight',
    'understood',
    'i understand',
    'noted',
    'roger',
    'roger that',
    'will do',
    '10-4',
    '10 4',
    'ten four',
    'copy',
    'copy that',
    'makes sense',
    'make sense',
    'that makes sense',
    'makes more sense',
    'makes total sense',
    'makes perfect sense',
    'good to know',
    'nice to know',
    'i see',
    'clear',
    'crystal clear',
    'clears it up',
    'clears that up',
    'clears things up',
    'yep',
    'yup',
    'yeah',
    'yea',
    'yes',
    'right',
    'excellent',
    'wonderful',
    'fantastic',
    'brilliant',
    'nice',
    'sweet',
    'love it',
    'bet',
    'fair enough',
    'no problem',
    'np',
    'no worries',
    'all good',
    'good',
    'fine',
    'works for me',
    'that works',
    'ill keep that in mind',
    'will keep that in mind',
    'good stuff',
    'one sec',
    'one second',
    'a sec',
    'just a sec',
    'hang on',
    'brb',
    'interesting',
    'wow',
    'neat',
    'solid',
    'ayuh',
    'ayup',
  ],
};

/** Words that carry nothing by themselves around small talk ("thanks so much again man"). */
const emptyWords: ReadonlySet<string> = new Set(
  'so very much really too all again now youre you are is to most kindly bud for your ur the that thats this it its me us you u ya yall a an lot lots ton tons bunch million just oh ah ahh aah ahhh hmm hmmm um uh well man dude bro buddy boss sir maam friend folks team guys everyone everybody there my our today tonight and then indeed super truly sincerely kindly lol haha hahaha lmao definitely totally absolutely of with more as always once again youve been amigo amiga fam wicked real mighty earlier tomorrow later soon monday tuesday wednesday thursday friday saturday sunday weekend week january february march april may june july august september october november december christmas thanksgiving holidays'.split(
    ' ',
  ),
);

/** Each phrase as words, longest first, so "have a good one" is taken before "good". */
const phrases: readonly (readonly [readonly string[], SmallTalk])[] = (Object.entries(phrasesByKind) as [SmallTalk, readonly string[]][])
  .flatMap(([kind, list]) => list.map((phrase) => [phrase.split(' '), kind] as const))
  .sort(([a], [b]) => b.length - a.length);

/** The order a message with several kinds is read in: "perfect, thanks" thanks; "ok bye" says goodbye. */
const precedence: readonly SmallTalk[] = ['thanks', 'goodbye', 'greeting', 'acknowledgement'];

/** Words that answer a yes/no prompt ("Have they shown you proof of sale?" "yes"): small talk only when nothing was asked. */
const answerWords: ReadonlySet<string> = new Set(['yes', 'yeah', 'yea', 'yep', 'yup', 'sure', 'right', 'ok', 'okay', 'k', 'kk', 'no thanks', 'no thank you']);

/** A message's words for the small-talk readers: lower case, apostrophes dropped, hyphens kept only inside numbers ("10-4"). */
function smallTalkWords(typed: string): string[] {
  return typed
    .toLowerCase()
    .replace(/['\u2018\u2019`]/g, '')
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .replace(/(?<!\d)-|-(?!\d)/g, ' ')
    .split(' ')
    .filter((word) => word !== '');
}

/** The longest small-talk phrase starting at `index`, if any. */
function phraseAt(words: readonly string[], index: number): (typeof phrases)[number] | undefined {
  return phrases.find(([phraseWords]) => phraseWords.every((word, offset) => words[index + offset] === word));
}

/**
 * The kind of small talk a message is, when every word of it is small talk; otherwise undefined.
 * `typed` is the message as typed (any case): read before spelling repair, which may take "hola" for "hold".
 * At a prompt (`atPrompt`), a yes or an ok is left to the prompt's own reading.
 */
export function readSmallTalk(typed: string, atPrompt = false): SmallTalk | undefined {
  // "Good morning from Burlington!": where the greeting comes from (a name in capitals) says nothing more.
  // ("mornin from the title office": where in the store it comes from says nothing more either.)
  const words = smallTalkWords(
    typed
      .replace(/\bfrom (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+)?\b/g, ' ')
      .replace(/\bfrom (?:the |our )?(?:[\w&-]+ ){0,2}(?:office|desk|department|dept|store|dealership|lot|shop|team|floor)\b/gi, ' '),
  );
  if (words.length === 0 || words.length > 14) return undefined;
  const kinds = new Set<SmallTalk>();
  let index = 0;
  while (index < words.length) {
    const phrase = phraseAt(words, index);
    if (phrase) {
      if (atPrompt && answerWords.has(phrase[0].join(' '))) return undefined;
      kinds.add(phrase[1]);
      index += phrase[0].length;
    } else if (emptyWords.has(words[index] ?? '')) {
      index += 1;
    } else {
      return undefined;
    }
  }
  return precedence.find((kind) => kinds.has(kind));
}

/** Words that make a message ask for something, whatever small talk frames it ("thanks, I need a boat loan"). */
const requestWords =
  // ("ill let the sales desk know": telling someone else asks nothing.)
  /\b(?:need|needs|want|wants|wanna|looking|find|(?<!\blet (?:[\w-]+ ){1,3})know|can|could|would|should|how|what|whats|where|when|who|whos|why|which|is there|are there|do|does|did|help (?:me|us|with)|(?<!\b(?:ill|i'll|i will|will|gonna) )tell|show|send|buy|sell|order|book|schedule|quote|price|cost|pay|loan|call|email|fax|text|please|pls|plz)\b/;

/**
 * Small talk framing a remark that asks nothing: a message that opens or closes with a greeting, thanks, a goodbye
 * or an ok ("ok im back", "morning, stay warm out there", "gotta go dig my car out, bye", "appreciate the help on a
 * crazy monday") and whose other words ask for nothing. Only for a message nothing else was read in: the caller
 * asks it when the message stated no fact, asked no question and named nothing of the process or another business.
 * At a prompt (`atPrompt`) an ok or a yes is left to the prompt's own reading.
 */
export function readFramedSmallTalk(typed: string, atPrompt = false): SmallTalk | undefined {
  if (/\?/.test(typed)) return undefined;
  const words = smallTalkWords(typed);
  if (words.length === 0 || words.length > 16 || requestWords.test(words.join(' '))) return undefined;
  const opening = phraseAt(words, 0);
  const closing = phrases.find(([phraseWords]) => phraseWords.every((word, offset) => words[words.length - phraseWords.length + offset] === word));
  if (!opening && !closing) return undefined;
  // At a prompt an ok or a yes may open its answer ("yes, fat fingered the date"): only a greeting, thanks or goodbye frames small talk there.
  if (atPrompt && [opening, closing].some((phrase) => phrase !== undefined && (phrase[1] === 'acknowledgement' || answerWords.has(phrase[0].join(' ')))))
    return undefined;
  // ("awesome, thanks for the help on this one": every small-talk phrase in it counts for its kind, not only the frame.)
  const kinds = new Set<SmallTalk>();
  for (let index = 0; index < words.length; ) {
    const phrase = phraseAt(words, index);
    if (phrase) kinds.add(phrase[1]);
    index += phrase ? phrase[0].length : 1;
  }
  return precedence.find((kind) => kinds.has(kind));
}
