import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests (seconds), and VM/integration tests that boot real QEMU under TCG.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'vm',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // VMs under TCG take about one core each: run them one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
