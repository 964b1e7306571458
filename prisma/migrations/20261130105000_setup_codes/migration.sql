-- One-time codes for the first-run setup page (only while no admin exists).
CREATE TABLE "setup_codes" (
    "id" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "setup_codes_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "setup_codes_code_hash_key" ON "setup_codes"("code_hash");
