// Run the built CLI inside a test namespace: `wardkit serve` in one, `wardkit check` in the other.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { NsLink } from './netns.js';
import { serveInNamespace } from './netns-router.mjs';
import { writeProfile } from './profile-file.js';
import { tempDir } from './temp.js';

export const WARDKIT = fileURLToPath(new URL('../../bin/wardkit.js', import.meta.url));

/** Start `wardkit serve` in `ns` on `ip:port`; resolves when it prints its URL (netns-router.mjs). */
export function serveInNs(
  link: NsLink,
  ns: string,
  ip: string,
  port: number,
  extra: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  return serveInNamespace(link, {
    ns,
    ip,
    port,
    wardkit: WARDKIT,
    dataDir: tempDir('wardkit-ns-serve-'),
    extra,
    timeoutMs: 15_000,
  });
}

/** A profile file for network tests (thresholds low enough that exit code is not the point). */
export function testProfile(network: Record<string, unknown>): string {
  return writeProfile(
    tempDir('wardkit-net-profile-'),
    'net-test.yaml',
    [
      'name: Network truth tests',
      `network: ${JSON.stringify({ uploadMbps: { min: 0.1, recommended: 0.2 }, downloadMbps: { min: 0.1, recommended: 0.2 }, ...network })}`,
      'call: { video: { bitrateKbps: 100 }, audio: { bitrateKbps: 32 } }',
      '',
    ].join('\n'),
  );
}

/** Run `wardkit check … --format json` in `ns`; returns the parsed report whatever the exit code. */
export function checkInNs(
  link: NsLink,
  ns: string,
  args: string[],
  timeoutMs: number,
  // biome-ignore lint/suspicious/noExplicitAny: the report JSON is read by tests field by field
): { report: any; exitCode: number } {
  try {
    const out = link.exec(ns, process.execPath, [WARDKIT, 'check', '--format', 'json', ...args], { timeoutMs });
    return { report: JSON.parse(out), exitCode: 0 };
  } catch (err) {
    const e = err as { stdout?: string; status?: number; stderr?: string };
    if (!e.stdout) throw new Error(`check failed without a report (exit ${e.status}): ${e.stderr}`);
    return { report: JSON.parse(e.stdout), exitCode: e.status ?? -1 };
  }
}
