// Issue 15, "bad input the CLI and server do not bound" (points 11–14): FIFOs, devices and folders
// where a file is expected, profiles that extend files outside their tree, stdout on a full
// device, numeric options, malformed URLs, deep nesting, ids by case, admin-token guessing and the
// TLS cipher list — each against the real CLI or the real server on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tls from 'node:tls';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { makeReport } from '../helpers/submit-reports.js';
import { request } from '../helpers/serve-process.js';
import { systemUnavailable } from '../helpers/system.js';
import { tempDir } from '../helpers/temp.js';
import { selfSignedCert } from '../helpers/tls.js';

const skip = systemUnavailable(['mkfifo', 'openssl']);
const BIN = new URL('../../bin/wardkit.js', import.meta.url).pathname;
const EXIT_IO = 74;
let root: string;

async function cli(args: string[], o: { env?: Record<string, string>; stdout?: string; timeout?: number } = {}) {
  const started = performance.now();
  // stdout straight to the file (e.g. /dev/full) as a shell's `>` does, not through a pipe.
  const fd = o.stdout ? openSync(o.stdout, 'w') : undefined;
  const r = await execa(process.execPath, [BIN, '--lang', 'en', ...args], {
    reject: false,
    timeout: o.timeout ?? 20_000,
    stdin: 'ignore',
    ...(fd !== undefined ? { stdout: fd } : {}),
    env: {
      HOME: root,
      XDG_CONFIG_HOME: join(root, 'cfg'),
      XDG_STATE_HOME: join(root, 'state'),
      NO_COLOR: '1',
      ...o.env,
    },
  });
  if (fd !== undefined) closeSync(fd);
  return {
    code: r.exitCode,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr),
    ms: performance.now() - started,
    timedOut: r.timedOut,
  };
}

