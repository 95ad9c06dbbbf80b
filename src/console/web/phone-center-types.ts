/** The phone-center shapes the console reads from the API (issue 15): who did what, notes, search rows, queues. */

export interface ActorRef {
  actor: { kind: string; name?: string; phone?: string; agentId?: string };
  label: string;
}

export interface CaseNote {
  id: string;
  text: string;
  by: ActorRef;
  at: string;
}

/** A case in a search result or a queue (GET /api/v1/search, GET /api/v1/queues). */
export interface CaseRow {
  kind: 'case';
  vin: string;
  dealer: { id: string; name: string; phones: string[] };
  state: string;
  timeZone: string;
  stage: string;
  status: 'open' | 'closed';
  openedAt: string;
  nextStep: { step: string; label: string; status: string; expectedBy: string } | null;
  due: string | null;
  overdue: boolean;
}

export interface SearchResult {
  query: string;
  matchedBy: string[];
  rows: CaseRow[];
}

/** One queue; rows of kind "case" are rendered here, other kinds by their own view (handoffs). */
export interface Queue {
  id: string;
  title: string;
  count: number;
  rows: { kind: string }[];
}
