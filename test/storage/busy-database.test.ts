import { sqliteDatabaseOf } from '../../src/storage/open-storage.ts';
import assert from 'node:assert/strict';
import { FixedClock } from '../../src/clock.ts';
import { asError, makeVin, openCase, registerDealer } from '../cases/case-fixtures.ts';
import { getJson, postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { holdWriteLock } from '../support/write-lock-holder.ts';

const adminWrite = "INSERT INTO sms_opt_outs (phone, opted_out, updated_at) VALUES ('+10000000000', 0, 'admin')";

describe('a database another program is writing to', () => {
  let running: RunningApp;
  const clock = new FixedClock('2026-03-08T12:00:00Z');

  beforeEach(async () => {
    running = await startTestApp({}, { clock });
    assert.equal((await registerDealer(running.baseUrl)).status, 201);
  });
  afterEach(async () => {
    await running.stop();
  });

  it('waits for the lock instead of failing: read-then-write transactions take the write lock up front', async () => {
    const { released } = await holdWriteLock(sqliteDatabaseOf(running.app.storage).name, 300, adminWrite);
    const started = Date.now();
    const [dealer, opened] = await Promise.all([
      postJson(`${running.baseUrl}/api/v1/dealers`, { id: 'dayton-motors', name: 'Dayton Motors', state: 'OH', phones: ['+19375550100'] }),
      openCase(running.baseUrl, { vin: makeVin(1) }),
    ]);
    await released;
    assert.equal(dealer.status, 201, JSON.stringify(dealer.body));
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    assert.ok(Date.now() - started >= 250, 'they waited for the other writer');
  });

  it('answers 503 storage_unavailable with Retry-After, not 500, when the lock is held past busy_timeout, and /readyz says so', async () => {
    sqliteDatabaseOf(running.app.storage).pragma('busy_timeout = 100');
    const { released } = await holdWriteLock(sqliteDatabaseOf(running.app.storage).name, 600, adminWrite);
    const refused = await postJson(`${running.baseUrl}/api/v1/dealers`, { id: 'dayton-motors', name: 'Dayton Motors', state: 'OH', phones: ['+19375550100'] });
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(asError(refused.body).error.code, 'storage_unavailable');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    const notReady = await getJson(`${running.baseUrl}/readyz`);
    assert.equal(notReady.status, 503);
    assert.equal((notReady.body as { error: { code: string } }).error.code, 'storage_unavailable');
    assert.equal((await getJson(`${running.baseUrl}/healthz`)).status, 200);
    await released;
    assert.equal((await getJson(`${running.baseUrl}/readyz`)).status, 200);
    assert.equal((await getJson(`${running.baseUrl}/api/v1/dealers/dayton-motors`)).status, 404, 'the refused dealer was not written');
  });
});
