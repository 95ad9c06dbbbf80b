/**
 * Runs in the browser on /chat (transpiled by esbuild when the server starts; no imports, no bundle).
 * Starts or resumes a conversation on our local Direct Line, keeps its id and latest token in
 * sessionStorage so a reload carries on, and renders Microsoft's Web Chat over it in polling mode.
 * When the server runs with API_TOKEN, starting a conversation needs that token: the page asks for it
 * once per tab (sessionStorage, as the agent console does) and sends it on that one request only.
 */

interface ConnectionStatusObservable {
  subscribe(observer: { next(status: number): void }): { unsubscribe(): void };
}

interface DirectLineConnection {
  /** DirectLineJS refreshes its token every 15 minutes and keeps the latest here. */
  token?: string;
  connectionStatus$: ConnectionStatusObservable;
}

interface WebChatStore {
  dispatch(action: { type: string; payload?: unknown }): void;
}

interface WebChatGlobal {
  createDirectLine(options: { token: string; conversationId: string; domain: string; webSocket: boolean; pollingInterval: number }): DirectLineConnection;
  createStore(): WebChatStore;
  renderWebChat(props: Record<string, unknown>, element: HTMLElement): void;
}

interface Session {
  conversationId: string;
  token: string;
}

declare global {
  interface Window {
    WebChat?: WebChatGlobal;
  }
}

const storageKey = 'lease-return-assistant.chat';
const apiTokenKey = 'lease-return-assistant.api-token';
const directLineDomain = `${window.location.origin}/v3/directline`;
/** DirectLineJS's ConnectionStatus.Ended: the server answered 404 (conversation expired or evicted). */
const connectionEnded = 5;

const styleOptions = {
  accent: '#5b2a86',
  botAvatarInitials: 'LR',
  botAvatarBackgroundColor: '#5b2a86',
  userAvatarInitials: 'You',
  userAvatarBackgroundColor: '#8c6bb1',
  bubbleBorderRadius: 10,
  bubbleFromUserBackground: '#efe7f6',
  bubbleFromUserBorderRadius: 10,
  bubbleFromUserBorderColor: '#e2dbe9',
  bubbleBorderColor: '#e2dbe9',
  hideUploadButton: true,
  sendBoxTextWrap: true,
  suggestedActionLayout: 'flow',
  primaryFont: '"Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
};

function readSession(): Session | undefined {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(storageKey) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { conversationId, token } = parsed as Record<string, unknown>;
    return typeof conversationId === 'string' && typeof token === 'string' ? { conversationId, token } : undefined;
  } catch {
    return undefined;
  }
}

function saveSession(session: Session): void {
  window.sessionStorage.setItem(storageKey, JSON.stringify(session));
}

function forgetSession(): void {
  window.sessionStorage.removeItem(storageKey);
}

/** The API token, kept for this browser tab only (gone when the tab closes), like the agent console's. */
const apiTokens = {
  get(): string | undefined {
    try {
      return window.sessionStorage.getItem(apiTokenKey) ?? undefined;
    } catch {
      return undefined;
    }
  },
  set(token: string): void {
    window.sessionStorage.setItem(apiTokenKey, token);
  },
  clear(): void {
    window.sessionStorage.removeItem(apiTokenKey);
  },
};

/** The server refused to start a conversation (401): no API token, or a wrong one. */
class TokenRefused extends Error {}

/** Seconds since the epoch at which the token expires (its `exp` claim), or 0 if unreadable. */
function tokenExpiry(token: string): number {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims: unknown = JSON.parse(window.atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const exp = typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>).exp : undefined;
    return typeof exp === 'number' ? exp : 0;
  } catch {
    return 0;
  }
}

function asSession(body: unknown): Session {
  const { conversationId, token } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof conversationId !== 'string' || typeof token !== 'string') throw new Error('unexpected Direct Line answer');
  return { conversationId, token };
}

/** After a reload: a fresh token for the stored conversation, or undefined when it cannot continue. */
async function resumeSession(): Promise<Session | undefined> {
  const stored = readSession();
  // An expired token cannot be refreshed; skip the request (and the failed-request noise) altogether.
  if (!stored || tokenExpiry(stored.token) * 1000 <= Date.now() + 5000) return undefined;
  const response = await fetch(`${directLineDomain}/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${stored.token}` } });
  if (response.status === 401 || response.status === 403 || response.status === 404) {
    await response.text().catch(() => '');
    return undefined;
  }
  if (!response.ok) throw new Error(`token refresh answered ${response.status}`);
  const session = asSession(await response.json());
  return session.conversationId === stored.conversationId ? session : undefined;
}

