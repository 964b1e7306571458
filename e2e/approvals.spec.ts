import { dbQuery, expect, test } from './fixtures';

// The committee approves a promotion in the browser. The demo story leaves super-res 1.1.0 in
// staging with a passed RAI assessment and a committee request holding one of two approvals.
const PENDING = 'pib-vg-super-res-diffusion-1.1.0-20230630';

test('a committee member approves the pending promotion in the browser; it reaches production', async ({ page, signIn }) => {
  const member = await signIn('committee');
  await page.goto('/approvals');
  const card = page.getByTestId('promotion-request').filter({ hasText: PENDING });
  await expect(card.getByTestId('quorum')).toHaveText(/1 of 2 approvals/);
  await card.getByLabel(/Comment/).fill('Metrics and RAI reviewed');
  await card.getByRole('button', { name: 'Approve' }).click();
  // Decided requests leave "Open requests" and appear under "Decided".
  await expect(card).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Decided' })).toContainText(PENDING);

  const [version] = await dbQuery<{ status: string }>('SELECT status::text FROM model_versions WHERE model_id = $1', [PENDING]);
  expect(version.status).toBe('production');
  const votes = await dbQuery<{ decision: string }>(
    `SELECT v.decision::text FROM votes v JOIN users u ON u.id = v.voter_id WHERE u.email = $1`, [member.email]);
  expect(votes).toEqual([{ decision: 'approve' }]);
  const events = await dbQuery<{ action: string }>(
    `SELECT action FROM audit_events WHERE actor_label = $1 ORDER BY seq`, [member.email]);
  expect(events.map((e) => e.action)).toContain('vote.cast');

  await page.goto('/');
  await expect(page.getByTestId('production-list')).toContainText(PENDING);
});

test('rejecting without a comment is refused with the reason, and nothing is recorded', async ({ page, signIn }) => {
  // The demo's fact-check emergency promotion awaits committee ratification.
  const member = await signIn('committee');
  await page.goto('/approvals');
  const card = page.getByTestId('promotion-request').filter({ hasText: 'ratification' }).first();
  await card.getByRole('button', { name: 'Reject' }).click();
  await expect(card.getByRole('alert')).toContainText(/comment is required to reject/);
  expect(await dbQuery(`SELECT 1 FROM votes v JOIN users u ON u.id = v.voter_id WHERE u.email = $1`, [member.email])).toHaveLength(0);
});
