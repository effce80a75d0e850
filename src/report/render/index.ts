// Renderers by --format name. Each is a pure function of the report.
import type { Formatter } from '../../i18n/format.js';
import type { Report } from '../model.js';
import { renderJson } from './json.js';
import { renderText, type Style } from './text.js';

export type Renderer = (report: Report, t: Formatter, style?: Style) => string;

export const RENDERERS: Record<string, Renderer> = {
  text: renderText,
  json: renderJson,
};
