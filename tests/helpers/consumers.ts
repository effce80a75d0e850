// The real programs downstream of wardkit's outputs, driven with argument arrays: xmllint (XSD
// validation), Debian's python3-jsonschema, promtool and systemd-analyze. Each returns what the
// tool said, so a test failure shows the consumer's own message.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMAS = fileURLToPath(new URL('../fixtures/schemas/', import.meta.url));
export const JUNIT_XSDS = {
  'jenkins xunit junit-10': join(SCHEMAS, 'jenkins-xunit-junit-10.xsd'),
  'surefire 3.0': join(SCHEMAS, 'surefire-test-report-3.0.xsd'),
} as const;
export const TASK_XSD = join(SCHEMAS, 'task-scheduler.xsd');

export interface ToolResult {
  ok: boolean;
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], input?: string | Buffer, timeoutMs = 30_000): ToolResult {
  const r = spawnSync(cmd, args, { input, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  return { ok: r.status === 0, status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** Validate an XML document (text or bytes, any encoding its declaration names) against an XSD. */
export function xmllint(xml: string | Buffer, xsd: string): ToolResult {
  return run('xmllint', ['--noout', '--nonet', '--schema', xsd, '-'], xml);
}

/**
 * Validate instances against a JSON Schema with Debian's python3-jsonschema (/usr/bin/python3, not
 * whatever python3 is first on PATH): the validator class the schema's $schema names, with its
 * format checker. Returns one list of error messages per instance.
 */
export function pythonJsonschema(schema: unknown, instances: unknown[]): { version: string; errors: string[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'wardkit-outputs-jsonschema-'));
  try {
    writeFileSync(join(dir, 'schema.json'), JSON.stringify(schema));
    writeFileSync(join(dir, 'instances.json'), JSON.stringify(instances));
    const script = `
import json, sys
import jsonschema
from importlib.metadata import version
schema = json.load(open(sys.argv[1], encoding="utf-8"))
instances = json.load(open(sys.argv[2], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
v = cls(schema, format_checker=cls.FORMAT_CHECKER)
print(json.dumps({"version": version("jsonschema"), "validator": cls.__name__,
  "errors": [[e.message for e in v.iter_errors(i)] for i in instances]}))
`;
    const r = run('/usr/bin/python3', ['-c', script, join(dir, 'schema.json'), join(dir, 'instances.json')]);
    if (!r.ok) throw new Error(`python3-jsonschema failed (exit ${r.status}):\n${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `promtool check metrics` reads the exposition from stdin; lint problems make it exit non-zero. */
export function promtoolCheckMetrics(text: string): ToolResult {
  return run('promtool', ['check', 'metrics'], text);
}

/** `systemd-analyze verify` of unit files (works without systemd as PID 1). */
export function systemdVerify(unitFiles: string[]): ToolResult {
  return run('systemd-analyze', ['verify', '--man=no', ...unitFiles]);
}

/** `systemd-analyze security --offline=true` of a unit file: the exposure score (0 safe … 10 unsafe) and the table. */
export function systemdSecurity(unitFile: string, root?: string): ToolResult & { score: number } {
  const r = run('systemd-analyze', [
    'security',
    '--offline=true',
    '--no-pager',
    ...(root ? [`--root=${root}`] : []),
    unitFile,
  ]);
  const m = /Overall exposure level for \S+: (\d+(?:\.\d+)?)/.exec(r.stdout);
  if (!m) throw new Error(`systemd-analyze security printed no score:\n${r.stdout}\n${r.stderr}`);
  return { ...r, score: Number(m[1]) };
}
