/**
 * A user's files in Storage: everything under their own `<user id>/` folder in any bucket
 * (avatars, chat attachments; ADR 0032). Listed and removed as the user — RLS on storage.objects
 * decides, as for the SPA — and removed through the Storage API, because Storage rows cannot be
 * deleted by SQL on hosted Supabase (the files would stay behind).
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import type { DbCaller } from '../db-as-user';
import { asUser } from '../db-as-user';

export interface StoredObject {
  bucket: string;
  name: string;
  sizeBytes: number | null;
  contentType: string | null;
  createdAt: string;
}

export async function listOwnObjects(db: pg.Pool, caller: DbCaller): Promise<StoredObject[]> {
  return asUser(db, caller, async (client) => {
    const { rows } = await client.query<StoredObject>(
      `select bucket_id as bucket, name,
              (metadata ->> 'size')::bigint::float8 as "sizeBytes",
              metadata ->> 'mimetype' as "contentType",
              created_at as "createdAt"
         from storage.objects
        where (storage.foldername(name))[1] = $1
        order by bucket_id, name`,
      [caller.id],
    );
    return rows;
  });
}

/** Removes the objects through Storage, 100 per call; throws if Storage refuses. */
export async function removeObjects(storage: SupabaseClient, objects: StoredObject[]): Promise<void> {
  const byBucket = new Map<string, string[]>();
  for (const object of objects)
    byBucket.set(object.bucket, [...(byBucket.get(object.bucket) ?? []), object.name]);
  for (const [bucket, names] of byBucket) {
    for (let start = 0; start < names.length; start += 100) {
      const { error } = await storage.storage.from(bucket).remove(names.slice(start, start + 100));
      if (error)
        throw new Error(`Storage refused to remove files of ${bucket}: ${error.message}`, { cause: error });
    }
  }
}
