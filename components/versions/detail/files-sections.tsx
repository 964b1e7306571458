import { Card, EmptyState } from '@/components/ui/card';
import { RowHeader, Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { ServiceContext } from '@/lib/context';
import type { VersionCore } from '@/lib/queries/version-core';
import { CopyButton } from '../copy-button';
import { fmtBytes } from '../format';
import { YamlBlock } from '../yaml-block';
import { versionArtifacts, versionTests } from './version-data';
import { Time } from '@/components/ui/time';

export function ConfigSection({ v }: { v: VersionCore }) {
  return (
    <Card title="config.yaml">
      <div id="config">{v.configYaml ? <YamlBlock text={v.configYaml} /> : <EmptyState>No config.yaml recorded.</EmptyState>}</div>
    </Card>
  );
}

export async function ArtifactsSection({ ctx, v }: { ctx: ServiceContext; v: VersionCore }) {
  const artifacts = await versionArtifacts(ctx, v);
  return (
    <Card title="Artifacts">
      <div id="artifacts">
        {artifacts.length === 0 ? (
          <EmptyState>No artifacts recorded.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="artifacts">
            {artifacts.map((a) => (
              <li key={a.id} className="py-2 text-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <code className="font-mono break-all">{a.path}</code>
                  <span className="text-slate-600" title={`${a.sizeBytesText} bytes`}>{fmtBytes(a.sizeBytes)}</span>
                </div>
                <div className="mt-1 flex flex-wrap items-center gap-2">
                  <span className="text-xs text-slate-600">sha256</span>
                  <code className="font-mono text-xs break-all select-all text-slate-800">{a.sha256}</code>
                  <CopyButton value={a.sha256} label={`sha256 of ${a.path}`} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

export async function TestResultsSection({ ctx, v }: { ctx: ServiceContext; v: VersionCore }) {
  const { runs } = await versionTests(ctx, v);
  if (runs.length === 0) return null;
  return (
    <Card title="Test results">
      <Table minWidth="min-w-[28rem]" testId="test-results">
        <THead>
          <Th>Run</Th>
          <Th>Suite</Th>
          <Th align="right">Passed</Th>
          <Th align="right">Failed</Th>
          <Th align="right">Skipped</Th>
        </THead>
        <TBody>
          {runs.map((t) => (
            <tr key={t.id}>
              <RowHeader dense className="font-normal">
                {t.ciRunUrl ? <a href={t.ciRunUrl} rel="noreferrer"><Time value={t.runAt} /></a> : <Time value={t.runAt} />}
              </RowHeader>
              <Td dense>{t.suite}</Td>
              <Td dense align="right">{t.passed}</Td>
              <Td dense align="right" className={t.failed ? 'font-semibold text-red-700' : ''}>{t.failed}</Td>
              <Td dense align="right">{t.skipped}</Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
