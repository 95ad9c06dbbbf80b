import './console.css';
import './phone-center.css';
import { ApiClient, TokenStore } from './api-client.ts';
import type { Answer, ApiErrorBody, ConsoleBoot, Decision, ProcessSectionSummary, ReturnCase } from './api-types.ts';
import { renderCase, type EventRequest } from './case-view.ts';
import { decisionFacts, numbersPanel, stepsList, traceView } from './decision-view.ts';
import { byId, h, replaceChildren } from './dom.ts';
import { eventTypes, text } from './messages.ts';
import { numbersToGive } from './numbers-to-give.ts';
import { createWhatIfForm } from './what-if-form.ts';
import { addNumberCopyButtons } from './copy-buttons.ts';
import { errorSentence } from './error-text.ts';
import { notesSection } from './notes-view.ts';
import { noticesSection } from './notices-view.ts';
import type { CaseNote, SearchResult } from './phone-center-types.ts';
import { createQueuesPanel } from './queues-view.ts';
import { mountHandoffs } from './handoff-view.ts';
import { planSearch, renderResults } from './search-view.ts';
import { phoneCenterText } from './messages.ts';

const boot = readBoot();
const sections = new Map<string, ProcessSectionSummary>(boot.sections.map((section) => [section.id, section]));
const eventLabels = new Map<string, string>(eventTypes);

const vinInput = byId('vin-search', HTMLInputElement);
const searchForm = byId('search-form', HTMLFormElement);
const searchStatus = byId('search-status', HTMLParagraphElement);
const caseView = byId('case-view', HTMLElement);
const searchResults = byId('search-results', HTMLElement);
const askForm = byId('ask-form', HTMLFormElement);
const askInput = byId('ask', HTMLInputElement);
const askUseCase = byId('ask-use-case', HTMLInputElement);
const answerView = byId('answer', HTMLDivElement);
const whatIfSlot = byId('whatif-slot', HTMLDivElement);
const whatIfResult = byId('whatif-result', HTMLDivElement);
const tokenPanel = byId('token-panel', HTMLElement);
const tokenForm = byId('token-form', HTMLFormElement);
const tokenInput = byId('token-input', HTMLInputElement);
const tokenMessage = byId('token-message', HTMLParagraphElement);
const tokenChange = byId('token-change', HTMLButtonElement);

const tokens = new TokenStore();
const api = new ApiClient({ tokenRequired: boot.tokenRequired, tokens, onUnauthorized: askForToken });

let currentCase: ReturnCase | undefined;
let searchSequence = 0;
/** What to run again once a token is accepted (the search the agent typed before being asked). */
let retryAfterToken: (() => void) | undefined;

// ---- VIN search ----

function setSearchStatus(message: string, kind: 'info' | 'error' = 'info'): void {
  searchStatus.textContent = message;
  searchStatus.className = `search-status ${kind}`;
  searchStatus.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  if (kind === 'error') searchStatus.setAttribute('data-kind', 'error');
  else searchStatus.removeAttribute('data-kind');
  vinInput.toggleAttribute('aria-invalid', kind === 'error');
}

/**
 * The one search box (issue 15): a full VIN or its last 6+, a dealer name, or a phone. One match opens
 * the case; several list as rows (Enter on a row opens it). A mistyped VIN is explained without asking the server.
 */
async function search(raw: string): Promise<void> {
  const plan = planSearch(raw);
  if (plan.kind === 'refuse') {
    setSearchStatus(plan.message, 'error');
    return;
  }
  const query = plan.query;
  const sequence = ++searchSequence;
  setSearchStatus(text.searching(query));
  const result = await api.get<SearchResult>(`/api/v1/search?q=${encodeURIComponent(query)}`);
  if (sequence !== searchSequence) return; // a newer search was typed meanwhile
  if (!result.ok) {
    if (result.status === 401) retryAfterToken = () => void search(query);
    setSearchStatus(errorSentence(result.error), 'error');
    return;
  }
  const rows = result.data.rows;
  if (rows.length === 0) {
    clearResults();
    setSearchStatus(phoneCenterText.noMatch(query), 'error');
    return;
  }
  const only = rows[0];
  if (rows.length === 1 && only) {
    clearResults();
    await openCase(only.vin);
    return;
  }
  replaceChildren(searchResults, ...renderResults(rows, (vin) => void openCase(vin)));
  searchResults.hidden = false;
  setSearchStatus(phoneCenterText.matches(rows.length, query));
}

