import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/core/**/*.test.ts',
      'tests/renderer/**/*.test.ts',
      'tests/server/**/*.test.ts',
      'tests/channels/**/*.test.ts',
      'tests/bench/**/*.test.ts',
      'tests/shared/**/*.test.ts',
      'tests/shell/**/*.test.ts',
      'tests/host/**/*.test.ts',
      'tests/tools/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
