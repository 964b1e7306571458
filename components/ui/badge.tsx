import type { VersionStatus } from '@/lib/generated/prisma/enums';

const STATUS_STYLE: Record<VersionStatus, string> = {
  development: 'bg-slate-100 text-slate-800 ring-slate-300',
  testing: 'bg-amber-50 text-amber-900 ring-amber-300',
  staging: 'bg-sky-50 text-sky-900 ring-sky-300',
  production: 'bg-emerald-50 text-emerald-900 ring-emerald-400',
  deprecated: 'bg-orange-50 text-orange-900 ring-orange-300',
  archived: 'bg-zinc-100 text-zinc-600 ring-zinc-300',
};

export function StatusBadge({ status }: { status: VersionStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[status]}`}>
      {status}
    </span>
  );
}

export function Tag({ children, tone = 'slate' }: { children: React.ReactNode; tone?: 'slate' | 'red' | 'amber' | 'indigo' }) {
  const tones = {
    slate: 'bg-slate-100 text-slate-700',
    red: 'bg-red-100 text-red-800',
    amber: 'bg-amber-100 text-amber-900',
    indigo: 'bg-indigo-100 text-indigo-800',
  } as const;
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}
