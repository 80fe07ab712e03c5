import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites start real servers on ephemeral ports; two workers suit the 2-core machines we run on.
    maxWorkers: 2,
    // The summary reporter prints the run's last line, `N passed, N failed`, which CI reads.
    reporters: ['default', './test/support/summaryReporter.ts'],
  },
});
