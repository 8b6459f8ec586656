/**
 * Local stand-ins for GitHub's and Google's OAuth servers, served by the Supabase API under
 * `/idp/<provider>/…` (like the Stripe stand-in's hosted pages): the authorize page lets the
 * developer pick one of the identities seen before or type a new one, then redirects back to the
 * Auth server's `/callback` with a code; the Auth server exchanges the code and reads the user
 * over HTTP exactly as it would from github.com / googleapis.com. State is in memory: codes live
 * five minutes and are used once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MountedApi } from '../../supabase/context';
import {
  PROVIDERS,
  isProviderName,
  userResource,
  type ProviderName,
  type StandInIdentity,
} from './providers';

const CODE_TTL_MS = 5 * 60_000;

const escape = (value: unknown) => String(value).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    return new URLSearchParams(Object.entries(JSON.parse(text || '{}') as Record<string, string>));
  }
  return new URLSearchParams(text);
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

/** A stable provider id per provider and email, so signing in twice is the same account. */
function providerId(provider: ProviderName, email: string): string {
  const digest = createHash('sha256').update(`${provider}:${email}`).digest();
  return provider === 'github'
    ? String(digest.readUInt32BE(0) % 90_000_000)
    : `1${digest.readBigUInt64BE(0)}`.slice(0, 21);
}

export function identityFor(
  provider: ProviderName,
  input: { email: string; name?: string; login?: string },
): StandInIdentity {
  const email = input.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? 'user';
  const id = providerId(provider, email);
  return {
    id,
    email,
    emailVerified: true,
    name: input.name?.trim() || local.replace(/[._-]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
    login: input.login?.trim() || local.replace(/[^a-z0-9-]/gi, '-'),
    avatarUrl: `https://avatars.example.test/${provider}/${id}.png`,
  };
}

export function createIdentityProviderStandIn(): MountedApi {
  const codes = new Map<
    string,
    { provider: ProviderName; identity: StandInIdentity; redirectUri: string; expires: number }
  >();
  const tokens = new Map<string, { provider: ProviderName; identity: StandInIdentity }>();
  /** Identities chosen before, offered again on the page (newest first). */
  const seen = new Map<ProviderName, Map<string, StandInIdentity>>([
    ['github', new Map()],
    ['google', new Map()],
  ]);

  function authorizePage(provider: ProviderName, query: URLSearchParams): string {
    const label = PROVIDERS[provider].label;
    const hidden = ['redirect_uri', 'state', 'client_id', 'scope']
      .map((name) => `<input type="hidden" name="${name}" value="${escape(query.get(name) ?? '')}">`)
      .join('');
    const known = [...seen.get(provider)!.values()].reverse();
    const choices = known
      .map(
        (identity) =>
          `<form method="post"><input type="hidden" name="email" value="${escape(identity.email)}"><input type="hidden" name="name" value="${escape(identity.name)}"><input type="hidden" name="login" value="${escape(identity.login)}">${hidden}<button>Continue as ${escape(identity.name)} &lt;${escape(identity.email)}&gt;</button></form>`,
      )
      .join('');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in with ${label} · stand-in</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:520px;margin:3rem auto;padding:0 1rem;color:#1f2328}
label{display:block;margin:.6rem 0 .2rem}input[type=email],input[type=text]{width:100%;padding:.4rem;box-sizing:border-box}
button{margin-top:.8rem;padding:.45rem .9rem;border:0;border-radius:6px;background:#1f883d;color:#fff;cursor:pointer}
.note{color:#59636e;font-size:.9rem}form{margin-bottom:.6rem}</style></head><body>
<p class="note">Local ${label} stand-in — no real ${label} account is used.</p>
<h1>Sign in with ${label}</h1>
${choices ? `<h2>Choose an identity</h2>${choices}<h2>Or another one</h2>` : ''}
<form method="post">${hidden}
<label for="email">Email</label><input id="email" name="email" type="email" required value="${escape(query.get('login_hint') ?? '')}">
<label for="name">Name</label><input id="name" name="name" type="text">
${provider === 'github' ? '<label for="login">Username</label><input id="login" name="login" type="text">' : ''}
<button>Authorize</button></form>
<form method="post">${hidden}<input type="hidden" name="deny" value="1"><button style="background:#cf222e">Cancel</button></form>
</body></html>`;
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
  ): Promise<void> {
    const [, providerName = '', ...rest] = path.split('/');
    if (!isProviderName(providerName)) return send(res, 404, { message: 'Not Found' });
    const provider = providerName;
    const paths = PROVIDERS[provider];
    const route = `/${rest.join('/')}`;
    const method = req.method ?? 'GET';

    if (route === paths.authorize && method === 'GET') {
      if (!query.get('redirect_uri')) return send(res, 400, { error: 'redirect_uri is required' });
      return send(res, 200, authorizePage(provider, query), 'text/html; charset=utf-8');
    }
    if (route === paths.authorize && method === 'POST') {
      const form = await readForm(req);
      const redirectUri = form.get('redirect_uri') ?? '';
      const back = new URL(redirectUri);
      if (form.get('state')) back.searchParams.set('state', form.get('state')!);
      if (form.get('deny')) {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The user has denied your application access.');
        return redirect(res, back.toString());
      }
      const email = form.get('email') ?? '';
      if (!/^[^@\s]+@[^@\s]+$/.test(email))
        return send(res, 400, 'An email address is required', 'text/plain');
      const identity = identityFor(provider, {
        email,
        name: form.get('name') ?? undefined,
        login: form.get('login') ?? undefined,
      });
      seen.get(provider)!.delete(identity.email);
      seen.get(provider)!.set(identity.email, identity);
      const code = randomBytes(16).toString('hex');
      codes.set(code, { provider, identity, redirectUri, expires: Date.now() + CODE_TTL_MS });
      back.searchParams.set('code', code);
      return redirect(res, back.toString());
    }
    if (route === paths.token && method === 'POST') {
      const form = await readForm(req);
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code);
      if (
        !grant ||
        grant.provider !== provider ||
        grant.expires < Date.now() ||
        grant.redirectUri !== form.get('redirect_uri')
      ) {
        return send(res, 400, {
          error: 'bad_verification_code',
          error_description: 'The code passed is incorrect or expired.',
        });
      }
      const accessToken = `${provider === 'github' ? 'gho' : 'ya29'}_${randomBytes(18).toString('base64url')}`;
      tokens.set(accessToken, { provider, identity: grant.identity });
      return send(res, 200, {
        access_token: accessToken,
        token_type: 'bearer',
        scope: form.get('scope') ?? '',
      });
    }
    const bearer = /^(?:bearer|token) (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    const holder = bearer ? tokens.get(bearer) : undefined;
    if ((route === paths.user || route === paths.emails) && method === 'GET') {
      if (!holder || holder.provider !== provider) return send(res, 401, { message: 'Bad credentials' });
      if (route === paths.user) return send(res, 200, userResource(provider, holder.identity));
      return send(res, 200, [
        {
          email: holder.identity.email,
          primary: true,
          verified: holder.identity.emailVerified,
          visibility: 'public',
        },
      ]);
    }
    return send(res, 404, { message: 'Not Found' });
  }

  return {
    async handle(req, res, path, query) {
      await handle(req, res, path, query);
    },
    async close() {},
  };
}
