import assert from 'node:assert/strict';
import { FixedClock } from '../../src/clock.ts';
import { getJson, postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { asError, makeVin, openCase, registerDealer } from '../cases/case-fixtures.ts';

interface NoteJson {
  id: string;
  text: string;
  by: { actor: { kind: string; name?: string }; label: string };
  at: string;
}

describe('call notes (POST /api/v1/cases/:vin/notes)', () => {
  let running: RunningApp;
  const clock = new FixedClock('2026-03-08T12:00:00Z');
  const vin = makeVin(640001);
  const addNote = (body: unknown, headers: Record<string, string> = {}, target = vin): ReturnType<typeof postJson> =>
    postJson(`${running.baseUrl}/api/v1/cases/${target}/notes`, body, headers);

  before(async () => {
    running = await startTestApp({}, { clock });
    assert.equal((await registerDealer(running.baseUrl)).status, 201);
    assert.equal((await openCase(running.baseUrl, { vin })).status, 201);
  });
  after(() => running.stop());

  it('adds a note with its author and time, and lists it on the case apart from the events', async () => {
    const { token } = await running.app.agents.add('Robin Lee');
    const added = await addNote({ text: '  Dealer says the car is at the back lot.  ' }, { authorization: `Bearer ${token}` });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const note = added.body as NoteJson;
    assert.equal(note.text, 'Dealer says the car is at the back lot.');
    assert.equal(note.by.label, 'Agent Robin Lee');
    assert.equal(note.at, '2026-03-08T12:00:00Z');

    clock.set('2026-03-08T12:05:00Z');
    assert.equal((await addNote({ text: 'Called back:\nno answer.' })).status, 201);
    const read = await getJson(`${running.baseUrl}/api/v1/cases/${vin}`);
    const body = read.body as { notes: NoteJson[]; events: unknown[] };
    assert.deepEqual(
      body.notes.map((entry) => [entry.text, entry.by.label, entry.at]),
      [
        ['Dealer says the car is at the back lot.', 'Agent Robin Lee', '2026-03-08T12:00:00Z'],
        ['Called back:\nno answer.', 'Administrator', '2026-03-08T12:05:00Z'],
      ],
    );
    assert.deepEqual(body.events, [], 'a note is not an event');
  });

  it('drops control and direction characters instead of refusing the note', async () => {
    const added = await addNote({ text: 'Ally \u202Enigol\u0007 reset\u0000 done' });
    assert.equal(added.status, 201);
    assert.equal((added.body as NoteJson).text, 'Ally nigol reset done');
  });

  it('refuses an empty note, one over 2000 characters, and other fields, naming the field', async () => {
    for (const [body, field] of [
      [{ text: '   ' }, 'text'],
      [{ text: '\u0007' }, 'text'],
      [{ text: 'x'.repeat(2001) }, 'text'],
      [{}, 'text'],
      [{ text: 'ok', author: 'me' }, 'author'],
    ] as const) {
      const response = await addNote(body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(asError(response.body).error.field, field);
    }
    assert.equal((await addNote({ text: 'x'.repeat(2000) })).status, 201);
  });

  it('needs the full VIN of a case that exists', async () => {
    const suffix = await addNote({ text: 'hello' }, {}, vin.slice(-6));
    assert.equal(suffix.status, 400);
    assert.match(asError(suffix.body).error.message, /full 17-character VIN/);
    const unknown = await addNote({ text: 'hello' }, {}, makeVin(640099));
    assert.equal(unknown.status, 404);
  });
});
