import { defineConfig } from 'vitest/config';

// The CLI's end-to-end test against a running registry. Not part of the plain `vitest run`: the
// Playwright suite (e2e/cli.spec.ts) runs it against its real server with a token it made.
export default defineConfig({
  test: {
    include: ['cli/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
