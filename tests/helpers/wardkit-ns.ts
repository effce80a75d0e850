// Run the built CLI inside a test namespace: `wardkit serve` in one, `wardkit check` in the other.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NsLink } from './netns.js';
import { tempDir } from './temp.js';

export const WARDKIT = fileURLToPath(new URL('../../bin/wardkit.js', import.meta.url));

/** Start `wardkit serve` in `ns` on `ip:port`; resolves when it prints its URL. */
export async function serveInNs(
  link: NsLink,
  ns: string,
  ip: string,
  port: number,
  extra: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const data = tempDir('wardkit-ns-serve-');
  const child = link.spawn(ns, process.execPath, [
    WARDKIT,
    'serve',
    '--listen',
    `${ip}:${port}`,
    '--data',
    data,
    ...extra,
  ]);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 15_000);
    const on = (d: Buffer) => {
      out += d.toString();
      if (out.includes(`http://${ip}:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { url: `http://${ip}:${port}`, child };
}

/** A profile file for network tests (thresholds low enough that exit code is not the point). */
export function testProfile(network: Record<string, unknown>): string {
  const dir = tempDir('wardkit-net-profile-');
  const file = join(dir, 'net-test.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: wardkit/v1',
      'kind: EquipmentProfile',
      'id: net-test',
      'name: Network truth tests',
      `network: ${JSON.stringify({ uploadMbps: { min: 0.1, recommended: 0.2 }, downloadMbps: { min: 0.1, recommended: 0.2 }, ...network })}`,
      'call: { video: { bitrateKbps: 100 }, audio: { bitrateKbps: 32 } }',
      '',
    ].join('\n'),
  );
  return file;
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
