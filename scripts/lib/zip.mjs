// A small ZIP writer (PKWARE APPNOTE 6.3: local headers, deflate or store, central directory,
// UTF-8 names with general-purpose bit 11) for the portable Windows package. Written here so that
// building the package needs nothing but Node: no `zip` program, no download. Entries are written
// one at a time (a file is read, deflated and appended), so memory stays at one file's size.
// No ZIP64: every file and the whole archive must stay below 4 GiB (checked).
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

const MAX = 0xffffffff;

/** MS-DOS date and time of a Date (local fields, as zip tools show them; 2-second resolution). */
export function dosDateTime(d) {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/**
 * Write `entries` to the zip file `out`. Each entry: { name: 'dir/file' (forward slashes; a
 * name ending in '/' is a folder), source?: path to read, data?: Buffer|string, mode?: unix mode }.
 * Returns { files, bytes }.
 */
export function writeZip(out, entries, { mtime = new Date(Date.UTC(2026, 0, 1)) } = {}) {
  const fd = openSync(out, 'w', 0o644);
  const central = [];
  let offset = 0;
  const { time, date } = dosDateTime(mtime);
  const write = (buf) => {
    writeSync(fd, buf);
    offset += buf.length;
  };
  try {
    for (const e of entries) {
      if (e.name.startsWith('/') || e.name.includes('\\') || e.name.split('/').includes('..'))
        throw new Error(`bad zip entry name: ${e.name}`);
      const isDir = e.name.endsWith('/');
      const raw = isDir ? Buffer.alloc(0) : e.data !== undefined ? Buffer.from(e.data) : readFileSync(e.source);
      if (raw.length >= MAX) throw new Error(`${e.name}: too large for a zip without ZIP64`);
      const deflated = raw.length ? deflateRawSync(raw, { level: 6 }) : raw;
      const useDeflate = deflated.length < raw.length;
      const body = useDeflate ? deflated : raw;
      const crc = crc32(raw);
      const name = Buffer.from(e.name, 'utf8');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate, folders)
      local.writeUInt16LE(0x0800, 6); // bit 11: names are UTF-8
      local.writeUInt16LE(useDeflate ? 8 : 0, 8);
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(raw.length, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      const at = offset;
      if (at >= MAX) throw new Error('archive too large for a zip without ZIP64');
      write(local);
      write(name);
      write(body);
      const mode = e.mode ?? (isDir ? 0o40755 : 0o100644);
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE((3 << 8) | 20, 4); // made by: UNIX (keeps the mode bits), spec 2.0
      cd.writeUInt16LE(20, 6);
      cd.writeUInt16LE(0x0800, 8);
      cd.writeUInt16LE(useDeflate ? 8 : 0, 10);
      cd.writeUInt16LE(time, 12);
      cd.writeUInt16LE(date, 14);
      cd.writeUInt32LE(crc, 16);
      cd.writeUInt32LE(body.length, 20);
      cd.writeUInt32LE(raw.length, 24);
      cd.writeUInt16LE(name.length, 28);
      cd.writeUInt16LE(0, 30); // extra
      cd.writeUInt16LE(0, 32); // comment
      cd.writeUInt16LE(0, 34); // disk
      cd.writeUInt16LE(0, 36); // internal attributes
      cd.writeUInt32LE((((mode & 0xffff) << 16) | (isDir ? 0x10 : 0)) >>> 0, 38); // unix mode + MS-DOS folder bit
      cd.writeUInt32LE(at, 42);
      central.push(Buffer.concat([cd, name]));
    }
    const cdStart = offset;
    for (const c of central) write(c);
    const cdSize = offset - cdStart;
    if (central.length > 0xffff || offset >= MAX) throw new Error('archive too large for a zip without ZIP64');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(central.length, 8);
    end.writeUInt16LE(central.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(cdStart, 16);
    write(end);
    return { files: central.length, bytes: offset };
  } finally {
    closeSync(fd);
  }
}
