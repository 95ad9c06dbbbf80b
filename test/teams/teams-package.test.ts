import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { buildTeamsPackage } from '../../src/teams/teams-package.ts';
import { runNode } from '../support/run-process.ts';
import { makeTempDir } from '../support/test-app.ts';

const appId = '8f0c2a51-3b7e-4c1d-9a2e-5b6c7d8e9f01';
const publicBaseUrl = 'https://lease-return.example.com';
const schemaFile = 'src/teams/schema/MicrosoftTeams.v1.17.schema.json';

/** Microsoft's schema, shipped in the repository: no network. */
function validateManifest(manifest: unknown): string[] {
  // Both are CommonJS modules whose class and plugin are their `default` export.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  return validate(manifest) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

interface Manifest {
  manifestVersion: string;
  id: string;
  bots: { botId: string; scopes: string[] }[];
  validDomains: string[];
  icons: { color: string; outline: string };
}

async function unzip(bytes: Buffer): Promise<{ names: string[]; manifest: Manifest; raw: unknown; color: PNG; outline: PNG }> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string): Promise<Buffer> => {
    const entry = zip.file(name);
    expect(entry, name).to.not.equal(null);
    return (entry as JSZip.JSZipObject).async('nodebuffer');
  };
  const raw = JSON.parse((await read('manifest.json')).toString('utf8')) as unknown;
  return {
    names: Object.keys(zip.files).sort(),
    manifest: raw as Manifest,
    raw,
    color: PNG.sync.read(await read('color.png')),
    outline: PNG.sync.read(await read('outline.png')),
  };
}

function runNpm(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('Teams app package', function () {
  this.timeout(60_000);

  describe('buildTeamsPackage()', () => {
    it('zips a manifest valid against the Teams 1.17 schema with the bot id, scopes and valid domain, and the two icons', async () => {
      const { names, manifest, raw, color, outline } = await unzip(
        await buildTeamsPackage({ appId, publicBaseUrl, scopes: ['personal', 'team'], version: '0.1.0' }),
      );
      expect(names).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
      expect(validateManifest(raw)).to.deep.equal([]);
      expect(Number(manifest.manifestVersion)).to.be.at.least(1.17);
      expect(manifest.id).to.equal(appId);
      expect(manifest.bots).to.have.length(1);
      expect(manifest.bots[0]?.botId).to.equal(appId);
      expect(manifest.bots[0]?.scopes).to.deep.equal(['personal', 'team']);
      expect(manifest.validDomains).to.deep.equal(['lease-return.example.com']);
      expect(manifest.icons).to.deep.equal({ color: 'color.png', outline: 'outline.png' });

      expect([color.width, color.height]).to.deep.equal([192, 192]);
      expect([outline.width, outline.height]).to.deep.equal([32, 32]);
      // The outline is white on transparent: corners fully transparent, every visible pixel white.
      let visible = 0;
      for (let index = 0; index < outline.data.length; index += 4) {
        if ((outline.data[index + 3] ?? 0) === 0) continue;
        visible += 1;
        expect([outline.data[index], outline.data[index + 1], outline.data[index + 2]]).to.deep.equal([255, 255, 255]);
      }
      expect(outline.data[3]).to.equal(0);
      expect(visible).to.be.within(100, 32 * 32 - 100);
      // The color icon is opaque and not one flat color.
      expect(color.data[3]).to.equal(255);
      expect(new Set(Array.from({ length: 192 * 192 }, (_, pixel) => color.data[pixel * 4])).size).to.be.greaterThan(2);
    });

    it('the schema check can fail: a manifest without a bot id or with an unknown scope is refused', async () => {
      const { raw } = await unzip(await buildTeamsPackage({ appId, publicBaseUrl, scopes: ['personal'], version: '0.1.0' }));
      const manifest = raw as { bots: { botId?: string; scopes: string[] }[] };
      const broken = { ...manifest, bots: [{ ...manifest.bots[0], botId: 'not-a-guid', scopes: ['everyone'] }] };
      expect(validateManifest(broken).join(' '))
        .to.match(/botId/)
        .and.match(/scopes/);
    });
  });

  describe('npm run teams:package', () => {
    it('builds the zip from MicrosoftAppId and PUBLIC_BASE_URL with one command', async () => {
      const out = path.join(makeTempDir('lra-teams-'), 'teams-app.zip');
      const result = await runNpm(['teams:package', '--', '--out', out], { MicrosoftAppId: appId, PUBLIC_BASE_URL: `${publicBaseUrl}/`, TEAMS_BOT_SCOPES: '' });
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stdout).to.contain('teams-app.zip').and.contain(appId);
      const { manifest, raw } = await unzip(readFileSync(out));
      expect(validateManifest(raw)).to.deep.equal([]);
      expect(manifest.bots[0]?.scopes).to.deep.equal(['personal', 'team', 'groupChat']);
      expect(manifest.validDomains).to.deep.equal(['lease-return.example.com']);
    });

    it('says in one line which variable is missing or wrong, and writes nothing', async () => {
      const dir = makeTempDir('lra-teams-');
      const out = path.join(dir, 'teams-app.zip');
      const cases: [Record<string, string>, RegExp][] = [
        [{ MicrosoftAppId: '', PUBLIC_BASE_URL: publicBaseUrl }, /MicrosoftAppId/],
        [{ MicrosoftAppId: 'my-bot', PUBLIC_BASE_URL: publicBaseUrl }, /MicrosoftAppId: must be .* GUID/],
        [{ MicrosoftAppId: appId, PUBLIC_BASE_URL: '' }, /PUBLIC_BASE_URL/],
        [{ MicrosoftAppId: appId, PUBLIC_BASE_URL: 'http://lease-return.example.com' }, /PUBLIC_BASE_URL: must start with https/],
        [{ MicrosoftAppId: appId, PUBLIC_BASE_URL: publicBaseUrl, TEAMS_BOT_SCOPES: 'personal,everyone' }, /TEAMS_BOT_SCOPES/],
      ];
      const results = await Promise.all(
        cases.map(([env]) => runNode('src/cli/main.ts', ['teams-package', '--out', out], { env: { TEAMS_BOT_SCOPES: '', ...env } })),
      );
      results.forEach((result, index) => {
        const [, expected] = cases[index] ?? [{}, /$^/];
        expect(result.code, result.stderr).to.equal(2);
        expect(result.stderr.trim().split('\n')).to.have.length(1);
        expect(result.stderr).to.match(expected);
      });
      expect(() => readFileSync(out)).to.throw();
    });
  });
});
