// System tests need Linux, root and some Debian packages. Under CI=true a missing piece is a
// loud failure; elsewhere the test skips with a one-line reason.
import { execFileSync } from 'node:child_process';

export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

function have(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns undefined when the system test can run, or the reason it cannot. Under CI it throws
 * instead, so a missing package fails the run rather than silently skipping.
 */
export function systemUnavailable(commands: string[]): string | undefined {
  let reason: string | undefined;
  if (process.platform !== 'linux') reason = 'system tests need Linux';
  else if (process.getuid?.() !== 0) reason = 'system tests need root';
  else {
    const missing = commands.filter((c) => !have(c));
    if (missing.length) reason = `missing: ${missing.join(', ')} (apt-get install them; .ci/run does)`;
  }
  if (reason && IN_CI) throw new Error(`system test cannot run under CI: ${reason}`);
  return reason;
}
