/**
 * Storage's input rules (supabase/storage `src/storage/limits.ts`, `uploader.ts`, and the file
 * backend's `secure-path.ts`): which keys and bucket names are valid, how a bucket's
 * `file_size_limit` is written, and how a MIME type matches a bucket's `allowed_mime_types`.
 */
import { ERRORS } from './errors';

/** The global upload limit (the CLI's `[storage] file_size_limit = "50MiB"`). */
export const GLOBAL_FILE_SIZE_LIMIT = 50 * 1024 * 1024;

const VALID_OBJECT_KEY = /^[A-Za-z0-9_/!.*'() &$=@;:+,?-]*$/;
const VALID_BUCKET_NAME = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]*$/;

/**
 * S3-safe characters only, and — like Storage's file backend — no absolute path and no `.`/`..`
 * segment, so `../x`, `%2e%2e%2fx` (decoded) and `/etc/passwd` are refused as InvalidKey.
 */
export function mustBeValidKey(key: string | undefined): asserts key is string {
  if (!key || !VALID_OBJECT_KEY.test(key)) throw ERRORS.invalidKey(key ?? '');
  if (key.startsWith('/')) throw ERRORS.invalidKey(key, 'must be a relative path');
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw ERRORS.invalidKey(key, 'contains dot path segment');
  }
}

export function mustBeValidBucketName(name: string | undefined): asserts name is string {
  if (!name || name.length > 100 || !VALID_BUCKET_NAME.test(name)) throw ERRORS.invalidBucketName();
}

/** `"20MB"` → 20000000 (decimal units, as Storage's parseFileSizeToBytes); numbers are bytes. */
export function parseFileSizeLimit(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return value;
  let bytes: number;
  if (typeof value === 'number') bytes = value;
  else if (typeof value === 'string') {
    const match = /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i.exec(value);
    if (!match) throw ERRORS.invalidFileSizeLimit();
    const amount = +parseFloat(match[1] as string).toPrecision(3);
    const unit = { GB: 1e9, MB: 1e6, KB: 1e3, B: 1 }[
      (match[2] as string).toUpperCase() as 'GB' | 'MB' | 'KB' | 'B'
    ];
    bytes = amount * unit;
  } else throw ERRORS.invalidFileSizeLimit();
  if (bytes > GLOBAL_FILE_SIZE_LIMIT) throw ERRORS.entityTooLarge();
  return bytes;
}

export function validateAllowedMimeTypes(types: unknown): string[] | null | undefined {
  if (types === undefined || types === null) return types;
  if (!Array.isArray(types)) throw ERRORS.invalidRequest('body/allowed_mime_types must be array');
  const filtered = types.filter((type) => type);
  for (const type of filtered) {
    if (typeof type !== 'string' || type.length > 1000) throw ERRORS.invalidMimeType(String(type));
    if (!/^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/.test(type)) {
      throw ERRORS.invalidMimeType(type);
    }
  }
  return filtered as string[];
}

/** `image/png` matches `image/png` and `image/*`; anything else is 415-style InvalidMimeType. */
export function checkMimeType(mimeType: string, allowed: string[] | null): void {
  if (!allowed || allowed.length === 0) return;
  const requested = mimeType.split('/');
  if (requested.length < 2) throw ERRORS.invalidMimeType(mimeType);
  const [type, subtype] = requested;
  for (const entry of allowed) {
    const [allowedType, allowedSubtype] = entry.split('/');
    if (allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype)) return;
  }
  throw ERRORS.invalidMimeType(mimeType);
}

export function isEmptyFolderPlaceholder(name: string): boolean {
  return name.endsWith('.emptyFolderPlaceholder');
}
