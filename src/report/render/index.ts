// Renderers by --format name. Each is a pure function of the report (and the reader's language);
// reading evidence files for the HTML pictures happens before, in evidence.ts.
import type { Formatter } from '../../i18n/format.js';
import type { Report } from '../model.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderNagios } from './nagios.js';
import type { Style } from '../../ui/style.js';
import { renderText } from './text.js';

export type Renderer = (report: Report, t: Formatter, style?: Style) => string;

export const RENDERERS: Record<string, Renderer> = {
  text: renderText,
  json: renderJson,
  junit: renderJunit,
  html: renderHtml,
  nagios: renderNagios,
};

export { embedEvidence } from './evidence.js';
