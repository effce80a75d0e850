// JSON Schema (draft 2020-12) of an equipment profile file. Every section is optional in a file:
// values not given come from the parent profiles (`extends`) and finally from src/profiles/defaults.ts.
import { CHECK_IDS } from '../../domain/check-ids.js';
import { call } from './call.js';
import { num, obj, resolution } from './common.js';
import {
  cameraThresholds,
  displayThresholds,
  hostThresholds,
  microphoneThresholds,
  speakerThresholds,
} from './media.js';
import { ice, network } from './network.js';

export const API_VERSIONS = ['wardkit/v1'] as const;

const id = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' };
const patterns = { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 200 } };

/** A name people read: one text, or one per interface language (`{ vi: Camera phòng, en: Room camera }`). */
const localized = (maxLength: number) => ({
  anyOf: [
    { type: 'string', minLength: 1, maxLength },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: { vi: { type: 'string', minLength: 1, maxLength }, en: { type: 'string', minLength: 1, maxLength } },
    },
  ],
});

const role = obj(
  {
    id,
    kind: { enum: ['camera', 'microphone', 'speaker', 'display'] },
    name: localized(100),
    description: { type: 'string', maxLength: 500 },
    required: { type: 'boolean' },
    match: obj({
      name: patterns,
      vendor: patterns,
      connection: {
        type: 'array',
        items: { enum: ['hdmi', 'displayport', 'dvi', 'vga', 'usb-c', 'internal', 'screen', 'other'] },
      },
    }),
    settings: obj({
      resolution,
      minResolution: resolution,
      frameRate: num(1, 240),
      volume: num(0, 100),
      unmute: { type: 'boolean' },
      autofocus: { type: 'boolean' },
      setDefault: { type: 'boolean' },
      minRefreshHz: num(1, 480),
    }),
    device: { type: 'string', minLength: 1, maxLength: 2000 },
  },
  // `kind` may be left out by a role that refines a parent's role of the same id (extends);
  // every resolved role must have one (src/profiles/rules.ts).
  { required: ['id'] },
);

const checkPolicy = obj({
  required: { type: 'boolean' },
  enabled: { type: 'boolean' },
  roles: { type: 'array', minItems: 1, maxItems: 64, uniqueItems: true, items: id },
});

export const profileSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://wardkit.dev/schema/profile-v1.json',
  title: 'wardkit equipment profile',
  ...obj(
    {
      apiVersion: { enum: [...API_VERSIONS] },
      kind: { const: 'EquipmentProfile' },
      id,
      name: localized(200),
      description: { type: 'string', maxLength: 4000 },
      // A parent is a bundled profile id or a path relative to this file.
      extends: {
        anyOf: [
          { type: 'string', minLength: 1, maxLength: 1000 },
          { type: 'array', minItems: 1, maxItems: 10, items: { type: 'string', minLength: 1, maxLength: 1000 } },
        ],
      },
      roles: { type: 'array', maxItems: 64, items: role },
      thresholds: obj({
        camera: cameraThresholds,
        microphone: microphoneThresholds,
        speaker: speakerThresholds,
        display: displayThresholds,
        host: hostThresholds,
      }),
      network,
      server: obj({ url: { type: 'string', format: 'uri', pattern: '^https?://' } }),
      ice,
      call,
      recording: obj({
        folder: {
          type: 'string',
          minLength: 1,
          maxLength: 1000,
          description: 'folder the room records its sessions to',
        },
        hours: num(0, 100000, 'hours of recording the free space must hold at the call bitrate'),
        writeMargin: num(1, 100, 'sustained write speed ≥ recording bitrate × this'),
        testSeconds: num(1, 30, 'length of the test recording from the camera and microphone'),
      }),
      checks: {
        type: 'object',
        propertyNames: { enum: [...CHECK_IDS] },
        additionalProperties: checkPolicy,
      },
    },
    { required: ['apiVersion', 'kind', 'id'] },
  ),
} as const;
