import type { Intent } from '../../domain/decision-request.ts';
import type { Decision } from '../../domain/decision.ts';
import type { ActorRef, CaseNote } from './phone-center-types.ts';

/** Shapes the console reads from the API. Type-only imports: nothing from the server lands in the bundle. */
export type { Decision, Intent };

export interface ApiErrorBody {
  code: string;
  message: string;
  field: string | null;
}

export type TimelineStatus = 'done' | 'due' | 'overdue' | 'waiting' | 'notApplicable';

export interface TimelineStep {
  step: string;
  label: string;
  expectedFrom?: string | null;
  expectedBy?: string | null;
  status: TimelineStatus;
  doneAt?: string | null;
  note?: string | null;
}

export interface CaseEvent {
  type: string;
  at: string;
  note?: string | null;
  by?: string | null;
  document?: string | null;
  /** Who recorded it and when (issue 15's audit trail); null before it existed. */
  recordedBy?: ActorRef | null;
  recordedAt?: string;
}

export interface CaseDealer {
  id: string;
  name: string;
  state: string;
  phones?: string[];
}

export interface ReturnCase {
  vin: string;
  dealerId: string;
  dealer?: CaseDealer;
  state: string;
  maturityDate: string;
  returnDate: string;
  intent: Intent;
  hasAvrmAccess: boolean;
  stage: string;
  /** The dealership's IANA time zone, in which the timeline's days are counted. */
  timeZone?: string;
  status?: 'open' | 'closed';
  openedAt?: string;
  nextStep?: TimelineStep | null;
  /** End of a dealer purchase's 72-hour hold, counted from the notification (null without one). */
  holdEndsAt?: string | null;
  /** The decision's steps that still apply at the case's stage. */
  nextSteps?: string[];
  overdue?: boolean;
  events: CaseEvent[];
  decision: Decision;
  timeline: TimelineStep[];
  /** The events the case can take now (the state machine), and the one party who may pick up. */
  nextEvents?: string[];
  nextPickupParty?: string | null;
  openedBy?: ActorRef | null;
  /** Call notes, apart from the events. */
  notes?: CaseNote[];
}

export interface Citation {
  section: string;
  text: string;
}

export interface Answer {
  answer: string;
  citations: Citation[];
  mode: string;
  outOfScope: boolean;
  decision?: Decision;
}

export interface ProcessSectionSummary {
  id: string;
  title: string;
  text: string;
}

/** What the server writes into the page (index.html's #console-boot), so the first paint needs no request. */
export interface ConsoleBoot {
  tokenRequired: boolean;
  rulesVersion: string;
  sections: ProcessSectionSummary[];
  /** The phone entries of rules/contacts.json: a case's decision lists only the contacts it needed when it was made. */
  directory: Decision['contacts'];
}
