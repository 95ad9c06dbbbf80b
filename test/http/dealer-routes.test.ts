import assert from 'node:assert/strict';
import { getJson, postJson, startTestApp, type RunningApp } from '../support/test-app.ts';
import { asError, registerDealer } from '../cases/case-fixtures.ts';

describe('dealer routes (/api/v1/dealers)', () => {
  let running: RunningApp;
  before(async () => {
    running = await startTestApp();
  });
  after(async () => {
    await running.stop();
  });

  it('registers a dealer with E.164 phones (formatting forgiven) and reads it back', async () => {
    const created = await registerDealer(running.baseUrl, { id: 'akron-auto', state: 'oh', phones: ['+1 (330) 555-0101', '+13305550102'] });
    assert.equal(created.status, 201);
    const read = await getJson(`${running.baseUrl}/api/v1/dealers/akron-auto`);
    assert.equal(read.status, 200);
    const body = read.body as { id: string; state: string; phones: string[] };
    assert.equal(body.state, 'OH');
    assert.deepEqual(body.phones, ['+13305550101', '+13305550102']);
  });

  it('answers 409 for an existing id or a phone registered to another dealer, writing nothing', async () => {
    await registerDealer(running.baseUrl, { id: 'toledo-auto', phones: ['+14195550100'] });
    const sameId = await registerDealer(running.baseUrl, { id: 'toledo-auto', phones: ['+14195550199'] });
    assert.equal(sameId.status, 409);
    assert.equal(asError(sameId.body).error.field, 'id');
    const samePhone = await registerDealer(running.baseUrl, { id: 'toledo-two', phones: ['+14195550111', '+14195550100'] });
    assert.equal(samePhone.status, 409);
    assert.equal(asError(samePhone.body).error.field, 'phones');
    assert.equal((await getJson(`${running.baseUrl}/api/v1/dealers/toledo-two`)).status, 404, 'no half-registered dealer');
    assert.equal((await registerDealer(running.baseUrl, { id: 'toledo-three', phones: ['+14195550111'] })).status, 201, 'its first phone was not kept');
  });

  it('answers 400 naming the field for a bad phone, state or id', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ phones: ['6145550100'] }, 'phones.0'],
      [{ phones: ['+1614555010'] }, 'phones.0'],
      [{ phones: [] }, 'phones'],
      [{ state: 'ZZ' }, 'state'],
      [{ id: 'has space' }, 'id'],
      [{ name: '' }, 'name'],
    ];
    for (const [override, field] of cases) {
      const response = await registerDealer(running.baseUrl, { id: 'bad-dealer', ...override });
      assert.equal(response.status, 400, JSON.stringify(override));
      assert.equal(asError(response.body).error.field, field, JSON.stringify(override));
    }
    const noBody = await postJson(`${running.baseUrl}/api/v1/dealers`, []);
    assert.equal(noBody.status, 400);
  });

  it('refuses a name with a control or bidirectional formatting character: 400 naming name, nothing written', async () => {
    const names = ['Akron\u0000Auto', 'Akron Auto\u0007', 'Ally \u202Enigol', 'Akron \u2066Auto\u2069', 'Akron\u200FAuto', 'Akron\tAuto', 'Akron\nAuto'];
    for (const [index, name] of names.entries()) {
      const response = await registerDealer(running.baseUrl, { id: `spoof-${index}`, name, phones: [`+1330555020${index}`] });
      assert.equal(response.status, 400, JSON.stringify(name));
      assert.equal(asError(response.body).error.field, 'name', JSON.stringify(name));
      assert.equal(asError(response.body).error.code, 'invalid_characters', JSON.stringify(name));
      assert.equal((await getJson(`${running.baseUrl}/api/v1/dealers/spoof-${index}`)).status, 404, JSON.stringify(name));
    }
  });

  it('accepts an ordinary name with accents, apostrophes and "&" as given', async () => {
    const name = "O'Connor & Søn — Peña's Café Motors";
    const created = await registerDealer(running.baseUrl, { id: 'oconnor', name, phones: ['+13305550300'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const read = await getJson(`${running.baseUrl}/api/v1/dealers/oconnor`);
    assert.equal((read.body as { name: string }).name, name);
  });

  it('answers 404 for an unknown dealer', async () => {
    const response = await getJson(`${running.baseUrl}/api/v1/dealers/nobody`);
    assert.equal(response.status, 404);
    assert.equal(asError(response.body).error.code, 'not_found');
  });

  it('needs the bearer token when API_TOKEN is set', async () => {
    const secured = await startTestApp({ API_TOKEN: 'a-long-enough-api-token' });
    try {
      assert.equal((await registerDealer(secured.baseUrl)).status, 401);
      const ok = await postJson(
        `${secured.baseUrl}/api/v1/dealers`,
        { id: 'secure', name: 'Secure Motors', state: 'OH', phones: ['+16145550177'] },
        { authorization: 'Bearer a-long-enough-api-token' },
      );
      assert.equal(ok.status, 201);
      assert.equal((await getJson(`${secured.baseUrl}/api/v1/cases/secure`)).status, 401);
    } finally {
      await secured.stop();
    }
  });
});
