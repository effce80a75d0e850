// Before an HTML report is rendered, evidence files (camera snapshot, spectrum picture) are read
// and put inline as data: URIs, so the single HTML file carries its pictures. This is the only
// file reading on the render path; renderers themselves stay pure.
//
// A report may come from elsewhere (`wardkit report show`), so a path is embedded only when the
// file really is a picture (its first bytes say PNG/JPEG/GIF/WebP/SVG and match the declared
// kind) and is not too large — a crafted report cannot smuggle /etc/passwd into the HTML.
import { open } from 'node:fs/promises';
import { isAbsolute, join, resolve, basename } from 'node:path';
import type { Evidence } from '../../domain/result.js';
import type { Report } from '../model.js';

export const MAX_EVIDENCE_BYTES = 8 * 1024 * 1024;

export const IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'] as const;

/** The picture type of these bytes, from their signature; undefined when not a picture we embed. */
export function sniffImage(buf: Uint8Array): (typeof IMAGE_MIMES)[number] | undefined {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (
    b.length >= 6 &&
    (b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a')
  )
    return 'image/gif';
  if (
    b.length >= 12 &&
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  const head = b
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

async function readSmall(file: string): Promise<Buffer | undefined> {
  let fh;
  try {
    fh = await open(file, 'r');
    const st = await fh.stat();
    if (!st.isFile() || st.size > MAX_EVIDENCE_BYTES) return undefined;
    return await fh.readFile();
  } catch {
    return undefined;
  } finally {
    await fh?.close();
  }
}

/** Where a stored path may be: as written (absolute or from the working folder), beside the report. */
function candidates(path: string, reportDir?: string): string[] {
  const out = [resolve(path)];
  if (reportDir && !isAbsolute(path)) out.push(resolve(reportDir, path));
  if (reportDir) out.push(join(reportDir, basename(path)));
  return [...new Set(out)];
}

async function embedOne(e: Evidence, reportDir?: string): Promise<Evidence> {
  if (!e || e.inline || typeof e.path !== 'string' || (e.kind !== 'image' && e.kind !== 'svg')) return e;
  for (const file of candidates(e.path, reportDir)) {
    const buf = await readSmall(file);
    if (!buf) continue;
    const mime = sniffImage(buf);
    if (!mime || (e.kind === 'svg') !== (mime === 'image/svg+xml')) return e;
    return { ...e, mime, inline: `data:${mime};base64,${buf.toString('base64')}` };
  }
  return e;
}

/** A copy of the report whose picture evidence is inline wherever the file could be read. */
export async function embedEvidence(report: Report, reportDir?: string): Promise<Report> {
  const results = await Promise.all(
    report.results.map(async (r) =>
      Array.isArray(r.evidence) && r.evidence.length
        ? { ...r, evidence: await Promise.all(r.evidence.map((e) => embedOne(e, reportDir))) }
        : r,
    ),
  );
  return { ...report, results };
}
