import type { Actor } from '../auth/permissions';
import { hasPermission, type Decision } from './decision';

// Webhooks send the registry's events to other systems: only admins register, change, delete and
// redeliver them (service tokens never: manage:webhooks is not a service-token permission).
export function canManageWebhooks(actor: Actor | null | undefined): Decision {
  return hasPermission(actor, 'manage:webhooks');
}
