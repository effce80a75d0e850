// Submission end to end: the built CLI spawned as a user runs it, a real server on 127.0.0.1,
// the spool on disk. The ward token must never appear in anything captured.
import { execa } from 'execa';
import { chmod, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { createReportsModule } from '../../src/server/reports/module.js';
import { ReportStore } from '../../src/server/reports/store.js';
import { deliverReport, flushSpool } from '../../src/report/submit/deliver.js';
import { listSpool } from '../../src/report/submit/spool.js';
import { makeReport } from '../helpers/submit-reports.js';
import { expectValidReport } from '../helpers/report-schema.js';
import { tempDir } from '../helpers/temp.js';

const BIN = resolve('bin/wardkit.js');
const READINESS_EXIT = { READY: 0, DEGRADED: 1, NOT_READY: 2 } as const;
let root: string;
let dataDir: string;
let server: RunningServer;
let token: string;
let otherToken: string;
const serverLog: string[] = [];
const captured: string[] = [];

function cli(args: string[], env: Record<string, string> = {}, timeout = 60_000) {
  return execa(process.execPath, [BIN, '--lang', 'en', ...args], {
    reject: false,
    timeout,
    env: {
      WARDKIT_CONFIG: join(root, 'no-config.yaml'),
      WARDKIT_SPOOL: join(root, 'default-spool'),
      NO_COLOR: '1',
      ...env,
    },
  }).then((r) => {
    captured.push(String(r.stdout), String(r.stderr));
    return r;
  });
}

const count = (ward?: string) => {
  const s = new ReportStore(dataDir);
  try {
    return s.count(ward);
  } finally {
    s.close();
  }
};

async function freePort(): Promise<number> {
  const s = await startServer({ listen: '127.0.0.1:0', modules: [] });
  const port = s.ctx.port;
  await s.close();
  return port;
}

beforeAll(async () => {
  root = tempDir('wardkit-submit-');
  dataDir = join(root, 'data');
  const store = new ReportStore(dataDir);
  token = store.createToken({ ward: 'W1' }).token;
  otherToken = store.createToken({ ward: 'W2' }).token;
  store.close();
  server = await startServer({ listen: '127.0.0.1:0', dataDir, log: (m) => serverLog.push(m) });
});

afterAll(async () => {
  await server?.close();
  // Nothing captured anywhere holds the token: output, the server's log, spool files.
  const spoolText: string[] = [];
  for (const d of await readdir(root, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (d.isFile() && d.name.endsWith('.json')) spoolText.push(await readFile(join(d.parentPath, d.name), 'utf8'));
  }
  for (const text of [...captured, ...serverLog, ...spoolText]) {
    expect(text).not.toContain(token);
    expect(text).not.toContain(otherToken);
  }
  expect(captured.length).toBeGreaterThan(10);
  await rm(root, { recursive: true, force: true });
});

describe('check --submit', () => {
  it('the demo submits to its own in-process server; its JSON matches the schema', async () => {
    const r = await cli(['check', '--demo', '--submit', '--format', 'json', '--spool', join(root, 'demo-spool')]);
    // The host check may warn on a busy machine: the exit code is the readiness, never 3.
    expect(r.exitCode).toBe(READINESS_EXIT[expectValidReport(String(r.stdout)).readiness]);
    const report = expectValidReport(String(r.stdout));
    expect(report.ward).toBe('DEMO');
    expect(String(r.stderr)).toContain(`Report ${report.id} sent to http://127.0.0.1:`);
  });

  it('WARDKIT_TOKEN=… check --demo --ward W1 --submit --server URL: stored, W1 READY, token never printed (even with --debug)', async () => {
    const before = count('W1');
    const r = await cli(
      ['--debug', 'check', '--demo', '--ward', 'W1', '--submit', '--server', server.url, '--format', 'json'],
      { WARDKIT_TOKEN: token },
    );
    const report = expectValidReport(String(r.stdout));
    expect(r.exitCode).toBe(READINESS_EXIT[report.readiness]);
    expect(report.ward).toBe('W1');
    expect(String(r.stderr)).toMatch(/HTTP 201/);
    expect(count('W1')).toBe(before + 1);
    const wards = await (
      await fetch(`${server.url}/api/v1/wards`, { headers: { authorization: `Bearer ${adminToken()}` } })
    ).json();
    expect(
      (wards as { wards: Array<{ ward: string; readiness: string }> }).wards.find((w) => w.ward === 'W1')?.readiness,
    ).toBe(report.readiness);
  });

  it("another ward's token: 403, nothing stored, report kept in spool/rejected (retrying cannot fix it; `report requeue` can after a fix)", async () => {
    const spool = join(root, 'spool-403');
    const before = count();
    const r = await cli(
      [
        'check',
        '--demo',
        '--ward',
        'W1',
        '--submit',
        '--server',
        server.url,
        '--spool',
        spool,
        '--submit-timeout',
        '5',
      ],
      { WARDKIT_TOKEN: otherToken },
    );
    expect(r.exitCode).toBeLessThan(3); // delivery trouble is reported, not the exit code
    expect(String(r.stderr)).toMatch(/HTTP 403/);
    expect(count()).toBe(before);
    expect(await listSpool(spool)).toHaveLength(0);
    expect(await listSpool(join(spool, 'rejected'))).toHaveLength(1);
  });

  it('server down → spooled (0600, no token) → server back → flush → exactly one stored', async () => {
    const port = await freePort();
    const spool = join(root, 'spool-down');
    const r = await cli(
      [
        '--debug',
        'check',
        '--demo',
        '--ward',
        'W1',
        '--submit',
        '--server',
        `http://127.0.0.1:${port}`,
        '--spool',
        spool,
        '--submit-timeout',
        '2',
      ],
      { WARDKIT_TOKEN: token },
    );
    expect(r.exitCode).toBeLessThan(3);
    expect(String(r.stderr)).toMatch(/queued to send later/);
    expect(String(r.stderr)).toMatch(/ECONNREFUSED/);
    const files = await listSpool(spool);
    expect(files).toHaveLength(1);
    if (process.platform !== 'win32') expect((await stat(files[0].file)).mode & 0o777).toBe(0o600);
    const id = JSON.parse(await readFile(files[0].file, 'utf8')).report.id as string;
    // The server comes back on that port.
    const back = await startServer({ listen: `127.0.0.1:${port}`, dataDir, log: (m) => serverLog.push(m) });
    try {
      const f = await cli(['report', 'flush', '--spool', spool], { WARDKIT_TOKEN: token });
      expect(f.exitCode).toBe(0);
      expect(String(f.stderr)).toMatch(/1 sent, 0 still waiting/);
      expect(await listSpool(spool)).toHaveLength(0);
      const again = await cli(['report', 'flush', '--spool', spool], { WARDKIT_TOKEN: token });
      expect(String(again.stderr)).toMatch(/No report is waiting/);
    } finally {
      await back.close();
    }
    const s = new ReportStore(dataDir);
    try {
      expect(s.get(id)?.ward).toBe('W1');
      expect(s.db.prepare('SELECT count(*) AS n FROM reports WHERE id = ?').get(id)).toEqual({ n: 1 });
    } finally {
      s.close();
    }
  });

  it('the config file must be mode 0600', async () => {
    if (process.platform === 'win32') return;
    const cfg = join(root, 'config.yaml');
    await writeFile(cfg, `token: ${token}\nserver: ${server.url}\n`, { mode: 0o644 });
    await chmod(cfg, 0o644);
    const r = await cli(['check', '--demo', '--ward', 'W1', '--submit', '--config', cfg]);
    expect(r.exitCode).toBe(3);
    expect(String(r.stderr)).toContain(`chmod 600 ${cfg}`);
    await chmod(cfg, 0o600);
    const ok = await cli(['check', '--demo', '--ward', 'W1', '--submit', '--config', cfg, '--server', server.url]);
    expect(ok.exitCode).toBeLessThan(3);
    expect(String(ok.stderr)).toMatch(/sent to/);
  });

  it('without a token: exit 3 before checking, with the way to fix it', async () => {
    const r = await cli(['check', '--demo', '--ward', 'W1', '--submit', '--server', server.url]);
    expect(r.exitCode).toBe(3);
    expect(String(r.stderr)).toMatch(/WARDKIT_TOKEN/);
    expect(String(r.stderr)).not.toMatch(/Checking room/);
  });
});

describe('report submit / flush', () => {
  it('submits a saved report; the same file again is a no-op success', async () => {
    const file = join(root, 'saved.json');
    const report = makeReport('W1');
    await writeFile(file, JSON.stringify(report));
    const before = count('W1');
    const a = await cli(['report', 'submit', file, '--server', server.url, '--spool', join(root, 's2')], {
      WARDKIT_TOKEN: token,
    });
    expect(a.exitCode).toBe(0);
    expect(String(a.stderr)).toContain(`Report ${report.id} sent`);
    const b = await cli(['report', 'submit', file, '--server', server.url, '--spool', join(root, 's2')], {
      WARDKIT_TOKEN: token,
    });
    expect(b.exitCode).toBe(0);
    expect(String(b.stderr)).toContain('already on');
    expect(count('W1')).toBe(before + 1);
  });

  it('refuses a file that is not a report (exit 1)', async () => {
    const file = join(root, 'bad.json');
    await writeFile(file, JSON.stringify({ hello: 'world' }));
    const r = await cli(['report', 'submit', file, '--server', server.url], { WARDKIT_TOKEN: token });
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr)).toMatch(/not a wardkit report/);
  });

  it('a report left in the spool after a successful POST (crash before delete) is delivered once', async () => {
    const spool = join(root, 'spool-leftover');
    const report = makeReport('W1');
    const out = await deliverReport(report, { server: server.url, token, spool, budgetMs: 5000 });
    expect(out.kind).toBe('delivered');
    // Simulate the crash: the report is back in the spool as if the delete never happened.
    const { spoolReport } = await import('../../src/report/submit/spool.js');
    await spoolReport(spool, report, server.url);
    const r = await flushSpool({ spool, token, budgetMs: 5000 });
    expect(r).toMatchObject({ delivered: 1, duplicates: 1, remaining: 0 });
    const s = new ReportStore(dataDir);
    try {
      expect(s.db.prepare('SELECT count(*) AS n FROM reports WHERE id = ?').get(report.id)).toEqual({ n: 1 });
    } finally {
      s.close();
    }
  });

  it('flush killed after the server stored the report but before it saw the answer: next flush → still exactly one', async () => {
    const spool = join(root, 'spool-kill');
    const report = makeReport('W1');
    const { spoolReport } = await import('../../src/report/submit/spool.js');
    await spoolReport(spool, report, undefined);
    // A server whose intake stores the report, then holds the answer until we killed the client.
    const mod = await createReportsModule({});
    const route = mod.routes.find((r) => r.method === 'POST')!;
    const intake = route.handler;
    let child: ReturnType<typeof cli> | undefined;
    let childPid: number | undefined;
    route.handler = async (req, res, p, ctx) => {
      const end = res.end.bind(res) as (...a: unknown[]) => unknown;
      (res as { end: unknown }).end = (...args: unknown[]) => {
        if (childPid) process.kill(childPid, 'SIGKILL');
        setTimeout(() => end(...args), 50);
        return res;
      };
      await intake(req, res, p, ctx);
    };
    const killer = await startServer({ listen: '127.0.0.1:0', dataDir, modules: [mod] });
    try {
      const proc = execa(
        process.execPath,
        [BIN, 'report', 'flush', '--spool', spool, '--server', killer.url, '--submit-timeout', '20'],
        {
          reject: false,
          env: { WARDKIT_TOKEN: token, WARDKIT_CONFIG: join(root, 'no-config.yaml') },
        },
      );
      childPid = proc.pid;
      child = proc.then((r) => (captured.push(String(r.stdout), String(r.stderr)), r)) as never;
      const r = await child!;
      expect(r.signal).toBe('SIGKILL');
    } finally {
      await killer.close();
    }
    // Stored once, but the spool still has it (the client died before deleting).
    expect(await listSpool(spool)).toHaveLength(1);
    const f = await cli(['report', 'flush', '--spool', spool, '--server', server.url], { WARDKIT_TOKEN: token });
    expect(f.exitCode).toBe(0);
    expect(await listSpool(spool)).toHaveLength(0);
    const s = new ReportStore(dataDir);
    try {
      expect(s.db.prepare('SELECT count(*) AS n FROM reports WHERE id = ?').get(report.id)).toEqual({ n: 1 });
    } finally {
      s.close();
    }
  });
});

