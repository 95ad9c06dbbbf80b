import { countOn } from '../support/database-probe.ts';
import assert from 'node:assert/strict';
import { getJson, startTestApp, type RunningApp } from '../support/test-app.ts';

// A full database and a locked one are in test/storage/full-database.test.ts and busy-database.test.ts.
describe('health routes (/healthz, /readyz)', () => {
  let running: RunningApp;
  afterEach(async () => {
    await running.stop();
  });

  it('answers liveness and readiness without the API token', async () => {
    running = await startTestApp({ API_TOKEN: 'a-token-long-enough-for-the-config-check-0123456789' });
    assert.deepEqual(await getJson(`${running.baseUrl}/healthz`), { status: 200, body: { status: 'ok' } });
    assert.deepEqual(await getJson(`${running.baseUrl}/readyz`), { status: 200, body: { status: 'ready' } });
    assert.equal((await getJson(`${running.baseUrl}/api/v1/cases`)).status, 401, 'the API itself still needs the token');
  });

  it('keeps readiness probes from changing the database: nothing stored, the file does not grow', async () => {
    running = await startTestApp();
    const { storage } = running.app;
    // SQLite's probe writes and rolls back two pages: the file must not grow. PostgreSQL's only asks the pool.
    const pages = () => (storage.kind === 'sqlite' ? storage.database.pragma('page_count', { simple: true }) : 0);
    const before = pages();
    const migrations = await countOn(storage, 'SELECT count(*) AS n FROM schema_migrations');
    for (let index = 0; index < 20; index += 1) assert.equal((await getJson(`${running.baseUrl}/readyz`)).status, 200);
    assert.equal(await countOn(storage, 'SELECT count(*) AS n FROM schema_migrations WHERE version < 0'), 0);
    assert.equal(await countOn(storage, 'SELECT count(*) AS n FROM schema_migrations'), migrations);
    assert.equal(pages(), before);
  });
});
