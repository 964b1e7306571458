import { Card } from '@/components/ui/card';
import type { ServiceContext } from '@/lib/context';
import { renderModelCard } from '@/lib/queries/model-card';
import type { VersionCore } from '@/lib/queries/version-core';
import { versionDetail } from './version-data';

/**
 * The model card rendered from the slices the other sections already read (no second read of
 * the version). A failure is not hidden behind a placeholder: it reaches the route's error.tsx.
 */
export async function ModelCardSection({ ctx, v }: { ctx: ServiceContext; v: VersionCore }) {
  const markdown = renderModelCard(await versionDetail(ctx, v), ctx.now());
  return (
    <Card title="Model card" action={<a href={`/api/v1/versions/${v.id}/model-card`} className="text-sm">Download Markdown</a>}>
      <div id="model-card">
        <pre className="max-h-[32rem] overflow-auto rounded-md bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-800" tabIndex={0} aria-label="Model card (Markdown)" data-testid="model-card">
          {markdown}
        </pre>
      </div>
    </Card>
  );
}
