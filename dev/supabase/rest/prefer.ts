/** The `Prefer` header (ApiRequest/Preferences.hs): comma-joined, first occurrence wins. */
import { RestError } from './errors';

export interface Preferences {
  return?: 'minimal' | 'headers-only' | 'representation';
  count?: 'exact' | 'planned' | 'estimated';
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  missing?: 'default' | 'null';
  handling?: 'strict' | 'lenient';
  maxAffected?: number;
  timezone?: string;
  tx?: 'commit' | 'rollback';
  /** Honoured preferences, for `Preference-Applied`. */
  applied: string[];
}

const accepted: Record<string, readonly string[]> = {
  return: ['minimal', 'headers-only', 'representation'],
  count: ['exact', 'planned', 'estimated'],
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  missing: ['default', 'null'],
  handling: ['strict', 'lenient'],
  tx: ['commit', 'rollback'],
};

export function parsePreferences(header: string | undefined): Preferences {
  const preferences: Preferences = { applied: [] };
  const seen = new Set<string>();
  const invalid: string[] = [];
  for (const raw of (header ?? '').split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq).trim();
    const value = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (seen.has(name)) continue;
    if (name === 'max-affected' && /^\d+$/.test(value)) {
      seen.add(name);
      preferences.maxAffected = Number(value);
    } else if (name === 'timezone' && value !== '') {
      seen.add(name);
      preferences.timezone = value;
      // Set for the whole transaction (an unknown zone fails there with 22023).
      applied(preferences, 'timezone', value);
    } else if (accepted[name]?.includes(value)) {
      seen.add(name);
      // `tx` only counts when db-tx-end allows an override (transactionSettings decides).
      if (name === 'tx') preferences.tx = value as Preferences['tx'];
      else if (name === 'return') preferences.return = value as Preferences['return'];
      else if (name === 'count') preferences.count = value as Preferences['count'];
      else if (name === 'resolution') preferences.resolution = value as Preferences['resolution'];
      else if (name === 'missing') preferences.missing = value as Preferences['missing'];
      else if (name === 'handling') preferences.handling = value as Preferences['handling'];
    } else {
      invalid.push(item);
    }
  }
  if (preferences.handling === 'strict' && invalid.length) {
    throw new RestError(
      400,
      'PGRST122',
      'Invalid preferences given with handling=strict',
      `Invalid preferences: ${invalid.join(', ')}`,
    );
  }
  return preferences;
}

/** Marks a preference honoured so it appears in `Preference-Applied`. */
export function applied(preferences: Preferences, name: string, value: string | number | undefined): void {
  if (value !== undefined) preferences.applied.push(`${name}=${value}`);
}
