// Message catalogs, one file per area so that each area owns its own keys.
// Every key must exist in both languages with the same placeholders (tests/unit/i18n.test.ts).
import * as core from './core.js';
import * as profiles from './profiles.js';
import * as media from './media.js';
import * as network from './network.js';
import * as call from './call.js';
import * as apply from './apply.js';
import * as report from './report.js';
import * as serve from './serve.js';
import * as console from './console.js';
import * as outputs from './outputs.js';
import * as safety from './safety.js';
import * as errors from './errors.js';
import * as diagnosis from './diagnosis.js';

export type Lang = 'en' | 'vi';
export type Catalog = Record<string, string>;

export const areas = {
  core,
  profiles,
  media,
  network,
  call,
  apply,
  report,
  serve,
  console,
  safety,
  outputs,
  errors,
  diagnosis,
} as const;

function merge(lang: Lang): Catalog {
  const out: Catalog = {};
  for (const [area, mod] of Object.entries(areas)) {
    for (const [k, v] of Object.entries(mod[lang] as Catalog)) {
      if (k in out) throw new Error(`duplicate message key ${k} (area ${area})`);
      out[k] = v;
    }
  }
  return out;
}

export const catalogs: Record<Lang, Catalog> = { en: merge('en'), vi: merge('vi') };
