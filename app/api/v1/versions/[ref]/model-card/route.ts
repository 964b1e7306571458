import { markdown, route } from '@/lib/api/http';
import { getModelCard } from '@/lib/queries/model-card';

export const dynamic = 'force-dynamic';

/** The version's model card as Markdown. */
export const GET = route<{ ref: string }>('read:registry', async ({ ctx, params }) => {
  const card = await getModelCard(ctx, params.ref);
  return markdown(card.markdown, `${card.modelId}.md`);
});
