/**
 * Shared by the store's migration tests: a migration derived for a cluster ("prod") runs every
 * statement ON CLUSTER but its INSERTs (replication copies their rows: run once), and every table
 * engine it creates is the Replicated form `engine` names.
 */
import type { Test } from 'tap';
import { migrationStatements } from '../src/index.js';

export function clusterDdlHolds(t: Test, file: string, count: { atLeast: number } | { exactly: number }, engine: RegExp): void {
  const statements = migrationStatements(file, 'faultline', 'prod');
  if ('exactly' in count) t.equal(statements.length, count.exactly, 'the migration has its statements');
  else t.ok(statements.length >= count.atLeast, 'the migration has its statements');
  for (const s of statements) {
    if (s.startsWith('INSERT')) {
      t.notMatch(s, /ON CLUSTER/, 'an INSERT runs once (replication copies it)');
      continue;
    }
    t.match(s, /^\S+(?: \S+)*? faultline\.\w+(?: AND faultline\.\w+)? ON CLUSTER prod\b/, s.slice(0, 60));
    if (/ENGINE/.test(s)) t.match(s, engine, 'replicated engine');
  }
}