function clearResults(): void {
  searchResults.hidden = true;
  replaceChildren(searchResults);
}

/** Opens one case by its full VIN (a search hit, a queue row, a #vin= link). */
async function openCase(vin: string): Promise<void> {
  const sequence = ++searchSequence;
  const result = await api.get<ReturnCase>(`/api/v1/cases/${encodeURIComponent(vin)}`);
  if (sequence !== searchSequence) return;
  if (!result.ok) {
    if (result.status === 401) retryAfterToken = () => void openCase(vin);
    setSearchStatus(result.status === 404 ? phoneCenterText.noMatch(vin) : errorSentence(result.error), 'error');
    return;
  }
  showCase(result.data);
  setSearchStatus(text.found(result.data.vin, result.data.dealer?.name ?? result.data.dealerId));
  history.replaceState(null, '', `#vin=${result.data.vin}`);
  if (searchResults.hidden) vinInput.select();
}

function showCase(returnCase: ReturnCase): void {
  currentCase = returnCase;
  const zone = returnCase.timeZone;
  const notes = notesSection(returnCase.notes ?? [], zone, (noteText) => saveNote(returnCase.vin, noteText, zone));
  replaceChildren(caseView, renderCase(returnCase, { sections, directory: boot.directory, onRecordEvent: (request) => void recordEvent(request), notes }));
  // What the dealer was told without asking, and the dealer's notice settings (issue 16).
  caseView.append(noticesSection({ vin: returnCase.vin, dealerId: returnCase.dealerId, zone, api }));
  addNumberCopyButtons(
    Array.from(
      caseView.querySelectorAll(
        '[data-testid="numbers-to-give"], [data-testid="notification"], [data-testid="dealer-phones"], section[aria-label="All contacts"]',
      ),
    ),
  );
  askUseCase.disabled = false;
  fillFromCase.disabled = false;
}

// ---- events ----

async function recordEvent(request: EventRequest): Promise<void> {
  if (!currentCase) return;
  const vin = currentCase.vin;
  const submit = caseView.querySelector<HTMLButtonElement>('[data-testid="event-submit"]');
  if (submit) submit.disabled = true;
  const result = await api.post<unknown>(`/api/v1/cases/${encodeURIComponent(vin)}/events`, request);
  if (submit) submit.disabled = false;
  const label = eventLabels.get(request.type) ?? request.type;
  if (!result.ok) {
    showEventResult(`${text.eventRefused}: ${errorSentence(result.error, currentCase?.timeZone)}`, 'error');
    return;
  }
  void queues.refresh();
  // The events endpoint may answer with the updated case; if not, read it again.
  const updated = isCase(result.data) ? result.data : await refetch(vin);
  if (updated) showCase(updated);
  showEventResult(text.eventRecorded(label), 'ok');
  caseView.querySelector<HTMLSelectElement>('#event-type')?.focus();
}

async function refetch(vin: string): Promise<ReturnCase | undefined> {
  const again = await api.get<ReturnCase>(`/api/v1/cases/${encodeURIComponent(vin)}`);
  return again.ok ? again.data : undefined;
}

async function saveNote(vin: string, noteText: string, zone: string | undefined): Promise<{ ok: true; value: CaseNote } | { ok: false; message: string }> {
  const result = await api.post<CaseNote>(`/api/v1/cases/${encodeURIComponent(vin)}/notes`, { text: noteText });
  return result.ok ? { ok: true, value: result.data } : { ok: false, message: errorSentence(result.error, zone) };
}

