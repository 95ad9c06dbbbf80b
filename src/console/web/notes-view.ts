import type { EventRequestResult } from './event-form.ts';
import { h, replaceChildren } from './dom.ts';
import { formatMoment } from './format.ts';
import { phoneCenterText } from './messages.ts';
import type { CaseNote } from './phone-center-types.ts';

/** Saves a note; resolves to the saved note, or to the sentence saying why it was not saved. */
export type SaveNote = (text: string) => Promise<EventRequestResult<CaseNote>>;

/** Call notes on the open case (issue 15): the list with author and time, and a form to add one. */
export function notesSection(notes: readonly CaseNote[], zone: string | undefined, save: SaveNote): HTMLElement {
  const list = h('ol', { class: 'notes', 'data-testid': 'notes' });
  const all = [...notes];
  const renderList = (): void => {
    replaceChildren(list, all.length === 0 ? h('li', { class: 'empty' }, phoneCenterText.noNotes) : all.map((note) => noteItem(note, zone)));
  };
  renderList();
  const textArea = h('textarea', { id: 'note-text', name: 'text', rows: 2, maxlength: '2000', 'data-testid': 'note-text' });
  const result = h('p', { id: 'note-result', class: 'result', role: 'status', 'data-testid': 'note-result' });
  const submit = h('button', { type: 'submit', 'data-testid': 'note-submit' }, phoneCenterText.noteSubmit);
  const showResult = (message: string, kind: 'ok' | 'error'): void => {
    result.textContent = message;
    result.className = `result ${kind}`;
    result.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    result.setAttribute('data-kind', kind);
  };
  const form = h(
    'form',
    {
      class: 'note-form',
      'data-testid': 'note-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const text = textArea.value.trim();
        if (!text) {
          showResult(phoneCenterText.noteEmpty, 'error');
          textArea.focus();
          return;
        }
        submit.disabled = true;
        void save(text).then((saved) => {
          submit.disabled = false;
          if (!saved.ok) {
            showResult(`${phoneCenterText.noteRefused}: ${saved.message}`, 'error');
            return;
          }
          all.push(saved.value);
          renderList();
          textArea.value = '';
          showResult(phoneCenterText.noteSaved, 'ok');
        });
      },
    },
    h('label', { for: 'note-text' }, phoneCenterText.noteLabel),
    textArea,
    submit,
    result,
  );
  // Ctrl+Enter (or Cmd+Enter) saves from the text area, where Enter makes a new line.
  textArea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  return h(
    'section',
    { class: 'notes-section', 'aria-labelledby': 'notes-heading' },
    h('h3', { id: 'notes-heading' }, phoneCenterText.notesHeading),
    list,
    form,
  );
}

function noteItem(note: CaseNote, zone: string | undefined): HTMLElement {
  return h(
    'li',
    { 'data-testid': 'note' },
    h('p', { class: 'note-text' }, note.text),
    h('p', { class: 'note-meta', 'data-testid': 'note-meta' }, `${note.by.label} · ${formatMoment(note.at, zone)}`),
  );
}
