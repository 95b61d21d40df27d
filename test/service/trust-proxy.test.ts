/**
 * The console behind a TLS-terminating proxy (FAULTLINE_TRUST_PROXY): the service sees plain http
 * from the proxy, the browser sees https://<public host>. With the proxy trusted, the session
 * cookie is Secure and a cookie POST from the public origin passes the Origin check; without it,
 * the same forwarded headers (which any client can send) change nothing: no Secure flag, and the
 * public origin is another origin (403).
 */
import { SESSION_COOKIE } from '@faultline/platform';
import t from 'tap';
import { type Service, startService } from './harness.js';

const ADMIN = 'trust-proxy-admin-key-0123456789';
const PUBLIC = 'https://console.example.com';
const FORWARDED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'console.example.com' };

async function signIn(svc: Service) {
  const res = await fetch(`${svc.url}/api/session`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, ...FORWARDED },
  });
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
  const body = (await res.json()) as { csrf_token: string };
  return { status: res.status, setCookie, cookie: setCookie.split(';')[0] as string, csrf: body.csrf_token };
}

/** Sign-out with the cookie and its CSRF token, from `origin`, through the proxy's headers. */
async function signOut(svc: Service, s: { cookie: string; csrf: string }, origin: string) {
  const res = await fetch(`${svc.url}/api/session/end`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, origin, ...FORWARDED },
  });
  return res.status;
}

for (const trusted of [true, false]) {
  t.test(
    trusted ? 'proxy trusted: Secure cookie, the public origin accepted' : 'proxy not trusted: forwarded headers ignored',
    async (t) => {
      const dir = t.testdir();
      const svc = await startService('start', {
        FAULTLINE_DATA_DIR: dir,
        FAULTLINE_ADMIN_KEY: ADMIN,
        FAULTLINE_WORKERS: '1',
        ...(trusted ? { FAULTLINE_TRUST_PROXY: '127.0.0.1,::1' } : {}),
      });
      t.teardown(() => svc.stop());
      const s = await signIn(svc);
      t.equal(s.status, 201, 'signed in');
      t.match(s.setCookie, /; HttpOnly/, 'the session cookie is set');
      if (trusted) {
        t.match(s.setCookie, /; Secure/, 'Secure: the browser reached us over https');
        t.equal(await signOut(svc, s, 'https://evil.example'), 403, 'another origin is still refused');
        t.equal(await signOut(svc, s, PUBLIC), 200, 'the public origin passes the Origin check');
      } else {
        t.notMatch(s.setCookie, /Secure/, 'not Secure: a client-sent X-Forwarded-Proto is not believed');
        t.equal(await signOut(svc, s, PUBLIC), 403, 'the claimed public origin is another origin');
        t.equal(await signOut(svc, s, svc.url), 200, "positive control: the service's own origin passes");
      }
    },
  );
}
