import { expect } from 'chai';
import { runNode } from '../support/run-process.ts';
import { databaseEnvFor, getJson, makeTempDir, startTestApp } from '../support/test-app.ts';

const cli = async (dataDir: string, ...args: string[]): ReturnType<typeof runNode> =>
  runNode('src/cli/main.ts', ['agents', ...args], { env: { DATA_DIR: dataDir, ...(await databaseEnvFor(dataDir)) } });

describe('cli agents', function () {
  this.timeout(60_000);

  it('adds an agent and prints the token once; lists agents without their tokens; revokes one', async () => {
    const dataDir = makeTempDir();
    const added = await cli(dataDir, 'add', 'Dana Smith');
    expect(added.code, added.stderr).to.equal(0);
    const token = /Token \(shown only now[^)]*\): (\S+)/.exec(added.stdout)?.[1] ?? '';
    expect(token).to.match(/^lra_agent_[\w-]{40,}$/);
    const second = await cli(dataDir, 'add', 'Lee Park');
    expect(second.code).to.equal(0);

    const listed = await cli(dataDir, 'list');
    expect(listed.code).to.equal(0);
    expect(listed.stdout).to.match(/^ID\s+NAME\s+CREATED\s+REVOKED/);
    expect(listed.stdout).to.match(/\n1\s+Dana Smith\s+\d{4}-\d{2}-\d{2}T\S+\s+no/);
    expect(listed.stdout).to.match(/\n2\s+Lee Park\s+/);
    expect(listed.stdout).not.to.contain(token);

    const revoked = await cli(dataDir, 'revoke', '1');
    expect(revoked.code, revoked.stderr).to.equal(0);
    expect(revoked.stdout).to.contain('Revoked agent 1 (Dana Smith)');
    const after = await cli(dataDir, 'list');
    expect(after.stdout).to.match(/\n1\s+Dana Smith\s+\S+\s+\d{4}-\d{2}-\d{2}T/);
    expect(after.stdout).to.match(/\n2\s+Lee Park\s+\S+\s+no/);
  });

  it('a token added by the CLI works on the running server, and stops working as soon as the CLI revokes it', async () => {
    const dataDir = makeTempDir();
    const running = await startTestApp({ DATA_DIR: dataDir, API_TOKEN: 'cli-agents-suite-admin-token-0123456789' });
    try {
      const added = await cli(dataDir, 'add', 'Phone Agent');
      const token = /: (lra_agent_\S+)/.exec(added.stdout)?.[1] ?? '';
      const auth = { authorization: `Bearer ${token}` };
      expect((await getJson(`${running.baseUrl}/api/v1/cases`, auth)).status).to.equal(200);
      const id = /Added agent (\d+)/.exec(added.stdout)?.[1] ?? '';
      expect((await cli(dataDir, 'revoke', id)).code).to.equal(0);
      expect((await getJson(`${running.baseUrl}/api/v1/cases`, auth)).status).to.equal(401);
    } finally {
      await running.stop();
    }
  });

  it('says what is wrong: no name, an unknown id, an unknown action', async () => {
    const dataDir = makeTempDir();
    const noName = await cli(dataDir, 'add');
    expect(noName.code).to.equal(2);
    expect(noName.stderr).to.contain('Give the agent');
    const blank = await cli(dataDir, 'add', '   ');
    expect(blank.code).to.equal(2);
    expect(blank.stderr).to.contain('name');
    const unknown = await cli(dataDir, 'revoke', '42');
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.contain('No agent with id 42');
    const notAnId = await cli(dataDir, 'revoke', 'dana');
    expect(notAnId.code).to.equal(2);
    const action = await cli(dataDir, 'rename', '1');
    expect(action.code).to.equal(2);
    expect(action.stderr).to.contain('Unknown action "rename"');
    expect((await cli(dataDir, 'list')).stdout).to.contain('No agents yet');
  });
});
