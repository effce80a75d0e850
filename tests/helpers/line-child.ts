// A helper process of a test that talks in lines: it prints one JSON line when ready, answers a line
// on stdin with one line on stdout, and exits when its stdin ends (so it also goes when the test
// process dies). Used by the delay relay and the UDP echo, which must not share the test's event loop.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface LineChild<Ready> {
  ready: Ready;
  /** Write `line`, resolve with the next line the child prints (10 s at most). */
  ask(line: string): Promise<string>;
  /** End stdin and wait for the exit (SIGKILL after 3 s). */
  close(): Promise<void>;
}

export async function startLineChild<Ready>(script: string, args: string[]): Promise<LineChild<Ready>> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (l) => waiting.shift()?.(l));
  const next = (ms: number) =>
    new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${script} did not answer in ${ms} ms`)), ms);
      waiting.push((l) => (clearTimeout(t), resolve(l)));
    });
  let ready: Ready;
  try {
    ready = JSON.parse(await next(10_000)) as Ready;
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    ready,
    ask(line) {
      const answer = next(10_000);
      child.stdin!.write(`${line}\n`);
      return answer;
    },
    async close() {
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.stdin!.end();
      await exited;
      clearTimeout(t);
    },
  };
}
