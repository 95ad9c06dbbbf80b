import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { FixedClock } from '../../src/clock.ts';
import { BotConversation, ConnectorSink } from '../support/connector-sink.ts';
import { skipOnPostgres, getJson, makeTempDir, postJson, startTestApp, type RunningApp } from '../support/test-app.ts';

/** The hold lives in the database, not in memory: a restarted server keeps quiet and keeps the queue (issue 15). */
describe('a handoff across a restart', () => {
  const dataDir = makeTempDir();
  const clock = new FixedClock('2026-11-20T15:00:00Z');
  let sink: ConnectorSink;
  let running: RunningApp | undefined;

  before(async () => {
    sink = await ConnectorSink.start();
  });
  after(async () => {
    await running?.stop();
    await sink.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stays held after a restart, the agent replies through the reference stored before it, and ending it brings the bot back', async () => {
    running = await startTestApp({ DATA_DIR: dataDir }, { clock });
    const first = new BotConversation(running.baseUrl, sink, { channelId: 'emulator', conversationId: 'restart-1' });
    expect(await first.send('I need a real person')).to.match(/connecting you/i);
    await running.stop();

    running = await startTestApp({ DATA_DIR: dataDir }, { clock });
    const again = new BotConversation(running.baseUrl, sink, { channelId: 'emulator', conversationId: 'restart-1' });
    const held = await again.post(again.activity({ id: 'after-restart-1', text: 'hello? anyone?' }));
    expect(held.replies, 'still held: the bot says nothing').to.have.length(0);

    const list = (await getJson(`${running.baseUrl}/api/v1/handoffs`)).body as { items: { id: string; conversationId: string }[] };
    const id = list.items.find((item) => item.conversationId === 'restart-1')?.id ?? '';
    expect((await postJson(`${running.baseUrl}/api/v1/handoffs/${id}/take`, {})).status).to.equal(200);
    const count = sink.activitiesFor('restart-1').length;
    expect((await postJson(`${running.baseUrl}/api/v1/handoffs/${id}/messages`, { text: 'Back after the restart.' })).body).to.include({ delivery: 'sent' });
    expect(
      sink
        .activitiesFor('restart-1')
        .slice(count)
        .map((activity) => activity.text ?? '')
        .join('\n'),
    ).to.include('Back after the restart.');
    await postJson(`${running.baseUrl}/api/v1/handoffs/${id}/end`, {});
    expect(await again.send('menu')).to.include('1. Return a vehicle');
  });

  it('a local web chat conversation that is gone (the server stopped) ends its handoff: nobody could reach it', async function () {
    skipOnPostgres(this, 'web chat conversations live in memory there; with PostgreSQL they outlive the instance');
    await running?.stop();
    running = await startTestApp({ DATA_DIR: dataDir }, { clock });
    const started = await postJson(`${running.baseUrl}/v3/directline/conversations`, {});
    const { conversationId, token } = started.body as { conversationId: string; token: string };
    const posted = await postJson(
      `${running.baseUrl}/v3/directline/conversations/${conversationId}/activities`,
      { type: 'message', from: { id: 'dl_dealer' }, text: 'talk to a person' },
      { authorization: `Bearer ${token}` },
    );
    expect(posted.status).to.equal(200);
    let id: string | undefined;
    for (let tries = 0; tries < 50 && id === undefined; tries += 1) {
      const open = (await getJson(`${running.baseUrl}/api/v1/handoffs`)).body as { items: { id: string; conversationId: string }[] };
      id = open.items.find((item) => item.conversationId === conversationId)?.id;
      if (id === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(id, 'the web chat handoff is queued').to.be.a('string');
    await running.stop();

    running = await startTestApp({ DATA_DIR: dataDir }, { clock });
    const detail = (await getJson(`${running.baseUrl}/api/v1/handoffs/${id}`)).body;
    expect(detail).to.deep.include({ status: 'ended', endedBy: { kind: 'bot' } });
  });
});
