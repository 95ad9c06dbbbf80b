/**
 * Runs in the browser on /chat (transpiled by esbuild when the server starts; no imports, no bundle).
 * Starts or resumes a conversation on our local Direct Line, keeps its id and latest token in
 * sessionStorage so a reload carries on, and renders Microsoft's Web Chat over it in polling mode.
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
  if (response.status === 401 || response.status === 403 || response.status === 404) return undefined;
  if (!response.ok) throw new Error(`token refresh answered ${response.status}`);
  const session = asSession(await response.json());
  return session.conversationId === stored.conversationId ? session : undefined;
}

async function startSession(): Promise<Session> {
  const response = await fetch(`${directLineDomain}/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: navigator.language }) });
  if (!response.ok) throw new Error(`starting a conversation answered ${response.status}`);
  return asSession(await response.json());
}

function renderChat(element: HTMLElement, session: Session): WebChatStore {
  const webChat = window.WebChat;
  if (!webChat) throw new Error('Web Chat did not load');
  // With conversationId given, DirectLineJS reconnects (GET /conversations/:id) instead of starting one,
  // then polls from the beginning, so a reload shows the whole conversation again.
  const directLine = webChat.createDirectLine({ token: session.token, conversationId: session.conversationId, domain: directLineDomain, webSocket: false, pollingInterval: 1000 });
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

async function main(): Promise<void> {
  const element = document.getElementById('webchat');
  if (!element) return;
  try {
    const session = (await resumeSession().catch(() => undefined)) ?? (await startSession());
    saveSession(session);
    wireCapabilityButtons(renderChat(element, session));
  } catch {
    element.innerHTML = '';
    const message = document.createElement('p');
    message.className = 'unavailable';
    message.textContent = element.dataset.unavailable ?? 'The assistant cannot be reached right now.';
    element.append(message);
  }
}

void main();

export {};
