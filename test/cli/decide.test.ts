import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { requestInput } from '../support/decision-fixtures.ts';
import { runNode } from '../support/run-process.ts';
import { makeTempDir } from '../support/test-app.ts';

describe('cli decide', () => {
  it('prints the decision for a file', async () => {
    const file = path.join(makeTempDir(), 'return.json');
    writeFileSync(file, JSON.stringify(requestInput({ state: 'SD', intent: 'dealerPurchaseForInventory', hasAvrmAccess: false })));
    const result = await runNode('src/cli/main.ts', ['decide', file]);
    expect(result.code).to.equal(0);
    const decision = JSON.parse(result.stdout) as { notification: unknown; inspection: unknown; remarketing: unknown; trace: unknown[] };
    expect(decision.notification).to.deep.equal({ method: 'fax', faxNumber: '866-851-0577' });
    expect(decision.inspection).to.deep.equal({ available: false });
    expect(decision.remarketing).to.deep.equal({ holdHours: 72, startsImmediately: false });
    expect(decision.trace).not.to.be.empty;
  });

  it('reads standard input with -', async () => {
    const result = await runNode('src/cli/main.ts', ['decide', '-'], { stdin: JSON.stringify(requestInput({ returnDate: '2026-01-02' })) });
    expect(result.code).to.equal(0);
    expect((JSON.parse(result.stdout) as { termination: string }).termination).to.equal('ET');
  });

  it('prints invalid input on stderr and exits 2', async () => {
    const result = await runNode('src/cli/main.ts', ['decide', '-'], { stdin: JSON.stringify(requestInput({ vin: '1M8GDM9A1KP042788' })) });
    expect(result.code).to.equal(2);
    expect(result.stdout).to.equal('');
    expect(JSON.parse(result.stderr)).to.deep.nested.include({ 'error.field': 'vin' });
  });

  it('exits 2 on malformed JSON', async () => {
    const result = await runNode('src/cli/main.ts', ['decide', '-'], { stdin: '{"state":' });
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('malformed_json');
  });
});
