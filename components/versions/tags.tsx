import { Tag } from '@/components/ui/badge';

/** Tags with the governance ones stand out: critical-issue red, emergency amber. */
export function VersionTags({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {tags.map((t) => (
        <Tag key={t} tone={t === 'critical-issue' ? 'red' : t === 'emergency' ? 'amber' : 'slate'}>{t}</Tag>
      ))}
    </span>
  );
}

const BRANCH_TONE = { hotfix: 'red', release: 'indigo', feature: 'slate', develop: 'slate', main: 'slate', other: 'slate' } as const;

export function BranchKindBadge({ kind }: { kind: keyof typeof BRANCH_TONE | null }) {
  if (!kind) return null;
  return <Tag tone={BRANCH_TONE[kind]}>{kind}</Tag>;
}
