/** The understanding layer: one interpretation of a message, read by every surface. */
export { asksForAPerson, interpretMessage } from './interpret-message.ts';
export {
  interpretationContextSchema,
  interpretationSchema,
  statedFactsSchema,
  topicSchema,
  wantSchema,
  type Interpretation,
  type InterpretationContext,
  type Navigation,
  type SmallTalk,
  type StatedFactName,
  type StatedFacts,
  type Task,
  type Topic,
  type Want,
} from './interpretation.ts';
export { framingTopics, impliedTopics, notAuctionEligible, splitReferencePoints, topicContacts, topicSearchWords, topicSections } from './topics.ts';
