/**
 * The words dealers actually type, mapped onto the words the process sections use. This is the one
 * place to teach the assistant a new abbreviation, nickname or common misspelling: retrieval,
 * fact extraction and the scope check all read the normalised text produced here.
 */

/** SMS shorthand and frequent misspellings, replaced word for word before anything else runs. */
export const shorthand: Readonly<Record<string, string>> = {
  u: 'you',
  ur: 'your',
  r: 'are',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  ty: 'thanks',
  hw: 'how',
  in2: 'into',
  // Two letters swapped in a short word no spelling check takes up.
  thsi: 'this',
  teh: 'the',
  taht: 'that',
  adn: 'and',
  waht: 'what',
  hte: 'the',
  hm: 'how many',
  howlong: 'how long',
  wat: 'what',
  wht: 'what',
  whats: 'what is',
  wut: 'what',
  cant: "can't",
  dont: "don't",
  doesnt: "doesn't",
  dosent: "doesn't",
  dosnt: "doesn't",
  doesent: "doesn't",
  didnt: "didn't",
  wont: "won't",
  isnt: "isn't",
  nobodys: "nobody's",
  thats: "that's",
  theres: "there's",
  theyre: "they're",
  youre: "you're",
  hasnt: "hasn't",
  havent: "haven't",
  wasnt: "wasn't",
  arent: "aren't",
  werent: "weren't",
  shouldnt: "shouldn't",
  couldnt: "couldn't",
  wouldnt: "wouldn't",
  im: "i'm",
  w: 'with',
  'w/': 'with',
  'w/o': 'without',
  'w/out': 'without',
  wo: 'without',
  wout: 'without',
  b4: 'before',
  til: 'until',
  till: 'until',
  '2day': 'today',
  tmrw: 'tomorrow',
  nd: 'need',
  ned: 'need',
  abt: 'about',
  shud: 'should',
  // (A word of old English, so no spelling check takes it: here always a slip on "lease".)
  leese: 'lease',
  shld: 'should',
  wen: 'when',
  whr: 'where',
  wher: 'where',
  cmds: 'commands',
  cmd: 'command',
  aight: 'alright',
  updt: 'update',
  upd8: 'update',
  cya: 'bye',
  ttyl: 'bye',
  q: 'question',
  qs: 'questions',
  "q's": 'questions',
  ques: 'question',
  bc: 'because',
  cuz: 'because',
  ppl: 'people',
  ppwk: 'paperwork',
  docs: 'documents',
  doc: 'document',
  num: 'number',
  nubmer: 'number',
  numer: 'number',
  nuber: 'number',
  numbre: 'number',
  nmbr: 'number',
  numbr: 'number',
  ph: 'phone',
  tel: 'phone',
  fone: 'phone',
  insp: 'inspection',
  // Dictionary words (rare ones) that are a letter from a process word: read as the process word.
  insection: 'inspection',
  insections: 'inspections',
  inspecter: 'inspector',
  inspec: 'inspection',
  inspt: 'inspection',
  veh: 'vehicle',
  vehical: 'vehicle',
  vehicule: 'vehicle',
  pw: 'password',
  pwd: 'password',
  pword: 'password',
  login: 'log in',
  logon: 'log in',
  signin: 'sign in',
  xport: 'transport',
  trans: 'transport',
  rtn: 'return',
  eval: 'evaluating',
  rtnd: 'returned',
  rtns: 'returns',
  retd: 'returned',
  lse: 'lease',
  walkthru: 'walkthrough',
  'walk-thru': 'walkthrough',
  ltr: 'letter',
  ltrs: 'letters',
  retn: 'return',
  transpo: 'transport',
  transp: 'transport',
  some1: 'someone',
  any1: 'anyone',
  givin: 'giving',
  turnin: 'turning',
  droppin: 'dropping',
  bringin: 'bringing',
  waitin: 'waiting',
  comin: 'coming',
  naw: 'no',
  leas: 'lease',
  calc: 'calculator',
  trk: 'truck',
  facks: 'fax',
  fx: 'fax',
  faxx: 'fax',
  facs: 'fax',
  avm: 'avrm',
  arvm: 'avrm',
  avmr: 'avrm',
  auc: 'auction',
  sa: 'smartauction',
  dsc: 'dealer service center',
  smartauc: 'smartauction',
  hrs: 'hours',
  hr: 'hour',
  hrz: 'hours',
  dys: 'days',
  wks: 'weeks',
  wk: 'week',
  mos: 'months',
  mo: 'month',
  lesse: 'lessee',
  lsee: 'lessee',
  // Autocorrect's "lessee".
  lesser: 'lessee',
  lssee: 'lessee',
  lsse: 'lessee',
  lesee: 'lessee',
  leasee: 'lessee',
  lessor: 'lessor',
  acct: 'account',
  exec: 'executive',
  ae: 'account executive',
  bol: 'bill of lading',
  bols: 'bill of lading',
  'b.o.l.': 'bill of lading',
  lading: 'lading',
  pos: 'proof of sale',
  dpl: 'dealer purchase for lessee',
  dpi: 'dealer purchase for inventory',
  et: 'early termination',
  nm: 'normal maturity',
  // Bilingual staff's Spanish for the conversation's own words.
  ayudame: 'help me',
  porfa: 'please',
  porfavor: 'please',
  byr: 'buyer',
  byer: 'buyer',
  bk: 'back',
  regstr: 'register',
  registr: 'register',
  kep: 'keep',
  addr: 'address',
  byrs: 'buyers',
  // The conversation's own commands, clipped ("go bck", "start ovr", "cncl").
  bck: 'back',
  ovr: 'over',
  strt: 'start',
  cncl: 'cancel',
  canx: 'cancel',
  cxl: 'cancel',
  mnu: 'menu',
  hlp: 'help',
  agn: 'again',
  // Dealership shorthand (clipped or consonant-only forms the vowel-dropping rule cannot reach).
  dlr: 'dealer',
  dlrs: 'dealers',
  dlrshp: 'dealership',
  purch: 'purchase',
  purchs: 'purchase',
  inv: 'inventory',
  invt: 'inventory',
  invnt: 'inventory',
  ret: 'return',
  trkr: 'trucker',
  trckr: 'trucker',
  remkt: 'remarketing',
  remktg: 'remarketing',
  remkting: 'remarketing',
  rmkt: 'remarketing',
  ctr: 'center',
  cntr: 'center',
  mgr: 'manager',
  cust: 'customer',
  custmr: 'customer',
  stmt: 'statement',
  stmnt: 'statement',
  qte: 'quote',
  auct: 'auction',
  'p/u': 'pickup',
  pkup: 'pickup',
  rcvd: 'received',
  "rec'd": 'received',
  xfer: 'transfer',
  bak: 'back',
  rmktg: 'remarketing',
  rmkting: 'remarketing',
  rmktng: 'remarketing',
  remktng: 'remarketing',
  aint: "ain't",
  buyin: 'buying',
  keepin: 'keeping',
  sellin: 'selling',
  returnin: 'returning',
  goin: 'going',
  passin: 'passing',
  prev: 'previous',
  creds: 'credentials',
  cred: 'credentials',
  pu: 'pickup',
  thru: 'through',
  lon: 'long',
  lng: 'long',
  '@': 'at',
  info: 'information',
};

