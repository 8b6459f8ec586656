/**
 * Figures of a compatibility run: pass/fail per suite, failures grouped by category. Categories
 * name the server feature a failure points at (first matching rule wins), so a run reads as a
 * to-do list; `other` is what no rule explains yet.
 */
export interface TestOutcome {
  file: string;
  name: string;
  passed: boolean;
  message: string;
}

export interface SuiteResult {
  suite: string;
  tests: TestOutcome[];
  seconds: number;
}

type Rule = [category: string, matches: (suite: string, test: TestOutcome) => boolean];

const has = (test: TestOutcome, ...needles: Array<string | RegExp>) =>
  needles.some((needle) =>
    typeof needle === 'string'
      ? `${test.file} ${test.name} ${test.message}`.includes(needle)
      : needle.test(`${test.file} ${test.name} ${test.message}`),
  );

const AUTH_NOT_BUILT: Array<[string, RegExp]> = [
  ['auth feature not built locally: MFA (TOTP, WebAuthn, admin factors)', /\bMFA\b|mfa factor/],
  ['auth feature not built locally: passkeys', /Passkey/],
  // The suite's shared client is signed in anonymously by then; without anonymous sign-ins it is not.
  [
    'auth feature not built locally: anonymous sign-ins',
    /signInAnonymously|reauthenticate\(\) fails without session/,
  ],
  ['auth feature not built locally: OAuth 2.1 server (admin OAuth clients)', /OAuth Admin/],
  ['auth feature not built locally: admin invite / generateLink', /inviteUserByEmail|generateLink/],
  ['auth feature not built locally: reauthentication (nonce)', /Reauthentication reauthenticate\(\) returns/],
];

const RULES: Rule[] = [
  [
    'Realtime (server on another branch)',
    (suite, t) => suite === 'supabase-js' && /Realtime|realtime/.test(t.name),
  ],
  ['Storage (server on another branch)', (suite, t) => suite === 'supabase-js' && /Storage/.test(t.name)],
  ['GeoJSON (needs PostGIS)', (_s, t) => has(t, /geojson/i)],
  ['EXPLAIN (vnd.pgrst.plan)', (_s, t) => has(t, /explain/i, 'vnd.pgrst.plan')],
  ['Prefer: tx=rollback', (_s, t) => has(t, 'tx=rollback', /rollback/i)],
  [
    // Pure additions to a snapshot: rows an earlier test should have rolled back.
    'extra rows left by an earlier failed test (cascade)',
    (suite, t) => suite === 'postgrest-js' && /- Snapshot\s+- 0\n/.test(t.message),
  ],
  ['aggregates', (_s, t) => has(t, 'PGRST123', /aggregate/i, /\.(count|sum|avg|min|max)\(\)/)],
  ['Prefer: max-affected', (_s, t) => has(t, /max-affected|maxAffected|max_affected/i)],
  ['missing=default', (_s, t) => has(t, /missing=default|defaultToNull|column defaults/i)],
  [
    'computed relationships',
    (suite, t) => suite === 'postgrest-js' && has(t, /computed|embeded_functions_join/i),
  ],
  ['RPC schema cache (overloads, unnamed params)', (_s, t) => has(t, 'PGRST203', '42601', /overload/i)],
  [
    'relationship choice (views, self-references)',
    (_s, t) => has(t, 'PGRST201', 'PGRST200', /self.?referenc/i),
  ],
  ['error text', (suite) => suite === 'postgrest-js'],
  [
    'auth: admin createUser user_metadata',
    (suite, t) => suite === 'auth-js' && has(t, /createUser|updateUserById/),
  ],
  ...AUTH_NOT_BUILT.map(([category, pattern]): Rule => [
    category,
    (suite, t) => suite === 'auth-js' && pattern.test(t.name),
  ]),
  [
    'auth: email OTP (signInWithOtp / verifyOtp)',
    (suite, t) => suite === 'auth-js' && /signInWithOtp/.test(t.name),
  ],
  [
    "auth: a disabled feature's answer differs from GoTrue's",
    (suite, t) =>
      suite === 'auth-js' &&
      (/signInWithIdToken/.test(t.name) ||
        has(
          t,
          'no Route matched',
          'unsupported_grant_type',
          'Unsupported verification type',
          /Expected substring/,
        )),
  ],
];

export function categoryOf(suite: string, test: TestOutcome): string {
  return RULES.find(([, matches]) => matches(suite, test))?.[0] ?? 'other';
}

export function printReport(results: SuiteResult[], log: (line: string) => void): void {
  log('\nsuite          passed  failed  total   seconds');
  for (const { suite, tests, seconds } of results) {
    const passed = tests.filter((test) => test.passed).length;
    log(
      `${suite.padEnd(14)} ${String(passed).padStart(6)}  ${String(tests.length - passed).padStart(6)}  ${String(
        tests.length,
      ).padStart(5)}   ${seconds.toFixed(0).padStart(7)}`,
    );
  }
  for (const { suite, tests } of results) {
    const failed = tests.filter((test) => !test.passed);
    if (failed.length === 0) continue;
    const byCategory = new Map<string, TestOutcome[]>();
    for (const test of failed) {
      const category = categoryOf(suite, test);
      byCategory.set(category, [...(byCategory.get(category) ?? []), test]);
    }
    log(`\n${suite}: ${failed.length} failed`);
    for (const [category, list] of [...byCategory].sort((a, b) => b[1].length - a[1].length)) {
      log(`  ${category} — ${list.length}`);
      for (const test of list) log(`    ${test.file} › ${test.name}`);
    }
  }
}
