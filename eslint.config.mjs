import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['node_modules/**', '**/.next/**', 'lib/generated/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts',
      // compiled by `npm run build` (scripts/build-runtime.mjs)
      'scripts/start.mjs', 'scripts/server.mjs', 'scripts/admin.mjs', 'scripts/run-job.mjs', 'prisma/seed.mjs', 'cli/main.mjs'],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Links go through components/ui/link.tsx: plain anchors, no prefetch (decisions 026, 027).
      'no-restricted-imports': ['error', { paths: [{ name: 'next/link', message: "Import Link from '@/components/ui/link' (a plain anchor navigated by one document listener; decisions 026, 027)." }] }],
    },
  },
];

export default config;
