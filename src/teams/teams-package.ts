import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { colorIcon, outlineIcon } from './app-icons.ts';
import { teamsAppText, teamsIconFiles, teamsManifest, type TeamsPackageSettings } from './teams-manifest.ts';

/** The zip Teams takes as a custom app: manifest.json and the two icons at its root. */
export async function buildTeamsPackage(settings: TeamsPackageSettings): Promise<Buffer> {
  const zip = new JSZip();
  // A fixed date keeps the zip byte-identical for the same settings.
  const date = new Date('2026-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(teamsManifest(settings), null, 2)}\n`, { date });
  zip.file(teamsIconFiles.color, colorIcon(teamsAppText.accentColor), { date });
  zip.file(teamsIconFiles.outline, outlineIcon(), { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

export async function writeTeamsPackage(settings: TeamsPackageSettings, file: string): Promise<number> {
  const bytes = await buildTeamsPackage(settings);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return bytes.length;
}
