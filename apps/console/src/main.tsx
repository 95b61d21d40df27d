/**
 * The console's shell: sign-in (an API key for the session cookie), the navigation the role may
 * use, and the view of the URL. Views: /failures (also /), /episodes/:id, /traces/:id, /logs/:id,
 * /trends, /runs, /audit. Nothing here decides access: the API answers 403/404 and the view says so.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, capabilities, type Session, setActingOrg, setCsrf, signedIn } from './api.js';
import { ErrorState, Link } from './components.js';
import { EpisodePage } from './pages/episode.js';
import { FailuresPage } from './pages/failures.js';
import { AuditPage, RunsPage } from './pages/lists.js';
import { SubjectPage } from './pages/subject.js';
import { TrendsPage } from './pages/trends.js';
import { type Location, navigate, useLocation } from './router.js';
import './styles.css';

type Auth = { state: 'out'; error?: string } | { state: 'in'; session: Session };

function App() {
  const loc = useLocation();
  // Signed in (the companion cookie says so): render at once; the CSRF token arrives alongside.
  const [auth, setAuth] = useState<Auth>(() => {
    const s = signedIn();
    return s ? { state: 'in', session: s } : { state: 'out' };
  });
  const [org, setOrg] = useState<string>(() => sessionStorage.getItem('faultline.org') ?? '');
  useEffect(() => {
    if (!signedIn()) return;
    api.get<Session>('/api/session').then(
      (s) => {
        setCsrf(s.csrf_token);
        setAuth({ state: 'in', session: s });
      },
      (err: unknown) =>
        setAuth({ state: 'out', ...(err instanceof ApiError && err.status !== 401 ? { error: err.message } : {}) }),
    );
  }, []);
  useEffect(() => {
    const main = document.getElementById('main');
    if (main && auth.state === 'in') document.title = `${main.querySelector('h1')?.textContent ?? 'faultline'} · faultline`;
  });

  if (auth.state === 'out') return <SignIn error={auth.error} onIn={(s) => setAuth({ state: 'in', session: s })} />;
  const { session } = auth;
  const caps = capabilities(session.role);
  const platform = session.org_id === '*';
  setActingOrg(platform ? org || null : null);
  if (platform && !org)
    return (
      <OrgPicker
        onPick={(o) => {
          sessionStorage.setItem('faultline.org', o);
          setOrg(o);
        }}
      />
    );
  const signOut = async () => {
    await api.post('/api/session/end').catch(() => undefined);
    setCsrf(null);
    setAuth({ state: 'out' });
    navigate('/', true);
  };
  const nav: [string, string, boolean][] = [
    ['/failures', 'Failures', caps.read],
    ['/trends', 'Trends', caps.read],
    ['/runs', 'Runs', caps.runs],
    ['/audit', 'Audit', caps.audit],
  ];
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/failures" class="brand">
          faultline
        </Link>
        <nav aria-label="Main">
          <ul>
            {nav
              .filter(([, , allowed]) => allowed)
              .map(([href, label]) => (
                <li key={href}>
                  <Link href={href} class={loc.path.startsWith(href) ? 'active' : ''}>
                    {label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <div class="who">
          <span>
            {platform ? `${org} (platform)` : session.org_id} · {session.role}
          </span>
          {platform && (
            <button
              type="button"
              onClick={() => {
                sessionStorage.removeItem('faultline.org');
                setOrg('');
              }}
            >
              Change org
            </button>
          )}
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <View loc={loc} role={session.role} />
      </main>
    </>
  );
}

function View({ loc, role }: { loc: Location; role: string }) {
  const caps = capabilities(role);
  const m = /^\/(episodes|traces|logs)\/(.+)$/.exec(loc.path);
  if (!caps.read)
    return (
      <div class="state">
        <h1>Nothing to read</h1>
        <p>A {role} key sends records; sign in with a member, ml_engineer, oncall or admin key to read failures.</p>
      </div>
    );
  if (m) {
    const id = decodeURIComponent(m[2] as string);
    if (m[1] === 'episodes') return <EpisodePage id={id} role={role} />;
    return <SubjectPage kind={m[1] === 'traces' ? 'trace' : 'log'} id={id} />;
  }
  if (loc.path === '/' || loc.path === '/failures') return <FailuresPage loc={loc} role={role} />;
  if (loc.path === '/trends') return <TrendsPage loc={loc} />;
  if (loc.path === '/runs') return <RunsPage />;
  if (loc.path === '/audit') return <AuditPage loc={loc} />;
  return <ErrorState status={404} message="" what="page at this address" />;
}

/** A platform key acts in one named org at a time: which one. */
function OrgPicker({ onPick }: { onPick: (org: string) => void }) {
  const [value, setValue] = useState('default');
  return (
    <main id="main" class="signin">
      <h1>Which org?</h1>
      <p>A platform key reads one org at a time. Name the org to open.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onPick(value.trim());
        }}
      >
        <label for="org">Org</label>
        <input id="org" name="org" required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit">Open</button>
      </form>
    </main>
  );
}

function SignIn({ error, onIn }: { error?: string | undefined; onIn: (s: Session) => void }) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | undefined>(error);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      const s = await api.signIn(key.trim());
      setCsrf(s.csrf_token);
      onIn(s);
    } catch (err) {
      setProblem(err instanceof ApiError && err.status === 401 ? 'That key is not valid.' : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="signin">
      <h1>faultline</h1>
      <p>Why did it fail? Sign in with your API key.</p>
      <form onSubmit={submit}>
        <label for="key">API key</label>
        <input
          id="key"
          name="key"
          type="password"
          autoComplete="off"
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="muted small">The key is exchanged for a session cookie; it is not stored in the browser.</p>
    </main>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
