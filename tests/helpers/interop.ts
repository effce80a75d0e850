// Independent WebRTC peers for interop tests, each run inside a loopback-only namespace (loopns.ts):
// Debian's Chromium driven by playwright-core (one browser for every case), aiortc and GStreamer
// webrtcbin scripts (tests/interop/*.py, Debian's python3 — not a pyenv one, which lacks the modules).
import { execFileSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LoopNs } from './loopns.js';
import { tempDir } from './temp.js';

export const INTEROP_DIR = fileURLToPath(new URL('../interop/', import.meta.url));
export const WARDKIT = fileURLToPath(new URL('../../bin/wardkit.js', import.meta.url));
export const PYTHON = '/usr/bin/python3';

/** Lines of JSON from a child's stdout, one promise per awaited line. */
export class JsonLines {
  private readonly queue: unknown[] = [];
  private waiters: Array<(v: unknown) => void> = [];
  stderr = '';
  constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        return; // not ours (library chatter)
      }
      const w = this.waiters.shift();
      if (w) w(v);
      else this.queue.push(v);
    });
    child.stderr?.on('data', (d) => (this.stderr = (this.stderr + d).slice(-4000)));
  }
  next<T = Record<string, unknown>>(timeoutMs: number, what = 'output'): Promise<T> {
    if (this.queue.length) return Promise.resolve(this.queue.shift() as T);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new Error(`no ${what} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-1500)}`));
      }, timeoutMs);
      const done = (v: unknown) => {
        clearTimeout(t);
        resolve(v as T);
      };
      this.waiters.push(done);
      this.child.once('exit', (code) => {
        if (this.waiters.includes(done)) {
          clearTimeout(t);
          reject(new Error(`${what}: process exited ${code}; stderr: ${this.stderr.slice(-1500)}`));
        }
      });
    });
  }
}

/** `wardkit serve` inside the namespace on 127.0.0.1:port. */
export async function serveIn(
  ns: LoopNs,
  port: number,
  extra: string[] = [],
): Promise<{ url: string; child: ChildProcess; log: () => string }> {
  const data = tempDir('wardkit-rtc-serve-');
  const child = ns.spawn(process.execPath, [
    WARDKIT,
    'serve',
    '--listen',
    `127.0.0.1:${port}`,
    '--data',
    data,
    ...extra,
  ]);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
    const on = (d: Buffer) => {
      out += d.toString();
      if (out.includes(`http://127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  child.stdout?.on('data', (d) => (out = (out + d).slice(-20000)));
  return { url: `http://127.0.0.1:${port}`, child, log: () => out };
}

/** Run one interop script to completion inside the namespace; its last JSON line is the result. */
export async function runScript(
  ns: LoopNs,
  script: string,
  args: string[],
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const child = ns.spawn(PYTHON, [join(INTEROP_DIR, script), ...args]);
  const lines = new JsonLines(child);
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), timeoutMs);
  try {
    return await lines.next(timeoutMs, script);
  } finally {
    clearTimeout(timer);
  }
}

/** A Python WHIP server (aiortc or GStreamer) inside the namespace; resolves with its URL. */
export async function pythonServer(
  ns: LoopNs,
  script: string,
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess; lines: JsonLines }> {
  const child = ns.spawn(PYTHON, [join(INTEROP_DIR, script), '127.0.0.1', ...args]);
  const lines = new JsonLines(child);
  const first = await lines.next<{ listening: string }>(30_000, `${script} start`);
  return { url: first.listening, child, lines };
}

/** One Chromium for many cases. */
export async function chromiumDriver(ns: LoopNs): Promise<{
  run(c: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
  version: string;
  close(): void;
}> {
  const child = ns.spawn(process.execPath, [join(INTEROP_DIR, 'chromium-driver.mjs')]);
  const lines = new JsonLines(child);
  const ready = await lines.next<{ ready: boolean; version: string }>(90_000, 'chromium start');
  return {
    version: ready.version,
    async run(c, timeoutMs = 60_000) {
      child.stdin!.write(JSON.stringify(c) + '\n');
      return lines.next(timeoutMs, `chromium case ${String(c.id)}`);
    },
    close() {
      child.stdin!.end();
    },
  };
}

export interface InteropRow {
  peer: string;
  role: string;
  result: string;
}

/**
 * The interop table of docs/call.md is written by the tests: with WARDKIT_INTEROP_DOCS=1 the rows
 * replace what stands between `<!-- interop:NAME:begin -->` and `<!-- interop:NAME:end -->`.
 */
export async function writeInteropTable(name: string, rows: InteropRow[]): Promise<void> {
  if (process.env.WARDKIT_INTEROP_DOCS !== '1' || !rows.length) return;
  const { readFileSync, writeFileSync } = await import('node:fs');
  const file = fileURLToPath(new URL('../../docs/call.md', import.meta.url));
  const doc = readFileSync(file, 'utf8');
  const begin = `<!-- interop:${name}:begin -->`;
  const end = `<!-- interop:${name}:end -->`;
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/call.md has no ${begin} … ${end} markers`);
  const table = [
    '| peer | role | result |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.peer} | ${r.role} | ${r.result} |`),
  ].join('\n');
  writeFileSync(file, `${doc.slice(0, a + begin.length)}\n${table}\n${doc.slice(b)}`);
  // The docs are formatted like the code (Biome pads table columns): keep `npm run lint` green.
  const { execFileSync } = await import('node:child_process');
  const biome = fileURLToPath(new URL('../../node_modules/.bin/biome', import.meta.url));
  execFileSync(biome, ['format', '--write', file], { stdio: 'ignore', timeout: 60_000 });
}

