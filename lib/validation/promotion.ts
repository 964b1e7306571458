import { z } from 'zod';

export const RequestPromotionSchema = z.object({ reason: z.string().trim().min(1, { message: 'give a reason for the promotion' }).max(2000) });

/** A vote on a promotion request or a parameter set: a reject needs a comment. */
export const CastVoteSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(2000).default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && v.comment.length === 0) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'a comment is required to reject' });
  });

export const WithdrawSchema = z.object({ reason: z.string().trim().max(2000).default('') });

export const BackportSchema = z.object({
  commit: z.string().regex(/^[0-9a-f]{7,40}$/, { message: 'must be a git commit hash (7–40 hex characters)' }),
});
