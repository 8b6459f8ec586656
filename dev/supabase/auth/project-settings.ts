/**
 * The project's Auth settings, read from `supabase/config.toml` like `supabase start` configures
 * GoTrue from it, so the local server enforces what the hosted project will (password length,
 * email frequency, token lifetimes). Keys that are absent take the Supabase CLI defaults.
 *
 * Only the flat `key = value` lines of the [auth] and [auth.email] tables are read; that is all
 * these settings use, and it keeps a TOML parser out of the dependencies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config';
import { parseGoDuration } from './go-duration';
import type { IpRateLimits } from './ip-rate-limits';

export interface AuthSettings {
  jwtExpirySeconds: number;
  refreshTokenRotation: boolean;
  refreshTokenReuseIntervalSeconds: number;
  enableSignup: boolean;
  minimumPasswordLength: number;
  /** Minimum time between two emails of one kind to one user (`[auth.email] max_frequency`). */
  emailMaxFrequencySeconds: number;
  /** Email changes need the link sent to the old address too (`[auth.email] double_confirm_changes`). */
  doubleConfirmChanges: boolean;
  /** Sign-ups must confirm their email before they can sign in (`[auth.email] enable_confirmations`). */
  enableConfirmations: boolean;
  /** Requests per 5 minutes per IP (`[auth.rate_limit]`). */
  rateLimits: IpRateLimits;
  /** OAuth providers with `[auth.external.<name>] enabled = true` (served by local stand-ins). */
  externalProviders: string[];
}

/** The Supabase CLI's defaults (`pkg/config/templates/config.toml`). */
export const cliDefaults: AuthSettings = {
  jwtExpirySeconds: 3600,
  refreshTokenRotation: true,
  refreshTokenReuseIntervalSeconds: 10,
  enableSignup: true,
  minimumPasswordLength: 6,
  emailMaxFrequencySeconds: 1,
  doubleConfirmChanges: true,
  enableConfirmations: false,
  rateLimits: { sign_in_sign_ups: 30, token_refresh: 150, token_verifications: 30 },
  externalProviders: [],
};

export const projectConfigFile = path.join(projectRoot, 'supabase', 'config.toml');

type TomlScalar = string | number | boolean;

/** `{ "auth.jwt_expiry": 3600, "auth.email.max_frequency": "1m0s", … }` for scalar values. */
export function readTomlScalars(text: string): Map<string, TomlScalar> {
  const values = new Map<string, TomlScalar>();
  let table = '';
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[([A-Za-z0-9_.-]+)\]$/.exec(line);
    if (header) {
      table = header[1]!;
      continue;
    }
    const entry = /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(line);
    if (!entry) continue;
    const [, key, raw] = entry as unknown as [string, string, string];
    let value: TomlScalar | undefined;
    if (raw === 'true' || raw === 'false') value = raw === 'true';
    else if (/^-?\d+$/.test(raw)) value = Number(raw);
    else if (/^"[^"]*"$/.test(raw)) value = raw.slice(1, -1);
    if (value !== undefined) values.set(table ? `${table}.${key}` : key, value);
  }
  return values;
}

export function authSettingsFromToml(text: string): AuthSettings {
  const toml = readTomlScalars(text);
  const number = (key: string, fallback: number) => {
    const value = toml.get(key);
    return typeof value === 'number' ? value : fallback;
  };
  const boolean = (key: string, fallback: boolean) => {
    const value = toml.get(key);
    return typeof value === 'boolean' ? value : fallback;
  };
  const frequency = toml.get('auth.email.max_frequency');
  const frequencyMs = typeof frequency === 'string' ? parseGoDuration(frequency) : null;
  return {
    jwtExpirySeconds: number('auth.jwt_expiry', cliDefaults.jwtExpirySeconds),
    refreshTokenRotation: boolean('auth.enable_refresh_token_rotation', cliDefaults.refreshTokenRotation),
    refreshTokenReuseIntervalSeconds: number(
      'auth.refresh_token_reuse_interval',
      cliDefaults.refreshTokenReuseIntervalSeconds,
    ),
    enableSignup: boolean('auth.enable_signup', cliDefaults.enableSignup),
    minimumPasswordLength: number('auth.minimum_password_length', cliDefaults.minimumPasswordLength),
    emailMaxFrequencySeconds:
      frequencyMs === null ? cliDefaults.emailMaxFrequencySeconds : frequencyMs / 1000,
    doubleConfirmChanges: boolean('auth.email.double_confirm_changes', cliDefaults.doubleConfirmChanges),
    enableConfirmations: boolean('auth.email.enable_confirmations', cliDefaults.enableConfirmations),
    rateLimits: {
      sign_in_sign_ups: number('auth.rate_limit.sign_in_sign_ups', cliDefaults.rateLimits.sign_in_sign_ups),
      token_refresh: number('auth.rate_limit.token_refresh', cliDefaults.rateLimits.token_refresh),
      token_verifications: number(
        'auth.rate_limit.token_verifications',
        cliDefaults.rateLimits.token_verifications,
      ),
    },
    externalProviders: [...toml.entries()]
      .filter(([key, value]) => /^auth\.external\.[a-z0-9_]+\.enabled$/.test(key) && value === true)
      .map(([key]) => key.split('.')[2]!),
  };
}

/** The project's settings, or the CLI defaults for a project without a config.toml. */
export function loadAuthSettings(file = projectConfigFile): AuthSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return cliDefaults;
    throw error;
  }
  return authSettingsFromToml(text);
}
