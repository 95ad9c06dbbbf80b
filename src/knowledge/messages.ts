import type { SmallTalk } from '../understanding/index.ts';

/**
 * Every sentence the answerer writes itself (as opposed to quoting a process passage) lives here.
 * None of them contains a number: numbers only ever come from the process sections, the contact
 * directory or a rule decision, so that the checker can trace each one to its source.
 */
export const messages = {
  outOfScope: (dealerServiceCenter: string): string =>
    'I can only help with returning a leased vehicle to Ally: notifying Ally (AVRM or fax), quotes and dealer purchases, ' +
    'inspections, SmartAuction, the letters Ally mails to the lessee and releasing the vehicle at pickup. ' +
    `For anything else, call the Ally Dealer Service Center at ${dealerServiceCenter}.`,
  /**
   * A greeting, thanks or goodbye sent on its own ("thanks!", "hi there"): a short reply before what can be asked,
   * instead of the refusal alone (the chat and SMS dialogs answer it the same way).
   */
  smallTalk: {
    greeting: 'Hi!',
    thanks: "You're welcome.",
    goodbye: 'Bye for now.',
    acknowledgement: 'OK.',
  } satisfies Record<SmallTalk, string>,
  /** The one line an answer resting on facts starts with: which facts it used ("For a dealer purchase in Hawaii:"). */
  factsUsed: (parts: readonly string[]): string => `For ${parts.join(', ')}:`,
  factLabels: {
    intent: {
      lesseeReturn: 'a lessee return',
      dealerPurchaseForLessee: 'a dealer purchase for the lessee',
      dealerPurchaseForInventory: 'a dealer purchase for inventory',
    },
    dealerPurchase: 'a dealer purchase',
    noDealerPurchase: 'a return the dealer is not buying',
    state: (name: string): string => `in ${name}`,
    avrm: (has: boolean): string => (has ? 'with AVRM access' : 'without AVRM access'),
    pickup: (by: 'buyingDealer' | 'transporter'): string => (by === 'transporter' ? 'a transporter pickup' : 'a buying dealer pickup'),
    document: (name: 'Bill of Lading' | 'proof of sale', has: boolean): string =>
      `${has ? 'with' : 'without'} ${name === 'Bill of Lading' ? 'a Bill of Lading' : 'proof of sale'}`,
    unsold: 'a car that did not sell',
    sold: 'a car that sold',
    aReturn: 'a return',
  },
  /** LLM mode: the model read a fact otherwise than the words did; the answer goes by the words and asks. */
  confirmFact: (field: string, words: string): string =>
    `Please confirm the ${field}: this answer goes by "${words}" in your message, which could be read another way.`,
  /** The facts a dealer may be asked to confirm, as the dealer would name them. */
  factNames: {
    state: 'state',
    maturityDate: 'maturity date',
    returnDate: 'return date',
    intent: 'kind of return',
    dealerWantsToPurchase: 'dealer purchase',
    lesseeWantsToPurchase: "lessee's wish to keep the car",
    hasAvrmAccess: 'AVRM access',
    vin: 'VIN',
    vinSuffix: 'VIN',
    pickupBy: 'party picking up the car',
    proofOfSale: 'proof of sale',
    billOfLading: 'Bill of Lading',
    sold: 'sale on SmartAuction',
  },
  callContact: (name: string, reach: string): string => `${name}: ${reach}.`,
  /** The next-steps answer's close: the later stages by their section titles. */
  thenSteps: (stages: string): string => `Then Ally takes over: ${stages}.`,
  withoutAvrmFax: 'Without AVRM access, fax the signed odometer form instead.',
  withoutAvrmFaxLead: 'Without AVRM access:',
  contactPerson: (name: string): string => `Contact ${name.replace(/^Your /, 'your ')}.`,
  faxBoth: (leaseReturnFax: string, dealerPurchaseFax: string): string =>
    `Fax the signed Ally SmartLease Odometer Statement/Third Party Inspection form to ${leaseReturnFax} for lease returns, or to ${dealerPurchaseFax} for dealer purchases.`,
  faxOne: (fax: string, forWhat: 'lease return' | 'dealer purchase'): string =>
    `For a ${forWhat}, fax the signed Ally SmartLease Odometer Statement/Third Party Inspection form to ${fax}.`,
  titleWindow: (title: string): string => {
    const match = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(title);
    return match ? `${match[1] ?? title}: ${match[2] ?? ''}.` : `${title}.`;
  },
  decision: {
    inspectionNotOffered: (stateLabel: string): string => `No. Third-party inspections are not offered in ${stateLabel}.`,
    inspectionOffered: (stateLabel: string): string => `Yes, third-party inspections are offered in ${stateLabel}.`,
    releaseAllowed: (by: 'buyingDealer' | 'transporter'): string =>
      by === 'transporter'
        ? 'Yes, you can release the vehicle: the transporter has given you a copy of the Bill of Lading.'
        : 'Yes, you can release the vehicle: the buying dealer has shown proof of sale.',
    releaseRefused: (missing: 'proofOfSale' | 'billOfLading'): string =>
      missing === 'billOfLading'
        ? 'No. Do not release the vehicle until the transporter gives you a copy of the Bill of Lading.'
        : 'No. Do not release the vehicle until the buying dealer shows proof of sale.',
    wrongDocument: (by: 'buyingDealer' | 'transporter'): string =>
      by === 'buyingDealer'
        ? "A Bill of Lading is the transporter's document; a buying dealer must show proof of sale."
        : "Proof of sale is the buying dealer's document; a transporter must give a copy of the Bill of Lading.",
    quote: (
      intent: 'lesseeReturn' | 'dealerPurchaseForInventory' | 'dealerPurchaseForLessee',
      isReturnQuote: boolean,
      requiresProofOfResale: boolean,
      asked: 'returnQuote' | 'proofOfResale' = 'returnQuote',
    ): string => {
      const name = {
        lesseeReturn: 'a Lessee Return',
        dealerPurchaseForInventory: 'a Dealer Purchase for Inventory',
        dealerPurchaseForLessee: 'a Dealer Purchase for Lessee',
      }[intent];
      const resale = requiresProofOfResale ? ' and requires proof of resale to the lessee' : ' and needs no proof of resale';
      if (asked === 'proofOfResale') {
        const kind = isReturnQuote ? 'is a return quote' : 'is not a return quote';
        return requiresProofOfResale
          ? `Yes; ${name} requires proof of resale to the lessee and ${kind}.`
          : `No; ${name} needs no proof of resale and ${kind} (only a Dealer Purchase for Lessee requires proof of resale).`;
      }
      return isReturnQuote ? `Yes; ${name} is a return quote${resale}.` : `No; ${name} is not a return quote${resale}.`;
    },
    notifyInAvrm: 'With AVRM access, notify Ally of the return in AVRM; it is also used to generate the Odometer Statement for the lessee to sign.',
    remarketingHold: (hours: number): string =>
      `Ally delays the remarketing process for ${hours} hours after it is notified of a dealer purchase, to allow the purchasing process to be finalized.`,
    remarketingImmediately: 'For a lessee return, Ally begins remarketing the vehicle immediately; there is no hold.',
    earlyTermination:
      'Yes, that is an early termination (ET): the vehicle comes back before its scheduled maturity date. Before choosing an option, read Ally\'s "Steps for Evaluating Lease ET Vehicle Return Options" and use the Vehicle Return Option Calculator.',
    normalMaturity: 'No, that is a normal maturity (NM), not an early termination: the vehicle is not returned before its scheduled maturity date.',
    questions: (name: string, reach: string): string => `Questions: ${name}, ${reach}.`,
  },
} as const;
