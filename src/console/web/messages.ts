import type { Intent, TimelineStatus } from './api-types.ts';

/**
 * Every sentence the console shows that isn't data from the API lives here. Phone and fax numbers never
 * do: they come from the decision (rules/contacts.json), so a number changes in one place.
 */
export const terminationLabels = {
  ET: 'Early termination',
  NM: 'Normal maturity',
} as const satisfies Record<'ET' | 'NM', string>;

export const intentLabels = {
  lesseeReturn: 'Lessee return',
  dealerPurchaseForInventory: 'Dealer purchase for inventory',
  dealerPurchaseForLessee: 'Dealer purchase for lessee',
} as const satisfies Record<Intent, string>;

export const quoteLabels: Record<string, string> = {
  purchaseForLessee: 'Purchase for lessee',
  dealerPurchaseForInventory: 'Dealer purchase for inventory',
  lesseeReturn: 'Lessee return',
};

export const statusLabels = {
  done: 'Done',
  due: 'Due',
  overdue: 'Overdue',
  waiting: 'Waiting',
  notApplicable: 'Not applicable',
} as const satisfies Record<TimelineStatus, string>;

export const stageLabels: Record<string, string> = {
  returned: 'Returned',
  notified: 'Ally notified',
  inspected: 'Inspected',
  postedToSmartAuction: 'On SmartAuction',
  sold: 'Sold, awaiting pickup',
  notSold: 'Not sold, awaiting transporter',
  pickedUp: 'Picked up',
  purchaseCompleted: 'Bought by the dealer, case closed',
};

/** The event types the API's state machine accepts, in process order. */
export const eventTypes = [
  ['notified', 'Ally notified'],
  ['purchaseCompleted', 'Dealer purchase completed'],
  ['inspected', 'Inspected'],
  ['etPreSaleLetterMailed', 'ET pre-sale letter mailed'],
  ['postedToSmartAuction', 'Posted to SmartAuction'],
  ['sold', 'Sold on SmartAuction'],
  ['notSold', 'Not sold on SmartAuction'],
  ['settlementLetterMailed', 'Settlement letter mailed'],
  ['pickedUp', 'Picked up'],
] as const;
export type EventType = (typeof eventTypes)[number][0];

export const pickupPartyLabels: Record<string, string> = {
  buyingDealer: 'Buying dealer',
  transporter: 'Transporter',
};

export const documentLabels: Record<string, string> = {
  proofOfSale: 'Proof of sale',
  billOfLading: 'Bill of Lading',
  none: 'No document',
};

export const text = {
  searchEmpty: 'Type the full VIN or at least its last 6 characters, then press Enter.',
  searchSuffixLetters: 'A VIN never contains the letters I, O or Q, and has only letters and digits.',
  searchTooShort: (length: number): string =>
    `A VIN has 17 characters; this one has ${length}. To search by the end of a VIN, give at least its last 6 characters.`,
  searching: (query: string): string => `Searching for ${query}…`,
  found: (vin: string, dealer: string): string => `Case ${vin} for ${dealer} is open below.`,
  notFound: (query: string): string => `No case found for ${query}. For a caller with no case yet, use the What if form.`,
  caseEmpty: 'Search a VIN to see its case: the decision and why, the timeline, and the numbers to give the dealer.',
  giveTheDealer: 'Give the dealer',
  numberReasons: {
    remarketingCenter: 'Remarketing questions after a lessee return',
    remarketingCenterState: (stateName: string): string => `No third-party inspections in ${stateName}: the Remarketing Center helps instead`,
    dealerBuyout: 'Dealer purchase and the remarketing hold',
    transportation: 'Pickup and transport questions',
    dealerServiceCenter: 'Quotes and notifying Ally without AVRM',
    fax: 'Fax the signed odometer statement / inspection form (no AVRM)',
  },
  option: (option: number): string => `option ${option}`,
  returnQuote: 'Return quote',
  notReturnQuote: 'Not a return quote',
  proofOfResale: 'Proof of resale to the lessee required',
  noProofOfResale: 'No proof of resale needed',
  hold: (hours: number): string => `Remarketing held ${hours} hours so the purchase can be finalized`,
  holdEnds: (when: string, ended: boolean): string => (ended ? `hold ended ${when}` : `hold ends ${when}`),
  holdStartsWhenNotified: 'the hold starts when Ally is notified',
  startsNow: 'Remarketing starts immediately',
  viaAvrm: 'In AVRM (Ally Vehicle Return Manager)',
  viaFax: (fax: string): string => `By fax to ${fax} — the dealer has no AVRM access`,
  inspectionAvailable: 'A third-party inspector visits the dealership; keep the vehicle accessible',
  inspectionUnavailable: (stateName: string): string => `Not available in ${stateName}`,
  callForInspection: 'Call',
  etPreSaleLetter: 'ET pre-sale letter to the lessee after the inspection',
  etPreSaleLetterNoInspection: 'ET pre-sale letter to the lessee (the process ties it to the inspection, not offered here, and does not say what it follows)',
  settlementLetter: 'settlement letter to the lessee',
  noEtPreSaleLetter: 'No ET pre-sale letter',
  settlementAfterSale: 'settlement letter only after the auction sale',
  settlementNotTiedToSale: 'settlement letter not held for an auction sale',
  releaseGeneral: ['Buying dealer: release only against proof of sale.', 'Transporter: release only against the Bill of Lading.'],
  releaseAllowed: 'Release allowed: the required document was shown.',
  releaseRefused: (document: string): string => `Do not release: the ${document} has not been shown.`,
  daysBeforeMaturity: (days: number): string =>
    days > 0
      ? `returned ${days} day${days === 1 ? '' : 's'} before maturity`
      : days === 0
        ? 'returned on the maturity date'
        : `returned ${-days} day${days === -1 ? '' : 's'} after maturity`,
  eventRecorded: (label: string): string => `Recorded: ${label}.`,
  eventRefused: 'Not recorded',
  tokenNeeded: 'This server needs an API token. Enter it once; it is kept only for this browser tab session.',
  tokenRejected: 'That API token was not accepted (401). Check the token and try again.',
  tokenExpired: 'The API token was refused (401). Enter the token again.',
  tokenAccepted: 'Token accepted.',
  networkError: 'The server did not answer. Check that it is running, then try again.',
  serviceMissing: (what: string): string => `${what} is not available on this server yet.`,
  outOfScope: 'Outside the lease-return process: nothing to look up.',
  whatIfNothingStored: 'Runs the rules only; nothing is stored.',
  askUseCase: "Use the open case's facts",
} as const;

