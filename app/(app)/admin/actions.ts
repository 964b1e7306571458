'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import { updateMetricRange } from '@/lib/services/metric-definitions';
import { updateSettings } from '@/lib/services/settings';
import { createUser, setPassword, updateUser } from '@/lib/services/users';

// Server actions are public POST endpoints: runAction establishes who is acting from the session,
// and the service decides whether they may (lib/permissions/admin.ts).


export async function createUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const password = String(form.get('password') ?? '');
    const user = await createUser(ctx, {
      email: String(form.get('email') ?? ''),
      name: String(form.get('name') ?? ''),
      role: String(form.get('role') ?? ''),
      senior: form.get('senior') === 'on',
      ...(password ? { password } : {}),
    });
    revalidatePath('/admin');
    return { ok: `Created ${user.email}` };
  });
}

export async function updateUserAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const userId = String(form.get('userId') ?? '');
    const user = await updateUser(ctx, userId, {
      role: String(form.get('role') ?? ''),
      senior: form.get('senior') === 'on',
      active: form.get('active') === 'on',
    });
    revalidatePath('/admin');
    return { ok: `Saved ${user.email}` };
  });
}

export async function setPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    await setPassword(ctx, String(form.get('userId') ?? ''), { password: String(form.get('password') ?? '') });
    return { ok: 'Password set; the user’s other sessions were signed out' };
  });
}

export async function updateSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const num = (k: string) => Number(form.get(k));
    const quorumMode = String(form.get('quorumMode') ?? 'majority');
    await updateSettings(ctx, {
      quorum: quorumMode === 'fixed' ? { mode: 'fixed', n: num('quorumN') } : { mode: 'majority' },
      regressionTolerancePct: num('regressionTolerancePct'),
      gracePeriodDays: num('gracePeriodDays'),
      rcaDueHours: num('rcaDueHours'),
      ratificationDueDays: num('ratificationDueDays'),
      monitoringDays: num('monitoringDays'),
      raiMaxLanguageDisparity: num('raiMaxLanguageDisparity'),
    });
    revalidatePath('/admin');
    return { ok: 'Settings saved' };
  });
}

export async function updateMetricRangeAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    // An empty field means "no limit on that side".
    const bound = (k: string) => {
      const v = String(form.get(k) ?? '').trim();
      return v === '' ? null : Number(v);
    };
    const d = await updateMetricRange(ctx, String(form.get('key') ?? ''), { minValue: bound('minValue'), maxValue: bound('maxValue') });
    revalidatePath('/admin');
    return { ok: `Saved the range of ${d.name}` };
  });
}