/** A new conversation; the API token (when the server wants one) goes on this request and no other. */
async function startSession(apiToken: string | undefined): Promise<Session> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (apiToken !== undefined) headers.authorization = `Bearer ${apiToken}`;
  const response = await fetch(`${directLineDomain}/conversations`, { method: 'POST', headers, body: JSON.stringify({ locale: navigator.language }) });
  if (!response.ok) {
    // Read the error body: a response left unread shows as an aborted request when the page navigates.
    await response.text().catch(() => '');
    throw response.status === 401 ? new TokenRefused() : new Error(`starting a conversation answered ${response.status}`);
  }
  return asSession(await response.json());
}

function renderChat(element: HTMLElement, session: Session): WebChatStore {
  const webChat = window.WebChat;
  if (!webChat) throw new Error('Web Chat did not load');
  // With conversationId given, DirectLineJS reconnects (GET /conversations/:id) instead of starting one,
  // then polls from the beginning, so a reload shows the whole conversation again.
  const directLine = webChat.createDirectLine({
    token: session.token,
    conversationId: session.conversationId,
    domain: directLineDomain,
    webSocket: false,
    pollingInterval: 1000,
  });
  const store = webChat.createStore();
  webChat.renderWebChat({ directLine, store, styleOptions, locale: 'en-US' }, element);

  const keepLatestToken = (): void => {
    if (directLine.token) saveSession({ conversationId: session.conversationId, token: directLine.token });
  };
  window.setInterval(keepLatestToken, 60_000);
  window.addEventListener('pagehide', keepLatestToken);
  directLine.connectionStatus$.subscribe({
    next(status) {
      // The server forgot the conversation: the next reload starts a new one instead of retrying it.
      if (status === connectionEnded) forgetSession();
    },
  });
  return store;
}

function wireCapabilityButtons(store: WebChatStore): void {
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-send]'))) {
    button.addEventListener('click', () => {
      const text = button.dataset.send;
      if (text) store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text } });
      document.querySelector<HTMLElement>('[data-id="webchat-sendbox-input"]')?.focus();
    });
  }
}

function begin(element: HTMLElement, session: Session): void {
  saveSession(session);
  wireCapabilityButtons(renderChat(element, session));
}

function showUnavailable(element: HTMLElement): void {
  element.innerHTML = '';
  const message = document.createElement('p');
  message.className = 'unavailable';
  message.textContent = element.dataset.unavailable ?? 'The assistant cannot be reached right now.';
  element.append(message);
}

/** Shows the API token form; a token the server accepts starts the conversation and is kept for the tab. */
function askForToken(element: HTMLElement, rejected: boolean): void {
  const panel = document.getElementById('token-panel');
  const form = document.getElementById('token-form');
  const input = document.getElementById('token-input');
  const message = document.getElementById('token-message');
  if (!panel || !(form instanceof HTMLFormElement) || !(input instanceof HTMLInputElement) || !message) {
    showUnavailable(element);
    return;
  }
  const say = (isRejection: boolean): void => {
    message.textContent = (isRejection ? panel.dataset.rejected : panel.dataset.needed) ?? '';
    message.className = isRejection ? 'error' : '';
  };
  say(rejected);
  panel.hidden = false;
  input.value = '';
  input.focus();
  let busy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    if (token === '' || busy) return;
    busy = true;
    startSession(token)
      .then((session) => {
        apiTokens.set(token);
        panel.hidden = true;
        begin(element, session);
      })
      .catch((error: unknown) => {
        if (!(error instanceof TokenRefused)) {
          panel.hidden = true;
          showUnavailable(element);
          return;
        }
        apiTokens.clear();
        say(true);
        input.value = '';
        input.focus();
      })
      .finally(() => {
        busy = false;
      });
  });
}

async function main(): Promise<void> {
  const element = document.getElementById('webchat');
  if (!element) return;
  try {
    // A conversation already under way carries on with its own Direct Line token: no API token needed.
    const resumed = await resumeSession().catch(() => undefined);
    if (resumed) {
      begin(element, resumed);
      return;
    }
    const tokenRequired = element.dataset.tokenRequired === 'true';
    const apiToken = tokenRequired ? apiTokens.get() : undefined;
    // No token yet: ask first rather than make a request that can only fail.
    if (tokenRequired && apiToken === undefined) {
      askForToken(element, false);
      return;
    }
    begin(element, await startSession(apiToken));
  } catch (error) {
    if (error instanceof TokenRefused) {
      // The stored token was changed on the server (or the page did not know one is needed).
      apiTokens.clear();
      askForToken(element, element.dataset.tokenRequired === 'true');
      return;
    }
    showUnavailable(element);
  }
}

void main();

export {};
