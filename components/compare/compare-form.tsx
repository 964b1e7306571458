import { buttonClass, inputClass, labelClass } from '@/components/ui/button';
import { MAX_COMPARE } from '@/lib/contracts/compare';

type Choice = { key: string; name: string; versions: { id: string; modelId: string; version: string; status: string }[] };

/** A GET form with one select per slot (the first is the baseline), sending model ids as ?v=; works without JavaScript. */
export function CompareForm({ choices, selected }: { choices: Choice[]; selected: string[] }) {
  const modelIdOf = (ref: string) => choices.flatMap((c) => c.versions).find((v) => v.id === ref || v.modelId === ref)?.modelId ?? '';
  const slots = Array.from({ length: MAX_COMPARE }, (_, i) => (selected[i] ? modelIdOf(selected[i]) : ''));
  return (
    <form method="get" action="/compare" aria-label="Choose versions to compare" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <fieldset>
        <legend className="mb-3 text-sm text-slate-700">Choose 2 to {MAX_COMPARE} versions. The first is the baseline every delta is measured against.</legend>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {slots.map((value, i) => (
            <div key={i} className="min-w-0">
              <label htmlFor={`cmp-${i}`} className={labelClass}>
                {i === 0 ? 'Baseline' : `Version ${i + 1}`}
                {i >= 2 && <span className="font-normal text-slate-600"> (optional)</span>}
              </label>
              <select id={`cmp-${i}`} name="v" defaultValue={value} className={`${inputClass} mt-1 truncate`} required={i < 2}>
                <option value="">—</option>
                {choices.map((c) => (
                  <optgroup key={c.key} label={c.name}>
                    {c.versions.map((v) => (
                      <option key={v.id} value={v.modelId}>
                        {c.key} {v.version} · {v.status}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="mt-4">
        <button type="submit" className={buttonClass.primary}>Compare</button>
      </div>
    </form>
  );
}