describe.skipIf(skip)('bounded inputs (issue 15 points 11–14)', () => {
  beforeAll(() => {
    root = tempDir('wardkit-rely-inputs-');
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('11: --room, report show and report submit on a FIFO, /dev/urandom or a folder: a clear error in < 1 s', async () => {
    const fifo = join(root, 'room.fifo');
    execFileSync('mkfifo', [fifo]);
    const dir = join(root, 'a-folder');
    mkdirSync(dir);
    const cases: Array<[string[], RegExp, number]> = [
      [['check', '--room', fifo], /FIFO|pipe/i, 3],
      [['check', '--room', '/dev/urandom'], /device/i, 3],
      [['check', '--room', dir], /folder/i, 3],
      [['report', 'show', fifo], /FIFO|pipe/i, 1],
      [['report', 'show', '/dev/urandom'], /device/i, 1],
      [['report', 'submit', fifo, '--server', 'http://127.0.0.1:9'], /FIFO|pipe/i, 1],
    ];
    // Node's own start-up on this (shared, loaded) machine, measured now: the bound is on the rest.
    const baseline = (await cli(['--version'])).ms;
    for (const [args, msg, code] of cases) {
      const r = await cli(args, { env: { WARDKIT_TOKEN: 'wk_0123456789abcdef' }, timeout: 10_000 });
      expect(r.timedOut, args.join(' ')).toBe(false);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(msg);
      expect(r.stderr).not.toMatch(/not found/);
      expect(r.ms - baseline, args.join(' ')).toBeLessThan(2000); // < 1 s of work when idle; 2 s on this shared, loaded box
    }
    const big = join(root, 'big.yaml');
    writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, 0x61));
    const r = await cli(['check', '--room', big]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/too large/i);
  });

  it('12: extends outside the profile’s folder tree is refused without printing the file; diamonds are linear', async () => {
    const tree = join(root, 'tree', 'a', 'b');
    mkdirSync(tree, { recursive: true });
    mkdirSync(join(root, 'outside'), { recursive: true });
    writeFileSync(join(root, 'outside', 'secret.txt'), 'SECRET_LINE_rely_42: x\nother: y\n');
    const evil = join(tree, 'evil.yaml');
    writeFileSync(
      evil,
      'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: evil\nname: e\nextends: ../../../outside/secret.txt\nroles: []\n',
    );
    for (const format of ['text', 'github', 'json']) {
      const r = await cli(['profiles', 'validate', '--format', format, evil]);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toMatch(/SECRET_LINE|other/);
      expect(r.stdout + r.stderr).toMatch(/outside/);
    }
    // Allowed explicitly: WARDKIT_PROFILE_PATH names extra roots.
    const allowed = await cli(['profiles', 'validate', evil], { env: { WARDKIT_PROFILE_PATH: join(root, 'outside') } });
    expect(allowed.stdout).toMatch(/SECRET_LINE/); // now it is the user's own choice, and it is not a profile
    // Diamonds: 24 levels, each extending the one below twice.
    const d = join(root, 'tree', 'diamond');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'p0.yaml'), 'apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: p0\nname: p0\nroles: []\n');
    for (let i = 1; i <= 24; i++)
      writeFileSync(
        join(d, `p${i}.yaml`),
        `apiVersion: wardkit/v1\nkind: EquipmentProfile\nid: p${i}\nname: p${i}\nextends: [./p${i - 1}.yaml, ./p${i - 1}.yaml]\nroles: []\n`,
      );
    const baseline = (await cli(['--version'])).ms;
    const dia = await cli(['profiles', 'validate', join(d, 'p24.yaml')], { timeout: 15_000 });
    expect(dia.timedOut).toBe(false);
    expect(dia.stderr + dia.stdout).not.toMatch(/Internal error|call stack/);
    // 25 files (linear), not 2²⁴ loads: seconds at most even on a loaded machine.
    expect(dia.ms - baseline).toBeLessThan(15_000);
  });

  it('13: a write error on stdout: one line, the documented exit code; token create revokes the token it could not show', async () => {
    const list = await cli(['profiles', 'list'], { stdout: '/dev/full' });
    expect(list.code).toBe(EXIT_IO);
    expect(list.stderr.trim().split('\n')).toHaveLength(1);
    expect(list.stderr).toMatch(/standard output|stdout/i);
    const check = await cli(['check', '--demo', '--only', 'host'], { stdout: '/dev/full', timeout: 60_000 });
    expect(check.code).toBe(3);
    expect(check.stderr).not.toMatch(/ {4}at /);
    const data = join(root, 'tokdata');
    const tc = await cli(['serve', 'token', 'create', '--ward', 'W1', '--data', data], { stdout: '/dev/full' });
    expect(tc.code).toBe(EXIT_IO);
    expect(tc.stderr).toMatch(/revoked/i);
    const ls = await cli(['serve', 'token', 'list', '--data', data]);
    expect(ls.stdout).toMatch(/revoked/);
    expect(ls.stdout).not.toMatch(/\bactive\b/);
  });

  it('14: serve refuses bad numbers and short admin tokens with 64', async () => {
    const bad = [
      ['--whip-max-calls', 'abc'],
      ['--stale-hours', 'abc'],
      ['--whip-max-seconds', '-5'],
      ['--max-report-size', '0'],
      ['--max-report-size', '-1'],
      ['--max-report-size', 'lots'],
      ['--admin-token', 'a'],
    ];
    for (const b of bad) {
      const r = await cli(['serve', '--listen', '127.0.0.1:0', '--data', join(root, 'srv-bad'), ...b], {
        timeout: 30_000,
      });
      expect(r.timedOut, b.join(' ')).toBe(false);
      expect(r.code, `${b.join(' ')}: ${r.stderr}`).toBe(64);
    }
  });

  describe('server hygiene', () => {
    let s: RunningServer;
    let token: string;
    const ADMIN = 'rely-admin-token-0123456789abcdef';
    const logs: string[] = [];
    beforeAll(async () => {
      s = await startServer({
        listen: '127.0.0.1:0',
        dataDir: join(root, 'srv'),
        log: (m) => logs.push(m),
        options: { adminToken: ADMIN },
      });
      const { ReportStore } = await import('../../src/server/reports/store.js');
      const st = new ReportStore(join(root, 'srv'));
      token = st.createToken({ ward: 'W1' }).token;
      st.close();
    });
    afterAll(() => s?.close());
    const post = (body: string, tok = token) =>
      request(`${s.url}/api/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
        body,
      });

    it('malformed percent-encoding → 400 without a stack trace in the log', async () => {
      for (const p of ['/api/v1/reports/%ZZ', '/api/v1/whip/%E0%A4%A', '/%']) {
        const r = await request(`${s.url}${p}`, { headers: { authorization: `Bearer ${ADMIN}` } });
        expect(r.status, p).toBe(400);
      }
      expect(logs.join('\n')).not.toMatch(/URIError| {4}at /);
    });

    it('deep nesting is refused at intake; ids differing only in case are one report', async () => {
      const r = makeReport('W1') as unknown as { results: Array<{ details?: unknown }>; id: string };
      r.results[0].details = { x: '__DEEP__' };
      // 5,000 levels: built as text (JSON.stringify itself would overflow the stack on it).
      const deepText = JSON.stringify(r).replace('"__DEEP__"', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000));
      const deepRes = await post(deepText);
      expect(deepRes.status).toBe(400);
      expect(deepRes.body.toString()).toMatch(/nest/i);
      const ok = makeReport('W1');
      expect((await post(JSON.stringify(ok))).status).toBe(201);
      const upper = { ...ok, id: ok.id.toUpperCase() };
      const again = await post(JSON.stringify(upper));
      expect(again.status).toBe(200);
      const got = await request(`${s.url}/api/v1/reports/${ok.id.toUpperCase()}`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      expect(got.status).toBe(200);
    });

    it('the admin token on intake is 403 (it is a valid token, not a ward’s), as the docs say', async () => {
      expect((await post(JSON.stringify(makeReport('W1')), ADMIN)).status).toBe(403);
    });

    it('admin-token guessing is rate-limited per source; the real admin elsewhere is not locked out', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++)
        statuses.push(
          (
            await request(`${s.url}/api/v1/wards`, {
              headers: { authorization: `Bearer guess-${i}-0123456789` },
              from: '127.0.0.4',
            })
          ).status,
        );
      expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(20);
      expect(statuses.filter((x) => x === 429).length).toBeGreaterThan(0);
      expect(
        (await request(`${s.url}/api/v1/wards`, { headers: { authorization: `Bearer ${ADMIN}` }, from: '127.0.0.1' }))
          .status,
      ).toBe(200);
    });
  });

  it('14: TLS offers only forward-secret suites (static-RSA TLS 1.2 refused)', async () => {
    const tlsDir = join(root, 'tls');
    mkdirSync(tlsDir);
    const { cert, key } = selfSignedCert(tlsDir);
    const s = await startServer({
      listen: '127.0.0.1:0',
      dataDir: join(root, 'srv-tls'),
      tlsCert: cert,
      tlsKey: key,
    });
    const port = Number(new URL(s.url).port);
    const hello = (o: tls.ConnectionOptions) =>
      new Promise<string>((resolve) => {
        const c = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...o }, () => {
          const name = c.getCipher().name;
          c.destroy();
          resolve(name);
        });
        c.on('error', (e) => resolve(`error: ${e.message}`));
      });
    try {
      for (const cipher of ['AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'AES128-SHA', 'AES256-SHA256']) {
        expect(await hello({ ciphers: cipher, maxVersion: 'TLSv1.2' }), cipher).toMatch(/^error/);
      }
      expect(await hello({ maxVersion: 'TLSv1.2' })).toMatch(/^ECDHE/);
      expect(await hello({})).toMatch(/^TLS_/);
    } finally {
      await s.close();
    }
  });
});
