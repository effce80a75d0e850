// The JSON Schema (2020-12) of the report document: what `check --format json` prints, what every
// renderer reads and what the Department's server accepts. Versioned by `schemaVersion`: a change
// that an older reader cannot ignore bumps it (and gets a new $id). docs/report.schema.json is a
// generated copy (`node scripts/write-report-schema.mjs`, checked by tests/unit/report-schema.test.ts).

/**
 * Ward ids: ASCII letters and digits, the Vietnamese letters (e.g. `hải-châu-1`), `.`, `_`, `-`;
 * no spaces or markup — they appear in file names, CSV and metrics labels. The human name goes in
 * `room`. The schema is published for other teams, so the pattern uses only what ECMA-262, Python
 * `re`, Go RE2, Java and .NET read alike: literal characters and ranges, no \p{L}, no \d or \u
 * escapes. The letters are written out as ranges of precomposed (NFC) code points: À-Ã È-Ê Ì-Í
 * Ò-Õ Ù-Ú Ý à-ã è-ê ì-í ò-õ ù-ú ý Ă-ă Đ-đ Ĩ-ĩ Ũ-ũ Ơ-ơ Ư-ư Ạ-ỹ (134 letters).
 */
const WARD_CHARS = 'A-Za-z0-9ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ';
export const WARD_ID_PATTERN = `^[${WARD_CHARS}][${WARD_CHARS}._-]{0,63}$`;
const WARD_ID_RE = new RegExp(WARD_ID_PATTERN, 'u');
export const wardIdValid = (ward: string): boolean => WARD_ID_RE.test(ward);
/** Report ids are UUIDs (buildReport uses randomUUID); the spool uses them as file names. */
export const REPORT_ID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const status = { enum: ['pass', 'warn', 'fail', 'skip', 'error'] } as const;
const params = {
  type: 'object',
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
} as const;
const isoTime = { type: 'string', format: 'date-time' } as const;

export const reportSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://wardkit.dev/schema/report-v1.json',
  title: 'wardkit room-check report',
  description: 'One run of `wardkit check` in one room: who, when, every check result, and the overall readiness.',
  type: 'object',
  additionalProperties: false,
  required: [
    'schemaVersion',
    'id',
    'ward',
    'host',
    'tool',
    'profile',
    'lang',
    'startedAt',
    'finishedAt',
    'readiness',
    'summary',
    'results',
  ],
  properties: {
    schemaVersion: { const: 1, description: 'Version of this schema.' },
    id: {
      type: 'string',
      pattern: REPORT_ID_PATTERN,
      description: 'Unique id (UUID); the server stores each id once.',
    },
    ward: { type: 'string', pattern: WARD_ID_PATTERN, description: 'Ward id: from the room file, or --ward.' },
    room: { type: 'string', maxLength: 200, description: 'Human name of the room (from the room file).' },
    host: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'os', 'arch'],
      properties: {
        name: { type: 'string', maxLength: 255 },
        os: { type: 'string', maxLength: 255 },
        arch: { type: 'string', maxLength: 32 },
      },
    },
    tool: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'version'],
      properties: { name: { const: 'wardkit' }, version: { type: 'string', maxLength: 64 } },
    },
    profile: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'hash'],
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 128 },
        hash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'sha256 of the resolved profile content.' },
      },
    },
    lang: { enum: ['en', 'vi'], description: 'Language of the rendered finding messages.' },
    startedAt: isoTime,
    finishedAt: isoTime,
    readiness: {
      enum: ['READY', 'DEGRADED', 'NOT_READY'],
      description:
        'READY: all passed or skipped; DEGRADED: warnings or an optional check failed; NOT_READY: a required check failed or errored.',
    },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['pass', 'warn', 'fail', 'skip', 'error'],
      properties: Object.fromEntries(
        ['pass', 'warn', 'fail', 'skip', 'error'].map((k) => [k, { type: 'integer', minimum: 0 }]),
      ),
    },
    results: { type: 'array', maxItems: 500, items: { $ref: '#/$defs/result' } },
  },
  $defs: {
    result: {
      type: 'object',
      additionalProperties: false,
      required: [
        'checkId',
        'targetId',
        'label',
        'required',
        'startedAt',
        'durationMs',
        'status',
        'metrics',
        'findings',
        'evidence',
      ],
      properties: {
        checkId: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
        targetId: { type: 'string', minLength: 1, maxLength: 128 },
        label: { type: 'string', maxLength: 500 },
        role: { type: 'string', maxLength: 128 },
        roleName: {
          type: 'object',
          maxProperties: 10,
          additionalProperties: { type: 'string', maxLength: 200 },
          description: 'What people call the role, per interface language (vi, en).',
        },
        uri: { type: 'string', maxLength: 1000 },
        required: { type: 'boolean', description: 'A failure of a required check makes the room NOT_READY.' },
        startedAt: isoTime,
        durationMs: { type: 'number', minimum: 0 },
        status,
        metrics: { type: 'array', maxItems: 200, items: { $ref: '#/$defs/metric' } },
        findings: { type: 'array', maxItems: 200, items: { $ref: '#/$defs/finding' } },
        evidence: { type: 'array', maxItems: 50, items: { $ref: '#/$defs/evidence' } },
        details: { type: 'object', description: 'Free-form data for renderers (series, spectra).' },
      },
    },
    metric: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'value', 'unit'],
      properties: {
        id: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$' },
        value: { type: ['number', 'null'], description: 'null: could not be measured.' },
        unit: { type: 'string', maxLength: 32 },
        threshold: {
          type: 'object',
          additionalProperties: false,
          required: ['better'],
          properties: { better: { enum: ['higher', 'lower'] }, warn: { type: 'number' }, fail: { type: 'number' } },
        },
        verdict: status,
      },
    },
    finding: {
      type: 'object',
      additionalProperties: false,
      required: ['severity', 'key', 'message'],
      properties: {
        severity: { enum: ['info', 'warn', 'fail', 'error'] },
        key: { type: 'string', minLength: 1, maxLength: 200 },
        params,
        remedyKey: { type: 'string', maxLength: 200 },
        remedyParams: params,
        message: { type: 'string', maxLength: 4000, description: 'The finding rendered in `lang`.' },
        remedy: { type: 'string', maxLength: 4000, description: 'What to do about it, rendered in `lang`.' },
      },
    },
    evidence: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'mime', 'label'],
      properties: {
        kind: { enum: ['image', 'audio', 'data', 'svg'] },
        path: { type: 'string', maxLength: 1000, description: 'A file under the --evidence folder (not uploaded).' },
        inline: { type: 'string', description: 'A small inline payload, e.g. an SVG spectrum.' },
        mime: { type: 'string', maxLength: 100 },
        label: { type: 'string', maxLength: 500 },
      },
    },
  },
} as const;
