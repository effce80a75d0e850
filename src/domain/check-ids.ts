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
