import Link from '@/components/ui/link';

/**
 * The body of the 401/403/404 fallbacks (decision 028). Next.js puts every fallback into every
 * page's payload, so this stays small and asks for no data. `main`: outside the app's layout,
 * which otherwise gives the <main>.
 */
export function StatusMessage({ status, title, children, tone = 'slate', href = '/', linkLabel = 'Back to the dashboard', main = false }: {
  status: string;
  title: string;
  children?: React.ReactNode;
  tone?: 'slate' | 'red';
  href?: string;
  linkLabel?: string;
  main?: boolean;
}) {
  const body = (
    <>
      <p className={`text-sm font-semibold ${tone === 'red' ? 'text-red-700' : 'text-slate-600'}`}>{status}</p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      {children && <p className="mt-2 text-slate-700">{children}</p>}
      <Link href={href} className="mt-6 inline-block">{linkLabel}</Link>
    </>
  );
  return main ? <main id="main" className="mx-auto max-w-xl px-4 py-16">{body}</main> : <div className="mx-auto max-w-xl py-10">{body}</div>;
}
