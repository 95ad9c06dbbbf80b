/**
 * Every dialog and prompt id, in one place: ids are saved in conversation state, so renaming one is a
 * state-version change (see bots/conversation-state-version.ts).
 */
export const MAIN_MENU_DIALOG = 'mainMenu';
export const RETURN_WALKTHROUGH_DIALOG = 'returnWalkthrough';
export const RELEASE_CHECK_DIALOG = 'releaseCheck';
export const CONTACTS_DIALOG = 'contacts';
export const STATUS_CHECK_DIALOG = 'statusCheck';
export const ASK_QUESTION_DIALOG = 'askQuestion';
export const LINK_DEALER_DIALOG = 'linkDealer';

export const MAIN_MENU_WATERFALL = 'mainMenu.steps';
export const RETURN_WALKTHROUGH_WATERFALL = 'returnWalkthrough.steps';
export const RELEASE_CHECK_WATERFALL = 'releaseCheck.steps';
export const CONTACTS_WATERFALL = 'contacts.steps';
export const STATUS_CHECK_WATERFALL = 'statusCheck.steps';
export const ASK_QUESTION_WATERFALL = 'askQuestion.steps';
export const LINK_DEALER_WATERFALL = 'linkDealer.steps';
export const LINK_CODE_WATERFALL = 'linkDealer.code';
export const OPEN_CASE_WATERFALL = 'returnWalkthrough.openCase';

export const MENU_PROMPT = 'prompt.menu';
export const STATE_PROMPT = 'prompt.state';
export const MATURITY_DATE_PROMPT = 'prompt.maturityDate';
export const RETURN_DATE_PROMPT = 'prompt.returnDate';
export const INTENT_PROMPT = 'prompt.intent';
export const AVRM_PROMPT = 'prompt.avrmAccess';
export const VIN_PROMPT = 'prompt.vin';
export const PICKUP_PARTY_PROMPT = 'prompt.pickupParty';
export const PICKUP_DOCUMENT_PROMPT = 'prompt.pickupDocument';
export const CONTACT_TOPIC_PROMPT = 'prompt.contactTopic';
export const STATUS_VIN_PROMPT = 'prompt.statusVin';
export const QUESTION_PROMPT = 'prompt.question';
export const LINK_PHONE_PROMPT = 'prompt.linkPhone';
export const LINK_CODE_PROMPT = 'prompt.linkCode';
export const OPEN_CASE_PROMPT = 'prompt.openCase';
