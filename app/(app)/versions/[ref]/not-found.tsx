import Link from '@/components/ui/link';

export default function VersionNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6">
      <p className="text-sm font-semibold text-slate-600">404 · Not found</p>
      <h1 className="mt-2 text-xl font-semibold">No model version with this id</h1>
      <p className="mt-2 text-sm text-slate-700">Check the model id (pib-vg-&#123;component&#125;-&#123;architecture&#125;-&#123;version&#125;-&#123;date&#125;) or search for it.</p>
      <Link href="/versions" className="mt-4 inline-block">Back to all versions</Link>
    </div>
  );
}
