import { z } from 'zod';
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { RoutePermission } from '../api/http';

// OpenAPI operation of the point-in-time question (lib/queries/production-at.ts).

type Op = Omit<RouteConfig, 'responses'> & {
  permission: RoutePermission | 'none';
  success: { status: number; description: string; schema?: z.ZodType };
  errors: number[];
};

const Via = z.enum(['committee', 'emergency', 'ratification', 'rollback', 'transition', 'imported']);
export const ProductionAtSchema = z.object({
  at: z.string().meta({ description: 'the instant answered for (a date means the end of that UTC day)' }),
  components: z.array(z.object({
    component: z.string(),
    modelId: z.string().nullable().meta({ description: 'null: nothing in production' }),
    since: z.string().nullable().meta({ description: 'start of this production period' }),
    via: Via.nullable(),
    imported: z.boolean().meta({ description: 'from imported history: imported, not approved here' }),
    traffic: z.array(z.object({ modelId: z.string(), percent: z.number() })).nullable().meta({ description: 'during a rollback, the share of traffic on each version' }),
  })),
}).meta({ id: 'ProductionAt' });

export const PRODUCTION_OPERATIONS: Op[] = [
  {
    method: 'get', path: '/api/v1/production', operationId: 'productionAt', tags: ['versions'], summary: 'Which version was in production at a date',
    description: 'For each component: the version in production at `at`, since when and how it got there (committee, emergency path, rollback, imported history), answered from the recorded history. A bad `at` is a 400 naming it.',
    request: { query: z.object({ at: z.string().meta({ description: 'YYYY-MM-DD (end of that UTC day) or YYYY-MM-DDTHH:MM:SSZ', example: '2023-06-15' }) }) },
    permission: 'read:registry',
    success: { status: 200, description: 'The production version of each component', schema: ProductionAtSchema }, errors: [400, 401, 403],
  },
];
