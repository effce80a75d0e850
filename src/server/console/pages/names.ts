// Names people read instead of ids: a failing key (`camera:main-camera`) as the check's translated
// title and its target; readiness and session states in words.
import type { Formatter } from '../../../i18n/format.js';
import { checkTitle } from '../../../report/render/present.js';
import { markup, type Safe } from '../../../report/render/escape.js';
import type { Readiness } from '../../../report/model.js';
import type { WardSessionState } from '../schedule.js';

/** `camera:main-camera` → "Camera (main-camera)"; `stale` → "No recent report". */
export function keyName(t: Formatter, key: string): string {
  if (key === 'stale') return t('console.incident.stale');
  const i = key.indexOf(':');
  return i < 0 ? checkTitle(t, key) : `${checkTitle(t, key.slice(0, i))} (${key.slice(i + 1)})`;
}

export const checkOf = (key: string): string => (key.includes(':') ? key.slice(0, key.indexOf(':')) : key);

export function readinessBadge(t: Formatter, r: Readiness | null, stale = false): Safe {
  const cls = r ?? 'none';
  const word = r ? t(`readiness.${r}`) : t('console.noReport');
  return markup`<span class="badge r-${cls}" data-readiness="${r ?? 'none'}">${word}</span>${stale ? markup` <span class="badge r-stale" data-stale="1">${t('console.stale')}</span>` : ''}`;
}

export function stateBadge(t: Formatter, s: WardSessionState): Safe {
  const word =
    s === 'stale' ? t('console.stale') : s === 'unknown' ? t('console.session.unknown') : t(`readiness.${s}`);
  return markup`<span class="badge r-${s}" data-state="${s}">${word}</span>`;
}
