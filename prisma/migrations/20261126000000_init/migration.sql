-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'committee', 'engineer', 'auditor', 'viewer');

-- CreateEnum
CREATE TYPE "VersionStatus" AS ENUM ('development', 'testing', 'staging', 'production', 'deprecated', 'archived');

-- CreateEnum
CREATE TYPE "MetricDirection" AS ENUM ('lower_is_better', 'higher_is_better');

-- CreateEnum
CREATE TYPE "PromotionKind" AS ENUM ('committee', 'emergency', 'ratification');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('open', 'approved', 'rejected', 'withdrawn');

-- CreateEnum
CREATE TYPE "VoteDecision" AS ENUM ('approve', 'reject');

-- CreateEnum
CREATE TYPE "ParameterKind" AS ENUM ('lambda', 'training', 'inference');

-- CreateEnum
CREATE TYPE "ParameterSetStatus" AS ENUM ('proposed', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('open', 'rolled_back', 'resolved');

-- CreateEnum
CREATE TYPE "RaiResult" AS ENUM ('pending', 'pass', 'fail');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('user', 'api_token', 'system');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "Role" NOT NULL,
    "senior" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "senior" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" TEXT,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "components" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "folder" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "components_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_versions" (
    "id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "component_id" TEXT NOT NULL,
    "architecture" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "major" INTEGER NOT NULL,
    "minor" INTEGER NOT NULL,
    "patch" INTEGER NOT NULL,
    "release_date" DATE NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "config_yaml" TEXT NOT NULL DEFAULT '',
    "git_commit" TEXT,
    "git_branch" TEXT,
    "commit_message" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "VersionStatus" NOT NULL DEFAULT 'development',
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "monitoring_until" TIMESTAMPTZ(3),
    "backport_commit" TEXT,
    "backported_at" TIMESTAMPTZ(3),
    "registered_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "artifacts" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "artifacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metric_definitions" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "direction" "MetricDirection" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "metric_definitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metric_requirements" (
    "id" TEXT NOT NULL,
    "component_id" TEXT NOT NULL,
    "definition_id" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "max_regression_pct" DOUBLE PRECISION,

    CONSTRAINT "metric_requirements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "metrics" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "definition_id" TEXT NOT NULL,
    "scenario" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT '',
    "value" DOUBLE PRECISION NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metrics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "test_results" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "suite" TEXT NOT NULL DEFAULT 'unit',
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "ci_run_url" TEXT,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "test_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_transitions" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "from_status" "VersionStatus",
    "to_status" "VersionStatus" NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL DEFAULT '',
    "request_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "status_transitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promotion_requests" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "kind" "PromotionKind" NOT NULL DEFAULT 'committee',
    "status" "RequestStatus" NOT NULL DEFAULT 'open',
    "requested_by_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "quorum" INTEGER NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "promotion_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "votes" (
    "id" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "voter_id" TEXT NOT NULL,
    "decision" "VoteDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "votes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "parameter_sets" (
    "id" TEXT NOT NULL,
    "parameter_id" TEXT NOT NULL,
    "kind" "ParameterKind" NOT NULL,
    "values" JSONB NOT NULL,
    "base_noise_lambda" DOUBLE PRECISION,
    "residual_noise_lambda" DOUBLE PRECISION,
    "effective_date" DATE NOT NULL,
    "status" "ParameterSetStatus" NOT NULL DEFAULT 'proposed',
    "approved_by" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "performance_metrics" JSONB NOT NULL DEFAULT '{}',
    "tested_scenarios" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "notes" TEXT NOT NULL DEFAULT '',
    "proposed_by_id" TEXT,
    "quorum" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "parameter_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "parameter_set_votes" (
    "id" TEXT NOT NULL,
    "parameter_set_id" TEXT NOT NULL,
    "voter_id" TEXT NOT NULL,
    "decision" "VoteDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "parameter_set_votes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "rollback_to_version_id" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "severity" TEXT NOT NULL DEFAULT 'critical',
    "status" "IncidentStatus" NOT NULL DEFAULT 'open',
    "opened_by_id" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rca_due_at" TIMESTAMPTZ(3) NOT NULL,
    "rca_submitted_at" TIMESTAMPTZ(3),
    "root_cause" TEXT,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "traffic_steps" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "advanced_by_id" TEXT NOT NULL,
    "metrics_snapshot" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "traffic_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_log_entries" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "author_id" TEXT,
    "text" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_log_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rai_assessments" (
    "id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "bias_metrics" JSONB NOT NULL DEFAULT '{}',
    "language_metrics" JSONB NOT NULL DEFAULT '{}',
    "max_disparity" DOUBLE PRECISION,
    "robustness" JSONB NOT NULL DEFAULT '{}',
    "ethics_checklist" JSONB NOT NULL DEFAULT '{}',
    "result" "RaiResult" NOT NULL DEFAULT 'pending',
    "notes" TEXT NOT NULL DEFAULT '',
    "reviewer_id" TEXT,
    "assessed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rai_assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "change" JSONB NOT NULL,
    "prev_hash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "quarterly_audits" (
    "id" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "generated_by_id" TEXT NOT NULL,
    "generated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "chain_head_seq" INTEGER NOT NULL,
    "chain_head_hash" CHAR(64) NOT NULL,
    "summary" JSONB NOT NULL DEFAULT '{}',
    "signed_off_by_id" TEXT,
    "signed_off_at" TIMESTAMPTZ(3),
    "sign_off_comment" TEXT,

    CONSTRAINT "quarterly_audits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quarterly_audit_files" (
    "id" TEXT NOT NULL,
    "audit_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size_bytes" INTEGER NOT NULL,

    CONSTRAINT "quarterly_audit_files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "components_key_key" ON "components"("key");

-- CreateIndex
CREATE UNIQUE INDEX "components_folder_key" ON "components"("folder");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_model_id_key" ON "model_versions"("model_id");

-- CreateIndex
CREATE INDEX "model_versions_status_idx" ON "model_versions"("status");

-- CreateIndex
CREATE INDEX "model_versions_component_id_status_idx" ON "model_versions"("component_id", "status");

-- CreateIndex
CREATE INDEX "model_versions_release_date_idx" ON "model_versions"("release_date");

-- CreateIndex
CREATE INDEX "model_versions_created_at_idx" ON "model_versions"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_component_id_major_minor_patch_key" ON "model_versions"("component_id", "major", "minor", "patch");

-- CreateIndex
CREATE UNIQUE INDEX "artifacts_version_id_path_key" ON "artifacts"("version_id", "path");

-- CreateIndex
CREATE UNIQUE INDEX "metric_definitions_key_key" ON "metric_definitions"("key");

-- CreateIndex
CREATE UNIQUE INDEX "metric_requirements_component_id_definition_id_key" ON "metric_requirements"("component_id", "definition_id");

-- CreateIndex
CREATE INDEX "metrics_definition_id_scenario_idx" ON "metrics"("definition_id", "scenario");

-- CreateIndex
CREATE UNIQUE INDEX "metrics_version_id_definition_id_scenario_language_key" ON "metrics"("version_id", "definition_id", "scenario", "language");

-- CreateIndex
CREATE INDEX "test_results_version_id_run_at_idx" ON "test_results"("version_id", "run_at");

-- CreateIndex
CREATE INDEX "status_transitions_version_id_at_idx" ON "status_transitions"("version_id", "at");

-- CreateIndex
CREATE INDEX "status_transitions_to_status_at_idx" ON "status_transitions"("to_status", "at");

-- CreateIndex
CREATE INDEX "promotion_requests_status_idx" ON "promotion_requests"("status");

-- CreateIndex
CREATE INDEX "promotion_requests_version_id_idx" ON "promotion_requests"("version_id");

-- CreateIndex
CREATE UNIQUE INDEX "votes_request_id_voter_id_key" ON "votes"("request_id", "voter_id");

-- CreateIndex
CREATE UNIQUE INDEX "parameter_sets_parameter_id_key" ON "parameter_sets"("parameter_id");

-- CreateIndex
CREATE INDEX "parameter_sets_kind_effective_date_idx" ON "parameter_sets"("kind", "effective_date");

-- CreateIndex
CREATE UNIQUE INDEX "parameter_set_votes_parameter_set_id_voter_id_key" ON "parameter_set_votes"("parameter_set_id", "voter_id");

-- CreateIndex
CREATE INDEX "incidents_status_idx" ON "incidents"("status");

-- CreateIndex
CREATE UNIQUE INDEX "traffic_steps_incident_id_percent_key" ON "traffic_steps"("incident_id", "percent");

-- CreateIndex
CREATE INDEX "incident_log_entries_incident_id_at_idx" ON "incident_log_entries"("incident_id", "at");

-- CreateIndex
CREATE INDEX "rai_assessments_version_id_assessed_at_idx" ON "rai_assessments"("version_id", "assessed_at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");

-- CreateIndex
CREATE INDEX "audit_events_entity_type_entity_id_idx" ON "audit_events"("entity_type", "entity_id");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- CreateIndex
CREATE INDEX "audit_events_action_idx" ON "audit_events"("action");

-- CreateIndex
CREATE INDEX "quarterly_audits_quarter_idx" ON "quarterly_audits"("quarter");

-- CreateIndex
CREATE UNIQUE INDEX "quarterly_audit_files_audit_id_name_key" ON "quarterly_audit_files"("audit_id", "name");

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_registered_by_id_fkey" FOREIGN KEY ("registered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_requirements" ADD CONSTRAINT "metric_requirements_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_requirements" ADD CONSTRAINT "metric_requirements_definition_id_fkey" FOREIGN KEY ("definition_id") REFERENCES "metric_definitions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metrics" ADD CONSTRAINT "metrics_definition_id_fkey" FOREIGN KEY ("definition_id") REFERENCES "metric_definitions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_transitions" ADD CONSTRAINT "status_transitions_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_transitions" ADD CONSTRAINT "status_transitions_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "promotion_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_voter_id_fkey" FOREIGN KEY ("voter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "parameter_sets" ADD CONSTRAINT "parameter_sets_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "parameter_set_votes" ADD CONSTRAINT "parameter_set_votes_parameter_set_id_fkey" FOREIGN KEY ("parameter_set_id") REFERENCES "parameter_sets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "parameter_set_votes" ADD CONSTRAINT "parameter_set_votes_voter_id_fkey" FOREIGN KEY ("voter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_rollback_to_version_id_fkey" FOREIGN KEY ("rollback_to_version_id") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_opened_by_id_fkey" FOREIGN KEY ("opened_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "traffic_steps" ADD CONSTRAINT "traffic_steps_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "traffic_steps" ADD CONSTRAINT "traffic_steps_advanced_by_id_fkey" FOREIGN KEY ("advanced_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_log_entries" ADD CONSTRAINT "incident_log_entries_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_log_entries" ADD CONSTRAINT "incident_log_entries_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rai_assessments" ADD CONSTRAINT "rai_assessments_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rai_assessments" ADD CONSTRAINT "rai_assessments_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarterly_audits" ADD CONSTRAINT "quarterly_audits_generated_by_id_fkey" FOREIGN KEY ("generated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarterly_audits" ADD CONSTRAINT "quarterly_audits_signed_off_by_id_fkey" FOREIGN KEY ("signed_off_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarterly_audit_files" ADD CONSTRAINT "quarterly_audit_files_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "quarterly_audits"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

