/** Batch runs (manual and scheduled) and their summaries: one row per run id, the newest version wins. */
import {
  chTime,
  type Db,
  isoTime,
  nextVersion,
  type OrgScope,
  orgParam,
  orgWhere,
  RUNS_OF_EVERY_ORG,
  requireOrg,
} from '../db.js';
import { type RowWriter, writeRows } from '../writer.js';

export interface RunRow {
  run_id: string;
  org_id: string;
  trigger: 'manual' | 'scheduled';
  status: 'running' | 'completed' | 'failed';
  requested_by: string;
  started_at: string;
  finished_at: string | null;
  summary: Record<string, unknown>;
}

export const RUNS: RowWriter<RunRow> = {
  table: 'runs',
  row: (run) => ({
    ...run,
    started_at: chTime(run.started_at),
    finished_at: chTime(run.finished_at ?? null),
    summary: JSON.stringify(run.summary),
    version: nextVersion(),
  }),
};

export const saveRun = (db: Db, run: RunRow) => writeRows(db, RUNS, [run]);

/** The run (org, id); runs over every org are stored under org `*` (`RUNS_OF_EVERY_ORG`). */
export async function getRun(db: Db, org: string, runId: string): Promise<RunRow | null> {
  const rows = await listRunsWhere(
    db,
    'run_id = {id:String} AND org_id = {org:String}',
    { id: runId, org: org === RUNS_OF_EVERY_ORG ? org : requireOrg(org) },
    1,
  );
  return rows[0] ?? null;
}

/** Runs of one org (or `*`, the runs over every org), or all runs with `EVERY_ORG` (a platform listing). */
export function listRuns(db: Db, org: OrgScope, limit: number): Promise<RunRow[]> {
  return listRunsWhere(db, orgWhere(org), { org: orgParam(org) }, limit);
}

async function listRunsWhere(db: Db, where: string, params: Record<string, unknown>, limit: number): Promise<RunRow[]> {
  const rows = await db.rows<Omit<RunRow, 'summary'> & { summary: string }>(
    `SELECT run_id, org_id, trigger, status, requested_by, started_at, finished_at, summary FROM ${db.t('runs')} FINAL
     WHERE ${where} ORDER BY started_at DESC LIMIT {limit:UInt32}`,
    { ...params, limit },
  );
  return rows.map((r) => ({
    ...r,
    started_at: isoTime(r.started_at) as string,
    finished_at: isoTime(r.finished_at),
    summary: JSON.parse(r.summary || '{}'),
  }));
}
