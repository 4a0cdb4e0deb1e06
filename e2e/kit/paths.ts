import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const apiMain = path.join(repoRoot, 'apps', 'api', 'dist', 'main.js');
export const webDir = path.join(repoRoot, 'apps', 'web');
export const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');

/** Fails with the command that fixes it, instead of a timeout later. */
export function assertBuilt(): void {
  const missing: string[] = [];
  if (!existsSync(apiMain)) missing.push(`${path.relative(repoRoot, apiMain)} (npm run build -w @tunelab/api)`);
  if (!existsSync(path.join(webDir, '.next', 'BUILD_ID'))) missing.push(`apps/web/.next (npm run build -w @tunelab/web)`);
  if (missing.length > 0) throw new Error(`Build first; missing: ${missing.join(', ')}. Or run \`npm run build\` at the repository root.`);
}
