/**
 * Failure groups (issue 15): `GET /api/groups` (the groups of one org with failures in a window),
 * `GET /api/groups/:id` (one group by fingerprint: the same, its members by page and a
 * representative example) and `POST /api/groups/:id/status` (a person marks it resolved, ignored
 * or open again; audited). A group is a fingerprint within an org; the store's tables/groups.ts
 * counts them, core's groups.ts says their status.
 *
 * Invariants: every call acts in one org (`oneOrg`: a platform key names it; `?org=*` is a 400,
 * a group is a fingerprint *within* an org); another org's fingerprint answers exactly like a
 * missing one (404); cursors are opaque, name the org and listing they were made for, and another
 * org's or a malformed cursor is a 400; the window is at most MAX_WINDOW_DAYS and `from` < `to`.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CATEGORIES,
  GROUP_MARKS,
  GROUP_STATUSES,
  type GroupMark,
  LABEL_MAX_CHARS,
  ORG_MAX_CHARS,
  SEVERITIES,
  type SubjectKind,
} from '@faultline/core';
import { HttpError, notFound, oneOrg } from '@faultline/platform';
import type { GroupMember, GroupQuery, GroupSummary, MemberCursor } from '@faultline/store';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiOptions, GroupSettings } from './common.js';

export const GROUPS_MAX_LIMIT = 200;
const CURSOR_MAX_CHARS = 512;
const MAX_WINDOW_DAYS = 400;
const DAY_MS = 86_400_000;
/** About this many sparkline buckets per window (whole hours each). */
const SPARK_BUCKETS = 24;

export const DEFAULT_GROUP_SETTINGS: GroupSettings = { resolveAfterMs: 7 * DAY_MS, growingMin: 10 };

const literals = (values: readonly string[]) => Type.Union([...new Set(values)].map((v) => Type.Literal(v)));
/** One of `values`, as a response field (a string in the types, an enum in OpenAPI). */
const oneOf = (values: readonly string[]) => Type.Unsafe<string>({ type: 'string', enum: [...values] });
const Fingerprint = Type.Object({
  id: Type.String({ pattern: '^[0-9a-f]{16}$', description: 'the fingerprint: 16 lowercase hex characters' }),
});
const Cursor = (what: string) =>
  Type.Optional(Type.String({ minLength: 1, maxLength: CURSOR_MAX_CHARS, description: `the ${what} of the previous page` }));

const Window = {
  org: Type.Optional(Type.String({ maxLength: ORG_MAX_CHARS })),
  from: Type.Optional(
    Type.String({ format: 'date-time', description: 'window start (default: 7 days before `to`); counted by whole hours' }),
  ),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'window end (default: now)' })),
};

const GroupsQuery = Type.Object({
  ...Window,
  kind: Type.Optional(literals(['episode', 'trace', 'log'])),
  category: Type.Optional(literals([...CATEGORIES, 'unknown'])),
  factor: Type.Optional(Type.String({ minLength: 1, maxLength: LABEL_MAX_CHARS, description: 'contributing factor' })),
  severity: Type.Optional(literals(SEVERITIES)),
  robot: Type.Optional(Type.String({ minLength: 1, maxLength: LABEL_MAX_CHARS })),
  service: Type.Optional(Type.String({ minLength: 1, maxLength: LABEL_MAX_CHARS })),
  status: Type.Optional(literals(GROUP_STATUSES)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: GROUPS_MAX_LIMIT, description: 'groups per page (default 50)' })),
  cursor: Cursor('next_cursor'),
});

