-- Finding 6: a token could stand in for a person (an admin minted a committee-role token and
-- deprecated a production version with it). Tokens are now personal (act as their person, with
-- that person's current role) or service (pipelines: register and report, never decide).
-- Every existing token was an admin-made CI token: they become service tokens, so whatever
-- decision permissions their role had are gone from now on.
CREATE TYPE "ApiTokenKind" AS ENUM ('personal', 'service');
ALTER TABLE "api_tokens" ADD COLUMN "kind" "ApiTokenKind" NOT NULL DEFAULT 'service';
CREATE INDEX "api_tokens_created_by_id_idx" ON "api_tokens"("created_by_id");
