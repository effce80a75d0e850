// Read a user-named file only when it is a regular file of a sane size. Room files, profiles,
// reports and spool entries are small text files; a FIFO would block forever, /dev/urandom would
// never end, a folder is no file at all. The file is opened non-blocking (a FIFO opens at once
// instead of waiting for a writer), its type and size are checked on the open descriptor (no race
// between check and read), and at most `maxBytes` + 1 bytes are ever read.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { WardkitError } from './errors.js';

/** Default ceiling for room files, profiles and answers files. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;
/** Default ceiling for report files (evidence stays outside; the server's own default is 2 MiB). */
export const MAX_REPORT_FILE_BYTES = 8 * 1024 * 1024;

export type FileKind = 'file' | 'directory' | 'fifo' | 'socket' | 'character-device' | 'block-device' | 'other';

export class BoundedReadError extends Error {
  constructor(
    readonly reason: 'not-found' | 'not-regular' | 'too-large' | 'unreadable',
    readonly file: string,
    readonly detail: { kind?: FileKind; size?: number; limit?: number; code?: string } = {},
  ) {
    super(`${file}: ${reason}`);
    this.name = 'BoundedReadError';
  }
}

function kindOf(st: {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}): FileKind {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isCharacterDevice()) return 'character-device';
  if (st.isBlockDevice()) return 'block-device';
  return 'other';
}

/** The file's bytes; throws BoundedReadError naming the real problem. */
export async function readBoundedFile(file: string, maxBytes: number = MAX_TEXT_FILE_BYTES): Promise<Buffer> {
  let fh;
  try {
    // O_NONBLOCK: opening a FIFO with no writer returns at once (it would block otherwise).
    fh = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new BoundedReadError('not-found', file, { code });
    if (code === 'EISDIR') throw new BoundedReadError('not-regular', file, { kind: 'directory' });
    // A socket cannot be opened; a FIFO opened for writing-only would say ENXIO.
    if (code === 'ENXIO' || code === 'EOPNOTSUPP') throw new BoundedReadError('not-regular', file, { kind: 'socket' });
    throw new BoundedReadError('unreadable', file, { code });
  }
  try {
    const st = await fh.stat();
    const kind = kindOf(st);
    if (kind !== 'file') throw new BoundedReadError('not-regular', file, { kind });
    if (st.size > maxBytes) throw new BoundedReadError('too-large', file, { size: st.size, limit: maxBytes });
    // The size may change between stat and read (a file being written): never read past the limit.
    const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(st.size, 0) + 1));
    let got = 0;
    for (;;) {
      if (got === buf.length) break;
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got > maxBytes) throw new BoundedReadError('too-large', file, { size: got, limit: maxBytes });
    return buf.subarray(0, got);
  } catch (err) {
    if (err instanceof BoundedReadError) throw err;
    throw new BoundedReadError('unreadable', file, { code: (err as NodeJS.ErrnoException).code });
  } finally {
    await fh.close().catch(() => {});
  }
}

export async function readBoundedText(file: string, maxBytes: number = MAX_TEXT_FILE_BYTES): Promise<string> {
  return (await readBoundedFile(file, maxBytes)).toString('utf8');
}

export type InputWhat = 'room' | 'profile' | 'report' | 'answers';

/** A BoundedReadError as a message that names the problem ("is a named pipe", "is too large"). */
export function inputError(err: BoundedReadError, what: InputWhat, exitCode?: number): WardkitError {
  if (err.reason === 'not-regular')
    return new WardkitError(`input.notRegular.${err.detail.kind ?? 'other'}`, { file: err.file }, exitCode);
  if (err.reason === 'too-large')
    return new WardkitError(
      `input.tooLarge.${what}`,
      { file: err.file, size: err.detail.size ?? 0, limit: err.detail.limit ?? 0 },
      exitCode,
    );
  return new WardkitError('input.unreadable', { file: err.file, code: err.detail.code ?? '?' }, exitCode);
}

/** A user-named file's text; not-found goes to `notFound` (each command has its own words for it). */
export async function readInput(
  file: string,
  what: InputWhat,
  maxBytes: number,
  o: { notFound: () => Error; exitCode?: number },
): Promise<string> {
  try {
    return await readBoundedText(file, maxBytes);
  } catch (err) {
    if (!(err instanceof BoundedReadError)) throw err;
    if (err.reason === 'not-found') throw o.notFound();
    throw inputError(err, what, o.exitCode);
  }
}
