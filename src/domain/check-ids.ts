// The checks wardkit knows, in the order results are shown: the one list that profiles (the
// `checks:` section of the schema) and the check registry (src/checks/registry.ts) both use.
export const CHECK_IDS = [
  'host',
  'devices',
  'camera',
  'microphone',
  'speaker',
  'display',
  'network',
  'bandwidth',
  'latency',
  'ice',
  'call',
  'recording',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/**
 * What to fix first, when several checks have problems: the room's own devices (plug in, point,
 * unmute) before the computer, the network, and the test call that depends on all of them. A cause
 * comes before what it explains (a black camera before the call's low bitrate).
 */
export const FIX_ORDER: readonly CheckId[] = [
  'devices',
  'camera',
  'microphone',
  'speaker',
  'display',
  'host',
  'network',
  'bandwidth',
  'latency',
  'ice',
  'call',
];
