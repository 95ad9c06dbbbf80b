import { sqliteDatabaseOf } from '../../src/storage/open-storage.ts';
import assert from 'node:assert/strict';
import { FixedClock } from '../../src/clock.ts';
import { asError, makeVin, openCase, registerDealer } from '../cases/case-fixtures.ts';
import { getJson, postJson, startTestApp, type RunningApp } from '../support/test-app.ts';

/**
 * A full disk, simulated with SQLite's max_page_count on the app's own connection: the database cannot
 * grow by one page. Filling is done through the API itself, until a write needs a page it cannot have.
 */
describe('a full database (max_page_count)', () => {
  let running: RunningApp;
  const clock = new FixedClock('2026-03-08T12:00:00Z');

  beforeEach(async () => {
    running = await startTestApp({}, { clock });
    assert.equal((await registerDealer(running.baseUrl)).status, 201);
  });
  afterEach(async () => {
    await running.stop();
  });

  const pageCount = (): number => Number(sqliteDatabaseOf(running.app.storage).pragma('page_count', { simple: true }));
  const count = (sql: string, ...parameters: string[]): number =>
    (
      sqliteDatabaseOf(running.app.storage)
        .prepare(sql)
        .get(...parameters) as { n: number }
    ).n;
  const dealer = (n: number): Record<string, unknown> => ({
    id: `dealer-${String(n).padStart(5, '0')}`,
    name: `Dealer ${n}`,
    state: 'OH',
    phones: [`+1614555${String(n).padStart(4, '0')}`],
  });

  /** Sends `request(n)` for n = 0, 1, ... until one is refused with 503; returns that n and the response. */
  async function fillUntilRefused(
    request: (n: number) => Promise<{ status: number; body: unknown; headers?: Headers }>,
  ): Promise<{ n: number; response: { status: number; body: unknown; headers?: Headers } }> {
    for (let n = 0; n < 3_000; n += 1) {
      const response = await request(n);
      if (response.status === 503) return { n, response };
      assert.equal(response.status, 201, JSON.stringify(response.body));
    }
    throw new Error('the database never filled up');
  }

  it('refuses new dealers and cases with 503 storage_full and Retry-After, writes nothing, and works again once there is room', async () => {
    sqliteDatabaseOf(running.app.storage).pragma(`max_page_count = ${pageCount()}`);

    const cases = await fillUntilRefused((n) => openCase(running.baseUrl, { vin: makeVin(n) }));
    assert.equal(asError(cases.response.body).error.code, 'storage_full');
    assert.ok(Number(cases.response.headers?.get('retry-after')) > 0, 'Retry-After says when to try again');
    const refusedVin = makeVin(cases.n);
    assert.equal(count('SELECT count(*) AS n FROM return_cases WHERE vin = ?', refusedVin), 0, 'no case row');
    assert.equal(count('SELECT count(*) AS n FROM case_events e JOIN return_cases c ON c.id = e.case_id WHERE c.vin = ?', refusedVin), 0, 'no event row');
    assert.equal((await getJson(`${running.baseUrl}/api/v1/cases/${refusedVin}`)).status, 404, 'the refused case is not there');

    const dealers = await fillUntilRefused((n) => postJson(`${running.baseUrl}/api/v1/dealers`, dealer(n)));
    assert.equal(asError(dealers.response.body).error.code, 'storage_full');
    assert.ok(Number(dealers.response.headers?.get('retry-after')) > 0);
    const refusedDealer = dealer(dealers.n);
    assert.equal(count('SELECT count(*) AS n FROM dealers WHERE id = ?', String(refusedDealer.id)), 0, 'no dealer row');
    assert.equal(count('SELECT count(*) AS n FROM dealer_phones WHERE dealer_id = ?', String(refusedDealer.id)), 0, 'no phone row');

    // Still full: the same requests are refused again, and readiness says so while liveness does not.
    assert.equal((await openCase(running.baseUrl, { vin: refusedVin })).status, 503);
    assert.equal((await postJson(`${running.baseUrl}/api/v1/dealers`, refusedDealer)).status, 503);
    const notReady = await fetch(`${running.baseUrl}/readyz`);
    assert.equal(notReady.status, 503);
    assert.ok(Number(notReady.headers.get('retry-after')) > 0);
    const notReadyBody = (await notReady.json()) as { status: string; error: { code: string } };
    assert.equal(notReadyBody.status, 'not_ready');
    assert.equal(notReadyBody.error.code, 'storage_full');
    assert.deepEqual(await getJson(`${running.baseUrl}/healthz`), { status: 200, body: { status: 'ok' } });
    assert.equal((await getJson(`${running.baseUrl}/api/v1/cases/${makeVin(0)}`)).status, 200, 'reads still work');

    sqliteDatabaseOf(running.app.storage).pragma(`max_page_count = ${pageCount() + 1_000}`);
    assert.deepEqual(await getJson(`${running.baseUrl}/readyz`), { status: 200, body: { status: 'ready' } });
    assert.equal((await openCase(running.baseUrl, { vin: refusedVin })).status, 201);
    assert.equal((await postJson(`${running.baseUrl}/api/v1/dealers`, refusedDealer)).status, 201);
  });
});
