// Setup file of every vitest project: after each test file, remove the folders it made with
// tempDir() (tests/helpers/temp.ts), whatever the outcome.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(() => removeTempDirs());