function showEventResult(message: string, kind: 'ok' | 'error'): void {
  const target = caseView.querySelector<HTMLElement>('#event-result');
  if (!target) return;
  target.textContent = message;
  target.className = `result ${kind}`;
  target.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  target.setAttribute('data-kind', kind);
}

function isCase(value: unknown): value is ReturnCase {
  return typeof value === 'object' && value !== null && 'vin' in value && 'decision' in value && 'timeline' in value;
}

// ---- ask ----

async function ask(): Promise<void> {
  const question = askInput.value.trim();
  if (!question) {
    replaceChildren(answerView, h('p', { class: 'error', role: 'alert' }, 'Type a question, then press Enter.'));
    return;
  }
  // The case's facts go along as context: the server lets what the question states win over them.
  const body: { question: string; channel: 'console'; facts?: Record<string, unknown> } = { question, channel: 'console' };
  if (currentCase && askUseCase.checked) {
    const { state, maturityDate, returnDate, intent, hasAvrmAccess } = currentCase;
    body.facts = { state, maturityDate, returnDate, intent, hasAvrmAccess };
  }
  replaceChildren(answerView, h('p', { class: 'pending' }, 'Looking it up…'));
  const result = await api.post<Answer>('/api/v1/answers', body);
  if (!result.ok) {
    if (result.status === 401) retryAfterToken = () => void ask();
    replaceChildren(answerView, errorLine(result.status === 404 ? `${text.serviceMissing('Answers')} (${result.error.message})` : errorSentence(result.error)));
    return;
  }
  renderAnswer(result.data);
}

function renderAnswer(answer: Answer): void {
  replaceChildren(
    answerView,
    h('p', { class: 'answer-text', 'data-testid': 'answer-text' }, answer.answer),
    answer.outOfScope ? h('p', { class: 'note' }, text.outOfScope) : null,
    answer.citations.length === 0
      ? null
      : h(
          'div',
          { class: 'citations' },
          h('h3', {}, 'Sources'),
          h(
            'ol',
            {},
            answer.citations.map((citation) =>
              h(
                'li',
                { 'data-testid': 'citation', 'data-section': citation.section },
                h('strong', {}, sections.get(citation.section)?.title ?? citation.section),
                ' ',
                h('code', {}, citation.section),
                h('blockquote', {}, citation.text),
              ),
            ),
          ),
        ),
    h('p', { class: 'mode' }, answer.mode === 'llm' ? 'Explained by the language model, checked against the cited sections.' : 'Taken from the process text.'),
  );
}

// ---- queues (issue 15) ----

const queues = createQueuesPanel(byId('queues', HTMLElement), { api, onOpen: (vin) => void openCase(vin) });
// Handoffs waiting (issue 15): their own queue in #handoff-queue-slot, polled every second; an opened one above the case.
const handoffs = mountHandoffs({
  api,
  queueSlot: byId('handoff-queue-slot', HTMLElement),
  view: byId('handoff-view', HTMLElement),
  onOpenCase: (vin) => void openCase(vin),
});

// ---- what if ----

const whatIf = createWhatIfForm(() => void decideWhatIf());
whatIfSlot.append(whatIf.element);
const fillFromCase = h('button', { type: 'button', class: 'link-button', 'data-testid': 'whatif-fill', disabled: true }, 'Fill from the open case');
fillFromCase.addEventListener('click', () => {
  if (currentCase) whatIf.fillFrom(currentCase);
});
whatIf.element.querySelector('.row')?.append(fillFromCase);