/** "The difference between …", "… vs …", "compare": two things compared, none of them stated (read by the reader and the answerer). */
export const comparing = /\b(?:difference|differ|different from|vs\.?|versus|compar\w*)\b/;

/** "Start (trying to) sell it": asking when remarketing starts (a regex source, for the topic reader and the rules' topics). */
export const startsSelling =
  '(?:(?:start|begin)\\w* (?:trying to )?sell(?:ing)?|get\\w* (?:going|started|moving|rolling) on (?:selling|listing|auctioning)|(?:put|puts|putting) (?:it |the car |the vehicle )?up for (?:sale|auction))\\b';

/** "Treat it like a normal return": whether it counts as a return quote (a regex source, for the topic reader and the rules' topics). */
export const treatedAsReturn = '(?:treat|count|consider|handle)\\w* (?:it |that |this )?(?:like|as) (?:a |an )?(?:normal |regular |plain )?return\\b';

/**
 * What dealers call the process's things when they do not know the name: read as the name. (The
 * shorthand above is one word for one; these are phrases.)
 */
export const processNames: readonly (readonly [RegExp, string])[] = [
  // "Quick question - …", "one more question:": saying a question comes says nothing about what it asks (and its
  // word "question" would lead to "if you have additional questions …").
  [
    /^(?:(?:hi|hey|hello|ok|okay|so|and|also|thanks|good (?:morning|afternoon|evening))[\s,.!-]+)*(?:(?:i have|i've got|i got|got) )?(?:(?:a|one|another|one more|quick|real quick|small|silly|dumb|simple|random|last|general|couple(?: of)?) )+questions?(?: for (?:you|ya))?(?:\s*[:,.!]+|\s+[-–—]+)?\s*/,
    '',
  ],
  // ("nm, wrong car, cancel it": an opening "nm" set off before taking something back is texting's "never mind".)
  // (The word rewriter has spelt "nm" out already; "NM, 36 months, returned today" is still the normal maturity.)
  [/^normal maturity(?=\s*[,;.!-]\s*(?:wrong|cancel|forget|ignore|disregard|scratch|my bad|i (?:got|figured|found)|figured|got it|found it)\b)/, 'never mind'],
  // ("thanks for the fax number earlier! now whats the number for the remarketing center": what was thanked for is answered
  // already; the question after it is what is asked.)
  [
    /^(?:ok(?:ay)?,? )?(?:thanks|thank you|thx|ty)(?: so much| again| a lot)? for (?:the |that |your |all the )?[\w# -]{1,40}?\s*[.!]+\s*(?=\S)(?:now,? |ok,? |so,? |and |also )?/,
    '',
  ],
  // ("Return the Ally contact for questions about …": a dealer system's "return" is "give me", not a car coming back.)
  [
    /^return (?=(?:the|all|every|a list of) (?:[\w-]+ ){0,3}(?:contacts?|numbers?|fax(?:es)?|lines?|phones?|websites?|address(?:es)?|windows?|times?|hours|details|steps|requirements?|documents?)\b)/,
    'give me ',
  ],
  // ("RM ctr #?", "rmkt center": the Remarketing Center in texting's shorthand.)
  [/\b(?:rm|rmk|rmkt|remkt|remktg|rmktg) (?:ctr|cntr|center|centre)\b/, 'remarketing center'],
  // AVRM by what it is: "the return site", "ally's lease return portal", "the return system".
  [
    /\b(?:the |ally'?s? |your )?(?:ally )?(?:online )?(?:lease |vehicle )?returns? (?:site|website|web site|system|portal|app|application|tool|page|program)\b/,
    'avrm',
  ],
  // ("the online return thing": AVRM by where it is.)
  [/\b(?:the |ally'?s? |your )?(?:ally )?online (?:lease |vehicle )?returns? (?:thing|deal|program)\b/, 'avrm'],
  // "a VRM": AVRM as voice typing hears it.
  [/\ba vrm\b/, 'avrm'],
  // AVRM as Ally's system: "ally's computer system", "the ally site", "ally's online portal".
  [/\b(?:the |your )?ally'?s? (?:computer |online |web )?(?:system|site|website|web site)\b/, 'avrm'],
  // AVRM by its full name without the acronym: "the return manager", "Ally's Vehicle Return Manager program".
  [/\b(?:the |ally'?s? |your )?(?:ally )?(?:vehicle )?return manager(?: (?:program|site|website|web site|system|portal|tool|app|login))?\b/, 'avrm'],
  // The odometer statement by what it says: "the mileage form", "the paper the customer signs about the miles".
  // The no-AVRM form by its two halves: "the combo mileage + inspection sheet".
  [
    /\b(?:mileage|miles|odometer)(?: statement)?\s*(?:\+|and|&|\/|-)\s*inspection (?:form|sheet|paper|document|doc)\b/,
    'odometer statement/third party inspection form',
  ],
  [/\b(?:mileage|miles|odometer) (?:form|sheet|paper|paperwork|disclosure|document|doc)\b/, 'odometer statement'],
  // "the piece of paper with the miles on it": the odometer statement by what is on it.
  [/\b(?:(?:piece of )?paper|form|sheet|document)s? (?:with|showing|that has) the (?:miles|mileage)(?: on it)?\b/, 'odometer statement'],
  // Voice typing's homophones: "the facts number" is the fax number; "bye the way", by the way.
  [/\bfacts(?= (?:number|#|line|machine|it|them|to))/, 'fax'],
  [/\bbye the way\b/, 'by the way'],
  // "dealer by out": the buyout as the ear writes it.
  [/(?<=\b(?:dealer|the|a|for|on|lessee|customer|of) )by ?outs?\b/, 'buyout'],
  // "for are lot": "our" as the ear writes it, before the store's own things.
  [/(?<=\b(?:for|on|in|to|into) )are (?=(?:own |used |used car |pre-?owned )?(?:lot|inventory|stock|store|dealership|showroom)\b)/, 'our '],
  // "how log does it take": a slip that leaves a word of its own ("log" as in "log in"), so no spelling check corrects it.
  [/\bhow (?:log|lon|lnog|logn|lng|lomg)\b(?! ?in)/, 'how long'],
  // "wants to by it": buy, as a slip of the fingers leaves it.
  [/\bto by (?=it\b|the (?:car|vehicle|lease)\b|her (?:car|lease)\b|his (?:car|lease)\b)/, 'to buy '],
  // "the shipping paper", "the truck paperwork": the Bill of Lading by what it is for.
  [/\b(?:shipping|truck|trucking|transport|transporter|delivery|hauling) (?:paper|papers|paperwork|document|documents|form|receipt|slip)\b/, 'bill of lading'],
  // "The early term letter", "the ET letter": the ET Pre-Sale Letter.
  [/\b(?:early term(?:ination)?|et) letter\b/, 'et pre-sale letter'],
  // "Cancel my fax question, what I need is …": a question withdrawn says nothing about the one asked.
  [
    /\b(?:cancel|forget|scratch|never ?mind|ignore|skip) (?:my|the|that) (?:\w+ )?question(?: (?:about|on|re|regarding) (?:the |my |that )?[\w-]+(?: [\w-]+)?(?=\s*[,.;:!-]))?\b[,.;:!-]*/,
    '',
  ],
  // "I said no avrm earlier but our office manager has a login": what was said before and is taken back states nothing now.
  [
    /\bi (?:said|told you|put|answered|typed|picked|chose|entered) (?!(?:[\w'/-]+ ){0,4}wrong\b)(?:[\w'/-]+ ){1,5}?(?:earlier|before|at first|by mistake)\b/,
    'scratch that',
  ],
  // "We're passing on it": declining to buy it.
  [
    /\b(?:we(?:'re| are)|we|i(?:'m| am)?|dealer(?: is)?|store(?: is)?) (?:(?:just|gonna|going to|will|'ll) )?(?:pass|passing|passed) on (?:it|this one|that one|the car|buying(?: it)?|the purchase)\b/,
    'we are not buying it',
  ],
  // "Scratch the inventory purchase, lessee's just returning it": what is taken back states nothing (the taking back stays a correction).
  // (A date or the state scratched names the answer that follows: "scratch the maturity i put in, its 4/30/27".)
  [
    /(?<!\b(?:don't|do not|not|never|didn't) )\b(?:scratch|forget|disregard|ignore) (?:the|my|our|what i said about(?: the)?) (?:[\w'-]+ ){0,6}?(?:part|bit|thing|answer)\b|(?<!\b(?:don't|do not|not|never|didn't) )\b(?:scratch|disregard) (?:the|my|our|what i said about(?: the)?|what i told you about(?: the)?) (?!(?:[\w'-]+ ){0,5}?(?:maturity|date|state|mat|vin)\b)(?:[\w'-]+ ){0,5}?[\w'-]+(?=\s*[,.;:!-])/,
    'scratch that',
  ],
  [
    /\b(?:the )?(?:paper|form|sheet|document)s? (?:that )?(?:the )?(?:customer|lessee|they|she|he) signs? (?:about|for|with) (?:the )?(?:miles|mileage|odometer)\b/,
    'the odometer statement',
  ],
];

const processNamesEverywhere = processNames.map(([pattern, name]) => [new RegExp(pattern.source, 'g'), name] as const);

/** Words of a message (a fact's words, as typed) read the way the message is read: "the ally site" is "avrm". */
export function withProcessNames(words: string): string {
  return processNamesEverywhere.reduce((read, [pattern, name]) => read.replace(pattern, name), words.toLowerCase());
}

/** "Who handles that", "who at Ally deals with purchases": asking for the person or team (a regex source, shared by the topic reader and the ask kind). */
export const whoHandles =
  'who (?:at ally |from ally |there |over there )?(?:answers|handles|deals with|takes care of|can help|helps|knows|works|processes|finalizes|finishes|completes|approves|signs off on|do i deal with|sorts|fixes|resolves|can fix|can sort|(?:can |could )?(?:explain|walk (?:me|us|them) through|go over|tell (?:me|us) about)|explains|walks (?:me|us|them) through|goes over)';

/**
 * "Call" asking for a number, not a call already had ("on our call"), a figure of speech ("call me crazy") or
 * someone else's number ("call security"); asking to be put through to a line; asking whether two lines are
 * one. Regex sources shared by the topic reader and the ask kind.
 */
export const callForNumber =
  '(?<!\\b(?:our|the|a|that|this|my|your|last|earlier|phone|conference|sales) )calls?(?! me (?:crazy|old[- ]fashioned|paranoid|silly)| (?:the )?(?:security|cops|police|911|it a day|it in)| (?:him|her|the (?:inspector|inspection (?:company|guy)|driver|transporter|customer|lessee|buyer|guy|lady))\\b)';
export const putThrough = '(?:put|patch) (?:me|us) through(?: to)?|transfer (?:me|us) to|connect (?:me|us) (?:with|to)';
/** One of Ally's lines by its name ("the dealer service center", "the buyout team", "transportation"). */
export const allyLineName = '(?:dealer service center|dsc|remarketing center|dealer buyout|buyout (?:team|line|dept)|transportation)';
// ("Is the Remarketing Center the same thing as the Dealer Service Center?", "is it the remarketing center or the dealer service center
// that handles …": a line compared with a line, or offered as the other.)
export const sameLineAs = `same (?:people|team|line|number|department|dept|group|folks|office|outfit) as|same (?:thing |one )?as (?:the )?(?:ally )?(?:${allyLineName}|account exec\\w*)|(?<!\\bnot (?:the )?)${allyLineName} or (?:the )?(?:ally )?${allyLineName}`;
/** Others calling the dealer ("lessees who call us", "does the inspector call ahead"): no number is asked for. */
export const callsToTheDealer =
  /\b(?:who|that|lessees|customers|they|people) calls? (?:us|me|in|here)\b|(?<=\b(?:inspector|person|someone|somebody|anyone|anybody|they|he|she|transporter|driver)(?: (?:is|are))? )(?:going to |gonna |will |to )?(?:call|phone|ring) (?:me|us|ahead|first|before)\b/g;
/** "What does Ally mail her?", "what will ally send the lessee": what Ally sends the lessee, its letters. */
export const allySendsTheLessee = 'what (?:does|will|do|would) ally (?:mail|send)(?: out)?(?: to)? (?:her|him|them|the (?:lessee|customer))';
/** "Truck" meaning the car itself, kept, bought, sold or traded ("keep the truck"), not the transporter's truck. */
export const truckThatIsTheCar =
  '(?<!\\b(?:keep|keeping|keeps|buy|buying|buys|bought|purchased|sold|sell|selling|return|returning|returns|drive|driving|lease|leasing|turn in|turning in|trade|trading) (?:the |this |that |a |her |his |their )?)truck';

/**
 * Weighing whether to buy the car ("figure out if it's better to buy it", "decide whether to keep it"): the ET steps and
 * calculator answer it; with its other half ("… or send it back") it asks about the return options themselves.
 */
export const weighsBuying = String.raw`(?:figur\w* out|decid\w*|choos\w*|compar\w*|weigh\w*|pick\w*|know|tell|evaluat\w*) (?:whether|if|between) (?:to |we |she |he |they |the (?:lessee|customer) )?(?:should )?(?:(?:it'?s|its|it is|it'?d be|it would be|we'?re|we are) (?:better|smarter|cheaper) (?:off )?(?:to )?)?(?:buy|keep|purchas)\w*`;
const weighsBuyingEarly = new RegExp(
  String.raw`\b(?:anything (?:different|special|extra)|do (?:anything |something )?different(?:ly)?|what (?:are )?(?:my|our|the) options|tool|calculator|(?:figur\w* out|compar\w*|weigh\w*|evaluat\w*|look(?:ing)? at|go(?:ing)? (?:over|through)|review\w*) (?:[\w-]+ ){0,3}options|${weighsBuying})\b`,
);

/** Ally's own inspection named ("the ally inspector", "the 3rd party inspection"), beside a state's or a shop's. */
export const allysOwnInspection = /\b(?:ally(?:'s)?|3rd[- ]party|third[- ]party|the lease(?: return)?) inspect(?:ion|or)s?\b/;

/** What a message opens by setting aside ("unrelated to our floorplan line:", "separate from the carmax thing,"). */
export const unrelatedLead =
  /^(?:(?:this is |this's |it'?s |its )?(?:unrelated to|separate from|nothing to do with|not related to|aside from)\s+[^.,;?!:]{1,40}|(?:this is |this's |it'?s |its )?not (?:a |an |about (?:a |an |the )?)?[\w&-]+(?: [\w&-]+)? (?:question|thing|issue|matter))[,.;:-]/;

/** A dealership far from a city, or an inspection slower than it should be: what the non-metropolitan caveat answers. */
export const farFromCity =
  /\b(rural|country|remote|non-?metro(politan)?|metro(politan)?( area)?|small town|countryside|country store|out in the country|middle of nowhere|(?:the )?sticks|boonies|boondocks|rual|(big |major )?cit(y|ies)|urban|out of town|way (up|out)|up north|northern|far north|upstate|inspect\w*\b.{0,30}\b(taking|takes|take forever|forever|so long|too long|longer|slow|delayed|late|still|hasn't (come|shown|been)|has not (come|shown|been)|not (here|come) yet)|(slow|delayed|late|still no|waiting)\b.{0,30}\binspect\w*)\b/;

/**
 * Phrases whose presence adds the process's own words to the query (synonyms). The original words stay,
 * so an exact match still scores; the added words let "buyback" find "purchase".
 */
const expansions: readonly (readonly [RegExp, string])[] = [
  [/\b(buy ?backs?|buy ?outs?|buy (it|the car|the vehicle|her|him)|buying it|purchas(e|ing) it|keep (it|the car|the vehicle))\b/, 'purchase dealer buyout'],
  [
    /\b(turn(ing|ed)? (it )?in|turn-in|drop(ping|ped)? (it )?off|bring(ing)? (it )?back|giv(e|ing) (it )?back|hand(ing)? (it )?back|send(ing)? (it )?back)\b/,
    'return',
  ],
  [/\b(log ?in|sign ?in|password|user ?id|username|credentials?|portal|account access|locked out)\b/, 'access avrm user id password'],
  [/\b(sign ?up|register|registration|new user|enroll)\b/, 'register new user avrm access'],
  [/\b(transporter|transport(ation)?|carrier|hauler|driver|truck|tow|shipping company|shipper)\b/, 'transporter transportation pickup'],
  [
    /\b(pick(s|ed|ing)? ?up|collect(s|ed|ing)? (it|the car|the vehicle)|take (it|the car|the vehicle)|haul(s|ed|ing)? (it |the car |the vehicle )?(away|off)|tow(s|ed|ing)? (it |the car |the vehicle )?(away|off)|leave with|drive (it )?off with|drive (it )?away)\b/,
    'pickup release',
  ],
  [/\b(release|hand over|let (it|the car|the vehicle|them|him|her) go|give (them|him|her) the keys?)\b/, 'release pickup'],
  [/\b(bill of lading)\b/, 'bill lading transporter'],
  [/\b(proof of sale|bill of sale|sales? receipt)\b/, 'proof sale buying dealer'],
  [/\b(buyer|buying dealer|purchasing dealer|winning bidder|whoever bought it)\b/, 'buying dealer proof sale'],
  [/\b(smart ?auction|auction|online sale|listed|listing|posted|posting)\b/, 'smartauction auction posts'],
  [/\b(sit|stay|listed for|up for sale|on sale)\b/, 'available sale'],
  // "Does every return go on SmartAuction?": whether a car goes there at all is its eligibility.
  [/\b(every|all|always|each|any)\b.{0,40}\b(smart ?auction|auction)\b|\b(smart ?auction|auction)\b.{0,30}\b(every|always|all)\b/, 'eligible'],
  [/\b(inspect(ion|or|ed|s)?|inspecter|inspecton|condition report|wear and tear|damage check|grounding inspection)\b/, 'inspection inspector third-party'],
  [
    /\b(early termination|early term|terminat(e|ing|ion) early|returning early|return(ed)? early|before (the )?(maturity|lease end|end of (the )?lease)|ends? early)\b/,
    'early termination et maturity',
  ],
  [/\b(normal maturity|lease end|end of (the )?lease|full term|matures?|maturity date)\b/, 'normal maturity nm maturity date'],
  [/\b(fax(es|ed|ing)?|facsimile)\b/, 'fax form'],
  [/\b(notify|notif(ies|ied|ication)|ground(ed|ing|s)?|let ally know|tell ally|inform ally|report (the|a) return)\b/, 'tells ally lease return'],
  [/\b(don't|doesn't|do not|does not|aren't|isn't|not) (have|get|offer|offered|do|available|provide)\b/, 'not offered'],
  [/\b(need to do|have to do|should (i|we) do|must (i|we) do|prepare|get ready)\b/, 'keep'],
  [/\bneeds? from (us|me|the dealer(ship)?)\b/, 'keep accessible'],
  [/\b(tools?|calculator|worksheet|spreadsheet|estimator)\b/, 'calculator'],
  // Deciding between the options of an early return: the process's evaluation steps and calculator.
  [/\b(decid(e|es|ed|ing)|choos(e|es|ing)|evaluat(e|es|ing)|figure out|go (thru|through) before|compare)\b/, 'steps evaluating options calculator choosing'],
  // What to do differently (an early return): the process's own "steps" and "options".
  [/\b(anything (different|else|special|extra)|do (anything |something )?different(ly)?|what (are )?(my|our|the) options|next steps?)\b/, 'steps options'],
  [/\b(come from|comes from|generate[sd]?|print(ed)?|produce[sd]?|create[sd]?)\b/, 'produces generates'],
  [/\b(odometer|mileage statement|odo statement|odometer statement)\b/, 'odometer statement'],
  [/\b(letters?|mail(ed|s)?|notice)\b/, 'letter mails lessee'],
  [
    /\b(settle(ment)?|final (bill|numbers|figures|amount|tally|balance|breakdown|letter|statement|charges)|what (the lessee|they|she|he) owes?)\b/,
    'settlement letter',
  ],
  [/\b(pre-?sale)\b/, 'pre-sale letter'],
  // Listing a car for sale is what the process calls posting it.
  // ("A letter listing the dents" lists what is in it: no posting.)
  [
    /\b(list(?:s|ed|ing)? (?:it|the car|the vehicle|them|the unit)|listed|listing(?! (?:the |all |every |what |any )?(?:dents?|dings?|damage|charges?|miles|mileage|wear|scratch\w*|items?|extras?)))\b/,
    'post posts smartauction',
  ],
  // Before the car sells is what "pre-sale" means: "between the inspection and the auction, does Ally send anything?"
  [
    /(?<!\bsettlement\b.{0,60})\bbefore (?:the (?:car |vehicle )?|it )?(?:even |actually )?(?:auction|sale|sells|sold|is sold|gets sold|goes to auction)\b/,
    'pre-sale',
  ],
  [/\b(hold|held|wait(ing)? period|freeze|pause|delay)\b/, 'holds remarketing hours'],
  [/\b(inventory|used car lot|for our lot|for stock|to resell|wholesale)\b/, 'inventory dealer purchase'],
  [/\b(remarket(ing)?|resale process|resell process)\b/, 'remarketing'],
  [/\b(who (do|should|can) (i|we)|whom|contact|call|phone|number|hotline|reach|talk to|speak to|help ?line)\b/, 'call contact'],
  [/\b(quote|quotes|payoff|pay-?off|prices?|pricing)\b/, 'quote quotes'],
  [/\b(resell(ing)? to the lessee|for the lessee|lessee (wants|wishes) to (buy|purchase|keep))\b/, 'purchase for lessee resale'],
  [/\b(account exec(utive)?|rep|representative|territory manager)\b/, 'account executive'],
  [/\b(states?|alaska|hawaii|south dakota)\b/, 'states'],
  // Far from a city, or an inspection slower than it should be: the non-metropolitan caveat.
  [farFromCity, 'non-metropolitan longer'],
];

/** Words after "what" that say nothing about the topic. */
const genericFocus: ReadonlySet<string> = new Set([
  'happens',
  'happen',
  'number',
  'phone',
  'time',
  'day',
  'next',
  'else',
  'exactly',
  'kind',
  'type',
  'if',
  "what's",
  'whats',
  'do',
  'be',
  'get',
  'have',
  'use',
  'say',
  'call',
  'tell',
]);

/** Verbs of handing something over: with Ally as who receives it, the question asks what a step requires. */
const handingVerbs: ReadonlySet<string> = new Set(['send', 'provide', 'give', 'submit', 'show', 'hand', 'bring']);

/** Words that carry no meaning for retrieval (kept short on purpose: "not" and "without" matter). */
export const stopWords: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'at',
  'for',
  'by',
  'it',
  'its',
  'is',
  'are',
  'was',
  'be',
  'been',
  'do',
  'does',
  'did',
  'i',
  'we',
  'you',
  'me',
  'my',
  'our',
  'your',
  'us',
  'they',
  'them',
  'he',
  'she',
  'this',
  'that',
  'these',
  'those',
  'what',
  'which',
  'who',
  'whom',
  'how',
  'when',
  'where',
  'why',
  'can',
  'could',
  'should',
  'would',
  'will',
  'shall',
  'may',
  'might',
  'must',
  'have',
  'has',
  'had',
  'if',
  'then',
  'so',
  'as',
  'with',
  'from',
  'into',
  'about',
  'there',
  'here',
  'any',
  'some',
  'get',
  'got',
  'just',
  'please',
  'thanks',
  'hi',
  'hello',
  'hey',
  'ok',
  'okay',
  'im',
  "i'm",
  "we're",
  'were',
  'also',
  'still',
  'need',
  'want',
  'know',
  'tell',
  'long',
  'much',
  'many',
  'one',
  'up',
  'out',
  'than',
  'too',
  'very',
  'yes',
  'no',
  'am',
  'all',
  'each',
  'own',
  'other',
  'such',
  'only',
  'same',
  'again',
]);

/**
 * Words that only make sense in a conversation about returning a leased vehicle to Ally. One of these
 * (or two of the weaker ones) is needed before the assistant answers at all: "what's the weather in
 * Hawaii?" names a state the process mentions but is not a process question.
 */
export const strongDomainTerms: readonly RegExp[] = [
  /\bavrm\b/,
  /\bally\b/,
  /\blessee\b/,
  /\blease\b/,
  /\bleased\b/,
  /\bodometer\b/,
  /\binspect/,
  /\bsmartauction\b/,
  /\bauction\b/,
  // A line of Ally's named by its number: "the 877 number", "option 2 on 877-290-9544".
  /\b(?:877|888|866)(?:-\d{3}-\d{4})?\b(?: number| line| #)?/,
  // "what's option 2 for": an option of Ally's line named alone.
  /\b(?:option|opt) [1-4]\b/,
  /\bbill of lading\b/,
  /\bproof of sale\b/,
  /\btransport/,
  /\bremarketing\b/,
  /\bbuyout\b/,
  /\bquotes?\b/,
  /\bfax/,
  /\bearly termination\b/,
  /\bnormal maturity\b/,
  /\bmaturity\b/,
  /\bsettlement letter\b/,
  /\bpre-?sale\b/,
  /\bdealer service center\b/,
  /\baccount executive\b/,
  /\bresale\b/,
  /\bturn-?in\b/,
  /\bturn(?:ed|ing|s)? in\b(?! (?:my|your|his|her|the) (?:homework|paper|report|timesheet))/,
  /\bpayoff\b/,
  /\bvehicle return\b/,
  /\bbuying dealer\b/,
];
export const weakDomainTerms: readonly RegExp[] = [
  /\breturn/,
  /\bcar\b/,
  /\bvehicle\b/,
  /\bdealer/,
  /\bpurchase/,
  /\bbuy/,
  /\bpickup\b/,
  /\brelease\b/,
  /\bsell/,
  /\bsale\b/,
  /\bletter\b/,
  /\binventory\b/,
  /\bkeys?\b/,
  /\bmileage\b/,
  /\bwear\b/,
  /\bdriver\b/,
  /\btruck\b/,
  /\bcontact\b/,
  /\bcall\b/,
  /\bnumber\b/,
  /\bhold\b/,
  /\bregister\b/,
  /\baccess\b/,
  /\bpassword\b/,
  /\bform\b/,
  /\bpaperwork\b/,
  /\bstatement\b/,
];

export interface NormalisedQuestion {
  /** Lower case, shorthand expanded: what fact extraction and intent patterns read. */
  readonly plain: string;
  /** The process words the question's phrases stand for (weighed less than the dealer's own words). */
  readonly added: string;
  /** `plain` and `added` together: what the intent patterns that tolerate synonyms read. */
  readonly query: string;
  /** The word a "what/which ..." question is about ("what proof ...", "which states ..."), weighed more. */
  readonly focus: string | undefined;
}

export function normaliseQuestion(question: string): NormalisedQuestion {
  const cleaned = question
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\bw\/o\b/g, ' without ')
    .replace(/\bw\//g, ' with ')
    .replace(/#/g, ' number ')
    .replace(/[^\p{L}\p{N}'\-./@:,?! ]+/gu, ' ');
  const plain = cleaned
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => {
      const bare = word.replace(/^[.,?!:]+|[.,?!:]+$/g, '');
      const replacement = shorthand[bare];
      return replacement === undefined ? word : word.replace(bare, replacement);
    })
    .join(' ');
  const added = expansions
    .filter(([pattern]) => pattern.test(plain))
    .map(([, words]) => words)
    .join(' ');
  const focusPatterns = [
    /\b(?:what|which)\s+(?:should|do|does|must|can|will|would)\s+(?:i|we|you|they)\s+(?:need to |have to |still )?([a-z-]+)/,
    /\b(?:what|which|whose)\s+(?:kinds? of |types? of |sorts? of )?(?:different |other |possible |available |all the )?([a-z-]+)/,
    /\b(?:do|does|will|would) (?:i|we|you|they|he|she|the \w+) (?:need|have) (?:to (?:have|show|get|keep|give) )?(?:a |an |the |any )?([a-z-]+)/,
    // "is there a calculator for early term returns": the thing asked for.
    /\b(?:is there|are there|do you have|does ally have|got) (?:a |an |any |some )?([a-z-]+)/,
    // "can they get a copy of the odometer form": the part of the thing asked for.
    /\b(?:get|have|keep|need|receive|want|give) (?:a|an|the) ([a-z-]+) of (?:the|their|his|her|my|our|a|an)\b/,
    // "when does the settlement letter go out", "her settlement letter": the letter named by its kind.
    /\b(?:the|her|his|their|a|an|my|our|your) ([a-z-]+) letters?\b/,
    // "when does the customer get their settlement letter": the thing they receive, named by its kind.
    /\b(?:get|gets|getting|receive|receives|receiving) (?:their|his|her|the) ([a-z-]+) (?:letter|form|statement|quote)s?\b/,
    // "ET settlement ltr when": a letter named by its kind with nothing before it.
    /\b([a-z-]+) letters?\b/,
  ];
  const found = focusPatterns
    .map((pattern) => pattern.exec(plain)?.[1])
    .find((word): word is string => word !== undefined && !stopWords.has(word) && !genericFocus.has(word));
  // A question whose real subject is a word the process uses for it: that word is searched and focused.
  const focus = askedAbout.find(([asks]) => asks(plain, found))?.[1];
  if (focus) return { plain, added: `${added} ${focus}`.trim(), query: `${plain} ${added} ${focus}`.trim(), focus };
  return { plain, added, query: `${plain} ${added}`.trim(), focus: found };
}

/** Whether the question asks what the dealer must do with the car for the inspector (the process: keep it accessible). */
export function asksHowToReadyForInspection(question: string): boolean {
  const { plain } = normaliseQuestion(question);
  return askedAbout.some(([asks, focus]) => focus === 'accessible' && asks(plain, undefined));
}

/**
 * Questions about something the process names with a word of its own, and that word: the focus of the
 * answer (`found` is the what/which focus read from the question, if any).
 */
const askedAbout: readonly (readonly [(plain: string, found: string | undefined) => boolean, string])[] = [
  // "What do we go through before deciding?": the process's steps "before choosing an option".
  [(plain) => /\bbefore (?:(?:we|i|they|you) )?(?:decid\w*|choos\w*|pick\w*|mak\w* (?:a|the) (?:decision|choice))\b/.test(plain), 'choosing'],
  // "What do we need to buy it for her?": what a purchase needs is what the process says it requires.
  [
    (plain, found) =>
      found !== undefined && /^(?:buy|purchase|resell|re-sell)$/.test(found) && /\bwhat (?:do|does|would|will) (?:we|i|you|the dealer) need\b/.test(plain),
    'requires',
  ],
  // "What do we have to send Ally?", "what paperwork does Ally need": what Ally is handed is what a step requires.
  [(plain, found) => found !== undefined && handingVerbs.has(found) && new RegExp(`\\b${found} (?:to )?ally\\b`).test(plain), 'requires'],
  // "What paperwork does Ally need", "what does Ally need to see / need from us" (not for the inspection).
  [
    (plain) =>
      /\b(?:paperwork|documents?|proof)\b.{0,20}\bally (?:need|needs|want|wants|require|requires)\b|\bally (?:need|needs|want|wants) to see\b/.test(plain) ||
      (/\bally (?:need|needs|want|wants|require\w*) from (?:us|me|them|him|her|the dealer(?:ship)?)\b/.test(plain) && !/\binspect/.test(plain)),
    'requires',
  ],
  // "Can we park it at our other lot until the inspector comes?", "park the returned cars behind the locked
  // fence?": where a returned car must be is "accessible" (the process's word, for the inspection).
  [
    (plain) =>
      /\b(?:inspect\w*|returned|turn-?ins?|lease (?:car|vehicle)s?|ally (?:car|vehicle)s?)\b/.test(plain) &&
      /\b(?:(?:can't|cannot|can not|couldn't) (?:get to|reach|access|find)|keep (?:it|the car|the vehicle) (?:on ?site|on the lot|here|at the (?:store|dealership))|on ?site|park(?:ed|ing)?|mov(?:e|ed|ing) (?:it|them|the cars?|the vehicles?)|storage|stor(?:e|ing) (?:it|them|the cars?|the vehicles?)|off-?site|(?:another|other|back|overflow) lot|somewhere else|across town|(?:at|in) (?:our|the|a) (?:body shop|other store|other location|detail shop|sister store)|(?:any|some) ?(?:where|place) (?:special|particular|specific|certain)|(?:certain|particular|special|specific) (?:place|spot)|locked|fence|gated|test ?drive|loan(?:ed|er)? (?:it )?out|off (?:the|our) lot|not (?:on the lot|here)|(?:in|on) the showroom(?: floor)?|out back|in (?:the )?back|service (?:drive|lane|bay)|(?:the )?garage)\b/.test(
        plain,
      ),
    'accessible',
  ],
  // "Turning it in 4 months early, anything different we need to do?": for an ET, the steps before choosing an option.
  [
    (plain) =>
      weighsBuyingEarly.test(plain) &&
      /\b(?:early|et|before (?:the )?(?:lease|maturity|end|term)|(?:from|until|till|til) (?:the )?(?:maturity|end of (?:the )?(?:lease|term))|ahead of)\b/.test(
        plain,
      ),
    'choosing',
  ],
  // "What does the inspector need from us?", "inspector coming this week, anything we need to do": the process
  // asks the dealer to keep the car accessible.
  [
    (plain) =>
      /\binspect\w*\b.{0,40}\b(?:needs?|wants?|expects?|requires?) (?:from|of) (?:us|me|the dealer(?:ship)?)\b|\binspect\w*\b.{0,40}\b(?:needs?|wants?|expects?|requires?) (?:us|me|the dealer(?:ship)?) to (?:do|have|prepare|get)\b|\bwhat (?:do|should|must) (?:we|i) (?:need to |have to )?(?:do|prepare|have ready)\b.{0,30}\binspect|\binspect\w*\b.{0,60}\bwhat (?:do|should|must) (?:we|i) (?:need to |have to )?(?:do|prepare|have ready|get ready)\b/.test(
        plain,
      ) ||
      (/\binspect/.test(plain) &&
        /\b(?:anything|something|what)\b.{0,12}\b(?:we|i|they|he|she|the dealer(?:ship)?|the store)\s+(?:need|needs|have|has|should|must|got|gotta|ought|oughta|are supposed|am supposed|is supposed)\s*(?:to\s+|2\s+)?(?:be\s+)?(?:do|doing|prepare|preparing|have ready|get(?:ting)? (?:it |the car |the vehicle )?ready)\b|\b(?:we|i|they|he|she|the dealer(?:ship)?|the store)\s+(?:need|needs|have|has|should|must|gotta|got) to (?:do|prepare|have ready|get ready)(?: (?:anything|something))?\b|\b(?:prepare|get(?:ting)? (?:it |the car |the vehicle )?ready|have (?:it|the car|the vehicle) ready)\b/.test(
          plain,
        )),
    'accessible',
  ],
  // "Does the inspection happen here at the store or do we take the car somewhere?": the inspector visits the dealership.
  [
    (plain) =>
      /\binspect/.test(plain) &&
      /\b(?:where (?:does|do|is|will|would) (?:the |an? )?inspect\w* (?:happen|take place|get done|be done|done|go)|here at|at (?:the|our) (?:store|dealership|lot|dealer)|on ?site|(?:take|bring|drive) (?:it|the car|the vehicle) (?:somewhere|anywhere|to (?:them|an? inspect\w*|the inspect\w*)))\b/.test(
        plain,
      ),
    'visit dealership',
  ],
  // "If we buy it to resell to her, what do we have to prove?": what the purchase requires.
  [
    (plain) =>
      /\bwhat (?:do|does|would|will|should) (?:we|i|the dealer) (?:have|need) to (?:prove|show|provide|keep)\b|\bwhat (?:paperwork|papers|documents?|proof) (?:do|does|should|must) (?:we|i) (?:have to |need to )?(?:keep|hold|provide|show)\b/.test(
        plain,
      ) && /\b(?:resell|re-sell|resale|lessee|purchase)\b/.test(plain),
    'requires',
  ],
  // "Who signs the odometer statement, us or the lessee?": the form's respective portions and where the lessee signs.
  [(plain) => /\bwho (?:signs|has to sign|needs to sign|should sign|fills (?:it )?(?:out|in)|completes)\b/.test(plain), 'indicated portions'],
  // ("what is the ally inspector actually looking at": what the inspector inspects the vehicle for.)
  [
    (plain) =>
      /\bwhat (?:is|does|will|do) (?:the |an? |ally'?s? |their )*(?:3rd party |third[- ]party )?inspectors? (?:actually |really |even )?(?:look(?:ing)? (?:at|for)|check(?:ing)?(?: for)?|inspect(?:ing)?|grad(?:e|ing))\b/.test(
        plain,
      ),
    'excess wear condition',
  ],
  // "Who decides what counts as excess wear?": the 3rd party inspector who inspects the vehicle for it.
  [
    (plain) =>
      /\bwho (?:decides|determines|checks|assesses|judges|looks at|rates|grades)\b/.test(plain) &&
      /\b(?:wear|damage|dents?|dings?|condition|scratch\w*)\b/.test(plain),
    'inspector',
  ],
  // "The lessee lost their copy of the odometer statement, how do they get another?": AVRM generates it.
  [(plain) => /\b(?:another|new|replacement|second|extra) (?:copy|one|odometer)\b|\breprint\b|\blost (?:their|the|his|her|our) copy\b/.test(plain), 'generate'],
  // "Does he have to pull the car up front for the inspector?": where the car must be is "accessible".
  [
    (plain) =>
      /\binspect/.test(plain) &&
      /\baccessible\b|\b(?:pull|bring|move|drive|park|put|keep|leave) (?:it|the car|the vehicle|the unit) (?:up(?! (?:on|for) (?:smart ?auction|the auction|auction|sale))|around|out|to the front|inside|in(?:doors| the shop| the service (?:drive|bay|lane)| the showroom)?|somewhere|anywhere)|\bup front\b|\b(?:needs?|need to have|wants?) (?:one of us|someone|somebody|anyone|us|a person|staff|a salesperson|a porter)(?: from (?:the|our) (?:store|dealership))? (?:there|present|around|on hand|with (?:him|her|them))|\b(?:do|does|should|must) (?:we|i|someone|somebody|one of us|anyone) (?:need to|have to|gotta|got to) be (?:there|present|around|on hand)|\b(?:has|have|needs?) to be (?:there|present|around) for the inspection|\b(?:have|keep|leave|make) (?:the car|it|the vehicle) available\b|\bjust show up\b/.test(
        plain,
      ),
    'accessible',
  ],
  // "Will the customer be billed for the curb rash?": what the lessee is charged for is the excess wear the letter shows.
  // ("is she gonna get a bill for going over on miles?": miles over the lease, charged, are the excess mileage the letter shows.)
  [
    (plain) =>
      /\b(?:billed|charged|pay|owe|a bill|the bill|(?:on|onto) (?:the |her |his |their |a )?(?:lessee'?s? |customer'?s? )?(?:bill|invoice|statement|letter))\b/.test(
        plain,
      ) && /\b(?:over (?:on )?(?:the )?(?:miles|mileage)|extra miles|too many miles|excess miles|mileage overage|miles over)\b/.test(plain),
    'excess mileage',
  ],
  // ("the rear bumper is cracked, will that end up on the lessee's bill": damage that ends up on a bill is charged too.)
  [
    (plain) =>
      /\b(?:billed|charged|pay|owe|(?:on|onto) (?:the |her |his |their |a )?(?:lessee'?s? |customer'?s? )?(?:bill|invoice|statement|letter))\b/.test(plain) &&
      /\b(?:damage\w*|dents?|dinged|dings?|scratch\w*|rash|wear|chips?|chipped|stains?|crack\w*|broken|bumper|windshield|tires?)\b/.test(plain),
    'excess wear',
  ],
  // "What part does the customer do / fill out?": the process's "respective portions" of the form.
  [(plain) => /\b(?:what|which) (?:part|parts|portion|portions|section|sections|bit|half|side)\b/.test(plain), 'portions'],
  // "If we buy it to resell to the lessee, what documentation are we on the hook for?", "what do I keep in the deal
  // jacket when we sell it right back to her": the papers a purchase for the lessee needs are what it requires.
  [
    (plain) =>
      /\b(?:documentation|documents?|paperwork|papers|proof|deal jacket|records?|on the hook|anything showing|something showing)\b/.test(plain) &&
      /\b(?:resell|re-sell|resale|resold|sell (?:it |the car )?(?:right )?back|flip (?:it )?(?:right )?back|(?:for|to) (?:the |her |him )?(?:lessee|customer))\b/.test(
        plain,
      ) &&
      !/\binventory\b/.test(plain),
    'requires',
  ],
  // "Do we keep it or does she get one too?", "does the dealer owe them any paperwork before they walk out": what the
  // lessee leaves with is a copy of the signed odometer statement.
  [
    (plain) =>
      /\b(?:does|do|should|will|is) (?:she|he|they|the (?:lessee|customer|client)) (?:get|take|keep|receive|leave with|walk out with|supposed to (?:get|leave with|take))\b|\bget (?:one|a copy) too\b|\bowe (?:them|her|him|the (?:lessee|customer|client))\b|\b(?:leave|leaves|walk out|walks out|go home|goes home) with\b/.test(
        plain,
      ) &&
      !/\b(?:driver|trucker|transporter|buyer|buying dealer)\b/.test(plain) &&
      // What the lessee gets by mail (a letter, a bill, what they owe for miles) is another question.
      !/\b(?:letters?|mail\w*|bill(?:ed|s)?|settlement|pre-?sale|charged?|charges|miles|mileage|quotes?|refund\w*|money|owes?|final|figures|numbers|amounts?|balance|tally)\b(?! (?:them|her|him|the (?:lessee|customer|client)) (?:any )?(?:paper|papers|paperwork|copy|form|document))/.test(
        plain,
      ),
    'copy',
  ],
  // "When does Ally need proof of resale?": what a Dealer Purchase for Lessee requires.
  [(plain) => /\bproof of resale\b/.test(plain) && !/\binventory\b/.test(plain), 'requires'],
  // "What prices can I pull": the process calls them quotes.
  [(_plain, found) => found === 'prices' || found === 'price' || found === 'pricing', 'quotes'],
  // "Before the auction, does Ally send the lessee anything?": what comes before the sale is the pre-sale letter.
  [
    (plain) =>
      /\bbefore (?:the |it )?(?:(?:car|vehicle|unit) )?(?:auction|sale|sells|is sold|gets sold|goes to auction)\b/.test(plain) &&
      !/\bsettlement\b/.test(plain) &&
      /\b(?:send|sends|sent|mail|mails|mailed|letters?|anything|something|notice)\b/.test(plain),
    'pre-sale',
  ],
  // "The final letter showing what they owe": the settlement letter.
  [
    (plain) => /\bfinal (?:letter|bill|statement|notice|numbers|figures|amount|tally|balance|breakdown|charges|paperwork|papers|invoice)\b/.test(plain),
    'settlement',
  ],
  // "Is there a tool to compare our options?": the process's Vehicle Return Option Calculator.
  [(plain, found) => found === 'tool' || found === 'tools' || /\b(?:a|any|some) (?:tool|worksheet)\b|\bcalculat(?:or|ors|e)\b/.test(plain), 'calculator'],
  // ("She's turning it in 3 months before the lease ends, anything we should run first?": what to do about an early return
  // before choosing is the ET evaluation and its calculator.)
  [
    (plain) =>
      /\b(?:early|before (?:the |her |his |their |its )?(?:lease|maturity|term|contract)|months? (?:before|early|ahead|left)|ahead of (?:maturity|schedule|time))\b/.test(
        plain,
      ) &&
      /\b(?:(?:do|run|check|look at|pull|use|review|figure out) (?:first|beforehand|before (?:we|i|deciding|choosing))|(?:anything|something) (?:we|i) (?:should|need to|have to|gotta|must) (?:do|run|check|look at|use|review)|what (?:should|do|must) (?:we|i) (?:do|run|check|use|look at|review) (?:first|before))\b/.test(
        plain,
      ),
    'calculator',
  ],
  // ("Lessee wants to keep it and we'll resell it to her, what do we need?": what a Dealer Purchase for Lessee requires is the proof of resale.)
  [
    (plain) =>
      /\b(?:what (?:do|does|would|will|else do) (?:we|i|they|you|ally|the dealer|the store) (?:need|require)|(?:need|needs|have|has) to (?:show|provide|prove|send|give|submit|keep)|(?:need|needs|have|has) to do (?:anything|something)|require\w*|documentation|docs|paperwork|on our end|from us)\b/.test(
        plain,
      ) &&
      /\b(?:re-?sell\w*|resale|sell (?:it )?(?:back )?to (?:her|him|them|the (?:lessee|customer))|(?:lessee|customer|she|he|they) (?:wants to |would like to |is going to |will )?keep|purchase for (?:the )?lessee|for the lessee)\b/.test(
        plain,
      ),
    'proof of resale',
  ],
  // ("Is there something that shows whether turning it in early beats paying it off?": a way to compare the options is the calculator.)
  [
    (plain) =>
      /\b(?:something|anything|a way|a tool|a sheet)\b.{0,15}\b(?:shows?|compares?|tells?|figures?|helps?|works? out)\b/.test(plain) &&
      /\b(?:better|worse|compare|comparing|versus|vs|options?|cheaper|makes? (?:more )?sense|pay(?:ing)? (?:it )?off|early)\b/.test(plain),
    'calculator',
  ],
  // ("does the customer have to sign anything when they bring the lease back": what the lessee signs is the odometer statement.)
  [
    (plain) =>
      /\b(?:sign|signs|signing|signature)\b/.test(plain) &&
      /\b(?:customer|lessee|they|she|he)\b/.test(plain) &&
      !/\b(?:form|fax|avrm|inspection|purchase|quote)\b/.test(plain),
    'signed',
  ],
  // ("for the inspector, do we need to have the car detailed or anything": getting ready for the inspection is keeping the car accessible.)
  [
    (plain) =>
      /\binspect/.test(plain) &&
      /\b(?:detail\w*|clean\w*|wash\w*|prep\w*|get (?:it|the car|the vehicle) ready|(?:need|have|supposed) to (?:do|have|get) (?:anything|something)|anything (?:we|i) (?:need|have|should|gotta|must|got) (?:to )?do|or anything)\b/.test(
        plain,
      ),
    'accessible',
  ],
  // "Is there a chart that says if it counts as early?": the Quick Reference Guide (Quote Matrix).
  [(plain) => /\b(?:chart|table|grid|matrix|cheat ?sheet|reference|guide)\b/.test(plain) && !/\bcalculat/.test(plain), 'reference guide'],
];

/** A very small stemmer, applied to the index and the query alike, so "inspections" meets "inspection". */
export function stem(term: string): string {
  let word = term.toLowerCase().replace(/'s$/, '');
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) word = `${word.slice(0, -3)}y`;
  else if (word.endsWith('ing') && word.length > 5) word = word.slice(0, -3);
  else if (word.endsWith('ed') && word.length > 4) word = word.slice(0, -2);
  else if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) word = word.slice(0, -1);
  if (word.endsWith('e') && word.length > 4) word = word.slice(0, -1);
  return word;
}

export function isInDomain(plain: string): boolean {
  const strong = strongDomainTerms.some((pattern) => pattern.test(plain));
  if (strong) return true;
  return weakDomainTerms.filter((pattern) => pattern.test(plain)).length >= 2;
}
