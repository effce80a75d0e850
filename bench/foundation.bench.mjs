// Foundation benchmarks: CLI cold start and profile validation throughput.
//   npm run bench -- foundation
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 11;
const START_TARGET = 2.5; // × `node -e 0`

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore', env: { ...process.env, LANG: 'C' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return ms;
}

async function coldStart() {
  const base = [];
  const help = [];
  const helpVi = [];
  time(['-e', '0']); // warm the file cache once
  time(['bin/wardkit.js', '--help']);
  for (let i = 0; i < RUNS; i++) {
    // Interleaved so that load on the machine hits all three alike.
    base.push(time(['-e', '0']));
    help.push(time(['bin/wardkit.js', '--help']));
    helpVi.push(time(['bin/wardkit.js', '--lang', 'vi', '--help']));
  }
  const b = median(base);
  const row = (what, xs) => {
    const m = median(xs);
    const ratio = m / b;
    return [what, m.toFixed(1), ratio.toFixed(2) + '×', `≤ ${START_TARGET}×`, ratio <= START_TARGET ? 'PASS' : 'FAIL'];
  };
  return {
    title: `CLI cold start (median of ${RUNS} interleaved runs, node ${process.version}, load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)`,
    columns: ['command', 'median ms', 'vs node -e 0', 'target', 'result'],
    rows: [
      ['node -e 0', b.toFixed(1), '1.00×', '—', '—'],
      row('wardkit --help', help),
      row('wardkit --lang vi --help', helpVi),
    ],
  };
}

async function throughput() {
  const { validateInputs } = await import('../dist/profiles/validate-files.js');
  const { profileValidator } = await import('../dist/profiles/validate-schema.js');
  const bundled = join(root, 'profiles');
  const sources = readdirSync(bundled).filter((f) => f.endsWith('.yaml'));
  const COPIES = 1000;
  // The bundled profiles as shipped, copied COPIES times. The rate is information, not a target:
  // CI validates a handful of files, and even ~200 profiles/s including start-up is ample.
  const dir = mkdtempSync(join(tmpdir(), 'wardkit-bench-'));
  try {
    for (let i = 0; i < COPIES; i++) {
      const src = sources[i % sources.length];
      writeFileSync(join(dir, `${String(i).padStart(4, '0')}-${src}`), readFileSync(join(bundled, src), 'utf8'));
    }
    const compiled = profileValidator();
    const pass = async () => {
      const t0 = performance.now();
      const results = await validateInputs([dir]);
      const ms = performance.now() - t0;
      const invalid = results.filter((r) => !r.valid).length;
      if (invalid) throw new Error(`${invalid} bundled profile copies were invalid`);
      if (results.length !== COPIES) throw new Error(`validated ${results.length} files, expected ${COPIES}`);
      return ms;
    };
    const coldMs = await pass(); // includes compiling the schema and warming the JIT
    const warm = [];
    for (let k = 0; k < 3; k++) warm.push(await pass());
    const once = profileValidator() === compiled;
    const row = (what, ms) => [what, COPIES, ms.toFixed(0), ((COPIES / ms) * 1000).toFixed(0)];
    return {
      title:
        `Profiles validated per second, one process, for information (${COPIES} copies of ${sources.join(', ')}; ` +
        `schema compiled once: ${once ? 'yes' : 'NO'}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs)`,
      columns: ['run', 'files', 'ms', 'profiles/s'],
      rows: [
        row('first pass (schema compile + JIT warm-up)', coldMs),
        row('median of 3 warm passes', median(warm)),
        row('best of 3 warm passes', Math.min(...warm)),
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function () {
  return [await coldStart(), await throughput()];
}
