import { chatPageMessages as text } from './chat-page-messages.ts';

export interface ChatPageAssets {
  webChatScript: string;
  pageScript: string;
  pageStyles: string;
}

export interface ChatPageOptions {
  /** API_TOKEN is set: the page asks for it (once per tab) before starting a conversation. */
  apiTokenRequired: boolean;
}

/**
 * The /chat document. Static apart from asset URLs and whether a token is needed (no inline script:
 * the script reads `data-*` attributes and finds the buttons by `data-send`).
 */
export function renderChatPage(assets: ChatPageAssets, options: ChatPageOptions = { apiTokenRequired: false }): string {
  const capabilities = text.capabilities
    .map(
      (capability) =>
        `<li><button type="button" class="capability" data-send="${escapeHtml(capability.send)}"><strong>${escapeHtml(capability.title)}</strong><span>${escapeHtml(capability.detail)}</span></button></li>`,
    )
    .join('\n        ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(text.title)}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${assets.pageStyles}">
</head>
<body>
  <div class="layout">
    <aside class="intro">
      <div class="brand"><div class="brand-mark" aria-hidden="true">LR</div><h1>${escapeHtml(text.title)}</h1></div>
      <p class="lede">${escapeHtml(text.lede)}</p>
      <h2>${escapeHtml(text.capabilitiesHeading)}</h2>
      <ul class="capabilities">
        ${capabilities}
      </ul>
      <p class="footnote">${escapeHtml(text.footnote)}</p>
    </aside>
    <main class="chat">
      <section id="token-panel" class="token-panel" aria-labelledby="token-heading" data-needed="${escapeHtml(text.token.needed)}" data-rejected="${escapeHtml(text.token.rejected)}" hidden>
        <h2 id="token-heading">${escapeHtml(text.token.heading)}</h2>
        <form id="token-form">
          <p id="token-message" role="alert"></p>
          <label for="token-input">${escapeHtml(text.token.label)}</label>
          <input id="token-input" name="token" type="password" autocomplete="off" spellcheck="false" aria-describedby="token-message" required>
          <button type="submit">${escapeHtml(text.token.submit)}</button>
        </form>
      </section>
      <div id="webchat" role="region" aria-label="${escapeHtml(text.chatLabel)}" data-unavailable="${escapeHtml(text.unavailable)}" data-token-required="${options.apiTokenRequired ? 'true' : 'false'}"></div>
      <noscript><p class="unavailable">${escapeHtml(text.noScript)}</p></noscript>
    </main>
  </div>
  <script src="${assets.webChatScript}"></script>
  <script src="${assets.pageScript}"></script>
</body>
</html>
`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
