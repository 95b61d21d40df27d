/**
 * The console's session against the real embedded service: an API key exchanged for a cookie
 * (HttpOnly, SameSite=Strict, expiring) that acts exactly as its key (role, org, another org's
 * subject 404 like a missing one), CSRF protection of state-changing requests made with the
 * cookie (a forged POST without the token, or from another Origin, is refused; the same POST
 * with the token is accepted), tampered and expired cookies refused, and sign-out.
 */
import { createSessions, SESSION_COOKIE } from '@faultline/platform';
import t from 'tap';
import { apiCaller, keyMaker, until } from './harness.js';
import { startInProcess } from './in-process.js';

const BOOT = 'session-bootstrap-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-session-', {
  FAULTLINE_ADMIN_KEY: BOOT,
  FAULTLINE_WORKERS: '1',
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
});
const call = apiCaller(svc.url);

const key = keyMaker(svc.url, BOOT);
const keys = {
  producerA: await key('org-a', 'producer'),
  memberA: await key('org-a', 'member'),
  adminA: await key('org-a', 'admin'),
  producerB: await key('org-b', 'producer'),
  memberB: await key('org-b', 'member'),
};
for (const [producer, id] of [
  [keys.producerA, 'ep-a'],
  [keys.producerB, 'ep-b'],
] as const) {
  await call('POST', `/api/ingest/episode/${id}/finalize`, producer, {
    robot_id: 'r',
    status: 'failed',
    metadata: { failure_reason: 'RuntimeError: gripper jammed' },
  });
}
await until('ep-a analyzed', 15_000, async () => (await call('GET', '/api/episodes/ep-a', keys.memberA)).body?.analysis);
await until('ep-b analyzed', 15_000, async () => (await call('GET', '/api/episodes/ep-b', keys.memberB)).body?.analysis);