describe('serve token', () => {
  it('create prints the token once on stdout; list never shows it; revoke → 401', async () => {
    const data = join(root, 'cli-data');
    const c = await cli(['serve', 'token', 'create', '--ward', 'W9', '--data', data]);
    expect(c.exitCode).toBe(0);
    const t9 = String(c.stdout).trim();
    expect(t9).toMatch(/^wk_[A-Za-z0-9_-]{43}$/);
    const l = await cli(['serve', 'token', 'list', '--data', data]);
    expect(String(l.stdout)).toMatch(/W9/);
    expect(String(l.stdout) + String(l.stderr)).not.toContain(t9);
    const db = await readFile(join(data, 'wardkit.sqlite'));
    expect(db.includes(Buffer.from(t9))).toBe(false);
    const s = new ReportStore(data);
    expect(s.authenticate(t9)?.ward).toBe('W9');
    s.close();
    const rv = await cli(['serve', 'token', 'revoke', '--ward', 'W9', '--data', data]);
    expect(rv.exitCode).toBe(0);
    const s2 = new ReportStore(data);
    expect(s2.authenticate(t9)).toBeUndefined();
    s2.close();
    captured.splice(captured.indexOf(String(c.stdout)), 1); // the one place a token is meant to appear
  });
});

let admin: string | undefined;
function adminToken(): string {
  if (!admin) {
    const s = new ReportStore(dataDir);
    admin = s.createToken({ admin: true }).token;
    s.close();
  }
  return admin;
}