const Group = Type.Object({
  org_id: Type.String(),
  fingerprint: Type.String(),
  kind: Type.String({ description: 'subject kind of its latest failure' }),
  code: Type.String({ description: 'primary finding code of its latest failure' }),
  category: Type.String(),
  contributing_factor: Type.String(),
  severity: Type.String(),
  signature: Type.String({ description: 'what the fingerprint hashes: `error type|template`' }),
  error_type: Type.String(),
  template: Type.String({ description: 'the message with numbers, ids, paths, hosts, times… masked (<n>, <id>, <path>…)' }),
  masked: Type.Record(Type.String(), Type.Integer(), { description: 'how many values of each kind the template masks' }),
  count_in_range: Type.Integer({ description: 'failures in the window' }),
  count_before: Type.Integer({ description: 'failures before the window' }),
  robots: Type.Integer({ description: 'distinct robots among the failures in the window' }),
  services: Type.Integer({ description: 'distinct services among the failures in the window' }),
  first_seen: Type.String(),
  last_seen: Type.String(),
  status: oneOf(GROUP_STATUSES),
  mark: Type.Union([Type.Object({ status: oneOf(GROUP_MARKS), at: Type.String(), actor: Type.String() }), Type.Null()]),
  sparkline: Type.Array(Type.Object({ bucket: Type.String(), count: Type.Integer() }), {
    description: 'failures per bucket across the window (whole hours; about 24 buckets)',
  }),
});

const GroupsAnswer = Type.Object({
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(Group),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as ?cursor= for the next page; null: last page' }),
});

const Member = Type.Object({
  subject_kind: Type.String(),
  subject_id: Type.String(),
  robot_id: Type.String(),
  service: Type.String(),
  occurred_at: Type.String(),
  code: Type.String(),
});

const GroupAnswer = Type.Object({
  from: Type.String(),
  to: Type.String(),
  group: Group,
  members: Type.Array(Member, { description: 'failures of the group in the window, newest first' }),
  members_next_cursor: Type.Union([Type.String(), Type.Null()]),
  example: Type.Union(
    [
      Type.Object({
        subject_kind: Type.String(),
        subject_id: Type.String(),
        robot_id: Type.String(),
        service: Type.String(),
        occurred_at: Type.String(),
        title: Type.String(),
        description: Type.String(),
        suggested_action: Type.String(),
        confidence: Type.Number(),
      }),
      Type.Null(),
    ],
    { description: 'the newest failure of the window with its primary finding; null when the window has none' },
  ),
});

const StatusAnswer = Type.Object({
  org_id: Type.String(),
  fingerprint: Type.String(),
  mark: oneOf(GROUP_MARKS),
  status: oneOf(GROUP_STATUSES),
});

const badCursor = (name: string, why: string) =>
  new HttpError(
    400,
    'bad_request',
    `${name}: ${why}; pass the ${name === 'cursor' ? 'next_cursor' : 'members_next_cursor'} of the previous page`,
  );

/** An opaque cursor: base64url of JSON [listing, org, ...position]. */
function encode(listing: string, org: string, position: (string | number)[]): string {
  return Buffer.from(JSON.stringify([listing, org, ...position])).toString('base64url');
}

