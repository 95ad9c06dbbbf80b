import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for the tests: `initdb` into a temporary folder, `pg_ctl start` on a
 * free loopback port, trust authentication (nothing else can reach it), and fsync off (it is thrown away).
 * Started once per test process on first use and stopped when the process exits; each caller gets its
 * own fresh database in it (`freshPostgresDatabase`), so suites never see each other's rows.
 *
 * PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` user (Debian's package
 * creates it) through `runuser`. No binaries: `postgresAvailable()` is false and the suites say so and
 * skip, except under CI (CI=true), where a missing PostgreSQL fails the run instead.
 */

export interface PostgresCluster {
  /** postgres://… of the maintenance database. */
  readonly adminUrl: string;
  readonly port: number;
  readonly dataDir: string;
}

let cluster: PostgresCluster | undefined;
let starting: Promise<PostgresCluster> | undefined;
let databaseCounter = 0;

/** The folder holding initdb and pg_ctl: PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin, else PATH. */
export function postgresBinDir(): string | undefined {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const bin = path.join(debianRoot, version, 'bin');
      if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found ? path.dirname(found) : undefined;
}

export function postgresAvailable(): boolean {
  return postgresBinDir() !== undefined;
}

/** Why PostgreSQL suites skip here (and a failure under CI, which must not skip). */
export function postgresMissingReason(): string {
  return 'PostgreSQL binaries (initdb, pg_ctl) not found: install Debian\'s "postgresql" package or set PG_BIN; PostgreSQL tests skipped';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function runAsOwner(bin: string, args: string[], asRoot: boolean): void {
  const command = asRoot ? 'runuser' : bin;
  const fullArgs = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  execFileSync(command, fullArgs, { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
}

async function startCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresMissingReason());
  const asRoot = userInfo().uid === 0;
  const root = mkdtempSync(path.join(tmpdir(), 'lra-pg-'));
  const dataDir = path.join(root, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  chmodSync(root, 0o700);
  runAsOwner(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'lra', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], asRoot);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${root}'`,
    // Tests throw the cluster away: no fsync at all. The benchmark (LRA_PG_FSYNC=on) keeps fsync and
    // full-page writes and turns off only synchronous_commit, SQLite's synchronous=NORMAL counterpart.
    ...(process.env.LRA_PG_FSYNC === 'on' ? ['-c fsync=on'] : ['-c fsync=off', '-c full_page_writes=off']),
    '-c synchronous_commit=off',
    '-c max_connections=200',
    '-c shared_buffers=128MB',
  ].join(' ');
  runAsOwner(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-l', path.join(root, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start'], asRoot);
  const started: PostgresCluster = { adminUrl: `postgres://lra@127.0.0.1:${port}/postgres`, port, dataDir };
  process.once('exit', () => {
    // Synchronous: an exit handler cannot wait. `immediate` is fine for a cluster that is thrown away.
    try {
      runAsOwner(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], asRoot);
    } catch {
      // already stopped
    }
    rmSync(root, { recursive: true, force: true });
  });
  return started;
}

/** The process's cluster, started on first use. */
export async function postgresCluster(): Promise<PostgresCluster> {
  if (cluster) return cluster;
  starting ??= startCluster().then((started) => {
    cluster = started;
    return started;
  });
  return starting;
}

/** A new empty database in the cluster; returns its URL. Nothing is migrated yet (the app does that). */
export async function freshPostgresDatabase(prefix = 'lra'): Promise<string> {
  const { adminUrl, port } = await postgresCluster();
  databaseCounter += 1;
  const name = `${prefix}_${process.pid}_${databaseCounter}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return `postgres://lra@127.0.0.1:${port}/${name}`;
}

/**
 * `it`-level guard for suites that need PostgreSQL: skips with the reason when the binaries are missing,
 * and fails under CI instead (CI installs PostgreSQL; a skip there would hide a broken install).
 */
export function requirePostgres(context: Mocha.Context): void {
  if (postgresAvailable()) return;
  if (process.env.CI) throw new Error(`${postgresMissingReason()} — CI must run them (.ci/run installs postgresql)`);
  context.skip();
}
