import { ActionForm } from '@/components/ui/action-form';
import { inputClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { FormState } from '@/lib/api/action-error';
import { describeRange } from '@/lib/domain/metric-range';

type Definition = { key: string; name: string; unit: string; minValue: number | null; maxValue: number | null };

/** The valid range of each metric: values outside it are refused when registered or added. */
export function MetricRangesCard({ definitions, action }: { definitions: Definition[]; action: (prev: FormState, form: FormData) => Promise<FormState> }) {
  return (
    <Card title="Metric ranges">
      <p className="mb-3 text-sm text-slate-700">Values outside a metric’s range are refused (400 naming the metric). Leave a bound empty for no limit on that side.</p>
      <ul className="space-y-3" data-testid="metric-ranges">
        {definitions.map((d) => (
          <li key={d.key}>
            <ActionForm action={action} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2 text-sm">
              <p className="col-span-3 font-medium">
                {d.name}{d.unit ? ` (${d.unit})` : ''} <span className="font-normal text-slate-600">· now {describeRange(d)}</span>
              </p>
              <input type="hidden" name="key" value={d.key} />
              <div>
                <label htmlFor={`min-${d.key}`} className="block text-xs text-slate-700">Minimum</label>
                <input id={`min-${d.key}`} name="minValue" type="number" step="any" defaultValue={d.minValue ?? ''} className={inputClass} />
              </div>
              <div>
                <label htmlFor={`max-${d.key}`} className="block text-xs text-slate-700">Maximum</label>
                <input id={`max-${d.key}`} name="maxValue" type="number" step="any" defaultValue={d.maxValue ?? ''} className={inputClass} />
              </div>
              <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" aria-label={`Save the range of ${d.name}`}>Save</button>
            </ActionForm>
          </li>
        ))}
      </ul>
    </Card>
  );
}
