import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { runNode } from '../support/run-process.ts';
import { makeTempDir } from '../support/test-app.ts';

const commands = ['decide', 'seed', 'sms', 'ask', 'eval', 'chat', 'agents'];

describe('cli --help', () => {
  it('prints the usage with every command on stdout and exits 0', async () => {
    const results = await Promise.all([['--help'], ['-h'], ['help']].map((args) => runNode('src/cli/main.ts', args)));
    for (const result of results) {
      expect(result.code).to.equal(0);
      expect(result.stdout).to.match(/^Usage: /);
      for (const command of commands) expect(result.stdout).to.contain(`  ${command}`);
    }
    // A missing or unknown command is still a usage mistake: stderr, exit 2.
    const [none, unknown] = await Promise.all([runNode('src/cli/main.ts', []), runNode('src/cli/main.ts', ['frobnicate'])]);
    expect(none.code).to.equal(2);
    expect(none.stderr).to.match(/^Usage: /);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.match(/^Unknown command "frobnicate"/);
  });

  it("prints each command's own usage and exits 0, doing nothing else", async () => {
    const dataDir = makeTempDir();
    const runs = [...commands.map((command) => [command, '--help']), ['sms', '"STATUS 042788"', '-h'], ['help', 'sms']];
    const results = await Promise.all(runs.map((args) => runNode('src/cli/main.ts', args, { env: { DATA_DIR: dataDir } })));
    results.forEach((result, index) => {
      const command = runs[index]?.[0] === 'help' ? runs[index]?.[1] : runs[index]?.[0];
      expect(result.code, `${runs[index]?.join(' ')}: ${result.stderr}`).to.equal(0);
      expect(result.stdout).to.match(/^Usage: npm run/);
      expect(result.stdout).to.contain(command === 'seed' || command === 'eval' || command === 'chat' ? `npm run ${command}` : `cli -- ${command}`);
    });
    // `seed --help` did not seed.
    expect(readdirSync(dataDir)).to.deep.equal([]);
  });
});
