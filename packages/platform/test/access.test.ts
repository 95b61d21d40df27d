/**
 * The README's access table is what packages/platform/scripts/access-table.mjs renders from
 * src/access.ts (the table test/service/access-matrix.test.ts runs against the service).
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { ACCESS, MATRIX_ROLES, renderAccessTable } from '../src/index.js';

const script = new URL('../../scripts/access-table.mjs', import.meta.url);
const { render, README, BEGIN, END } = (await import(script.href)) as {
  render(readme?: string): string;
  README: URL;
  BEGIN: string;
  END: string;
};

t.test('README.md holds the access table rendered from access.ts', async (t) => {
  const readme = readFileSync(README, 'utf8');
  t.equal(readme, render(readme), 'up to date (npx tsc -b && node packages/platform/scripts/access-table.mjs)');
});

t.test('the rendered table has a row per route and a column per role', async (t) => {
  const table = renderAccessTable().split('\n');
  t.equal(table.length, ACCESS.length + 2);
  for (const row of [table[0] as string, ...table.slice(2)])
    t.equal(row.split(' | ').length, MATRIX_ROLES.length + 2, row.slice(0, 60));
  t.match(table[0], /`platform_admin`/);
  // The sync check can fail: a README with a stale row differs from the rendering.
  const readme = readFileSync(README, 'utf8');
  const stale = readme.replace(/\| `GET \/api\/audit` the audit log [^\n]*/, '| `GET /api/audit` the audit log | stale |');
  t.not(stale, readme, "the table's audit row is in the README");
  t.not(render(stale), stale, 'a stale row is detected');
  t.throws(() => render(readme.replace(BEGIN, '').replace(END, '')), /markers/);
});
