// System packages through apt-get, only when running as root on a Debian-like machine.
import { existsSync } from 'node:fs';
import { formatDuration, isRoot, log, run, which } from './proc.mjs';

/** Why apt-get cannot be used here, or null when it can. */
export function aptUnavailableReason() {
  if (!which('apt-get')) return 'apt-get is not available on this machine';
  if (!isRoot()) return 'installing system packages needs root (run as root, or install them yourself)';
  return null;
}

/** Installs Debian packages with progress; returns null on success, else the reason it could not. */
export async function aptInstall(packages, note) {
  const unavailable = aptUnavailableReason();
  if (unavailable) return unavailable;
  log('setup', `installing ${packages.join(', ')} with apt-get (${note})…`);
  const started = Date.now();
  const options = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  if ((await run('apt-get', ['update'], options)) !== 0) return 'apt-get update failed (see above)';
  if ((await run('apt-get', ['install', '-y', ...packages], options)) !== 0) return `apt-get install ${packages.join(' ')} failed (see above)`;
  log('setup', `installed ${packages.join(', ')} in ${formatDuration(Date.now() - started)}`);
  return null;
}

export const CHROMIUM = '/usr/bin/chromium';

/** null when Debian's chromium is at /usr/bin/chromium (installing it if it can), else why not. */
export async function ensureChromium() {
  if (existsSync(CHROMIUM)) return null;
  const failure = await aptInstall(['chromium'], 'about a minute');
  if (failure) return `${CHROMIUM} is missing and could not be installed: ${failure}`;
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is still missing after installing chromium`;
}

export const REDIS_SERVER = '/usr/bin/redis-server';

/** null when Debian's redis-server is installed (installing it if it can), else why not. The tests start their own. */
export async function ensureRedis() {
  if (existsSync(REDIS_SERVER) || which('redis-server')) return null;
  const failure = await aptInstall(['redis-server'], 'about 20 seconds');
  if (failure) return `redis-server is missing and could not be installed: ${failure}`;
  return existsSync(REDIS_SERVER) ? null : `${REDIS_SERVER} is still missing after installing redis-server`;
}
