import type { FormAction } from '@/components/ui/action-form';
import type { ServiceContext } from '@/lib/context';
import type { VersionCore } from '@/lib/queries/version-core';
import { LifecyclePanel } from '../lifecycle-panel';
import { versionLifecycle } from './version-data';

export async function LifecycleSection({ ctx, v, transitionAction, recordRaiAction }: { ctx: ServiceContext; v: VersionCore; transitionAction: FormAction; recordRaiAction: FormAction }) {
  const transitions = await versionLifecycle(ctx, v);
  return (
    <LifecyclePanel versionId={v.id} transitions={transitions} mayRecordRai={v.abilities.recordRai} transitionAction={transitionAction} recordRaiAction={recordRaiAction} />
  );
}
