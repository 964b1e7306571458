import { inject } from 'vitest';

// Every worker talks to the run's own database (never the developer's DATABASE_URL).
process.env.DATABASE_URL = inject('databaseUrl');
process.env.NEXTAUTH_SECRET ??= 'test-secret-test-secret-test-secret';
process.env.AUDIT_SIGNING_KEY = inject('auditSigningKey');
