import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// The e2e suite runs the real server (npm start's launcher) against a database of its own on
// the PostgreSQL server, loaded with the demo story. Tests make their own users (e2e/fixtures.ts).
// With MGR_TEST_EMBEDDED=1 (no PostgreSQL server; set by `npm test`), the server runs on its own
// embedded PGlite in a temporary folder instead.
const embedded = process.env.MGR_TEST_EMBEDDED === '1';
const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const embeddedPort = Number(process.env.E2E_EMBEDDED_DB_PORT ?? 54329);
process.env.MGR_E2E_DB ??= `mgr_e2e_${Date.now().toString(36)}`;
process.env.MGR_E2E_DATA_DIR ??= path.join(os.tmpdir(), process.env.MGR_E2E_DB);
const e2eUrl = new URL(embedded ? `postgresql://postgres:postgres@127.0.0.1:${embeddedPort}/postgres` : server);
if (!embedded) e2eUrl.pathname = `/${process.env.MGR_E2E_DB}`;
process.env.E2E_DATABASE_URL = e2eUrl.toString();
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: 'npx tsx scripts/start.mts',
    url: `${baseURL}/api/v1/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      ...(embedded ? { MGR_DATA_DIR: process.env.MGR_E2E_DATA_DIR, EMBEDDED_DB_PORT: String(embeddedPort) } : { DATABASE_URL: process.env.E2E_DATABASE_URL }),
      MGR_SEED: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      NEXTAUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-1234',
      NEXTAUTH_URL: baseURL,
      // e2e/security.spec.ts plays a reverse proxy from this loopback range (X-Forwarded-For believed).
      TRUSTED_PROXIES: '127.200.0.0/16',
    },
  },
});
