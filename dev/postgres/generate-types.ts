/**
 * Generates `src/shared/database.types.ts` the way `supabase gen types typescript` does: the CLI
 * runs postgres-meta's TypeScript generator, which introspects the database with
 * `getGeneratorMetadata` and renders it with `@supabase/postgrest-typegen` (the package
 * postgres-meta itself delegates to). Same code, same output, no Docker.
 */
import { PostgresMeta } from '@supabase/postgres-meta';
import { getGeneratorMetadata } from '@supabase/postgres-meta/dist/lib/generators.js';
import { generateTypescript } from '@supabase/postgrest-typegen';
import pg from 'pg';

/**
 * The schemas the Data API exposes (supabase/config.toml [api] schemas). `graphql_public` exists
 * on hosted projects only; it is included when present so local and hosted output match.
 */
export const typedSchemas = ['public', 'graphql_public'] as const;

export async function generateDatabaseTypes(databaseUrl: string): Promise<string> {
  const includedSchemas = await existingSchemas(databaseUrl, typedSchemas);
  const meta = new PostgresMeta({ connectionString: databaseUrl, max: 1 });
  // getGeneratorMetadata ends the pool itself, on success and on error.
  const { data, error } = await getGeneratorMetadata(meta, { includedSchemas });
  if (error) throw new Error(`Could not introspect the database for types: ${error.message}`);
  return generateTypescript(data, { defaultSchema: 'public' });
}

async function existingSchemas(databaseUrl: string, wanted: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      'select nspname from pg_namespace where nspname = any($1::text[])',
      [wanted],
    );
    const present = new Set(rows.map((row) => row.nspname));
    return wanted.filter((schema) => present.has(schema));
  } finally {
    await client.end();
  }
}
