import type { Formatter } from '../i18n/format.js';
import type { DoctorReport, FfmpegReport } from '../media/doctor.js';

const mark = (ok: boolean) => (ok ? '✓' : '✗');

function ffmpegLines(f: FfmpegReport, t: Formatter, used: boolean): string[] {
  const lines = [
    t(used ? 'doctor.ffmpegUsed' : 'doctor.ffmpegOther', {
      path: f.path,
      source: t(`doctor.source.${f.source}`),
      version: f.version ?? t('doctor.noAnswer'),
    }),
  ];
  if (!f.usable) return [...lines, ...f.errors.map((e) => `    ${e}`)];
  lines.push(
    `    ${t('doctor.inputs')}: ${f.inputs.map((i) => `${mark(i.present)} ${i.name}`).join('  ')}  ${mark(f.pulseOutput)} ${t('doctor.pulseOutput')}`,
  );
  if (used)
    lines.push(`    ${t('doctor.filters')}: ${f.filters.map((i) => `${mark(i.present)} ${i.name}`).join('  ')}`);
  return lines;
}

export function renderDoctor(r: DoctorReport, t: Formatter): string {
  const out = [t('doctor.versions', { wardkit: r.wardkit, node: r.node, platform: r.platform })];
  if (!r.ffmpeg) out.push(t('doctor.noFfmpeg'));
  r.candidates.forEach((c, i) => out.push(...ffmpegLines(c, t, i === 0)));
  for (const a of r.advice) out.push(`→ ${t(a.key, a.params)}`);
  return out.join('\n') + '\n';
}
