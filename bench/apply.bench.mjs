// `npm run bench -- apply`: how long matching and provisioning take.
// 1. matchRoles over synthetic inventories (pure CPU).
// 2. runApply in-process on the simulated demo room: first apply, the "no changes" re-run, --plan.
// 3. With PulseAudio installed: a real private daemon with two null sinks and a null source —
//    first apply (default sink/source, volume, unmute through pactl) and the no-op re-run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { matchRoles } from '../dist/apply/match.js';
import { runApply } from '../dist/apply/run.js';
import { pactlInventory } from '../dist/platform/linux-pulse.js';
import { createFormatter } from '../dist/i18n/format.js';

const t = createFormatter('en');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn, n = 5) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  return { median: median(ms).toFixed(2), max: Math.max(...ms).toFixed(2) };
}

function have(cmd) {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export default async function () {
  const tables = [];
  const kinds = ['camera', 'microphone', 'speaker', 'display'];
  const rows = [];
  for (const n of [10, 100, 1000]) {
    const devices = Array.from({ length: n }, (_, i) => ({
      kind: kinds[i % 4],
      uri: `pulse:dev${i}`,
      name: `Device ${i} ${i % 7 === 0 ? 'Jabra' : 'Generic'}`,
      source: 'bench',
    }));
    const roles = Array.from({ length: 64 }, (_, i) => ({
      id: `r${i}`,
      kind: kinds[i % 4],
      required: true,
      match: { name: [i % 2 ? '*Jabra*' : `/device ${i}\\b/i`] },
    }));
    const r = await time(() => matchRoles(roles, { devices, unavailable: [] }), 20);
    rows.push([n, 64, r.median, r.max]);
  }
  tables.push({
    title: 'apply: matching 64 roles (ms, 20 runs)',
    columns: ['devices', 'roles', 'median ms', 'max ms'],
    rows,
  });

  const dir = mkdtempSync(join(os.tmpdir(), 'wardkit-bench-apply-'));
  try {
    const deps = { t, interactive: false, cwd: dir };
    const first = await time((i) => runApply({ profile: 'demo-simulated', ward: `B${i}`, yes: true }, deps));
    const again = await time((i) => runApply({ profile: 'demo-simulated', ward: `B${i}`, yes: true }, deps));
    const plan = await time((i) => runApply({ profile: 'demo-simulated', ward: `B${i}`, plan: true }, deps));
    const demoRows = [
      ['first apply (writes room file)', first.median, first.max],
      ['re-run: no changes', again.median, again.max],
      ['--plan', plan.median, plan.max],
    ];
    if (have('pulseaudio') && have('pactl') && process.platform === 'linux') {
      const rt = mkdtempSync(join(os.tmpdir(), 'wardkit-bench-pulse-'));
      const env = {
        ...process.env,
        XDG_RUNTIME_DIR: rt,
        HOME: rt,
        PULSE_SERVER: `unix:${join(rt, 'pulse', 'native')}`,
      };
      execFileSync(
        'pulseaudio',
        [
          '-D',
          '--exit-idle-time=-1',
          '-n',
          '--system=false',
          '--disallow-exit',
          '--use-pid-file=true',
          '--load=module-native-protocol-unix',
          '--load=module-null-sink sink_name=room_speaker',
          '--load=module-null-sink sink_name=tv_speaker',
        ],
        { env, stdio: 'ignore', timeout: 15000 },
      );
      let pid = 0;
      for (let i = 0; i < 100 && !pid; i++) {
        try {
          pid = Number(readFileSync(join(rt, 'pulse', 'pid'), 'utf8'));
          execFileSync('pactl', ['info'], { env, stdio: 'ignore' });
        } catch {
          pid = 0;
          execFileSync('sleep', ['0.1']);
        }
      }
      try {
        execFileSync('pactl', ['load-module', 'module-null-source', 'source_name=room_mic'], { env, stdio: 'ignore' });
        const prof = join(dir, 'pulse.yaml');
        writeFileSync(
          prof,
          "apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: bench-pulse\nname: bench\nroles:\n  - id: spk\n    kind: speaker\n    required: true\n    match: { name: ['room_speaker'] }\n    settings: { setDefault: true, volume: 80, unmute: true }\n  - id: mic\n    kind: microphone\n    required: true\n    match: { name: ['room_mic'] }\n    settings: { setDefault: true, volume: 70, unmute: true }\n",
        );
        const pdeps = { t, interactive: false, cwd: dir, env, source: (o) => pactlInventory({ ...o, env }) };
        const reset = () => {
          execFileSync('pactl', ['set-default-sink', 'tv_speaker'], { env });
          execFileSync('pactl', ['set-sink-volume', 'room_speaker', '30%'], { env });
          execFileSync('pactl', ['set-sink-mute', 'room_speaker', '1'], { env });
        };
        const inv = await time(() => pactlInventory({ env }));
        const p1 = await time(async (i) => {
          reset();
          await runApply({ profile: prof, ward: `P${i}`, yes: true }, pdeps);
        });
        const p2 = await time((i) => runApply({ profile: prof, ward: `P${i}`, yes: true }, pdeps));
        demoRows.push(
          ['PulseAudio: pactl inventory', inv.median, inv.max],
          ['PulseAudio: apply default+volume+unmute, 2 roles (pactl)', p1.median, p1.max],
          ['PulseAudio: re-run, no changes', p2.median, p2.max],
        );
      } finally {
        if (pid) process.kill(pid, 'SIGTERM');
        rmSync(rt, { recursive: true, force: true });
      }
    }
    tables.push({
      title: 'apply: provisioning one room (ms, median of 5)',
      columns: ['step', 'median ms', 'max ms'],
      rows: demoRows,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return tables;
}
