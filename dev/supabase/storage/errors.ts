/**
 * Storage's error shape and status codes (supabase/storage `src/internal/errors/codes.ts`,
 * `src/http/error-handler.ts`): the body is `{ statusCode, error, message, code }` with
 * `statusCode` a string holding the error's own status, while the HTTP status is 400 for every
 * client error (500 for server errors) — storage-js reads both.
 */
import type pg from 'pg';

export class StorageError extends Error {
  constructor(
    /** The status in the body (`statusCode: "404"`). */
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** The legacy `error` field; defaults to the code. */
    readonly error: string = code,
    /** Storage answers 400 for client errors unless a route sets its own status. */
    readonly httpStatus: number = statusCode >= 500 ? 500 : 400,
  ) {
    super(message);
    this.name = 'StorageError';
  }

  body(): string {
    return JSON.stringify({
      statusCode: String(this.statusCode),
      error: this.error,
      message: this.message,
      code: this.code,
    });
  }
}

export const ERRORS = {
  noSuchBucket: () => new StorageError(404, 'NoSuchBucket', 'Bucket not found', 'Bucket not found'),
  noSuchKey: () => new StorageError(404, 'NoSuchKey', 'Object not found', 'not_found'),
  accessDenied: (message = 'Access denied') => new StorageError(403, 'AccessDenied', message, 'Unauthorized'),
  resourceAlreadyExists: () =>
    new StorageError(409, 'ResourceAlreadyExists', 'The resource already exists', 'Duplicate'),
  bucketAlreadyExists: () =>
    new StorageError(409, 'BucketAlreadyExists', 'The resource already exists', 'Duplicate'),
  bucketNotEmpty: () =>
    new StorageError(409, 'ResourceNotEmpty', 'The bucket you tried to delete is not empty'),
  invalidBucketName: () => new StorageError(400, 'InvalidBucketName', 'Bucket name invalid', 'Invalid Input'),
  invalidKey: (key: string, reason?: string) =>
    new StorageError(400, 'InvalidKey', reason ? `Invalid key: ${key} ${reason}` : `Invalid key: ${key}`),
  invalidMimeType: (mimeType: string) =>
    new StorageError(415, 'InvalidMimeType', `mime type ${mimeType} is not supported`, 'invalid_mime_type'),
  entityTooLarge: (entity = 'object', limit = 'the maximum allowed size') =>
    new StorageError(413, 'EntityTooLarge', `The ${entity} exceeded ${limit}`, 'Payload too large'),
  invalidJwt: (message = 'Invalid JWT') => new StorageError(400, 'InvalidJWT', message),
  invalidSignature: (message = 'Invalid signature') => new StorageError(400, 'InvalidSignature', message),
  expiredSignature: () => new StorageError(400, 'ExpiredToken', 'The provided token has expired.'),
  invalidRequest: (message = 'Invalid Request') => new StorageError(400, 'InvalidRequest', message),
  noContentProvided: () => new StorageError(400, 'InvalidRequest', 'No content provided'),
  invalidFileSizeLimit: () =>
    new StorageError(400, 'InvalidRequest', 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'),
  missingParameter: (name: string) =>
    new StorageError(400, 'MissingParameter', `Missing Required Parameter ${name}`),
  routeNotFound: (method: string, path: string) =>
    new StorageError(404, 'InvalidRequest', `Route ${method}:${path} not found`, 'Not Found', 404),
  internal: (message = 'Internal server error') => new StorageError(500, 'InternalError', message),
};

/** Storage's DBError.fromDBError: the Postgres errors a request can cause, as Storage names them. */
export function fromDatabaseError(error: pg.DatabaseError): StorageError {
  switch (error.code) {
    case '42501':
      return ERRORS.accessDenied(
        error.message.includes('row-level security')
          ? 'new row violates row-level security policy'
          : error.message,
      );
    case '23505':
      return ERRORS.resourceAlreadyExists();
    case '23503':
      return error.detail?.includes('is still referenced from table')
        ? new StorageError(
            409,
            'ResourceReferenced',
            'The resource could not be updated or removed due to a foreign key constraint',
          )
        : new StorageError(404, 'InvalidRequest', 'The related resource does not exist');
    case '57014':
      return new StorageError(
        544,
        'DatabaseTimeout',
        'The connection to the database timed out',
        'DatabaseTimeout',
        544,
      );
    case '22P02':
      return new StorageError(
        400,
        'InvalidParameter',
        error.message || 'Invalid value format or type conversion failed',
      );
    default:
      return new StorageError(500, 'DatabaseError', `database error, code: ${error.code}`);
  }
}
