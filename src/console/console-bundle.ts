import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

/** One file of the console, ready to send: built once, kept in memory, gzipped once. */
export interface ConsoleAsset {
  readonly name: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly etag: string;
}

export interface ConsoleBundle {
  readonly script: ConsoleAsset;
  readonly style: ConsoleAsset;
}

const webDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web');

/**
 * The browser shares src/domain/vin.ts and us-states.ts with the server so VIN and state messages match
 * word for word; their zod schemas live apart (vin-schema.ts, us-state-schema.ts), because zod would add
 * ~450 KB to a page that must load in well under a second. A shared module that starts to import zod
 * stops the build here, naming the importer, instead of quietly growing the page.
 */
const noZodInTheBrowser: Plugin = {
  name: 'no-zod-in-the-browser',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^zod(\/.*)?$/ }, (args) => ({
      errors: [
        { text: `${path.relative(process.cwd(), args.importer)} imports zod, which the console bundle leaves out: move the schema to a *-schema.ts module` },
      ],
    }));
  },
};

let building: Promise<ConsoleBundle> | undefined;

/**
 * Bundles web/main.ts (and the CSS it imports) with esbuild, in memory. Memoised per process: the
 * sources do not change while the server runs, and test suites start many apps.
 */
export function buildConsoleBundle(): Promise<ConsoleBundle> {
  building ??= bundle().catch((error: unknown) => {
    building = undefined;
    throw error;
  });
  return building;
}

async function bundle(): Promise<ConsoleBundle> {
  const result = await build({
    entryPoints: [path.join(webDirectory, 'main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    platform: 'browser',
    write: false,
    outdir: '/console-out',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [noZodInTheBrowser],
  });
  const script = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const style = result.outputFiles.find((file) => file.path.endsWith('.css'));
  if (!script || !style) throw new Error('The console bundle is missing its script or its style sheet.');
  return {
    script: asset('app', 'js', 'text/javascript; charset=utf-8', script.contents),
    style: asset('app', 'css', 'text/css; charset=utf-8', style.contents),
  };
}

function asset(baseName: string, extension: string, contentType: string, contents: Uint8Array): ConsoleAsset {
  const body = Buffer.from(contents);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  // The hash in the name lets browsers cache an asset for good; a new build gets a new name.
  return { name: `${baseName}.${hash}.${extension}`, contentType, body, gzipped: gzipSync(body, { level: 9 }), etag: `"${hash}"` };
}