function decode(name: string, text: string, listing: string, org: string, types: ('string' | 'number')[]): (string | number)[] {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw badCursor(name, 'not a cursor of this API');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw badCursor(name, 'not a cursor of this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== types.length + 2) throw badCursor(name, 'not a cursor of this API');
  const [l, o, ...position] = parsed as unknown[];
  if (l !== listing) throw badCursor(name, 'made for another listing');
  if (o !== org) throw badCursor(name, 'made for another org');
  if (!position.every((p, i) => typeof p === types[i])) throw badCursor(name, 'not a cursor of this API');
  return position as (string | number)[];
}

/** The window of a request: defaults, order and size checked (a 400 names the problem). */
function windowOf(q: { from?: string | undefined; to?: string | undefined }, now: number) {
  const to = q.to ? Date.parse(q.to) : now;
  const from = q.from ? Date.parse(q.from) : to - 7 * DAY_MS;
  if (from >= to) throw new HttpError(400, 'bad_request', 'from: must be before to');
  if (to - from > MAX_WINDOW_DAYS * DAY_MS)
    throw new HttpError(400, 'bad_request', `from: the window is at most ${MAX_WINDOW_DAYS} days`);
  return { from, to };
}

/** What every route of the plugin reads with. */
interface Ctx {
  store: ApiOptions['store'];
  settings: GroupSettings;
}

function queryOf(ctx: Ctx, org: string, w: { from: number; to: number }, now: number, f: Partial<GroupQuery> = {}): GroupQuery {
  return {
    ...f,
    org,
    from: w.from,
    to: w.to,
    now,
    resolveAfterMs: ctx.settings.resolveAfterMs,
    growingMin: ctx.settings.growingMin,
  };
}

const isoWindow = (w: { from: number; to: number }) => ({
  from: new Date(w.from).toISOString(),
  to: new Date(w.to).toISOString(),
});

/** The page's groups with their sparklines and reach. */
async function withExtras(ctx: Ctx, q: GroupQuery, groups: GroupSummary[]) {
  const fps = groups.map((g) => g.fingerprint);
  const hours = Math.ceil((q.to - q.from) / 3_600_000);
  const [spark, reach] = await Promise.all([
    ctx.store.groupSparklines(q, fps, Math.max(1, Math.ceil(hours / SPARK_BUCKETS))),
    ctx.store.groupReach(q, fps),
  ]);
  return groups.map((g) => ({
    org_id: q.org,
    ...g,
    robots: reach.get(g.fingerprint)?.robots ?? 0,
    services: reach.get(g.fingerprint)?.services ?? 0,
    sparkline: spark.get(g.fingerprint) ?? [],
  }));
}

/** Most failures first, then fingerprint: the page after the cursor's group (the last of the page before). */
function pageAfter(all: GroupSummary[], after: (string | number)[] | undefined, limit: number) {
  const start = after
    ? all.filter(
        (g) => g.count_in_range < (after[0] as number) || (g.count_in_range === after[0] && g.fingerprint > (after[1] as string)),
      )
    : all;
  return { page: start.slice(0, limit), more: start.length > limit };
}

/** The newest failure of the window with its primary finding, or null. */
async function exampleOf(ctx: Ctx, org: string, newest: GroupMember | undefined) {
  const stored = newest ? await ctx.store.getAnalysis(org, newest.subject_kind as SubjectKind, newest.subject_id) : null;
  const primary = stored?.analysis.findings[0];
  if (!newest || !primary) return null;
  const { title, description, suggested_action, confidence } = primary;
  return { ...newest, title, description, suggested_action, confidence };
}

function listRoute(app: FastifyInstance, ctx: Ctx) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/groups',
    {
      schema: {
        querystring: GroupsQuery,
        tags: ['read'],
        summary: 'Failure groups (a fingerprint within the org) with failures in a window: template, counts, status, sparkline',
        response: { 200: GroupsAnswer },
      },
    },
    async (request) => {
      const q = request.query;
      const principal = request.require('read_patterns');
      if (q.org === '*')
        throw new HttpError(400, 'bad_request', 'org: a failure group is a fingerprint within one org; name one org');
      const org = oneOrg(principal, q.org);
      const now = Date.now();
      const w = windowOf(q, now);
      const after = q.cursor ? decode('cursor', q.cursor, 'groups', org, ['number', 'string']) : undefined;
      const filter = { category: q.category, factor: q.factor, severity: q.severity, robot: q.robot, service: q.service };
      const gq = queryOf(ctx, org, w, now, { ...filter, kind: q.kind as SubjectKind | undefined });
      const all = (await ctx.store.windowGroups(gq)).filter((g) => !q.status || g.status === q.status);
      const { page, more } = pageAfter(all, after, q.limit ?? 50);
      const last = page.at(-1);
      return {
        ...isoWindow(w),
        items: await withExtras(ctx, gq, page),
        next_cursor: more && last ? encode('groups', org, [last.count_in_range, last.fingerprint]) : null,
      };
    },
  );
}