describe('check --submit without a ward', () => {
  it('refuses before measuring: a report for UNKNOWN would only be refused by the server', async () => {
    const r = await cli(['check', '--profile', 'demo-simulated', '--submit', '--server', 'http://127.0.0.1:9'], {
      WARDKIT_TOKEN: 'wk_whatever_token_value',
    });
    expect(r.exitCode).toBe(3);
    expect(String(r.stderr)).toMatch(/--room FILE .* or --ward ID/);
    expect(String(r.stderr)).not.toMatch(/Checking room/);
  });
});

describe('retries', () => {
  async function flakyServer(behaviour: (n: number) => '503' | 'drop-after-store' | 'ok') {
    const mod = await createReportsModule({});
    const route = mod.routes.find((r) => r.method === 'POST')!;
    const intake = route.handler;
    let calls = 0;
    route.handler = async (req, res, p, ctx) => {
      const what = behaviour(++calls);
      if (what === '503') {
        req.resume();
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"busy"}');
        return;
      }
      if (what === 'drop-after-store') {
        // Store, then lose the answer: the connection dies before the client reads it.
        (res as { end: unknown }).end = () => {
          res.socket?.destroy();
          return res;
        };
      }
      await intake(req, res, p, ctx);
    };
    const s = await startServer({ listen: '127.0.0.1:0', dataDir, modules: [mod] });
    return { s, calls: () => calls };
  }

  it('503, 503, then 201: delivered on the third attempt, stored once', async () => {
    const { s, calls } = await flakyServer((n) => (n <= 2 ? '503' : 'ok'));
    try {
      const report = makeReport('W1');
      const out = await deliverReport(report, {
        server: s.url,
        token,
        spool: join(root, 'spool-retry'),
        budgetMs: 20_000,
        baseDelayMs: 50,
      });
      expect(out).toEqual({ kind: 'delivered', duplicate: false, attempts: 3 });
      expect(calls()).toBe(3);
      expect(await listSpool(join(root, 'spool-retry'))).toHaveLength(0);
    } finally {
      await s.close();
    }
  });

  it('the answer is lost after the server stored the report: the retry gets 200, still one copy', async () => {
    const { s, calls } = await flakyServer((n) => (n === 1 ? 'drop-after-store' : 'ok'));
    try {
      const report = makeReport('W1');
      const out = await deliverReport(report, {
        server: s.url,
        token,
        spool: join(root, 'spool-lost'),
        budgetMs: 20_000,
        baseDelayMs: 50,
      });
      expect(out).toEqual({ kind: 'delivered', duplicate: true, attempts: 2 });
      expect(calls()).toBe(2);
      const st = new ReportStore(dataDir);
      try {
        expect(st.db.prepare('SELECT count(*) AS n FROM reports WHERE id = ?').get(report.id)).toEqual({ n: 1 });
      } finally {
        st.close();
      }
    } finally {
      await s.close();
    }
  });

  it('the total time is bounded: a server that always answers 503 → spooled within the budget', async () => {
    const { s } = await flakyServer(() => '503');
    try {
      const t0 = Date.now();
      const out = await deliverReport(makeReport('W1'), {
        server: s.url,
        token,
        spool: join(root, 'spool-503'),
        budgetMs: 1500,
        baseDelayMs: 200,
      });
      const took = Date.now() - t0;
      expect(out.kind).toBe('spooled');
      expect(took).toBeLessThan(1500 + 1000); // budget plus one request's worth of slack on a busy machine
    } finally {
      await s.close();
    }
  });

  it('413 for a body streamed without Content-Length', async () => {
    const big = JSON.stringify({ ...makeReport('W1'), pad: 'x'.repeat(3 * 1024 * 1024) });
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < big.length; i += 65536) c.enqueue(new TextEncoder().encode(big.slice(i, i + 65536)));
        c.close();
      },
    });
    const res = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      body: stream,
      headers: { authorization: `Bearer ${token}` },
      duplex: 'half',
    } as RequestInit).catch((e: Error) => e);
    // Either the 413 arrives, or the server closed the upload mid-way after answering; never a 2xx.
    if (res instanceof Error) expect(String(res.cause ?? res)).toMatch(/ECONNRESET|EPIPE|other side closed|socket/i);
    else expect(res.status).toBe(413);
  });
});
