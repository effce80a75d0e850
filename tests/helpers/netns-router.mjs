// Three network namespaces in a line, ward → router → server, like a ward office behind its router:
// the router forwards between two veth pairs and shapes its egress with tc tbf (rate, burst and a
// queue `limit`), so a load above the rate builds a standing queue of limit/rate seconds in the
// router — bufferbloat with a known truth. Names carry "perf" and the pid; cleanup() always runs.
// Plain JavaScript (types in netns-router.d.mts): the bufferbloat system test and its bench
// (bench/bufferbloat.bench.mjs, plain node) build the same path and run the same loaded check.
import { execFileSync, spawn } from 'node:child_process';

let counter = 0;

/** @param {string} cmd @param {string[]} args */
function run(cmd, args, timeoutMs = 20_000) {
  return execFileSync(cmd, args, { timeout: timeoutMs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** @returns {import('./netns-router.d.mts').RouterPath} */
export function createRouterPath() {
  const tag = `${process.pid % 100000}${++counter}`;
  const [ward, router, server] = ['w', 'r', 's'].map((x) => `perf${x}${tag}`);
  const dev = { ward: `pfw${tag}`, rWard: `pfrw${tag}`, server: `pfs${tag}`, rServer: `pfrs${tag}` };
  const a = 16 + ((process.pid + counter * 7) % 200);
  const b = (counter * 17 + (process.pid % 240)) % 240;
  const wardIp = `10.${a}.${b}.2`;
  const serverIp = `10.${a}.${b + 1}.2`;
  /** @type {import('node:child_process').ChildProcess[]} */
  const children = [];
  const cleanup = () => {
    for (const c of children) {
      if (c.pid && c.exitCode === null && c.signalCode === null) {
        try {
          process.kill(-c.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
    for (const ns of [ward, router, server]) {
      try {
        run('ip', ['netns', 'del', ns]);
      } catch {
        /* already gone */
      }
    }
  };
  try {
    for (const ns of [ward, router, server]) {
      run('ip', ['netns', 'add', ns]);
      run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    }
    run('ip', ['link', 'add', dev.ward, 'type', 'veth', 'peer', 'name', dev.rWard]);
    run('ip', ['link', 'add', dev.server, 'type', 'veth', 'peer', 'name', dev.rServer]);
    const place = [
      [dev.ward, ward, `${wardIp}/24`],
      [dev.rWard, router, `10.${a}.${b}.1/24`],
      [dev.server, server, `${serverIp}/24`],
      [dev.rServer, router, `10.${a}.${b + 1}.1/24`],
    ];
    for (const [d, ns, addr] of place) {
      run('ip', ['link', 'set', d, 'netns', ns]);
      run('ip', ['-n', ns, 'addr', 'add', addr, 'dev', d]);
      run('ip', ['-n', ns, 'link', 'set', d, 'up']);
    }
    run('ip', ['-n', ward, 'route', 'add', 'default', 'via', `10.${a}.${b}.1`]);
    run('ip', ['-n', server, 'route', 'add', 'default', 'via', `10.${a}.${b + 1}.1`]);
    run('ip', ['netns', 'exec', router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);
  } catch (err) {
    cleanup();
    throw err;
  }
  return {
    ward,
    router,
    server,
    wardIp,
    serverIp,
    exec: (ns, cmd, args, opts) => run('ip', ['netns', 'exec', ns, cmd, ...args], opts?.timeoutMs),
    spawn(ns, cmd, args) {
      const c = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(c);
      return c;
    },
    shape(direction, mbit, latencyMs) {
      const d = direction === 'download' ? dev.rWard : dev.rServer;
      // burst 32 kB holds this kernel's timer quantum at ≤ 20 Mbit/s (tests/helpers/netns.ts)
      const burst = Math.max(32, Math.round((mbit * 1e6) / 8 / 250 / 1024));
      // An explicit queue limit in bytes: a full queue holds limit/rate seconds of traffic.
      const limitBytes = Math.round(((mbit * 1e6) / 8) * (latencyMs / 1000));
      run('tc', [
        '-n',
        router,
        'qdisc',
        'replace',
        'dev',
        d,
        'root',
        'tbf',
        'rate',
        `${mbit}mbit`,
        'burst',
        `${burst}kb`,
        'limit',
        String(limitBytes),
      ]);
      return { limitBytes, queueMs: (limitBytes * 8 * 1000) / (mbit * 1e6) };
    },
    cleanup,
  };
}

/**
 * `wardkit serve` in network namespace `ns`, listening on `ip:port` with its data in `dataDir`. It is
 * spawned through `host.spawn` (a router path, a tests/helpers/netns.ts link or the network bench's
 * link), so the namespace's cleanup kills it. Resolves with its URL and process once it prints the
 * URL; rejects when it exits first or has not started within `timeoutMs`. The one way the tests and
 * the benches start the server inside a namespace.
 * @param {import('./netns-router.d.mts').Spawner} host
 * @param {import('./netns-router.d.mts').ServeOptions} o
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess }>}
 */
export function serveInNamespace(host, { ns, ip, port = 8470, wardkit, dataDir, extra = [], timeoutMs = 20_000 }) {
  const url = `http://${ip}:${port}`;
  const child = host.spawn(ns, process.execPath, [
    wardkit,
    'serve',
    '--listen',
    `${ip}:${port}`,
    '--data',
    dataDir,
    ...extra,
  ]);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`wardkit serve did not start in ${ns} within ${timeoutMs} ms: ${out}`)),
      timeoutMs,
    );
    /** @param {Buffer} d */
    const on = (d) => {
      out += d.toString();
      if (out.includes(url)) {
        clearTimeout(timer);
        resolve({ url, child });
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.once('exit', (c) => {
      clearTimeout(timer);
      reject(new Error(`wardkit serve in ${ns} exited ${c}: ${out}`));
    });
  });
}

/**
 * `wardkit serve` on the server at serverIp:8470 (data in `dataDir`); resolves with its URL once it
 * listens, rejects when it exits or has not started within `timeoutMs`.
 * @param {import('./netns-router.d.mts').RouterPath} path @param {string} wardkit @param {string} dataDir
 */
export async function serveOnServer(path, wardkit, dataDir, timeoutMs = 20_000) {
  const { url } = await serveInNamespace(path, {
    ns: path.server,
    ip: path.serverIp,
    port: 8470,
    wardkit,
    dataDir,
    timeoutMs,
  });
  return url;
}

/**
 * `wardkit check --only bandwidth --debug` in the ward namespace; its bandwidth result. With `fill`,
 * a UDP load of twice `rateMbit` (iperf3 to the server, whose iperf3 listens on `iperfPort`) runs in
 * the direction of each phase as soon as the check says that phase started, so the idle RTT is
 * taken on an empty queue and the loaded one on a full queue.
 * @param {import('./netns-router.d.mts').RouterPath} path
 * @param {import('./netns-router.d.mts').LoadedCheckOptions} o
 */
export async function loadedCheck(path, { wardkit, profile, url, iperfPort, rateMbit, fill }) {
  const check = path.spawn(path.ward, process.execPath, [
    wardkit,
    'check',
    '--format',
    'json',
    '--debug',
    '--only',
    'bandwidth',
    '--profile',
    profile,
    '--server',
    url,
  ]);
  let out = '';
  let err = '';
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let load;
  const stopLoad = () => {
    if (load?.pid && load.exitCode === null) {
      try {
        process.kill(-load.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  check.stdout?.on('data', (d) => (out += d.toString()));
  const started = new Set();
  check.stderr?.on('data', (d) => {
    err += d.toString();
    if (!fill) return;
    const phase = [...err.matchAll(/bandwidth: (download|upload) load started/g)]
      .map((m) => m[1])
      .find((p) => !started.has(p));
    if (!phase) return;
    started.add(phase);
    stopLoad();
    load = path.spawn(path.ward, 'iperf3', [
      '-c',
      path.serverIp,
      '-p',
      String(iperfPort),
      '-u',
      '-b',
      `${2 * rateMbit}M`,
      '-t',
      '7',
      ...(phase === 'download' ? ['-R'] : []),
    ]);
  });
  const code = await new Promise((resolve) => check.once('exit', resolve));
  stopLoad();
  await new Promise((r) => setTimeout(r, 1000)); // the queue drains and iperf3's server is free again
  if (!out) throw new Error(`check exited ${code} without a report: ${err.slice(-2000)}`);
  return JSON.parse(out).results.find((/** @type {{ checkId: string }} */ x) => x.checkId === 'bandwidth');
}
