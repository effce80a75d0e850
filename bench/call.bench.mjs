// Test-call bench: connect time, the echo server's CPU per call, and the most concurrent calls with
// < 1 % loss on loopback. The server runs as its own process (`wardkit serve`) so its CPU is its own
// (read from /proc/<pid>/stat); the clients replay RTP encoded once by ffmpeg (measured: five live
// 720p encoders cannot keep real time on 2 cores).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCall } from '../dist/net/webrtc-call.js';
import { ffmpegFeed, recordFeed, replayFeed } from '../dist/net/webrtc-media.js';
import { resolveFfmpeg } from '../dist/media/ffmpeg.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TICK = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(parts[11]) + Number(parts[12])) / TICK; // utime + stime
}

async function startServe(maxCalls) {
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin/wardkit.js'),
      'serve',
      '--listen',
      '127.0.0.1:0',
      '--data',
      join(os.tmpdir(), `wardkit-bench-call-${process.pid}`),
      '--whip-max-calls',
      String(maxCalls),
      // Every bench client comes from 127.0.0.1: lift the per-source share (default 2) with the total.
      '--whip-max-calls-per-source',
      String(maxCalls),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error('serve did not start')), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    child.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
  });
  return { url, pid: child.pid, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
}

const fmt = (v, d = 1) => (v === undefined || v === null || Number.isNaN(v) ? '—' : Number(v).toFixed(d));
const med = (a) => (a.length ? [...a].sort((x, y) => x - y)[a.length >> 1] : undefined);

export default async function () {
  const ac = new AbortController();
  const video = { width: 1280, height: 720, frameRate: 30, bitrateKbps: 1500 };
  const packets = await recordFeed(
    ffmpegFeed({ ffmpeg: resolveFfmpeg(), video, audioBitrateKbps: 32, realtime: false }),
    6,
    ac.signal,
  );
  const server = await startServe(64);
  const tables = [];
  try {
    // 1. Connect time, sequential calls.
    const connects = [];
    for (let i = 0; i < 8; i++) {
      const r = await runCall({
        server: server.url,
        durationS: 1,
        feed: replayFeed([]),
        signal: ac.signal,
        deadline: Date.now() + 20000,
      });
      if (r.connectMs !== undefined) connects.push(r.connectMs);
    }
    tables.push({
      title: 'Test call — connect time on loopback (POST offer → ICE+DTLS connected), 8 calls',
      columns: ['median ms', 'min ms', 'max ms'],
      rows: [[fmt(med(connects), 0), fmt(Math.min(...connects), 0), fmt(Math.max(...connects), 0)]],
    });

    // 2./3. Concurrency ramp with replayed 720p30 VP8 1.5 Mbit/s + Opus; server CPU from /proc.
    const rows = [];
    let best = 0;
    const seconds = 5;
    // WARDKIT_BENCH_CALLS=1,10,20 runs a shorter ramp (a shared or slow machine).
    const ramp = (process.env.WARDKIT_BENCH_CALLS ?? '1,5,10,15,20,25,30,40').split(',').map(Number);
    for (const n of ramp) {
      const cpu0 = cpuSeconds(server.pid);
      const t0 = Date.now();
      const results = await Promise.all(
        Array.from({ length: n }, () =>
          runCall({
            server: server.url,
            durationS: seconds,
            feed: replayFeed(packets),
            signal: ac.signal,
            deadline: Date.now() + 60000,
          }),
        ),
      );
      const wall = (Date.now() - t0) / 1000;
      const cpu = cpuSeconds(server.pid) - cpu0;
      const ok = results.filter((r) => r.connected);
      const sent = ok.reduce((s, r) => s + r.video.packetsSent + r.audio.packetsSent, 0);
      const echoed = ok.reduce((s, r) => s + r.video.packetsEchoed + r.audio.packetsEchoed, 0);
      // Packets the echo had not returned when a call stopped counting, sent later than its delay at
      // the end allowed (the one client process falling behind): on their way, not lost (EchoLedger).
      const pending = ok.reduce((s, r) => s + (r.video.echoPending ?? 0) + (r.audio.echoPending ?? 0), 0);
      const loss = sent - pending > 0 ? (100 * (sent - pending - echoed)) / (sent - pending) : 100;
      // Gaps inside the echoed sequence numbers only: a packet missing in the middle, never one that
      // had not come back when the call stopped counting (a client process too busy to keep up).
      const gapExpected = ok.reduce((s, r) => s + r.video.echoExpected + r.audio.echoExpected, 0);
      const gapLoss = gapExpected ? (100 * (gapExpected - echoed)) / gapExpected : NaN;
      // What the server received (its RTCP receiver reports): separates server-side from client-side overload.
      const upLost = ok.reduce(
        (s, r) => s + Math.max(0, r.video.rtcpLost ?? 0) + Math.max(0, r.audio.rtcpLost ?? 0),
        0,
      );
      const lossUp = sent ? (100 * upLost) / sent : NaN;
      const callSeconds = ok.reduce((s, r) => s + r.durationS, 0);
      const pass = ok.length === n && loss < 1;
      if (pass) best = n;
      rows.push([
        n,
        ok.length,
        fmt(loss, 2),
        fmt(gapLoss, 2),
        fmt(sent ? (100 * pending) / sent : NaN, 2),
        fmt(lossUp, 2),
        fmt(med(ok.map((r) => r.connectMs)), 0),
        fmt(cpu, 2),
        fmt(callSeconds ? cpu / callSeconds : NaN, 3),
        fmt(cpu / wall, 2),
        pass ? 'yes' : 'no',
      ]);
      if (!pass && n >= 20) break;
    }
    tables.push({
      title: `Test call — concurrent echo calls on loopback (${seconds} s each, replayed 720p30 VP8 1.5 Mbit/s + Opus 32 kbit/s; ${os.cpus().length} CPUs); most with < 1 % loss: ${best}. Clients and server share the 2 cores; the clients (one Node process, 2 SRTP streams each way per call) are the heavier side`,
      columns: [
        'calls',
        'connected',
        'round-trip loss %',
        'echo gap loss %',
        'on its way at the end %',
        'uplink loss % (RTCP)',
        'median connect ms',
        'server CPU s',
        'server CPU s per call-second',
        'server cores busy',
        '< 1 % loss',
      ],
      rows,
    });
  } finally {
    await server.stop();
  }
  return tables;
}
