import { describe, expect, it } from 'vitest';
import { authSettingsFromToml, cliDefaults, readTomlScalars } from './project-settings';

describe('project auth settings', () => {
  it('reads the [auth] and [auth.email] scalars of config.toml', () => {
    const settings = authSettingsFromToml(`
project_id = "demo"

[auth]
site_url = "http://localhost:5173"
additional_redirect_urls = ["http://127.0.0.1:5173/**"]
jwt_expiry = 1800 # half an hour
enable_refresh_token_rotation = false
minimum_password_length = 12

[auth.email]
max_frequency = "1m0s"
double_confirm_changes = false

[auth.sms]
max_frequency = "5s"
`);
    expect(settings).toEqual({
      ...cliDefaults,
      jwtExpirySeconds: 1800,
      refreshTokenRotation: false,
      minimumPasswordLength: 12,
      emailMaxFrequencySeconds: 60,
      doubleConfirmChanges: false,
    });
  });

  it('keeps the CLI defaults for what is not set', () => {
    expect(authSettingsFromToml('[auth]\nenabled = true\n')).toEqual(cliDefaults);
  });

  it('keys values by table and ignores arrays and comments', () => {
    const values = readTomlScalars('a = 1\n# b = 2\n[x.y]\nc = "d" # note\ne = [1, 2]\n');
    expect([...values]).toEqual([
      ['a', 1],
      ['x.y.c', 'd'],
    ]);
  });
});
