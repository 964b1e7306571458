// The seed's metadata.json, shown field by field; unknown fields are shown as they are.

function Value({ v }: { v: unknown }) {
  if (v === null || v === undefined || v === '') return <span className="text-slate-500">—</span>;
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x !== 'object' || x === null)) return <span>{v.map(String).join(', ')}</span>;
    return <pre className="overflow-x-auto text-xs whitespace-pre-wrap">{JSON.stringify(v, null, 2)}</pre>;
  }
  if (typeof v === 'object') return <KeyValues obj={v as Record<string, unknown>} />;
  if (typeof v === 'number') return <span className="tabular-nums">{Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : v}</span>;
  return <span className="break-words">{String(v)}</span>;
}

export function KeyValues({ obj, className = '' }: { obj: Record<string, unknown>; className?: string }) {
  const entries = Object.entries(obj);
  if (!entries.length) return <span className="text-slate-500">—</span>;
  return (
    <dl className={`grid grid-cols-[minmax(6rem,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm ${className}`}>
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-600">{k.replace(/_/g, ' ')}</dt>
          <dd className="min-w-0">
            <Value v={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

const asRecord = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const asStrings = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String) : null);

export function MetadataView({ metadata }: { metadata: Record<string, unknown> }) {
  const { architecture, training, dependencies, authors, changelog, approval, model_id: _id, description: _d, performance: _p, ...rest } = metadata;
  const arch = asRecord(architecture);
  const train = asRecord(training);
  const deps = asRecord(dependencies);
  const appr = asRecord(approval);
  const authorList = asStrings(authors);
  const changes = asStrings(changelog);
  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Architecture</h3>
        {arch ? <KeyValues obj={arch} /> : <p className="text-sm text-slate-500">Not recorded.</p>}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Training</h3>
        {train ? <KeyValues obj={train} /> : <p className="text-sm text-slate-500">Not recorded.</p>}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Dependencies</h3>
        {deps ? <KeyValues obj={deps} /> : <p className="text-sm text-slate-500">Not recorded.</p>}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Authors</h3>
        {authorList?.length ? (
          <ul className="list-inside list-disc text-sm">{authorList.map((a) => <li key={a}>{a}</li>)}</ul>
        ) : (
          <p className="text-sm text-slate-500">Not recorded.</p>
        )}
        {appr && (
          <>
            <h3 className="mt-4 mb-2 text-sm font-semibold text-slate-800">Approval (as recorded in metadata)</h3>
            <KeyValues obj={appr} />
          </>
        )}
      </div>
      <div className="md:col-span-2">
        <h3 className="mb-2 text-sm font-semibold text-slate-800">Changelog</h3>
        {changes?.length ? (
          <ul className="list-inside list-disc space-y-0.5 text-sm">{changes.map((c, i) => <li key={i}>{c}</li>)}</ul>
        ) : (
          <p className="text-sm text-slate-500">Not recorded.</p>
        )}
      </div>
      {Object.keys(rest).length > 0 && (
        <div className="md:col-span-2">
          <h3 className="mb-2 text-sm font-semibold text-slate-800">Other fields</h3>
          <KeyValues obj={rest} />
        </div>
      )}
    </div>
  );
}