async function decideWhatIf(): Promise<void> {
  whatIf.clearInvalid();
  const read = whatIf.read();
  if (!read.ok) {
    showWhatIfError({ code: 'invalid_input', message: read.message, field: read.field });
    return;
  }
  replaceChildren(whatIfResult, h('p', { class: 'pending' }, 'Deciding…'));
  const result = await api.post<Decision>('/api/v1/decisions', read.body);
  if (!result.ok) {
    showWhatIfError(result.error);
    return;
  }
  const decision = result.data;
  const context = { state: read.body.state, maturityDate: read.body.maturityDate, returnDate: read.body.returnDate, sections, testIdPrefix: 'whatif-' };
  replaceChildren(
    whatIfResult,
    numbersPanel(numbersToGive(decision, read.body.state, { eventTypes: [] }, boot.directory), 'whatif-numbers'),
    decisionFacts(decision, context),
    stepsList(decision, 'whatif-steps'),
    traceView(decision, sections, 'whatif-trace'),
  );
}

function showWhatIfError(error: ApiErrorBody): void {
  replaceChildren(whatIfResult, h('p', { id: 'whatif-error', class: 'error', role: 'alert', 'data-testid': 'whatif-error' }, errorSentence(error)));
  whatIf.markInvalid(error.field);
}

// ---- token ----

function askForToken(message: string, options: { fresh?: boolean } = {}): void {
  // Polls (queues, handoffs) keep asking while the panel is open: they must not wipe what the agent is
  // typing, nor replace a precise reason ("refused (401)") with the generic one.
  if (!tokenPanel.hidden && !options.fresh) {
    if (message !== text.tokenNeeded) tokenMessage.textContent = message;
    return;
  }
  tokenPanel.hidden = false;
  tokenMessage.textContent = message;
  tokenMessage.className = 'error';
  tokenInput.value = '';
  tokenInput.focus();
}

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    const token = tokenInput.value.trim();
    if (!token) return;
    tokens.set(token);
    const check = await api.get<{ tokenRequired: boolean }>('/api/v1/console/session');
    if (!check.ok) {
      askForToken(check.status === 401 ? text.tokenRejected : check.error.message, { fresh: true });
      return;
    }
    tokenPanel.hidden = true;
    tokenMessage.textContent = '';
    setSearchStatus(text.tokenAccepted);
    vinInput.focus();
    const retry = retryAfterToken;
    retryAfterToken = undefined;
    retry?.();
    void queues.refresh();
  })();
});

tokenChange.addEventListener('click', () => askForToken(boot.tokenRequired ? text.tokenNeeded : phoneCenterText.agentTokenPrompt));

// ---- keyboard ----

function isTextEntry(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

document.addEventListener('keydown', (event) => {
  if (event.key === '/' && !isTextEntry(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    vinInput.focus();
    vinInput.select();
  } else if (event.key === 'Escape' && event.target !== vinInput && tokenPanel.hidden) {
    vinInput.focus();
    vinInput.select();
  }
});

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void search(vinInput.value);
});
askForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void ask();
});

// ---- start ----

function readBoot(): ConsoleBoot {
  const element = document.getElementById('console-boot');
  return JSON.parse(element?.textContent ?? '{}') as ConsoleBoot;
}

function errorLine(message: string): HTMLElement {
  return h('p', { class: 'error', role: 'alert' }, message);
}

function start(): void {
  // Without API_TOKEN an agent may still sign in with their own token, so what they do carries their name.
  tokenChange.hidden = false;
  if (!boot.tokenRequired) tokenChange.textContent = phoneCenterText.useAgentToken;
  const fromLink = /^#vin=([A-Za-z0-9]{6,17})$/.exec(location.hash)?.[1];
  if (boot.tokenRequired && !tokens.get()) {
    if (fromLink) retryAfterToken = () => void search(fromLink);
    askForToken(text.tokenNeeded);
  } else {
    vinInput.focus();
    if (fromLink) {
      vinInput.value = fromLink;
      void search(fromLink);
    }
    void queues.refresh();
    void handoffs.refresh();
  }
  document.body.dataset.ready = 'true';
}

start();
