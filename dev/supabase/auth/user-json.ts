/**
 * The user object GoTrue returns (`internal/models/user.go` and `identity.go` JSON tags): nullable
 * timestamps are omitted when empty, token columns never leave the server, `email_change` is
 * exposed as `new_email`, and timestamps are RFC 3339 in UTC with a `Z`.
 */
import type { IdentityRow, JsonObject, UserRow } from './users-repo';

/** PostgreSQL text (`2024-05-01 12:00:00.123456+00`, session TimeZone UTC) → `2024-05-01T12:00:00.123456Z`. */
export function rfc3339(value: string): string {
  return value.replace(' ', 'T').replace(/(\+00(:00)?)?$/, 'Z');
}

/** Milliseconds since the epoch of a PostgreSQL UTC timestamp text. */
export function timestampMs(value: string): number {
  return Date.parse(rfc3339(value));
}

/** Go marshals a zero time.Time like this; only seen for rows written without timestamps. */
const requiredTime = (value: string | null) => (value ? rfc3339(value) : '0001-01-01T00:00:00Z');

function optionalTimes(fields: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value) out[name] = rfc3339(value);
  return out;
}

export function identityJson(identity: IdentityRow): JsonObject {
  return {
    identity_id: identity.id,
    id: identity.provider_id,
    user_id: identity.user_id,
    identity_data: identity.identity_data,
    provider: identity.provider,
    ...optionalTimes({ last_sign_in_at: identity.last_sign_in_at }),
    created_at: requiredTime(identity.created_at),
    updated_at: requiredTime(identity.updated_at),
    ...(identity.email ? { email: identity.email } : {}),
  };
}

export function userJson(user: UserRow, identities: IdentityRow[]): JsonObject {
  return {
    id: user.id,
    aud: user.aud ?? '',
    role: user.role ?? '',
    email: user.email ?? '',
    ...optionalTimes({
      email_confirmed_at: user.email_confirmed_at,
      invited_at: user.invited_at,
    }),
    phone: user.phone ?? '',
    ...optionalTimes({
      phone_confirmed_at: user.phone_confirmed_at,
      confirmation_sent_at: user.confirmation_sent_at,
      confirmed_at: user.confirmed_at,
      recovery_sent_at: user.recovery_sent_at,
    }),
    ...(user.email_change ? { new_email: user.email_change } : {}),
    ...optionalTimes({ email_change_sent_at: user.email_change_sent_at }),
    ...(user.phone_change ? { new_phone: user.phone_change } : {}),
    ...optionalTimes({
      phone_change_sent_at: user.phone_change_sent_at,
      reauthentication_sent_at: user.reauthentication_sent_at,
      last_sign_in_at: user.last_sign_in_at,
    }),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: identities.map(identityJson),
    created_at: requiredTime(user.created_at),
    updated_at: requiredTime(user.updated_at),
    ...optionalTimes({ banned_until: user.banned_until, deleted_at: user.deleted_at }),
    is_anonymous: user.is_anonymous,
  };
}
