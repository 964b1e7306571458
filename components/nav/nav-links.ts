import type { Permission } from '@/lib/auth/permissions';

/** Navigation by role: each entry is shown only to actors holding its permission. */
export const NAV_LINKS: { href: string; label: string; permission: Permission }[] = [
  { href: '/', label: 'Dashboard', permission: 'read:registry' },
  { href: '/versions', label: 'Versions', permission: 'read:registry' },
  { href: '/compare', label: 'Compare', permission: 'read:registry' },
  { href: '/approvals', label: 'Approvals', permission: 'read:registry' },
  { href: '/parameters', label: 'Parameters', permission: 'read:registry' },
  { href: '/incidents', label: 'Incidents', permission: 'read:registry' },
  { href: '/production', label: 'Production at', permission: 'read:registry' },
  { href: '/audit', label: 'Audit log', permission: 'read:audit-log' },
  { href: '/audits', label: 'Quarterly audits', permission: 'generate:quarterly-audit' },
  { href: '/api-docs', label: 'API', permission: 'read:registry' },
  { href: '/admin', label: 'Admin', permission: 'manage:users' },
];
