import { h } from './dom.ts';
import { phoneCenterText } from './messages.ts';

/**
 * Copy buttons for what an agent reads out or pastes elsewhere: the VIN and every phone or fax number
 * shown. The Clipboard API where the page may use it, else a hidden text area and execCommand('copy')
 * (older browsers, or a page not served from a secure origin).
 */
export function copyButton(value: string, what: string, testId = 'copy'): HTMLButtonElement {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'copy-button',
      'data-testid': testId,
      'data-copy': value,
      'aria-label': phoneCenterText.copyLabel(what),
      title: phoneCenterText.copyLabel(what),
    },
    phoneCenterText.copy,
  );
  button.addEventListener('click', () => {
    void copyText(value).then((copied) => {
      button.textContent = copied ? phoneCenterText.copied : phoneCenterText.copy;
      button.setAttribute('data-copied', copied ? 'true' : 'false');
      if (!copied) button.title = phoneCenterText.copyFailed;
      window.setTimeout(() => {
        button.textContent = phoneCenterText.copy;
      }, 1500);
    });
  });
  return button;
}

export async function copyText(value: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // Denied or unavailable: fall back below.
  }
  const area = h('textarea', { 'aria-hidden': 'true', readonly: true, class: 'copy-source' });
  area.value = value;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

/** 877-290-9544, (877) 290-9544, +16145550100, +1 614 555 0100 */
const numberPattern = /\+1\d{10}\b|\+1[ -]\d{3}[ -]\d{3}[ -]\d{4}\b|\(\d{3}\) ?\d{3}-\d{4}\b|\b\d{3}-\d{3}-\d{4}\b/g;
const skipped = new Set(['BUTTON', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE', 'BLOCKQUOTE']);

/**
 * Puts a copy button after every phone or fax number in the text under `roots` (the numbers to give,
 * the notification line, the dealer's phones, the contacts). Numbers come from the decision and the
 * directory as text, so they are found in the rendered text rather than threaded through every view.
 */
export function addNumberCopyButtons(roots: Iterable<Element>): void {
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => {
        for (let parent = node.parentElement; parent && parent !== root.parentElement; parent = parent.parentElement) {
          if (skipped.has(parent.tagName) || parent.classList.contains('copy-number')) return NodeFilter.FILTER_REJECT;
        }
        numberPattern.lastIndex = 0;
        return numberPattern.test(node.textContent ?? '') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    const nodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node instanceof Text) nodes.push(node);
    for (const node of nodes) wrapNumbers(node);
  }
}

function wrapNumbers(node: Text): void {
  const text = node.textContent ?? '';
  const fragment = document.createDocumentFragment();
  let last = 0;
  numberPattern.lastIndex = 0;
  for (let match = numberPattern.exec(text); match; match = numberPattern.exec(text)) {
    const number = match[0];
    fragment.append(text.slice(last, match.index), h('span', { class: 'copy-number' }, number), copyButton(number, number, 'copy-number'));
    last = match.index + number.length;
  }
  fragment.append(text.slice(last));
  node.replaceWith(fragment);
}
