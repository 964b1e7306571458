'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/lib/api/action-error';
import { runAction } from '@/lib/api/server-action';
import { recordBackport } from '@/lib/services/promotion';
import { recordRaiAssessment } from '@/lib/services/rai';
import { transitionModelVersion } from '@/lib/services/transition-version';

export async function transitionAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const to = String(form.get('to') ?? '');
    const versionId = String(form.get('versionId') ?? '');
    const reason = String(form.get('reason') ?? '').trim();
    const r = await transitionModelVersion(ctx, versionId, { to, ...(reason ? { reason } : {}) });
    revalidatePath(`/versions/${r.modelId}`);
    revalidatePath('/versions');
    return { ok: `${r.modelId} is now ${r.to}` };
  });
}

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? null : Number(v));

/** The RAI form's fixed rows → the service's input; empty rows are left out. */
export async function recordRaiAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const versionId = String(form.get('versionId') ?? '');
    const biasMetrics = [0, 1, 2]
      .map((i) => ({
        testSet: String(form.get(`bias.${i}.testSet`) ?? '').trim(),
        metric: String(form.get(`bias.${i}.metric`) ?? '').trim(),
        value: num(form.get(`bias.${i}.value`)),
        threshold: num(form.get(`bias.${i}.threshold`)),
        direction: 'lower_is_better' as const,
      }))
      .filter((b) => b.testSet || b.metric || b.value !== null);
    const languageMetrics: Record<string, number | null> = {};
    for (const lang of String(form.get('languages') ?? '').split(',').map((l) => l.trim()).filter(Boolean)) {
      const v = num(form.get(`lang.${lang}`));
      if (v !== null) languageMetrics[lang] = v;
    }
    const robustness = [0, 1]
      .map((i) => ({ attack: String(form.get(`robust.${i}.attack`) ?? '').trim(), passed: form.get(`robust.${i}.passed`) === 'on', score: num(form.get(`robust.${i}.score`)) ?? undefined }))
      .filter((r) => r.attack);
    const ethicsChecklist: Record<string, boolean> = {};
    for (const item of form.getAll('ethicsItem').map(String)) ethicsChecklist[item] = form.get(`ethics.${item}`) === 'on';
    const r = await recordRaiAssessment(ctx, versionId, { biasMetrics, languageMetrics, robustness, ethicsChecklist, notes: String(form.get('notes') ?? '') });
    revalidatePath('/versions');
    revalidatePath('/approvals');
    return { ok: `RAI assessment recorded: ${r.result}${r.failures?.length ? ` — ${r.failures.join('; ')}` : ''}${r.promoted?.length ? `; promoted ${r.promoted.join(', ')}` : ''}` };
  });
}

export async function recordBackportAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async (ctx) => {
    const r = await recordBackport(ctx, String(form.get('versionId') ?? ''), { commit: String(form.get('commit') ?? '').trim().toLowerCase() });
    revalidatePath(`/versions/${r.modelId}`);
    return { ok: `Backport recorded: ${r.backportCommit}` };
  });
}