const GroupQueryString = Type.Object({
  ...Window,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: GROUPS_MAX_LIMIT, description: 'members per page (default 20)' })),
  cursor: Cursor('members_next_cursor'),
});

async function showGroup(ctx: Ctx, org: string, fp: string, q: { from?: string; to?: string; limit?: number; cursor?: string }) {
  const now = Date.now();
  const w = windowOf(q, now);
  const listing = `members:${fp}`;
  const after = q.cursor ? decode('cursor', q.cursor, listing, org, ['string', 'string', 'string']) : undefined;
  const gq = queryOf(ctx, org, w, now);
  const group = await ctx.store.oneGroup(gq, fp);
  if (!group) throw notFound(`group ${fp}`);
  const limit = q.limit ?? 20;
  const cursor: MemberCursor | undefined = after
    ? { at: after[0] as string, kind: after[1] as string, id: after[2] as string }
    : undefined;
  const [withExtra, members, newest] = await Promise.all([
    withExtras(ctx, gq, [group]),
    ctx.store.groupMembers(gq, fp, limit + 1, cursor),
    ctx.store.groupMembers(gq, fp, 1),
  ]);
  const page = members.slice(0, limit);
  const last = page.at(-1);
  return {
    ...isoWindow(w),
    group: withExtra[0] as (typeof withExtra)[number],
    members: page,
    members_next_cursor:
      members.length > limit && last ? encode(listing, org, [last.occurred_at, last.subject_kind, last.subject_id]) : null,
    example: await exampleOf(ctx, org, newest[0]),
  };
}

function groupRoute(app: FastifyInstance, ctx: Ctx) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/groups/:id',
    {
      schema: {
        params: Fingerprint,
        querystring: GroupQueryString,
        tags: ['read'],
        summary: 'One failure group by fingerprint: as in the listing, with its members in the window (paginated) and an example',
        response: { 200: GroupAnswer },
      },
    },
    async (request) =>
      showGroup(ctx, oneOrg(request.require('read_patterns'), request.query.org), request.params.id, request.query),
  );
}

function statusRoute(app: FastifyInstance, ctx: Ctx) {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/groups/:id/status',
    {
      schema: {
        params: Fingerprint,
        querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: ORG_MAX_CHARS })) }),
        body: Type.Object(
          { status: literals(GROUP_MARKS) },
          {
            additionalProperties: false,
            description: 'resolved: until it fails again (then regressed); ignored; open: clears the mark',
          },
        ),
        tags: ['admin'],
        summary: 'Mark a failure group resolved, ignored or open again (audited)',
        response: { 200: StatusAnswer },
      },
    },
    async (request) => {
      const p = request.require('admin');
      const org = oneOrg(p, request.query.org);
      const fp = request.params.id;
      const mark = request.body.status as GroupMark;
      const now = Date.now();
      const gq = queryOf(ctx, org, { from: now - 7 * DAY_MS, to: now }, now);
      const before = await ctx.store.oneGroup(gq, fp);
      if (!before) throw notFound(`group ${fp}`);
      await ctx.store.markGroup(org, fp, mark, p.keyId, new Date(now));
      const metadata = { mark, previous_status: before.status, actor_role: p.role };
      await ctx.store.writeAudit([
        { org_id: org, action: 'group.status', actor: p.keyId, subject_kind: 'group', subject_id: fp, metadata },
      ]);
      const after = await ctx.store.oneGroup(gq, fp);
      return { org_id: org, fingerprint: fp, mark, status: after?.status ?? before.status };
    },
  );
}

export async function groupRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const ctx: Ctx = { store: opts.store, settings: opts.groups ?? DEFAULT_GROUP_SETTINGS };
  listRoute(app, ctx);
  groupRoute(app, ctx);
  statusRoute(app, ctx);
}