/** The independent WHIP servers and wardkit's own echo, as the interop tables name them. */
export const PEER_LABEL = {
  aiortc: 'aiortc 1.4 WHIP server that decodes and re-encodes (no data-channel echo)',
  gstreamer: 'GStreamer 1.22 webrtcbin WHIP server (depayload → payload, its own SSRCs)',
  serve: '`wardkit serve` echo peer (packet-for-packet, data-channel echo)',
} as const;

/** The profile of the interop calls (480×270 at 800 kbit/s), with the engine when not werift. */
export function interopProfile(name: string, engine?: 'libwebrtc'): string {
  const file = join(tempDir('wardkit-rtc-profile-'), 'interop.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: wardkit/v1',
      'kind: EquipmentProfile',
      'id: interop-test',
      `name: ${name}`,
      'network: { uploadMbps: { min: 2, recommended: 3 }, downloadMbps: { min: 2, recommended: 3 } }',
      // A re-encoding server sends at its own bitrate: the judged video bitrate is what went up.
      `call: { ${engine ? `engine: ${engine}, ` : ''}video: { width: 480, height: 270, frameRate: 30, bitrateKbps: 800 }, audio: { bitrateKbps: 32 }, videoBitrateKbps: { warn: 300, fail: 150 } }`,
      '',
    ].join('\n'),
  );
  return file;
}

/** What `wardkit call --json` prints, the fields the interop tests read (the libwebrtc engine's last). */
export interface CallJson {
  status: string;
  findings: Array<{ key: string; severity: string }>;
  result: {
    engine?: string;
    connected: boolean;
    lossPercent?: number;
    lossUpPercent?: number;
    lossDownPercent?: number;
    lossRoundTripPercent?: number;
    rttMs?: number;
    rttRtcpMs?: number;
    rttDataChannelMs?: number;
    jitterMs?: number;
    pair?: { protocol: string; localType: string; remoteType: string };
    mos?: number;
    implausible?: string[];
    packetEcho?: boolean;
    video: Record<string, number>;
    audio: Record<string, number>;
    videoSendKbps?: number;
    encoder?: string;
    framesEncoded?: number;
    limitation?: { reason: string; cpuS: number; bandwidthS: number; totalS: number };
    availableOutgoingKbps?: number;
    repair?: Record<string, number>;
    error?: unknown;
  };
}

/**
 * `wardkit call --json` for `seconds` inside the namespace. A warn or fail verdict still prints the
 * JSON; with `verdictExitsOnly`, any exit other than 0/1/2 fails here (e.g. 139, a crash after the
 * report was printed), else the exit code is returned with the JSON.
 */
export function callIn(
  ns: LoopNs,
  url: string,
  profile: string,
  seconds: number,
  verdictExitsOnly = false,
): { out: CallJson; exit: number } {
  const args = [WARDKIT, 'call', '--server', url, '--duration', String(seconds), '--profile', profile, '--json'];
  try {
    const stdout = execFileSync('ip', ['netns', 'exec', ns.name, process.execPath, ...args], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { out: JSON.parse(stdout) as CallJson, exit: 0 };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    if (!e.stdout || (verdictExitsOnly && e.status !== 1 && e.status !== 2))
      throw new Error(`wardkit call failed (${e.status}): ${e.stderr}`);
    return { out: JSON.parse(e.stdout) as CallJson, exit: e.status ?? -1 };
  }
}
