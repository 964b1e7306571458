'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import { addIncidentLog, advanceTraffic, openIncident, submitRootCause } from '@/lib/services/incidents';

function done(ok: string): FormState {
  revalidatePath('/incidents');
  revalidatePath('/');
  return { ok };
}

export async function openIncidentAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const r = await openIncident(ctx, String(form.get('versionId') ?? ''), {
      title: String(form.get('title') ?? ''),
      description: String(form.get('description') ?? ''),
      severity: String(form.get('severity') ?? 'critical'),
    });
    return done(`Incident opened; rolled back to ${r.rollbackTo ?? 'the previous stable version'}`);
  });
}

export async function advanceTrafficAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const snapshot: Record<string, number> = {};
    for (const key of ['fvd', 'error_rate', 'latency_p95_ms']) {
      const v = String(form.get(key) ?? '').trim();
      if (v !== '') snapshot[key] = Number(v);
    }
    const r = await advanceTraffic(ctx, String(form.get('incidentId') ?? ''), { metricsSnapshot: snapshot, note: String(form.get('note') ?? '') || undefined });
    return done(`Traffic moved to ${r.percent}%`);
  });
}

export async function addLogAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    await addIncidentLog(ctx, String(form.get('incidentId') ?? ''), { text: String(form.get('text') ?? '') });
    return done('Logged');
  });
}

export async function submitRcaAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    await submitRootCause(ctx, String(form.get('incidentId') ?? ''), { rootCause: String(form.get('rootCause') ?? '') });
    return done('Root cause analysis recorded');
  });
}
