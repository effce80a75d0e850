import { defineConfig } from 'vitest/config';

// Three projects: unit (pure, fast), integration (real ffmpeg, real servers on 127.0.0.1,
// the built CLI spawned), system (root + Linux: PulseAudio, namespaces, coturn, Xvfb).
// `npm test` runs unit + integration; `.ci/run` also runs system.
// Every project removes the temporary folders its tests made (tests/helpers/temp.ts); the run's
// own TMPDIR, removed at its end, catches what a killed process left (tests/helpers/global-temp.ts).
const CLEANUP = './tests/helpers/cleanup.ts';
const RUN_TMPDIR = './tests/helpers/global-temp.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: [CLEANUP],
          globalSetup: [RUN_TMPDIR],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          setupFiles: [CLEANUP],
          globalSetup: [RUN_TMPDIR],
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'system',
          setupFiles: [CLEANUP],
          globalSetup: [RUN_TMPDIR],
          include: ['tests/system/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
