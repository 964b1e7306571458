// Prisma 6 CLI on the wasm schema engine through the pg driver adapter: nothing is downloaded.
// See docs/decisions/001-prisma-6-wasm-engine.md for why (and for the upstream bugs worked around).
import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// A harmless default so `npm ci`'s postinstall (prisma generate) never tries to fetch an engine.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres';
const url = process.env.DATABASE_URL;

/**
 * The stock adapter's shadow database connects to the main database when given a connection
 * string (pg lets `connectionString` override `database`) and drops it while its pool is open.
 * Create a uniquely named database, connect with explicit fields, drop it WITH (FORCE) after.
 */
class CliPrismaPg extends PrismaPg {
  async connectToShadowDb() {
    const base = new URL(url);
    const name = `prisma_shadow_${randomUUID().replace(/-/g, '')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const shadow = new PrismaPg({
      host: base.hostname,
      port: Number(base.port || 5432),
      user: decodeURIComponent(base.username || 'postgres'),
      password: decodeURIComponent(base.password || ''),
      database: name,
      max: 1,
      allowExitOnIdle: true,
    });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations'), seed: 'tsx prisma/seed.mts' },
  adapter: async () => new CliPrismaPg({ connectionString: url, max: 1, allowExitOnIdle: true }),
});
