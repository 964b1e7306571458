import type { Metadata } from 'next';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { Pagination } from '@/components/versions/pagination';
import { VersionsFilterForm } from '@/components/versions/versions-filter-form';
import { VersionsTable } from '@/components/versions/versions-table';
import { requirePageActor } from '@/lib/auth/session';
import { contextFor } from '@/lib/context';
import { listParamsFromSearch } from '@/lib/contracts/version-list';
import { pageSearchParams } from '@/lib/http/page-params';
import { listModelVersions, listVersionFilterOptions } from '@/lib/queries/version-list';

export const metadata: Metadata = { title: 'Model versions' };
export const dynamic = 'force-dynamic';

export default async function VersionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = contextFor(await requirePageActor('read:registry'));
  const params = listParamsFromSearch(await pageSearchParams(searchParams));
  const [list, options] = await Promise.all([listModelVersions(ctx, params), listVersionFilterOptions(ctx)]);
  const filtered = Boolean(params.q || params.component || params.status || params.tag);
  return (
    <>
      <PageHeader title="Model versions" subtitle="Every registered version, newest release first. Filter, search, sort by any column, and open a version for its lineage, metrics and approvals." />
      <VersionsFilterForm params={params} options={options} />
      {list.items.length === 0 ? (
        <EmptyState>{filtered ? 'No version matches these filters.' : 'No version is registered yet.'}</EmptyState>
      ) : (
        <>
          <VersionsTable list={list} params={params} />
          <Pagination list={list} params={params} />
        </>
      )}
    </>
  );
}
