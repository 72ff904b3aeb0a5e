import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/service/**/*.test.ts'],
    environment: 'node',
    // Service tests open real encrypted databases and run scrypt: two cores, keep it calm.
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
