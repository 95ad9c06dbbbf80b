import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadTeamsPackageConfig } from '../../config.ts';
import { ConfigError } from '../../errors.ts';
import { writeTeamsPackage } from '../../teams/teams-package.ts';
import type { CliIo } from '../cli-io.ts';
import { usages } from '../usage.ts';

const packageJsonSchema = z.object({ version: z.string().regex(/^\d+\.\d+\.\d+$/) });

/**
 * `teams-package [--out FILE]` (npm run teams:package): writes the Teams app zip (manifest.json,
 * color.png, outline.png) for this server's bot, from MicrosoftAppId and PUBLIC_BASE_URL.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  let out: string;
  try {
    const parsed = parseArgs({ args, options: { out: { type: 'string' } } });
    out = path.resolve(parsed.values.out ?? path.join('dist', 'teams-app.zip'));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${usages['teams-package']}`);
    return 2;
  }
  const { version } = packageJsonSchema.parse(JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')));
  let settings: ReturnType<typeof loadTeamsPackageConfig>;
  try {
    settings = loadTeamsPackageConfig(io.env, version);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`Cannot build the Teams package: ${error.message}\n`);
    return 2;
  }
  const bytes = await writeTeamsPackage(settings, out);
  io.stdout.write(
    `Wrote ${path.relative(process.cwd(), out) || out} (${bytes} bytes): bot ${settings.appId}, scopes ${settings.scopes.join(', ')}, valid domain ${new URL(settings.publicBaseUrl).host}.\n` +
      'Upload it in Teams: Apps > Manage your apps > Upload an app > Upload a custom app.\n',
  );
  return 0;
}
