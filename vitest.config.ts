import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Integration and end-to-end tests start real processes, ports and a browser: 2 cores here, often
    // loaded. Each wait inside a test is bounded on its own (waitFor, eventually); this is the outer bound.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