/** Signs in with a key: the cookie (name=value), the Set-Cookie header and the CSRF token. */
async function signIn(apiKey: string) {
  const res = await fetch(`${svc.url}/api/session`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` } });
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';
  const body = (await res.json()) as { csrf_token: string; org_id: string; role: string };
  return { status: res.status, setCookie, cookie: setCookie.split(';')[0] as string, body };
}

/** A request with the session cookie only (no Authorization), as the browser sends it. */
async function withCookie(method: string, path: string, cookie: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${svc.url}${path}`, { method, headers: { cookie, ...headers } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

t.test('sign-in sets an HttpOnly, SameSite=Strict, expiring cookie that acts as its key', async (t) => {
  const s = await signIn(keys.memberA);
  t.equal(s.status, 201);
  t.match(s.setCookie, new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]+;`));
  t.match(s.setCookie, /; HttpOnly/);
  t.match(s.setCookie, /; SameSite=Strict/);
  t.match(s.setCookie, /; Max-Age=28800/, '8 hours by default');
  t.notMatch(s.setCookie, /Secure/, 'not Secure over plain http');
  t.notMatch(s.setCookie, new RegExp(keys.memberA), 'the key is not readable in the cookie');
  t.same([s.body.org_id, s.body.role], ['org-a', 'member']);
  t.ok(s.body.csrf_token, 'a CSRF token');

  const own = await withCookie('GET', '/api/episodes/ep-a', s.cookie);
  t.equal(own.status, 200, 'positive control: the cookie reads its org');
  t.equal(own.body.episode.episode_id, 'ep-a');
  const other = await withCookie('GET', '/api/episodes/ep-b', s.cookie);
  const missing = await withCookie('GET', '/api/episodes/never-was', s.cookie);
  t.equal(other.status, 404, "another org's episode: 404");
  t.same(other.body, JSON.parse(JSON.stringify(missing.body).replaceAll('never-was', 'ep-b')), 'exactly like a missing one');
  t.equal((await withCookie('GET', '/api/episodes?org=org-b', s.cookie)).status, 403, "naming org-b's list: 403");
  t.equal((await withCookie('GET', '/api/audit', s.cookie)).status, 403, 'a member may not read the audit log');
  // org-b's cookie reads ep-b (so ep-b exists) and not ep-a.
  const b = await signIn(keys.memberB);
  t.equal((await withCookie('GET', '/api/episodes/ep-b', b.cookie)).status, 200);
  t.equal((await withCookie('GET', '/api/episodes/ep-a', b.cookie)).status, 404);
  const who = await withCookie('GET', '/api/session', b.cookie);
  t.same([who.body.org_id, who.body.role, who.body.csrf_token], ['org-b', 'member', b.body.csrf_token]);
});

t.test('state-changing requests with the cookie need the CSRF token and this Origin', async (t) => {
  const admin = await signIn(keys.adminA);
  const forged = await withCookie('POST', '/api/episodes/ep-a/reanalyze', admin.cookie);
  t.equal(forged.status, 403, 'no token: refused');
  t.match(forged.body.message, /cross-site/);
  const wrong = await withCookie('POST', '/api/episodes/ep-a/reanalyze', admin.cookie, { 'x-csrf-token': 'guess' });
  t.equal(wrong.status, 403, 'a wrong token: refused');
  const member = await signIn(keys.memberA);
  const stolen = await withCookie('POST', '/api/episodes/ep-a/reanalyze', admin.cookie, {
    'x-csrf-token': member.body.csrf_token,
  });
  t.equal(stolen.status, 403, "another session's token: refused");
  const crossOrigin = await withCookie('POST', '/api/episodes/ep-a/reanalyze', admin.cookie, {
    'x-csrf-token': admin.body.csrf_token,
    origin: 'https://evil.example',
  });
  t.equal(crossOrigin.status, 403, 'another Origin: refused');
  const audited = async () =>
    (await call('GET', '/api/audit?action=episode.reanalyze&subject_id=ep-a', keys.adminA)).body.entries.length;
  t.equal(await audited(), 0, 'nothing was re-run by the refused requests');
  const ok = await withCookie('POST', '/api/episodes/ep-a/reanalyze', admin.cookie, {
    'x-csrf-token': admin.body.csrf_token,
    origin: svc.url,
  });
  t.equal(ok.status, 202, 'positive control: with the token and this Origin, accepted');
  t.equal(await audited(), 1, 'and audited');
  const asMember = await withCookie('POST', '/api/episodes/ep-a/reanalyze', member.cookie, {
    'x-csrf-token': member.body.csrf_token,
  });
  t.equal(asMember.status, 403, "a member's session may not re-run, token or not");
  t.match(asMember.body.message, /may not/);
});

t.test('tampered, foreign and expired cookies are no session; sign-out clears the cookie', async (t) => {
  const s = await signIn(keys.memberA);
  const value = s.cookie.slice(SESSION_COOKIE.length + 1);
  const flipped = `${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`;
  t.equal((await withCookie('GET', '/api/episodes/ep-a', `${SESSION_COOKIE}=${flipped}`)).status, 401, 'tampered');
  const foreign = createSessions({ secret: 'another-secret-0123456789', ttlHours: 8 }).seal(keys.memberA);
  t.equal((await withCookie('GET', '/api/episodes/ep-a', `${SESSION_COOKIE}=${foreign.value}`)).status, 401, 'other secret');
  t.equal((await withCookie('GET', '/api/episodes/ep-a', s.cookie)).status, 200, 'positive control: the real cookie');
  const sessions = createSessions({ secret: 'a-secret-of-the-test-0123', ttlHours: 1 });
  const sealed = sessions.seal('k', 1_000_000);
  t.equal(sessions.open(sealed.value, 1_000_000 + 3_599_000), 'k', 'open before it expires');
  t.equal(sessions.open(sealed.value, 1_000_000 + 3_600_000), null, 'expired after its hours');
  // While the session lives: a forged sign-out is refused, and a session does not extend itself.
  const forgedEnd = await withCookie('POST', '/api/session/end', s.cookie);
  t.equal(forgedEnd.status, 403, 'a forged sign-out is refused too');
  const signInWithCookie = await withCookie('POST', '/api/session', s.cookie, { 'x-csrf-token': s.body.csrf_token });
  t.equal(signInWithCookie.status, 400, 'a session does not extend itself');
  const end = await fetch(`${svc.url}/api/session/end`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.body.csrf_token },
  });
  t.equal(end.status, 200);
  t.match(end.headers.getSetCookie()[0] ?? '', new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`));
  t.match(end.headers.getSetCookie()[1] ?? '', /^faultline_signed_in=; Path=\/; Max-Age=0/, 'and its companion');
});

t.test('sign-out ends the session on the server: a kept copy of the cookie is refused, other sessions live on', async (t) => {
  const s = await signIn(keys.memberA);
  const other = await signIn(keys.memberA);
  t.equal(
    (await withCookie('GET', '/api/episodes/ep-a', s.cookie)).status,
    200,
    'positive control: the copy reads before sign-out',
  );
  const end = await fetch(`${svc.url}/api/session/end`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.body.csrf_token },
  });
  t.equal(end.status, 200, 'signed out');
  const copy = await withCookie('GET', '/api/episodes/ep-a', s.cookie);
  t.equal(copy.status, 401, 'the copy kept by an attacker (or another tab) is refused');
  t.match(copy.body.message, /sign in again/);
  t.equal(
    (await withCookie('POST', '/api/session/end', s.cookie, { 'x-csrf-token': s.body.csrf_token })).status,
    401,
    'and cannot act either',
  );
  t.equal((await withCookie('GET', '/api/episodes/ep-a', other.cookie)).status, 200, "the same key's other session lives on");
  t.equal((await call('GET', '/api/episodes/ep-a', keys.memberA)).status, 200, 'and so does the key');
  const again = await signIn(keys.memberA);
  t.equal((await withCookie('GET', '/api/episodes/ep-a', again.cookie)).status, 200, 'signing in again gives a working session');
});
