import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

describe('npm run cli -- ask', () => {
  it('prints a short answer with its sources, without a key or network', async () => {
    const env = { ...process.env, OPENAI_API_KEY: '', LOG_LEVEL: 'warn' };
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--disable-warning=DEP0111', 'src/cli/main.ts', 'ask', 'who do I call with transportation questions?'],
      { env },
    );
    expect(stdout).to.contain('877-290-9544, option 4').and.contain('[pickup-release]').and.contain('(extractive)');
  });

  it('exits 2 with the error on stderr for an over-long question', async () => {
    try {
      await run(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/cli/main.ts', 'ask', 'x'.repeat(1001)], {
        env: { ...process.env, OPENAI_API_KEY: '' },
      });
      expect.fail('should have failed');
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      expect(failed.code).to.equal(2);
      expect(failed.stderr).to.contain('"field":"question"');
    }
  });
});
