import { dbQuery, expect, makePromotion, test } from './fixtures';

// The committee approves a promotion in the browser. Each test lays down its own version and
// request (e2e/support/make-promotion.mts): a component of its own, the version in staging with a
// passed RAI assessment, and a committee request one approval short of its quorum.

test('a committee member gives the last approval in the browser; the version reaches production', async ({ page, signIn }) => {
  const made = await makePromotion(1);
  const member = await signIn('committee');
  await page.goto('/approvals');
  const card = page.getByTestId('promotion-request').filter({ hasText: made.modelId });
  await expect(card.getByTestId('quorum')).toHaveText(new RegExp(`${made.quorum - 1} of ${made.quorum} approvals`));
  // On a long page under load the card can be clicked before React hydrated it (the click then
  // submits natively and reloads the page): wait for the vote form to be live first.
  await expect(card.locator('form[data-hydrated]').first()).toBeAttached({ timeout: 30_000 });
  await card.getByLabel(/Comment/).fill('Metrics and RAI reviewed');
  await card.getByRole('button', { name: 'Approve' }).click();
  // The result shows in place (the request the member's vote decided stays where it was voted on),
  // and the request is listed under "Decided".
  await expect(card.getByTestId('form-result')).toContainText(`Vote recorded (${made.quorum}/${made.quorum} approvals) — ${made.modelId} is now in production`, { timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Decided' })).toContainText(made.modelId);

  const [version] = await dbQuery<{ status: string }>('SELECT status::text FROM model_versions WHERE model_id = $1', [made.modelId]);
  expect(version.status).toBe('production');
  const votes = await dbQuery<{ decision: string }>(
    `SELECT v.decision::text FROM votes v JOIN users u ON u.id = v.voter_id WHERE u.email = $1`, [member.email]);
  expect(votes).toEqual([{ decision: 'approve' }]);
  const events = await dbQuery<{ action: string }>(
    `SELECT action FROM audit_events WHERE actor_label = $1 ORDER BY seq`, [member.email]);
  expect(events.map((e) => e.action)).toContain('vote.cast');

  await page.goto('/');
  await expect(page.getByTestId('production-list')).toContainText(made.modelId);
});

test('rejecting without a comment is refused with the reason, and nothing is recorded', async ({ page, signIn }) => {
  const made = await makePromotion(1);
  const member = await signIn('committee');
  await page.goto('/approvals');
  const card = page.getByTestId('promotion-request').filter({ hasText: made.modelId });
  await expect(card.locator('form[data-hydrated]').first()).toBeAttached({ timeout: 30_000 });
  await card.getByRole('button', { name: 'Reject' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Reject promotion' }).click();
  await expect(card.getByRole('alert')).toContainText(/comment is required to reject/);
  expect(await dbQuery(`SELECT 1 FROM votes v JOIN users u ON u.id = v.voter_id WHERE u.email = $1`, [member.email])).toHaveLength(0);
  const [request] = await dbQuery<{ status: string }>('SELECT status::text FROM promotion_requests WHERE id = $1', [made.requestId]);
  expect(request.status).toBe('open');
});
