// A report the user asked for (`check --out`, `report show --out`) is private, like the spool and
// the evidence: it names the ward's devices, its network and its failures. Written 0600 — an
// existing file keeps its name but not a wider mode — and any folder wardkit has to make for it
// is made 0700. Something that is not a regular file (`--out /dev/stdout`, a pipe) is written to
// as it is, its mode untouched.
import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export async function writePrivateFile(file: string, data: string): Promise<void> {
  // EEXIST: a file where a folder should be; opening the report then names the real problem (ENOTDIR).
  await mkdir(dirname(resolve(file)), { recursive: true, mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  const fh = await open(file, 'w', 0o600);
  try {
    if ((await fh.stat()).isFile()) await fh.chmod(0o600);
    await fh.writeFile(data, 'utf8');
  } finally {
    await fh.close();
  }
}