/**
 * How the API's field codes read in a sentence: "at is in the future." is shown as "The event time is
 * in the future." (error-text.ts does the rewording).
 */
export const fieldNames: Record<string, string> = {
  at: 'The event time',
  by: 'Who picked the vehicle up',
  document: 'The document seen',
  type: 'The event',
  note: 'The note',
  text: 'The note',
  vin: 'The VIN',
  q: 'The search',
  state: 'The state',
  dealerId: 'The dealer',
  returnDate: 'The return date',
  maturityDate: 'The maturity date',
  intent: 'The kind of return',
  hasAvrmAccess: 'AVRM access',
  question: 'The question',
  pickup: 'The pickup',
};

/** The phone-center parts of the console (issue 15): search, queues, notes, copy buttons, who did what. */
export const phoneCenterText = {
  searchHint: 'Full VIN or its last 6+, dealer name, or phone',
  searchTooShortName: 'Type at least 2 characters of a dealer name, or a VIN (its last 6+ characters), or a phone number.',
  noMatch: (query: string): string =>
    `No case found for "${query}". Search takes a full VIN or its last 6+ characters, a dealer name or a dealer phone. For a caller with no case yet, use the What if form.`,
  matches: (count: number, query: string): string => `${count} cases match "${query}": pick one below (Enter opens it).`,
  resultsHeading: 'Cases found',
  queuesHeading: 'Queues',
  queueEmpty: 'Nothing here.',
  queueMore: (shown: number, count: number): string => `Showing the first ${shown} of ${count}.`,
  queuesFailed: 'The queues could not be loaded:',
  dueBy: (when: string): string => `due ${when}`,
  overdueSince: (when: string): string => `overdue since ${when}`,
  holdEnds: (when: string): string => `hold ends ${when}`,
  closed: 'closed',
  notesHeading: 'Call notes',
  noNotes: 'No call notes yet.',
  noteLabel: 'Add a call note',
  noteSubmit: 'Save note',
  noteSaved: 'Note saved.',
  noteRefused: 'Note not saved',
  noteEmpty: 'Type the note first.',
  copy: 'Copy',
  copied: 'Copied',
  copyLabel: (what: string): string => `Copy ${what}`,
  copyFailed: 'Could not copy: select the text and copy it by hand.',
  noMoreEvents: 'This case takes no more events: everything the process expects has been recorded, or it is closed.',
  eventTime: (zone: string): string => `When (dealer's time${zone ? `, ${zone}` : ''})`,
  recordedBy: (who: string, when: string): string => `recorded by ${who}, ${when}`,
  openedBy: (who: string, when: string): string => `Opened by ${who}, ${when}`,
  notRecordedWho: 'recorded before the audit trail',
  useAgentToken: 'Use an agent token',
  agentTokenPrompt: 'Enter your agent token (npm run --silent cli -- agents add) so what you record carries your name; it is kept only for this browser tab.',
} as const;
