import { inject } from 'vitest';

// Every worker talks to the run's own database (never the developer's DATABASE_URL).
process.env.DATABASE_URL = inject('databaseUrl');
process.env.NEXTAUTH_SECRET ??= 'test-secret-test-secret-test-secret';
process.env.AUDIT_SIGNING_KEY = inject('auditSigningKey');
// Tests change people and tokens by hand (outside the app) and expect the next request to see it:
// no token cache here. test/integration/token-cache.test.ts turns it on and tests its bound.
process.env.MGR_TOKEN_CACHE_SECONDS ??= '0';
