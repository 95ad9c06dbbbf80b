import type { Navigation, SmallTalk, Task, Want } from './interpretation.ts';
import { allyLineName } from '../knowledge/vocabulary.ts';
import { readSmallTalk } from './small-talk.ts';

export interface WantReading {
  want: Want;
  task?: Task;
  navigation?: Navigation;
  smallTalk?: SmallTalk;
}

/** Everything left after greeting words, polite words and punctuation: what decides between small talk and the rest. */
const filler =
  /\b(?:hi|hello|hey|hiya|yo|(?:good )?(?:morning|afternoon|evening)|all|everyone|everybody|folks|guys|team|y'?all|(?:any(?:one|body)|you) (?:there|around)|to me|there|please|pls|thanks|thank you|thank u|thx|ty|ok|okay|k|kk|cool|great|got it|sounds good|perfect|awesome|sure|alright|all right|bye|goodbye|see you|see ya|later|have a good (?:one|day)|much appreciated|appreciate it|you|very much|so much|again|tyvm|tysm|thanks a lot|that helps?(?: a lot)?|that helped|helpful|that'?s (?:all|it)(?: for (?:now|today))?|that'?s (?:just |exactly )?what (?:i|we|the (?:dealer|caller|customer|store)|they|he|she) (?:needed|wanted|was looking for|were looking for)|(?:that )?answer(?:s|ed) (?:it|that|my question)|a bunch|a ton|a million|many thanks|understood|noted|roger(?: that)?|will do|cheers|okie dokie|okey dokey|have a (?:good|nice|great) (?:one|day|night|evening|weekend)|all set|i'?m (?:good|done|all set)|done for (?:now|today)|for now|a lot|no problem|np|sweet|nice|good|10-4|talk (?:to you )?(?:later|soon)|catch you later|man|dude|bro|buddy|boss|sir|ma'?am|appreciate(?:d)? (?:the|your|all the|all your) help|bet|fr|for real|i'?m out|(?:for|with) (?:your|the|all (?:your|the)) help|ten-?four|copy that|(?:one|a|just a) (?:sec|second|moment|min|minute)|(?:give|gimme) me (?:a )?(?:sec|second|moment|min|minute)|(?:hold|hang) on|brb|(?:grabbing|getting|finding|looking for|checking|pulling up|looking up) (?:it|that|them|the \w+)|let me (?:check|look|grab|find|get|pull)(?: (?:it|that|up|it up|that up))?)\b/g;

/** What a navigation command may be about ("cancel this return", "undo that", "go back a step"). */
const navigationObject = `(?: (?:this|that|it|the|my|a|one|step|question|return|walkthrough|check|whole thing|(?:this|that|the) (?:one|return|walkthrough|check|step|question|answer|last one)))*`;
const navigationPatterns: readonly (readonly [Navigation, RegExp])[] = [
  [
    'back',
    new RegExp(
      `^(?:(?:go|take me|step|jump) )?back(?: up)?${navigationObject}$|^(?:previous|prev|last) (?:question|step|prompt)$|^undo${navigationObject}$|^(?:go )?back to the (?:last|previous) (?:question|step)$|^(?:para )?(?:atras|regresa|regresar)$`,
    ),
  ],
  [
    'cancel',
    new RegExp(
      `^(?:(?:never ?mind|nvm|no thanks)(?: )?)*(?:cancel|stop|quit|exit|never ?mind|nvm|forget (?:it|that|about it)|abort|drop it|scrap (?:it|that))${navigationObject}$|^(?:cancelar|cancela|olvidalo)$`,
    ),
  ],
  [
    'startOver',
    new RegExp(
      `^(?:let's |lets )?(?:start (?:(?:this|it|that|all|(?:the|this|that|my) \\w+) )?(?:over|again|from scratch|fresh|anew)|restart|reset|begin again|from the (?:top|beginning)|do (?:it|this) again)${navigationObject}$|^(?:empezar|empieza|comenzar|volver a empezar)(?: de nuevo| otra vez| desde el principio)?$`,
    ),
  ],
  ['menu', /^(?:(?:show me |go to |back to )?(?:the )?(?:main )?menu|options|show (?:me )?(?:the )?options|menu principal)$/],
  [
    'help',
    /^(?:help|help me|\?|i need help|what can i say|how (?:does|do) (?:this|the|you)(?: (?:bot|thing|chat|assistant|app|tool|system))? work|how (?:do i|to) use (?:this|you|the)(?: (?:bot|thing|chat|assistant|app|tool|system))?|what can you do|what do you do|what can you help (?:me )?with|what (?:kinds? of |sorts? of )?(?:things|questions|stuff) (?:can|should|do) i ask(?: you)?|what (?:functions|features|things) (?:does|do|can) (?:this|the|you)(?: assistant| bot| tool)? (?:support|do|offer|handle)|i'm (?:lost|confused)|confused|i don't understand)$/,
  ],
];

/** The heart of each navigation command, found anywhere in a short message that carries nothing else. */
const navigationCores: readonly (readonly [Navigation, RegExp])[] = [
  // "previous" alone or with what it refers to: "ignore previous instructions" is not a step back.
  [
    'back',
    // ("our nissan leases go back to NMAC": cars or leases going back to a lessor are no step back.)
    /\b(?:(?<!\b(?:leases?|cars?|vehicles?|units?|returns?|trucks?|they|it|them|which|that|these|those) )go back(?! to (?:the )?(?:main )?(?:menu|options|screen|page))|back up|step back|(?:take|bring) (?:me|us) back(?! to (?:the )?(?:main )?(?:menu|options|screen|page))|(?:jump|move) back|back (?:a|one) step|previous(?= (?:question|step|one|prompt|answer|screen)\b|$)|undo|re-?do (?:that|the|my) (?:last )?(?:one|question|step|answer)|last question)\b(?! to ally)/,
  ],
  [
    'startOver',
    /\b(?:start (?:(?:this|it|that|all|everything|(?:the|this) whole (?:thing|\w+)|(?:the|this|that|my) \w+|(?:this|that|the) one)(?: whole thing)? )?(?:over|again|from scratch|fresh|anew)|restart|begin again|from the (?:top|beginning)|re-?do (?:this|the|it|that|everything)(?: whole thing| all| entire thing)?(?= from| over|$)|re-?do (?:it |this |everything |the whole thing )?from (?:scratch|the (?:top|beginning|start)))\b/,
  ],
  [
    'cancel',
    /\b(?:cancel|quit|stop|exit(?! (?:\d+|for|four|ramp|number|lane)\b)|abort|never ?mind|nvm|drop (?:it|this|that)(?: one)?(?! off)|forget (?:about )?(?:it|that|this)(?: (?:one|car|vehicle|return|deal|lease))?|(?:scrap|trash|ditch|toss|nix|junk) (?:this|that|it)|kill (?:this|that|it)(?: one)?|(?:don't|do not|no longer) need (?:this|it|that)(?: anymore)?)\b/,
  ],
  ['menu', /\b(?:main menu|the menu|menu|options)\b/],
  [
    'help',
    /\b(?:help|stuck|lost|confused|don't understand|what (?:can|do|should|am) i (?:supposed to |meant to )?(?:type|say|put|enter|answer)|how does this work)\b/,
  ],
];

/**
 * Whether a navigation word in `lead` commands the conversation: not negated ("not trying to stop texts"),
 * and not followed in its clause by a thing of another business ("caller wants to cancel gap insurance on
 * her contract"): at most one word after it that is not about the conversation.
 */
/**
 * Whether `pattern` is found in a clause's first words (`lead`) as it is in the whole clause: what follows the lead
 * still decides it ("can we just go back to the menu" goes to the menu, not back).
 */
function foundInLead(pattern: RegExp, lead: string, clause: string): RegExpExecArray | undefined {
  const match = pattern.exec(lead);
  return match && lead !== '' && pattern.exec(clause)?.index === match.index ? match : undefined;
}

function commands(pattern: RegExp, lead: string, clause: string): boolean {
  const match = foundInLead(pattern, lead, clause);
  if (!match) return false;
  if (/\b(?:not|never|no|don't|do not|didn't|won't)\s+(?:\w+\s+){0,2}$/.test(lead.slice(0, match.index))) return false;
  const after = clause
    .slice(match.index + match[0].length)
    .split(/\s+/)
    .filter((word) => word !== '');
  return after.filter((word) => !conversationWords.has(word)).length <= 1;
}

const conversationWords: ReadonlySet<string> = new Set(
  "this that it the my a an one step steps question questions answer return walkthrough check whole thing please pls now again all everything over up for me real quick then right here bot chat conversation process from top beginning scratch to main menu page previous last i we messed wrong car screwed made mistake typo don't dont need anymore longer no about forget just date dates maturity state vin avrm access what can do does you how work works use caller gave had got picked chose entered put typed said ill i'll finish later tomorrow back come fat fingered fingers finger whoops oops hit clicked pressed button key something different else so fix change correct redo".split(
    ' ',
  ),
);

/** Being lost in the conversation itself (the plain word "help" is in the commands: "can you help me price a trade-in" is not this). */
const lostInConversation =
  /\b(?:i'?m (?:lost|stuck|confused)|(?:lost|stuck|confused) here|don't understand (?:what|this|the question)|what (?:am|do|should) i (?:supposed to |meant to )?(?:type|say|put|enter|answer)|what (?:commands|keywords) (?:can|do|should) i (?:use|send|type|text)|what (?:does|do) (?:it|you|this) (?:want|need) (?:from me|me to (?:type|say|put|enter)))\b/;

/** Asking what the assistant itself can do: "what all can i ask you", "what can this tool do for me on calls". */
const aboutTheAssistant =
  /\bwhat(?: all| else| kinds? of (?:things|stuff|questions)| sorts? of (?:things|stuff|questions)| types? of (?:things|stuff|questions)| things)? (?:can|could|do|should|may) (?:i|we) (?:ask|say|type|text|use (?:it|this|you) for)\b|\bwhat (?:kinds? of|kinda|sorts? of|sorta|types? of) (?:things|stuff|questions|tasks) (?:can|could|do|will) (?:you|this(?: [\w-]+){0,3}|it) (?:help|answer|do|handle|walk (?:me|us) through|explain|cover)\b|\bwhat(?: all| else| kind of (?:things|stuff)| sort of (?:things|stuff))? (?:can|could|do|will|does) (?:you|this(?: \w+)?|it) (?:do|help(?: (?:me|us|(?:a|an|the|our|my) (?:[\w-]+ ){0,2}[\w-]+|\w+s))? with|answer|handle|cover|know|walk (?:me|us) through)\b|\bwhat(?: all)? (?:you|this \w+|it) (?:are|is|can be) able to (?:do|help(?: (?:me|us|(?:a|an|the|our|my) (?:[\w-]+ ){0,2}[\w-]+|\w+s))? with|answer)\b|\bwhat(?: all)? (?:are|is) (?:you|this(?: \w+)?|it) able to (?:do|help(?: (?:me|us|(?:a|an|the|our|my) (?:[\w-]+ ){0,2}[\w-]+|\w+s))? with|answer)\b|\bwhat (?:are|is) (?:you|this(?: \w+)?) (?:for|good for|able to do)\b|\b(?:show|tell|explain(?: to)?) (?:me |us )?what (?:you|this(?: [\w-]+)?|it) (?:can|could) do\b|\bwhat (?:options|features|functions|tools) (?:does|do|can) (?:this|the|you)(?: [\w-]+)? (?:have|offer|do)\b|\bwhat (?:are )?(?:all )?(?:the )?things (?:you|this(?: [\w-]+)?|it) (?:can|could) (?:do|help with)\b/;

const smallTalkPatterns: readonly (readonly [SmallTalk, RegExp])[] = [
  ['thanks', /\b(?:thanks|thank you|thank u|thx|ty|tyvm|tysm|appreciate|that helps?|that helped|helpful|cheers)/],
  ['goodbye', /\b(?:bye|goodbye|see you|see ya|later|talk (?:to you )?soon|have a (?:good|nice|great)|that'?s (?:all|it)|all set|done for)/],
  ['greeting', /\b(?:hi|hello|hey|hiya|yo|(?:good )?(?:morning|afternoon|evening))\b/],
  [
    'acknowledgement',
    /\b(?:ok|okay|k|kk|cool|great|got it|sounds good|perfect|awesome|sure|alright|all right|okie dokie|okey dokey|understood|noted|roger|will do)\b/,
  ],
];

/**
 * Asking for a person, read as a composition rather than a list of phrases: someone to reach (a person,
 * an agent, a rep, support, "someone from Ally"), optionally qualified (real, live, human), and either
 * named alone ("agent please", "a real person") or after a way of reaching them that the dealer asks
 * for themselves ("can I talk to…", "put me through to…", "get me…"). "The lessee wants to talk to
 * someone" (a third party) and "who do I talk to about the hold?" (a contacts question) are not handoffs.
 */
const someone = String.raw`(?:(?:a|an|the|some|one of (?:your|the)|your)\s)?(?:(?:real|live|actual|human|ally|other|customer)\s)*(?:person|people|human(?:\s(?:being|agent))?|humans|(?<=\byour\s)(?:team|people|folks|staff)|agent|agents|rep|reps|representative|representatives|operator|someone|somebody|anyone|anybody|staff(?: member)?|team member|specialist|specialists|employee|supervisor|manager|customer (?:service|support|care)|support(?: team| staff| desk)?|help ?desk|service (?:desk|team)|lease ops|lease operations)(?:\s(?:from|at|with|in|on) (?:ally|(?:the )?[\w-]+ (?:ops|operations|team|department|dept|desk)))?`;
const reachVerb = `(?:talk|speak|chat|converse|connect(?:ed)?|transfer(?:red)?|put (?:me |us )?through|patch (?:me |us )?through|reach|get|give|contact|escalate|hand (?:me |us )?(?:off|over)|pass (?:me |us )?(?:on|over)|send (?:me |us )?(?:over|on)|need|want|have|find|see|ask for)`;
const reachLink = String.raw`(?:\s(?:me|us))?(?:\s(?:this|it|that|things|the \w+)(?:\s\w+)?\s(?:over|through|out))?(?:\s(?:to|with|back to|over to|on to))?(?:\s(?:(?:talk|speak|chat) (?:to|with)))?`;
/** The message is the someone, alone or with politeness around it ("a person please", "live agent!"). */
const someoneAlone = new RegExp(
  String.raw`^(?:(?:i (?:want|need|would like|'d like)|give me|get me|just|only)\s)?${someone}(?:\s(?:please|pls|now|asap|here|already|thanks|thank you))*$`,
);
/** The dealer (first person, or an imperative at the start of a clause: "this is going nowhere, get me a person") asking to reach someone. */
const askedBySpeaker = String.raw`(?:^|[,.;!?]\s*(?:to\s)?|\b(?:i|we|me|us|let me|let us|can i|could i|may i|can we|can you|could you|would you|i'd|i would|i want to|i need to|we need to|want to|need to|like to|rather|how (?:do|can) i|is it possible to|please)\s(?:\w+\s){0,3}?)`;
const reachSomeone = new RegExp(String.raw`${askedBySpeaker}${reachVerb}${reachLink}\s${someone}\b`);
/** "can a person help me", "is anyone there", "is there a real person", "not a bot", "call me back". */
const personAround = new RegExp(
  String.raw`\b(?:(?:can|could|will|would) ${someone} (?:please |just )?(?:help|call|ring|phone|text|contact|assist|reach(?: out to)?|get back to|e-?mail|message|write) (?:me|us|my (?:cell|phone|number|mobile)|this dealer|the dealer|the caller|this caller|(?:our|the|this) (?:store|dealership|office|location|desk|rooftop))|(?:insist\w*|demand\w*|begging|keeps asking) (?:on |for |upon )?(?:(?:talking|speaking|to talk|to speak|getting) (?:to |with )?)?${someone}|(?:can|could|will) ${someone} (?:take over|step in|jump in|take it from here|look at (?:this|it|that)|take a look|handle (?:this|it|that)|deal with (?:this|it|that)|review (?:this|it|that))|${someone} (?:give|gimme) (?:me|us) a (?:call|ring|buzz)|have ${someone} (?:call|contact|phone|ring|reach out to) (?:me|us|this dealer|the dealer|the caller|this caller|them|him|her|(?:the|our|this) (?:store|dealership|office|location|desk))|(?:i'?d|i would|we'?d|we would) (?:like|love|prefer|want) ${someone} to (?:look at|take|handle|review|call|help|check|finish|complete|do|walk)|is (?:there )?(?:${someone}) (?:there|around|available|on|i can|we can|to talk)|is there ${someone}(?=\s|$|[?.!])|(?:someone|somebody|a person|an agent|a rep)(?: from ally)? (?:just )?(?:to )?calls? (?:me|us|(?:the|our|this) (?:store|dealership|office|location))(?: back)?|(?:get|give|find) (?:me|us) (?:a |an |some )?(?:real |live |actual )?(?:person|human|agent|rep|representative|supervisor|manager)|(?:can|could|will|would) ${someone} (?:please )?give (?:me|us) a (?:call|ring|buzz)|call (?:me|us) back|callback|(?:can|could|may) (?:i|we) (?:just )?(?:call|phone|ring) ${someone}(?! (?:about|at|for|regarding|in|on|to|who|that)\b)|${someone} (?:can|could|will) (?:call|ring|phone|contact|reach) (?:me|us)\b|(?:route|forward|bump|kick|elevate|send|pass) (?:this|it|that|me|us)(?: (?:call|one|case|chat|conversation|ticket|thread|up|along|over))* to ${someone}|(?:caller|customer|dealer|he|she|they)\b(?: is (?:upset|angry|mad|frustrated|irate|annoyed) and| (?:really|now|still|just))? (?:wants|needs|is asking for|asks for|demands|is demanding) (?:a |an |the |to talk to a |to speak to a |to speak with a )?(?:supervisor|manager|real person|person|human|live agent|agent|rep)|(?:wants|wanted|asks|asking|asked|needs|demands|demanding|insists on|would like) to be (?:transferred|connected|put through|escalated|sent) to ${someone}|^escalat(?:e|ing)\b(?! (?:this |it |that )?(?:internally|in-?house|on (?:my|our) (?:end|side)))|(?:request(?:ing)?|need|want|please) (?:an? )?escalation\b|\b(?:need|want|get|give) (?:me |us )?(?:a |an )?(?:tier|level) (?:2|two|to|ii|3|three) (?:person|agent|rep|support|someone|tech)?|escalation to (?:an? |the )?(?:ally )?(?:rep|representative|agent|person|human|supervisor|manager)|(?:put|patch|transfer|connect) (?:me|us) (?:through )?(?:to|with) ${someone}|(?:alguien|someone|somebody|anyone|anybody) (?:que hable|who speaks|that speaks) (?:español|espanol|spanish)|(?:can|could|would) you (?:please )?(?:connect|transfer|put) (?:me|us|her|him|them|the caller|this caller|the customer|the dealer)(?: through| over)?(?= *[?.!]*$)|\b(?:request(?:ing|s)?|need(?:s|ing)?|wants?|requires?) (?:a |some )?(?:human|live|personal|in-person|real-person) (?:assistance|help|support)|instead of (?:a |the |this )?(?:bot|assistant)|(?:isn'?t|is not|that'?s not|who'?s not) (?:a |the |an )?(?:bot|robot|machine|computer)(?=\s*[?.!]*$)|not (?:a |the |this |an )?(?:bot|assistant|robot|machine|computer)(?=\s*[.!]*$)|(?:are you|is this) a (?:bot|robot|machine)|(?<!who (?:do|should|can|would) (?:i|we) |\b(?:should|do|can|would|shall) (?:i|we) )escalate(?! to\b))\b|^(?:please )?call (?:me|us)(?: (?:back|please|pls|asap|now))*$|(?:^|[,.;!]\s*|\bjust )(?:please |just |now )?(?:transfer|connect) (?:me|us)(?: over| through)?(?: (?:please|pls|plz|now|asap))*(?=\s*[.!]*$)|(?:necesito |quiero |puedo )?hablar con (?:una persona|alguien|un agente|un representante|una persona real)|^is (?:any(?:one|body)|some(?:one|body))(?: real| human| alive| live)? (?:there|around|available|home)$|(?:can|could|will|would) ${someone} (?:please |just )?(?:get|hop|jump) on (?:the phone|a call|the line) with (?:me|us)`,
);
/** One of Ally's lines named ("get somebody in ally transportation on the phone"). */
const allyLineNamed = new RegExp(`\\b(?:ally )?${allyLineName}\\b`);
/** A question about whom to contact is the directory's to answer, not a request to be handed over. */
const contactsQuestion = /^(?:who|whom|which (?:number|person|team|department)|what (?:number|phone))\b/;

function asksForPerson(text: string, bare: string): boolean {
  // ("who can i talk to live, not a bot": a live person wanted, whoever is asked.)
  if (
    /\b(?:talk|speak|chat)\b[^.?!]{0,20}\blive\b|\bnot (?:a|the|this|some) (?:bot|machine|robot|computer)\b(?! (?:problem|issue|question|thing|glitch))/.test(
      text,
    ) &&
    !/\bnumber\b/.test(text)
  )
    return true;
  if (contactsQuestion.test(text)) return false;
  // ("I need to talk to someone about transportation, who would that be": whom to talk to, asked, a contacts question.)
  if (/\b(?:who|whom) (?:would|is|will|should|might) (?:that|it|they) be\b|\bwho(?:'s| is) that\b/.test(text)) return false;
  // ("need to get somebody in ally transportation on the phone": one of Ally's lines named, its number is what is wanted.)
  if (allyLineNamed.test(text) && /\bon the phone\b/.test(text) && !/\bcall (?:me|us|my|our|the dealer|the store|back)\b/.test(text)) return false;
  // ("don't connect me to anyone, I just want to start a return": being put through, declined.)
  if (/\b(?:don'?t|do not|no need to|not asking (?:you )?to)\s+(?:connect|transfer|put|patch|hand|pass|send)\b/.test(text)) return false;
  // ("can i talk to someone about a late transport pickup? whats their number": their number is asked for, a contacts question.)
  // ("can I talk to someone about our buyout? which number at ally": the same, asked as which line.)
  if (
    /\bwhat(?:'s|s| is) (?:the|their|his|her|your|that) (?:phone )?(?:number|#|line)\b|\bwhich (?:phone )?(?:number|line|#)\b|\bwhat (?:phone )?(?:number|#|line) (?:do|should|can|would) (?:i|we) (?:give|call|use|send|pass)\b/.test(
      text,
    )
  )
    return false;
  // "I'd rather talk to someone but quick q: which number…", "is there someone I can ask if it's been longer?": a
  // person wished for, with the question asked anyway or about something of the process, is a question.
  if (/\bbut\b[^.?!]*(?:\?|\bquick (?:q|question)\b|\b(?:which|what|who|how|when|where)\b)/.test(text) && /\b(?:rather|prefer|would like|'d like)\b/.test(text))
    return false;
  if (/\b(?:someone|somebody|anyone|anybody) (?:i|we) (?:can|could|should) ask (?:about|if|whether|regarding|when|why)\b/.test(text)) return false;
  // ("Is there anybody at Ally who handles questions on the remarketing side": who handles something, a contacts question.)
  if (
    /\bis there (?:someone|somebody|anyone|anybody|a person)(?: at ally| over there)? (?:who|that) (?:handles|deals with|covers|takes care of|knows about|answers|can answer)\b/.test(
      text,
    )
  )
    return false;
  if (/\b(?:somebody|someone|anyone|anybody|a person) at ally (?:\w+ ){0,3}(?:can|could|should) (?:call|ask|talk to|reach) (?:with|about)\b/.test(text))
    return false;
  // ("Is there a person at Ally I should be talking to about our AVRM access?": whom to ask about something, a contacts question.)
  if (
    /\b(?:a person|someone|somebody|anyone|anybody)(?: at ally)? (?:i|we) (?:should|can|could) (?:be )?(?:talk(?:ing)?|speak(?:ing)?) (?:to|with) about\b/.test(
      text,
    )
  )
    return false;
  // The closing clause alone asks too: "this isn't helping, live person please".
  const clauses = text.split(/\s*[,.;!?]+\s*|\s[-–—]\s/).filter((clause) => clause.trim() !== '');
  const closing = clauses.length > 1 ? wantText(clauses.at(-1) ?? '').bare : '';
  // (Typed without the comma, its last words: "this isnt helping live person please".)
  const lastWords = bare.split(' ');
  const trailing = lastWords.length >= 4 ? [2, 3].map((count) => lastWords.slice(-count).join(' ')) : [];
  // ("live agent plz, this is urgent": the opening clause alone asks, when what follows only presses it.)
  const opening = clauses.length > 1 ? wantText(clauses[0] ?? '').bare : '';
  const pressing = clauses
    .slice(1)
    .every((clause) =>
      /^(?:(?:this|it)(?: is|'s|s)|its|it is)? ?(?:urgent|an emergency|important|time sensitive|asap|now|hurry|please|pls|plz|quick(?:ly)?|fast)$/.test(
        wantText(clause).bare,
      ),
    );
  return (
    someoneAlone.test(bare) ||
    (closing !== '' && someoneAlone.test(closing)) ||
    (opening !== '' && pressing && someoneAlone.test(opening)) ||
    trailing.some((words) => /\b(?:live|real|actual|human)\b/.test(words) && someoneAlone.test(words)) ||
    reachSomeone.test(text) ||
    personAround.test(text)
  );
}

/** Not knowing something, said ("dunno", "not sure", "no idea", "tbd"). */
const saysNotKnowing = /\b(?:dunno|idk|not sure|no idea|don'?t know|do not know|unsure|undecided|still deciding|tbd)\b/;
/** ("we're not buying it, not sure yet what the customer wants to do": not knowing what someone will do, said, not asked.) */
const notKnowingWhatTheyDo =
  /\b(?:dunno|idk|not sure|no idea|don'?t know|do not know|unsure|undecided|still deciding|tbd)(?: yet)? (?:what|if|whether) (?:the (?:customer|lessee|client|boss|gm|manager)|my (?:boss|gm|manager)|she|he|they|we|management)\b/;

const correctionCue =
  /^(?:(?:oh|ah|um|uh|hmm|ok|okay)[,.!]?\s+)?(?:actually|(?:no|nope)(?:[,!]\s|\s(?:not|it'?s|its|the|that|i|we|make|change|wait|actually|sorry)\b)|wait|sorry(?! (?:to|for|if|about)\b)|correction|oops|whoops|woops|shoot|dang|darn|my bad|my b\b|hold up|i mean|i meant|meant|make (?:it|that)|(?:change|update|fix) (?:my|our|the|that) answer|(?:change|update|set|switch|fix) (?:it|that|(?:the |my |our )?\w+(?: \w+)?) to|not \w+[, ]+(?:it'?s|its)|not (?:for|in|to) (?:the |a |an |our )?[\w-]+(?: [\w-]+)?, (?:we'?re|we are|it'?s|its|she'?s|he'?s|they'?re|the)\b|scratch (?:that|the \w+(?: \w+)?)|strike that|change that\b|let me (?:fix|correct|change)|change (?:of|in) plans?|plans? changed|update\b(?=\s*[-:,]))|\b(?:should (?:be|have been|say|have said)|scratch that|i meant|correct(?:s|ed|ing) (?:herself|himself|themselves|myself|ourselves)|(?:we|i|they|he|she|the (?:dealer|caller|customer|lessee|store)) actually (?:do|did|does|don'?t|do not|didn'?t|have|had|has|are|is|were|was)\b|(?:read|gave|said|entered|put|typed|wrote|keyed|had|got|heard) (?:(?:me|us|you) )?(?:the|that|this|my|our|his|her|their) (?:[\w-]+ ){0,2}?wrong|meant to (?:say|type|put)|instead|is actually|was actually|correction|wrong \w+|(?:was|is|were|are) (?:wrong|incorrect|not right)|(?:had|got|have|put|typed) (?:that|it|this|those|these)(?: one)? (?:wrong|backwards)|typed (?:the |it )?wrong|(?:a |my )?typo|mistake|i put the wrong|not \w+ but|after all|i said|mis-?spoke|misstated|mis-?typed|chang(?:e|ed) (?:my|our|his|her|their) minds?|corrected|should read(?= \d| as\b| [a-z]{3,9}\.? \d)|(?:mixed|got|had) (?:them|it|those|these|that|the dates?) (?:up|backwards|reversed|switched|mixed up)|(?:mixed|mix) up (?:my|our|the|these|those|two|the two|my two|both) (?:[\w-]+ )?(?:cars|vehicles|units|deals|files|returns|ones|leases)|(?:got|had) (?:my|our|the|these|those|both) (?:[\w-]+ )?(?:cars|vehicles|units|deals|files|returns|leases) (?:mixed|confused|switched)|(?:a |my )?mix-?up\b|switched (?:them|those|the dates?)|, not (?:for |in |the |a |an )?(?:the |a |an |our )?[\w/-]+$|(?:hold|hang) on(?=[,.!:;-]| (?:it'?s|its|wait|i|we|that|the \w+ (?:is|was))\b)|[\w/.-]+ not (?!\w+ing$|(?:provided|given|shown|available|needed|received|included|present|signed|done|sold|listed|here|there|yet|required|sent)$)[\w/.-]*\w$|\d[\w/.-]* not (?:the |on )?\d[\w/.-]*|my bad|fat[- ]?finger\w*|auto-?correct\w*|spell-?check\w*|misread|mis-?heard|(?:the )?(?:correct|right) (?:one|date|state|vin|answer) is|by (?:accident|mistake)|, sorry(?=[,.!]|$)|the (?:date|state|vin|number|one) i (?:gave|said|put|typed|entered)\b|, not (?:the |a |an )?(?:one|store|dealer(?:ship)?|location) (?:in|at|from) [\w ]{2,20}$|(?:i was|i'm|i am|was) thinking (?:of|about) (?:the |a |our |another )?(?:old|other|wrong|different)\b|(?:i was|was) thinking (?:of|about) [\w-]+(?: [\w-]+)?\s*[.!]*$)\b/;

export interface WantInputs {
  /** The normalised message (lower case, shorthand spelt out). */
  readonly normalised: string;
  /** The message as typed, before spelling repair (which may read "hola" as "hold"). */
  readonly typed: string;
  /** Fields the message states (names of `StatedFacts`). */
  readonly factNames: readonly string[];
  readonly pendingField: string | undefined;
  readonly hasTopic: boolean;
  /** A topic that is asked about rather than reported (the hold, a fax, inspections…): "hold time for dealer purchases" is a question. */
  readonly asksAboutTopic: boolean;
  readonly inDomain: boolean;
  readonly isQuestion: boolean;
  readonly hasVinSuffix: boolean;
}

/** The message as the want readers compare it: `text` without end punctuation, `bare` without polite words either. */
function wantText(normalised: string): { text: string; bare: string } {
  const text = normalised
    .trim()
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ');
  const bare = text
    .replace(/[^\p{L}\p{N}'?]+/gu, ' ')
    .replace(/^(?:(?:please|pls|ok|okay|hey|um|uh|oh|sorry|no|wait|actually) )+|(?: (?:please|pls|thanks|now|porfa|por favor))+$/g, '')
    .trim();
  return { text, bare };
}

/**
 * The wants a message's words decide alone, whatever it states and whatever was asked: a navigation
 * command as the whole message ("go back") and asking for a person. readWant checks them first, so the
 * bot's door can ask this of every message without reading its facts.
 */
export function commandWant(normalised: string): WantReading | undefined {
  const { text, bare } = wantText(normalised);
  return commandWantOf(text, bare);
}

function commandWantOf(text: string, bare: string): WantReading | undefined {
  for (const [navigation, pattern] of navigationPatterns) if (pattern.test(bare)) return { want: 'navigation', navigation };
  // Before the navigation words inside a message: "can a person help me" asks for a person, not for help.
  if (asksForPerson(text, bare)) return { want: 'handoff' };
  return undefined;
}

/** What the dealer wants from this message; the most specific reading wins, in the order below. */
export function readWant(inputs: WantInputs): WantReading {
  const { text, bare } = wantText(inputs.normalised);
  const command = commandWantOf(text, bare);
  if (command) return command;
  // "?", "??": a question mark alone asks what the assistant wants, or can do.
  if (/^\s*\?+\s*$/.test(inputs.normalised)) return { want: 'navigation', navigation: 'help' };
  // A short message that states nothing and asks about nothing, around a navigation word: "oops go back", "i want to cancel".
  // (An opening "hang on," only holds the floor: "hang on, take me back a step" is the step back.)
  const held = /^(?:(?:hang on|hold on|hold up|one sec(?:ond)?|wait|hmm+|um+|uh+|oops|sorry|ok(?:ay)?)(?:[,.!\s-]+|$))+/.exec(text)?.[0] ?? '';
  const navigationText = text.slice(held.length) || text;
  const words = (held === '' ? bare : wantText(navigationText).bare).split(' ');
  // ("Thanks for all your help": thanks, not a call for help.)
  const thanking = /\b(?:thanks|thank you|thank u|thx|appreciate\w*|mahalo|gracias)\b/.test(text);
  const short = words.length <= 6 && inputs.factNames.length === 0 && !inputs.hasTopic && !thanking;
  // "Go back to the main menu": where it goes back to is the command.
  const shortText = words.join(' ');
  if (
    short &&
    /\b(?:main menu|the menu|menu options|(?:main )?list of (?:menu )?options|main options|first options|main screen|home screen|start screen|home page|back to (?:the )?main$)\b(?! of\b)/.test(
      shortText,
    )
  )
    return { want: 'navigation', navigation: 'menu' };
  // ("help me start a return": help with the task is the task.)
  const helpWithTask = /\b(?:start|begin|do|with|log|process)\b.{0,15}\b(?:return|turn-?in|check-?in|walkthrough)\b/.test(shortText);
  // ("what options do i have here", "what are my options with this assistant": what the assistant can do is its help.)
  if (
    inputs.factNames.length === 0 &&
    navigationCores[3]?.[1].test(text) &&
    /\b(?:with|in|on|using) (?:this|the|your) (?:assistant|bot|thing|tool|app|chat(?:bot)?)\b|\bhere\s*\??$/.test(text)
  )
    return { want: 'navigation', navigation: 'help' };
  if (short)
    for (const [navigation, pattern] of navigationCores)
      if (!(navigation === 'help' && helpWithTask) && commands(pattern, shortText, shortText)) return { want: 'navigation', navigation };
  // "wait go back one, i answered the last one wrong": the command leads, the rest explains it.
  // (Or the whole first clause, when short: "let's start this whole thing over, I had the wrong car".)
  const firstClause = (navigationText.split(/[,.;!?]|\s[-–—]\s/)[0] ?? '').trim();
  const lead = firstClause.split(/\s+/).length <= 7 ? firstClause : firstClause.split(/\s+/).slice(0, 7).join(' ');
  if (inputs.factNames.length === 0 && !inputs.isQuestion) {
    // "Take me back to the main menu": where it goes back to is the command.
    // ("the menu said contacts but i just need the one for dealer buyout": what the menu shows is told, not asked for.)
    if (
      /\b(?:main menu|the menu|menu options|(?:main )?list of (?:menu )?options|main options|first options|main screen|home screen|start screen|home page|back to (?:the )?main$)\b(?! of\b)/.test(
        lead.replace(menuShows, ' '),
      )
    )
      return { want: 'navigation', navigation: 'menu' };
    // ("scrap it, lets redo this whole thing from the top": dropping what was said to start again is starting over.)
    const [startOverCore, cancelCore] = [navigationCores[1]?.[1], navigationCores[2]?.[1]];
    if (cancelCore?.test(lead) && startOverCore?.test(navigationText.slice(firstClause.length))) return { want: 'navigation', navigation: 'startOver' };
    for (const [navigation, pattern] of navigationCores.slice(0, 3)) if (commands(pattern, lead, firstClause)) return { want: 'navigation', navigation };
    // ("oops hit the wrong one, take me back a step", "caller dropped off the line, kill this return": what happened, then
    // the command that follows from it, closing the message.)
    const closing = (
      navigationText
        .split(/[,.;!]|\s[-–—]\s/)
        .filter((clause) => clause.trim() !== '')
        .at(-1) ?? ''
    ).trim();
    if (closing !== firstClause && closing.split(/\s+/).length <= 10)
      for (const [navigation, pattern] of navigationCores.slice(0, 3)) if (commands(pattern, closing, closing)) return { want: 'navigation', navigation };
  }
  // A request about the conversation itself, asked as a question about nothing in the process: "can we start this
  // whole thing over, i messed up", "help, what am i supposed to put here".
  // "im lost what am i supposed to type here": being lost in the conversation, with nothing else in the message.
  if (inputs.factNames.length === 0 && !inputs.hasTopic && lostInConversation.test(text)) return { want: 'navigation', navigation: 'help' };
  if (inputs.factNames.length === 0 && !inputs.hasTopic && aboutTheAssistant.test(text)) return { want: 'navigation', navigation: 'help' };
  // ("what can this tool do for me on calls": what the assistant does, wherever it is used.)
  if (
    inputs.factNames.length === 0 &&
    /\bwhat (?:all )?(?:can|could|does|will) (?:you|this(?: \w+)?|it) do(?: for (?:me|us))?(?: (?:on|during|in|over) (?:a |the |my |our )?(?:calls?|phone calls?|chats?|texts?|the phone))?\s*[?.!]*$/.test(
      text,
    )
  )
    return { want: 'navigation', navigation: 'help' };
  // ("Can you help me price a trade-in" and "how do I cancel my netflix" are not about the conversation.)
  if (inputs.factNames.length === 0 && !inputs.hasTopic && inputs.isQuestion) {
    // ("oops hit enter too soon, can i redo the last question": the request in the closing clause, after what happened.)
    const closing = (
      navigationText
        .split(/[,.;!?]|\s[-–—]\s/)
        .filter((clause) => clause.trim() !== '')
        .at(-1) ?? ''
    ).trim();
    const closingLead = closing.split(/\s+/).length <= 7 ? closing : '';
    // ("List all the options on the 877 line" asks about the phone line's options, not for the menu.)
    // ("can u pull the menu back up": the menu brought back is the menu, before any step back.)
    const menuClause = firstClause.split(/\s+/).length <= 9 ? firstClause : lead;
    // ("gap protection for our menu": an F&I menu of the store's, not the assistant's.)
    if (navigationCores[3]?.[1].test(menuClause) && !/\b(?:on|for|of|in) (?:the|that|this|your|our|my|their|an?)\b|\d|\bline\b/.test(menuClause))
      return { want: 'navigation', navigation: 'menu' };
    for (const [navigation, pattern] of navigationCores.slice(0, 2))
      if (foundInLead(pattern, lead, firstClause) || foundInLead(pattern, closingLead, closing)) return { want: 'navigation', navigation };
    if (
      /\b(?:cancel|quit|stop|exit|abort|forget)(?: (?:this|that|it|everything|(?:this|the|my) (?:return|walkthrough|check|one)))?(?: (?:please|pls|now))?$/.test(
        lead,
      ) &&
      // ("backed up near exit 4": a road's exit, not the conversation's.)
      !/\bexit (?:\d+|for|four|ramp|number|lane)\b/.test(firstClause)
    )
      return { want: 'navigation', navigation: 'cancel' };
    if (/^(?:help|i need help|what (?:am|do|should) i (?:supposed to |meant to )?(?:type|say|put|enter|answer)\b.*)$/.test(lead))
      return { want: 'navigation', navigation: 'help' };
  }
  const hasFacts = inputs.factNames.length > 0;
  // A correction changes something said before: at a prompt, a fact for the question asked is just its answer ("no, we never got avrm").
  const aboutEarlier = inputs.pendingField === undefined || inputs.factNames.some((name) => !answersPending(name, inputs.pendingField));
  // A question about the process is asked, whatever cue it has ("not buying it after all - does the hold still apply?").
  // ("hi, actually it's Ohio": a greeting before the cue leaves it the opening.)
  const opening = text.replace(/^(?:(?:hi|hey|hello|good (?:morning|afternoon|evening)|thanks|thank you|ok|okay)[\s,.!-]+)+/, '');
  // ("No, the buyer has not provided proof of sale" at the document prompt: a "no" that answers the prompt, with the
  // party restated, is its answer.)
  const answersWithNo =
    inputs.pendingField !== undefined && /^(?:no|nope|nah)\b/.test(opening) && inputs.factNames.some((name) => answersPending(name, inputs.pendingField));
  // ("Can I report the return over the phone instead of AVRM?": a direct question whose cue is only "instead" asks.)
  const directQuestion =
    inputs.isQuestion &&
    /^(?:can|could|do|does|is|are|should(?! (?:be|have|say|read)\b)|will|would|may|what|where|when|who|how|which)\b/.test(opening) &&
    !/\b(?:change|update|fix|correct|switch)\b/.test(opening);
  // ("lessee in edmond wants to buy her car instead, what do we need to do": "instead" in a message that asks is a change of
  // plan told with the question, not a correction of an answer given.)
  const askedWithInstead = inputs.isQuestion && /\binstead\b/.test(opening) && !correctionCue.test(opening.replace(/\binstead\b/g, ' '));
  if (
    hasFacts &&
    aboutEarlier &&
    !answersWithNo &&
    !directQuestion &&
    !askedWithInstead &&
    correctionCue.test(opening) &&
    !(inputs.isQuestion && inputs.asksAboutTopic)
  )
    return { want: 'correction' };
  const rest = text
    .replace(filler, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // Every word small talk ("okay that makes sense", "mahalo!"), or nothing left once the polite words are gone.
  const smallTalk = inputs.factNames.length === 0 ? readSmallTalk(inputs.typed, inputs.pendingField !== undefined) : undefined;
  if (smallTalk) return { want: 'smallTalk', smallTalk };
  if (rest === '' && !(inputs.pendingField === 'state' && inputs.factNames.includes('state'))) {
    const kind = smallTalkPatterns.find(([, pattern]) => pattern.test(text))?.[0] ?? 'acknowledgement';
    return { want: 'smallTalk', smallTalk: kind };
  }
  // ("dunno yet, my used car manager is still looking at it", "the atlanta stores do, not sure about this one": at a prompt,
  // not knowing yet answers it, with no fact.)
  const asksNothing = !text.includes('?');
  const doubts = saysNotKnowing.test(text);
  if (inputs.pendingField && doubts && (!inputs.isQuestion || (asksNothing && notKnowingWhatTheyDo.test(text)))) return { want: 'answer' };
  // ("1/31/2027" at another prompt: a bare date answers it, with no fact.)
  if (inputs.pendingField && /^\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?$/.test(text)) return { want: 'answer' };
  // "Not sure when the lease matures, don't have the contract": not knowing the field asked answers its prompt.
  // (Unless it asks outright: "not sure of the maturity date, how do I figure out if it's an ET?")
  if (inputs.pendingField && inputs.factNames.includes('unknown') && !/\?|\b(?:how|where|who|what) (?:do|can|should|would) (?:i|we)\b/.test(text))
    return { want: 'answer' };
  const task = taskOf(rest, inputs);
  // ("is the truck guy, from the transport" at the pickup prompt: "is" opening an answer, with no question mark, asks nothing.)
  // ("… so I think it's just a regular return?" at the intent prompt: a tentative answer, not a question.)
  const answersThePrompt = inputs.factNames.some((name) => answersPending(name, inputs.pendingField));
  const tentative = /\bi (?:think|guess|believe|reckon)\b[^.?!]*\?\s*$/.test(inputs.normalised) && answersThePrompt;
  const answerOpenedWithIs = asksNothing && /^(?:is|it is|its|it's) /.test(text) && answersThePrompt;
  // ("not sure what state the lease was written in but we're in Kansas": a doubt about something else, with the answer given.)
  const doubtThenAnswer =
    asksNothing &&
    doubts &&
    !/\b(?:how|where|who|what|which|when) (?:do|can|should|would|does|is|will) (?:i|we|you|they)\b/.test(text) &&
    inputs.factNames.some((name) => name !== 'unknown' && answersPending(name, inputs.pendingField));
  // ("should be yes, tonya in accounting has a login": a hedged answer opens with its hedge, and asks nothing.)
  const hedged =
    asksNothing &&
    /^(?:(?:yeah|yes|yep|no|nope|ok|okay|um|uh)[,\s]+)?(?:should be|probably|prob|pretty sure|i think|i believe|i guess|most likely|likely|i'?m fairly sure)\b/.test(
      text,
    ) &&
    answersThePrompt;
  if (
    inputs.pendingField &&
    hasFacts &&
    (!inputs.isQuestion || answerOpenedWithIs || tentative || doubtThenAnswer || hedged) &&
    task !== 'status' &&
    task !== 'contacts'
  )
    return { want: 'answer' };
  if (task) return { want: 'task', task };
  if (inputs.isQuestion && (inputs.hasTopic || inputs.inDomain)) return { want: 'question' };
  // "What's the weather in Hawaii?": naming a state does not make a question about the process.
  if (inputs.isQuestion && !inputs.pendingField) return { want: 'outOfScope' };
  if (inputs.hasTopic || inputs.inDomain)
    return hasFacts && !inputs.isQuestion && (inputs.pendingField !== undefined || !inputs.asksAboutTopic)
      ? { want: inputs.pendingField ? 'answer' : 'task', task: 'returnWalkthrough' }
      : { want: 'question' };
  if (hasFacts) return inputs.pendingField ? { want: 'answer' } : { want: 'task', task: 'returnWalkthrough' };
  return { want: 'outOfScope' };
}

/**
 * ("the menu says status but I just want to know …", "the menu had a status option but …", "the menu said contacts but …"):
 * a word the menu shows, quoted, asks for nothing, neither the menu nor its task.
 */
const menuShows =
  /\b(?:menu|options?|buttons?|list)(?: \w+)? (?:says|said|shows|showed|has|had|lists|listed|gives|gave)(?: (?:a|an|the))? \w+(?: option| button)?/g;

function taskOf(typed: string, inputs: WantInputs): Task | undefined {
  // ("status update from our end: registered yesterday …": the dealer's own update, no car's status asked.)
  const text = typed.replace(menuShows, ' ').replace(/\bstatus update (?:from|on) (?:our|my|the dealer'?s) (?:end|side)\b/g, ' ');
  // "CX called re pickup of PP044126, transporter no show. who to call", "not sold - 551903, whos taking it": who, asked
  // about a car named, is a question about the process, not a check of the car.
  const asksWho =
    inputs.isQuestion && /\bwho(?:'s|s| is)? (?:to call|to contact|do (?:i|we) call|should (?:i|we) call|taking|picking|coming|comes|picks|gets)\b/.test(text);
  if (asksWho) return undefined;
  // "start rtn 1C4RJFBG7MC204817": the task named with the car.
  if (/^(?:start|begin|new|open)(?: a| the)? (?:lease )?(?:return|turn-?in|check-?in)\b/.test(text)) return 'returnWalkthrough';
  if (inputs.hasVinSuffix && inputs.factNames.some((name) => name === 'pickupBy' || name === 'billOfLading' || name === 'proofOfSale')) return 'releaseCheck';
  if (/^(?:rel|release|release check|releasing|can i release|(?:ok |okay )?to release)\b/.test(text) && inputs.hasVinSuffix) return 'releaseCheck';
  // ("Status of the 72 hour hold?": with no car named, the status of a step of the process is a question about it.)
  const statusOfAStep =
    !inputs.hasVinSuffix &&
    /\b(?:status|stat) (?:of|on) (?:the|a|an|my|our) (?:\d+[- ]?(?:hour|hr|day) )?(?:hold|inspection|inspector|transporter|pickup|auction|letter|quote|process|registration|buyout|avrm)\b/.test(
      text,
    );
  // ("Status question: what does the ET pre-sale letter reflect?": the word labels a question about the process, no car named.)
  const labelOnly = !inputs.hasVinSuffix && /^\s*(?:status|stat) (?:question|q|qq)\b\s*[:,-]?/.test(text) && inputs.isQuestion;
  if (
    (!statusOfAStep &&
      !labelOnly &&
      /\b(?:status|stat|(?<!(?:n't|n t|not|never)(?: even| really| actually)? )sold yet|is (?:it|my car|the car|the vehicle|\w+) sold|where (?:is|are) (?:my|the|our) (?:car|vehicle)|any update|update on|(?:the )?latest on)\b/.test(
        text,
      )) ||
    (inputs.hasVinSuffix &&
      // ("Caller asking about vin 718392, where do they fax …": a process question that names the car asks the question.)
      !(
        inputs.isQuestion &&
        inputs.asksAboutTopic &&
        /\b(?:fax|call|phone|number|sign|form|quote|hold|inspection|remarket\w*|paperwork|how long)\b/.test(text)
      ) &&
      // ("vin … came in today, lease is up on the 15th": a car told with its return dates is a return to walk through.)
      !(
        inputs.factNames.some((name) => name === 'returnDate' || name === 'maturityDate') &&
        !/\b(?:status|stat|sold|sell|update|where|news|progress|happening|going on|yet|posted|listed|picked up)\b/.test(text)
      ) &&
      /\b(?:sold|sell|status|word|news|update|latest|where|sts|stat|any|happening|going on|progress|auction|check(?! in\b)(?: on)?|yet|picked up|pick(?:ed)? ?up|inspected|posted|listed|been|still (?:on|up|listed|posted|there)|(?<!\b(?:wrap|wrapped|set|follow|show|showed|line|lined) )up)\b/.test(
        text,
      )) ||
    (inputs.hasVinSuffix &&
      inputs.factNames.every((name) => name === 'vinSuffix' || name === 'vin') &&
      text.split(' ').length <= 4 &&
      inputs.pendingField === undefined)
  )
    return 'status';
  // "The trucker is here" starts a release check; "trucker is here, do I need the BOL?" asks the rule.
  if (
    !inputs.isQuestion &&
    /\b(?:(?:is|are|'s|just) (?:here|outside|at the (?:door|lot|store)|showed up|arrived)|(?:here|came|come|showed up|arrived) to (?:pick|take|get|collect|grab)|release check|check (?:a|the) release)\b/.test(
      text,
    )
  )
    return 'releaseCheck';
  if (/^(?:who (?:do|should|can) (?:i|we) (?:call|contact)|contacts?|phone numbers?|numbers|directory|contact list)$/.test(text)) return 'contacts';
  const pickupFacts = ['pickupBy', 'billOfLading', 'proofOfSale'];
  const returnFacts = ['state', 'maturityDate', 'returnDate', 'intent', 'hasAvrmAccess', 'dealerWantsToPurchase', 'lesseeWantsToPurchase'];
  if (
    !inputs.isQuestion &&
    inputs.pendingField === undefined &&
    inputs.factNames.some((name) => pickupFacts.includes(name)) &&
    !inputs.factNames.some((name) => returnFacts.includes(name))
  ) {
    return 'releaseCheck';
  }
  // ("Don't need to start a return, just tell me which quotes I can pull": a task declined is no task.)
  const declined = /\b(?:don'?t|do not|no need to|not trying to|not looking to)\s+(?:need to |want to |have to )?(?:start|begin|do|open|file)\b/.test(text);
  // ("help w fax # for lease return": a number asked for about a return is a question, not the walkthrough.)
  const asksForANumber = /\b(?:fax|number|#|phone)\b/.test(text);
  if (
    !declined &&
    !asksForANumber &&
    (/\b(?:need|want|have|got|start|begin|do|process|proceed with|procede with|go ahead with|help(?: me)? with|walk me through(?! (?:every|each|all|the) steps?)|log|check in|handle)\b.{0,25}\b(?:a |an |the )?(?:return|turn[- ]?in|lease return|check-?in|drop-?off)\b/.test(
      text,
    ) ||
      /\b(?:just |has |have )?(?:dropped|brought|turned|handed)(?: (?:it|her|his|their|the|a|our)(?: leased| lease)?(?: car| vehicle| lease)?)? (?:off|in|back)\b/.test(
        text,
      )) &&
    // ("gotta do a lease turn-in for a customer, can u walk me thru it": the task told, then asked to be guided through.)
    (!inputs.isQuestion ||
      /\b(?:can|could|would|will)(?: (?:you|u|ya))? (?:please |pls )?(?:walk|take|guide|help|talk|get) (?:me|us) (?:thr(?:ough|u|ew)|with|on) (?:it|this|that|this one|the steps)\b/.test(
        text,
      ))
  )
    return 'returnWalkthrough';
  if (/^(?:(?:a |new )?(?:lease )?return|return walkthrough|start (?:a )?return|returns?)$/.test(text)) return 'returnWalkthrough';
  // ("customer is turning her lease in 4 months early, we're a ford store in kennewick, can we get this started": a return
  // told, then asked to begin.)
  if (
    inputs.factNames.length > 0 &&
    !declined &&
    /(?<!\bto )\b(?:get|getting) (?:this|it|that|things|one|the ball) (?:started|going|rolling|kicked off)\b|\b(?:start|begin|kick off) (?:this|it|that)(?: one)?(?: up| off)?(?=\s*[?.!]*$)/.test(
      text,
    )
  )
    return 'returnWalkthrough';
  // "Would you please help me begin the return on the Subaru", "can we start a return": asked politely, still the task.
  if (
    /^(?:(?:hi|hello|hey|good (?:morning|afternoon|evening))[\s,.!-]+)?(?:(?:can|could|would|will)(?: you)? (?:please |kindly )?(?:help (?:me|us) )?(?:start|begin|open|do|set up|process|log|walk (?:me|us) through|get)|(?:can|could|may) (?:i|we) (?:please )?(?:start|begin|open|do|log))\b.{0,20}\b(?:a |the |this |another |new )?(?:lease )?(?:return|turn[- ]?in|check-?in)\b(?! (?:quote|fax|process|site|manager)\b)/.test(
      text,
    )
  )
    return 'returnWalkthrough';
  // "new return walkthrough pls", "start the walkthrough": the task by its name.
  if (/\b(?:(?:new|start|begin|another) (?:a |the )?(?:lease )?(?:return|turn-?in)|(?:return )?walkthrough)\b/.test(text) && !inputs.isQuestion)
    return 'returnWalkthrough';
  return undefined;
}

/** Whether a stated fact answers the prompt that is waiting. */
function answersPending(fact: string, pendingField: string | undefined): boolean {
  if (fact === pendingField) return true;
  if (pendingField === 'intent') return fact === 'dealerWantsToPurchase' || fact === 'lesseeWantsToPurchase';
  if (pendingField === 'document') return fact === 'billOfLading' || fact === 'proofOfSale';
  if (pendingField === 'vin') return fact === 'vinSuffix';
  return fact === 'unknown';
}
