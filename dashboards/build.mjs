#!/usr/bin/env node
/**
 * Writes the Grafana dashboards (fleet-failures.json, pipeline-health.json) from the panel
 * lists below. Edit here, run `node dashboards/build.mjs`, commit both: the monitoring test
 * fails when the JSON and this file disagree, and runs every query of every panel against
 * the running service (PromQL through a real Prometheus, SQL against the store).
 *
 * Every panel carries a description, a unit and thresholds. Datasources are provisioned
 * with fixed uids (deploy/grafana/provisioning/datasources/faultline.yml).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PROM = { type: 'prometheus', uid: 'faultline-prometheus' };
export const CH = { type: 'grafana-clickhouse-datasource', uid: 'faultline-clickhouse' };
const SCHEMA_VERSION = 42;

const green = (...steps) => ({
  mode: 'absolute',
  steps: [{ color: 'green', value: null }, ...steps.map(([value, color]) => ({ color, value }))],
});

let nextId = 1;
let cursor = { x: 0, y: 0, rowH: 0 };

function place(w, h) {
  if (cursor.x + w > 24) cursor = { x: 0, y: cursor.y + cursor.rowH, rowH: 0 };
  const pos = { h, w, x: cursor.x, y: cursor.y };
  cursor.x += w;
  cursor.rowH = Math.max(cursor.rowH, h);
  return pos;
}

function row(title) {
  cursor = { x: 0, y: cursor.y + cursor.rowH, rowH: 0 };
  const panel = { id: nextId++, type: 'row', title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: cursor.y }, panels: [] };
  cursor.y += 1;
  return panel;
}

/** A panel: type, title, description, unit, thresholds, its queries, size, options. */
function panel({
  type = 'timeseries',
  title,
  description,
  unit,
  thresholds = green(),
  targets,
  w = 12,
  h = 8,
  options,
  links,
  custom,
  extra,
}) {
  if (!description || !unit) throw new Error(`panel ${title}: description and unit are required`);
  const ds = targets[0].datasource;
  return {
    id: nextId++,
    type,
    title,
    description,
    datasource: ds,
    gridPos: place(w, h),
    fieldConfig: {
      defaults: {
        unit,
        thresholds,
        color: { mode: type === 'timeseries' || type === 'barchart' ? 'palette-classic' : 'thresholds' },
        ...(custom ? { custom } : {}),
        ...(links ? { links } : {}),
      },
      overrides: [],
    },
    options: options ?? defaultOptions(type),
    targets: targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), ...t })),
    ...(extra ?? {}),
  };
}

function defaultOptions(type) {
  switch (type) {
    case 'timeseries':
      return {
        legend: { displayMode: 'table', placement: 'right', showLegend: true, calcs: ['mean', 'max'] },
        tooltip: { mode: 'multi', sort: 'desc' },
      };
    case 'stat':
      return {
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
        colorMode: 'value',
        graphMode: 'area',
        textMode: 'auto',
        justifyMode: 'auto',
        orientation: 'auto',
        wideLayout: true,
        showPercentChange: false,
        percentChangeColorMode: 'standard',
      };
    case 'table':
      return { showHeader: true, cellHeight: 'sm', frameIndex: 0, footer: { show: false, reducer: ['sum'], countRows: false } };
    case 'barchart':
      return {
        orientation: 'horizontal',
        showValue: 'auto',
        stacking: 'none',
        barWidth: 0.97,
        groupWidth: 0.7,
        fullHighlight: false,
        xTickLabelMaxLength: 0,
        legend: { showLegend: false, displayMode: 'list', placement: 'bottom', calcs: [] },
        tooltip: { mode: 'single', sort: 'none' },
        xTickLabelRotation: 0,
      };
    case 'piechart':
      return {
        pieType: 'donut',
        orientation: 'auto',
        reduceOptions: { calcs: ['lastNotNull'], fields: '', values: true },
        legend: { showLegend: true, displayMode: 'table', placement: 'right', values: ['value', 'percent'], calcs: [] },
        tooltip: { mode: 'single', sort: 'none' },
      };
    default:
      return {};
  }
}

const prom = (expr, legendFormat = '__auto') => ({ datasource: PROM, expr, legendFormat, range: true, editorMode: 'code' });
const promInstant = (expr, legendFormat = '__auto') => ({
  datasource: PROM,
  expr,
  legendFormat,
  instant: true,
  range: false,
  format: 'table',
  editorMode: 'code',
});
/** ClickHouse SQL (grafana-clickhouse-datasource 4.x: editorType sql; format 0 time series, 1 table). */
const sql = (rawSql, asTable = false) => ({
  datasource: CH,
  editorType: 'sql',
  queryType: asTable ? 'table' : 'timeseries',
  format: asTable ? 1 : 0,
  rawSql: rawSql.replace(/\s+/g, ' ').trim(),
});

const stacked = {
  stacking: { mode: 'normal', group: 'A' },
  fillOpacity: 30,
  lineWidth: 1,
  drawStyle: 'line',
  showPoints: 'never',
};
const lines = { fillOpacity: 10, lineWidth: 1, drawStyle: 'line', showPoints: 'never' };

function dashboard({ uid, title, description, tags, templating, panels, links = [] }) {
  return {
    uid,
    title,
    description,
    tags,
    editable: true,
    graphTooltip: 1,
    timezone: 'utc',
    time: { from: 'now-6h', to: 'now' },
    timepicker: {},
    refresh: '30s',
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    fiscalYearStartMonth: 0,
    liveNow: false,
    weekStart: '',
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    links,
    templating: { list: templating },
    panels,
  };
}

// ---------------------------------------------------------------------------------------
// Variables
// ---------------------------------------------------------------------------------------

const chVar = (name, label, query, description) => ({
  name,
  label,
  description,
  type: 'query',
  datasource: CH,
  query: query.replace(/\s+/g, ' ').trim(),
  definition: query.replace(/\s+/g, ' ').trim(),
  refresh: 2,
  includeAll: true,
  multi: true,
  sort: 1,
  current: { selected: true, text: ['All'], value: ['$__all'] },
  options: [],
  hide: 0,
  skipUrlSync: false,
});

const orgVar = chVar(
  'org',
  'Org',
  'SELECT DISTINCT org_id FROM faultline.analyses ORDER BY org_id',
  'Organisations (the org of the API key that sent the records)',
);
const robotVar = chVar(
  'robot',
  'Robot',
  'SELECT DISTINCT robot_id FROM faultline.episodes WHERE org_id IN (${org:singlequote}) ORDER BY robot_id LIMIT 5000',
  'Robots with at least one episode in the selected orgs (the robot filter applies to episodes; traces and logs have no robot)',
);
const categoryVar = chVar(
  'category',
  'Category',
  'SELECT DISTINCT category FROM faultline.analyses ORDER BY category',
  'Failure categories of the taxonomy that occur in the data',
);
const apiVar = {
  name: 'api_url',
  label: 'Read API',
  description: 'Base address of the faultline read API, for the links from finding panels (the API asks for an API key)',
  type: 'textbox',
  query: 'http://localhost:8081',
  current: { selected: false, text: 'http://localhost:8081', value: 'http://localhost:8081' },
  options: [{ selected: true, text: 'http://localhost:8081', value: 'http://localhost:8081' }],
  hide: 0,
  skipUrlSync: false,
};
const instanceVar = {
  name: 'instance',
  label: 'Instance',
  description: 'faultline processes scraped by Prometheus',
  type: 'query',
  datasource: PROM,
  query: { query: 'label_values(faultline_build_info, instance)', refId: 'PrometheusVariableQueryEditor-VariableQuery' },
  definition: 'label_values(faultline_build_info, instance)',
  refresh: 2,
  includeAll: true,
  multi: true,
  sort: 1,
  current: { selected: true, text: ['All'], value: ['$__all'] },
  options: [],
  hide: 0,
  skipUrlSync: false,
};

/**
 * The read API path of one subject, with its org (`episodes/<id>?org=<org>`, traces/…, logs/…):
 * an org key may name its own org, and a platform key must name one (README, "Keys, orgs and
 * the platform scope"). Built from one row, so kind, id and org belong to the same subject.
 */
const SUBJECT_PATH =
  "concat(if(subject_kind = 'episode', 'episodes', concat(subject_kind, 's')), '/', subject_id, '?org=', org_id)";
/** One example subject of a fingerprint group. */
const EXAMPLE_PATH = `any(${SUBJECT_PATH}) AS example_path`;
/** A data link from a table row to the read API; `field` holds the path after /api/. */
const apiLink = (title, field) => ({ title, url: `\${api_url}/api/\${__data.fields.${field}}`, targetBlank: true });

const ORG = 'org_id IN (${org:singlequote})';
const CAT = 'category IN (${category:singlequote})';
const ROBOT = "(subject_kind != 'episode' OR robot_id IN (${robot:singlequote}))";

// ---------------------------------------------------------------------------------------
// Fleet failures
// ---------------------------------------------------------------------------------------

/**
 * The groups of the range with their status, as services/api/src/groups.ts and core groups.ts
 * compute it (at FAULTLINE_GROUP_RESOLVE_AFTER = 168 h, FAULTLINE_GROUP_GROWING_MIN = 10): the
 * range's groups from the hour-first rollup, their state, marks and earlier counts by key.
 */
const GROUPS_SQL = `
  WITH w AS (
    SELECT org_id, fingerprint, sum(failures) AS failures FROM faultline.groups_hourly
    WHERE $__timeFilter(hour) AND ${ORG} AND ${CAT} GROUP BY org_id, fingerprint HAVING failures > 0
  )
  SELECT fingerprint, template, category, factor,
    multiIf(mark = 'ignored', 'ignored', mark = 'resolved' AND last_seen > mark_at, 'regressed', mark = 'resolved', 'resolved',
            last_seen < now() - INTERVAL 168 HOUR, 'resolved', came_back, 'regressed', first_seen >= $__fromTime, 'new',
            failures >= 10 AND p_growing < 0.001, 'growing', 'ongoing') AS status,
    failures, before, first_seen, last_seen, concat('groups/', fingerprint, '?org=', org_id) AS group_path
  FROM (
    SELECT w.org_id AS org_id, w.fingerprint AS fingerprint, g.signature AS template, g.category AS category,
      g.factor AS factor, g.first_seen AS first_seen, g.last_seen AS last_seen, s.mark AS mark, s.mark_at AS mark_at,
      w.failures AS failures, b.before AS before,
      length(r.hours) > 0 AND ((r.hours[1] >= $__fromTime AND toStartOfHour(g.first_seen) < r.hours[1])
        OR arrayExists((x, y) -> y >= $__fromTime AND dateDiff('hour', x, y) >= 168, arrayPopBack(r.hours), arrayPopFront(r.hours))) AS came_back,
      b.before / greatest(3600, dateDiff('second', toStartOfHour(g.first_seen), $__fromTime)) * dateDiff('second', $__fromTime, $__toTime) AS mu,
      if(mu <= 0, 0, arraySum(arrayMap(j -> exp(j * log(mu) - mu - lgamma(j + 1)),
        range(toUInt64(w.failures), toUInt64(w.failures + 200 + 10 * sqrt(w.failures)))))) AS p_growing
    FROM w
    INNER JOIN (
      SELECT org_id, fingerprint, anyLast(signature) AS signature, anyLast(category) AS category,
        anyLast(contributing_factor) AS factor, min(first_seen) AS first_seen, max(last_seen) AS last_seen
      FROM faultline.fingerprint_groups WHERE ${ORG} AND fingerprint IN (SELECT fingerprint FROM w) GROUP BY org_id, fingerprint
    ) AS g ON g.org_id = w.org_id AND g.fingerprint = w.fingerprint
    LEFT JOIN (
      SELECT org_id, fingerprint, argMax(status, version) AS mark, argMax(set_at, version) AS mark_at
      FROM faultline.group_status WHERE ${ORG} AND fingerprint IN (SELECT fingerprint FROM w) GROUP BY org_id, fingerprint
    ) AS s ON s.org_id = w.org_id AND s.fingerprint = w.fingerprint
    LEFT JOIN (
      SELECT org_id, fingerprint, sum(failures) AS before FROM faultline.fingerprints_hourly
      WHERE ${ORG} AND fingerprint IN (SELECT fingerprint FROM w) AND hour < $__fromTime GROUP BY org_id, fingerprint
    ) AS b ON b.org_id = w.org_id AND b.fingerprint = w.fingerprint
    LEFT JOIN (
      SELECT org_id, fingerprint, arraySort(groupArray(hour)) AS hours FROM (
        SELECT org_id, fingerprint, hour, sum(failures) AS n FROM faultline.groups_hourly
        WHERE ${ORG} AND hour >= $__fromTime - INTERVAL 168 HOUR AND hour <= $__toTime AND fingerprint IN (SELECT fingerprint FROM w)
        GROUP BY org_id, fingerprint, hour HAVING n > 0
      ) GROUP BY org_id, fingerprint
    ) AS r ON r.org_id = w.org_id AND r.fingerprint = w.fingerprint
  )
  ORDER BY failures DESC, fingerprint LIMIT 50`;

/**
 * Over-represented dimension values (issue 15 item 2), as GET /api/insights/dimensions computes
 * them from the hourly tag rollup: for every tag of the selected orgs' runs in the range, each
 * value's share among the failures of the selected categories against its share among all runs
 * of that kind that carry the tag (successes included), the lift, and the two-proportion z-test's
 * two-sided p (not adjusted here: the API adjusts for the number of values tested). Values with at
 * least 5 failures and a lift above 1, most over-represented first.
 */
const DIMENSIONS_SQL = `
  WITH c AS (
    SELECT subject_kind AS kind, tag_key AS tag, tag_value AS value,
      toFloat64(sumIf(runs, outcome = 'failure' AND ${CAT})) AS failures, toFloat64(sum(runs)) AS all_runs
    FROM faultline.tags_hourly
    WHERE $__timeFilter(hour) AND ${ORG} AND tag_key != ''
    GROUP BY kind, tag, value HAVING all_runs > 0
  ), s AS (
    SELECT *, sum(failures) OVER (PARTITION BY kind, tag) AS n1, sum(all_runs) OVER (PARTITION BY kind, tag) AS n2 FROM c
  )
  SELECT kind, tag, value, failures, toInt64(all_runs) AS runs,
    round(failures / n1, 3) AS failure_share, round(all_runs / n2, 3) AS run_share,
    round((failures / n1) / (all_runs / n2), 2) AS lift,
    if(n2 > n1 AND all_runs < n2,
       erfc(abs((failures / n1 - (all_runs - failures) / (n2 - n1))
         / sqrt((all_runs / n2) * (1 - all_runs / n2) * (1 / n1 + 1 / (n2 - n1)))) / sqrt(2)), NULL) AS p_value
  FROM s WHERE failures >= 5 AND lift > 1
  ORDER BY lift DESC, failures DESC, tag, value LIMIT 25`;

/** The fleet dashboard's panel of over-represented dimension values (kept apart from the groups' panels). */
function dimensionsPanel() {
  return panel({
    title: 'Over-represented dimension values',
    description:
      "What the failing runs have in common: tag values (episode tags such as firmware or robot model; trace attributes such as the model) whose share among the selected categories' failures is above their share among all runs of that kind in the range, successes included. lift = failure_share / run_share; p_value: two-proportion z-test, two-sided, not adjusted for the number of values (GET /api/insights/dimensions adjusts it and writes the sentence). At least 5 failures per value.",
    type: 'table',
    unit: 'short',
    thresholds: green([2, 'orange'], [4, 'red']),
    targets: [sql(DIMENSIONS_SQL, true)],
    w: 24,
    h: 10,
  });
}

/** fleet(): the panels of the "Now" row (part), in order. */
function fleetNowPanels1() {
  return [
    row('Now (Prometheus, every process)'),
    panel({
      title: 'Episode failure rate',
      description:
        'Share of finished episodes that failed: failed / (succeeded + failed) episode records processed by the analyzers, per second. Prometheus counts records as they pass (a redelivered record counts again); the ClickHouse panel below is exact.',
      unit: 'percentunit',
      thresholds: green([0.1, 'orange'], [0.25, 'red']),
      custom: lines,
      targets: [
        prom(
          'sum(rate(faultline_episodes_total{status="failed", instance=~"$instance"}[$__rate_interval])) / clamp_min(sum(rate(faultline_episodes_total{status=~"failed|succeeded", instance=~"$instance"}[$__rate_interval])), 1e-9)',
          'failure rate',
        ),
      ],
      w: 8,
    }),
    panel({
      title: 'Failures analyzed per second, by kind',
      description:
        'Failed episodes, failed traces and error logs analyzed per second (faultline_analyses_total, status analyzed).',
      unit: 'ops',
      custom: stacked,
      targets: [
        prom(
          'sum by (kind) (rate(faultline_analyses_total{status="analyzed", instance=~"$instance"}[$__rate_interval]))',
          '{{kind}}',
        ),
      ],
      w: 8,
    }),
    panel({
      title: 'Findings per second, by category',
      description:
        'Findings produced per second by failure category (all finding ranks), for the selected orgs and categories. Spikes here are what the FaultlineFailureRateSpike alert watches.',
      unit: 'ops',
      custom: stacked,
      targets: [
        prom(
          'sum by (category) (rate(faultline_findings_total{org=~"${org:regex}", category=~"${category:regex}", instance=~"$instance"}[$__rate_interval]))',
          '{{category}}',
        ),
      ],
      w: 8,
    }),
    panel({
      title: 'Findings per second, by severity',
      description: 'Findings produced per second by severity (critical, high, medium, low, info).',
      unit: 'ops',
      custom: stacked,
      targets: [
        prom(
          'sum by (severity) (rate(faultline_findings_total{org=~"${org:regex}", category=~"${category:regex}", instance=~"$instance"}[$__rate_interval]))',
          '{{severity}}',
        ),
      ],
      w: 12,
    }),
  ];
}

/** fleet(): the panels of the "Now" row (part), in order. */
function fleetNowPanels2() {
  return [
    panel({
      title: 'Top finding codes (last hour)',
      description:
        'The finding codes produced most in the last hour (rule codes for episodes, pattern codes for traces and logs).',
      type: 'barchart',
      unit: 'short',
      targets: [
        promInstant(
          'topk(10, sum by (code) (increase(faultline_findings_total{org=~"${org:regex}", category=~"${category:regex}", instance=~"$instance"}[1h])))',
          '{{code}}',
        ),
      ],
      w: 12,
      extra: { transformations: [{ id: 'reduce', options: { reducers: ['lastNotNull'], mode: 'seriesToRows' } }] },
    }),
  ];
}

/** fleet(): the panels of the "Trends" row (part), in order. */
function fleetTrendsPanels1() {
  return [
    row('Trends (ClickHouse: one analysis per subject, re-analysis never double-counts)'),
    panel({
      title: 'Episode failure rate over time',
      description: 'Failed / finished episodes per interval, by end time, from the episodes table (exact: one row per episode).',
      unit: 'percentunit',
      thresholds: green([0.1, 'orange'], [0.25, 'red']),
      custom: lines,
      targets: [
        sql(`SELECT $__timeInterval(ended_at) AS time, countIf(status = 'failed') / count() AS failure_rate
           FROM faultline.episodes FINAL
           WHERE $__timeFilter(ended_at) AND ${ORG} AND status IN ('failed', 'succeeded')
             AND robot_id IN (\${robot:singlequote})
           GROUP BY time ORDER BY time`),
      ],
      w: 12,
    }),
    panel({
      title: 'Failures by category',
      description:
        'Analyzed failures per hour (or longer interval) by their primary category (the top-ranked finding), over the whole hours the range touches: from the hourly rollup (failures_hourly, signed changes summed), or from the analyses table when robots are selected (the rollup has no robot).',
      unit: 'short',
      custom: stacked,
      targets: [
        // Rollup rows are signed changes (a re-analysis moves a subject: -1 old row, +1 new), so
        // sum them; $__conditionalAll(0 = 1, $robot) is 1=1 only when every robot is selected.
        sql(`SELECT time, category, sum(failures) AS failures FROM (
             SELECT $__timeInterval(hour) AS time, category, sum(failures) AS failures
             FROM faultline.failures_hourly
             WHERE $__conditionalAll(0 = 1, $robot) AND hour >= toStartOfHour($__fromTime) AND hour <= $__toTime
               AND ${ORG} AND ${CAT}
             GROUP BY time, category
             UNION ALL
             SELECT $__timeInterval(occurred_at) AS time, category, toInt64(count()) AS failures
             FROM faultline.analyses FINAL
             WHERE NOT ($__conditionalAll(0 = 1, $robot)) AND occurred_at >= toStartOfHour($__fromTime)
               AND toStartOfHour(occurred_at) <= $__toTime AND ${ORG} AND ${CAT} AND ${ROBOT}
             GROUP BY time, category)
           GROUP BY time, category HAVING failures != 0 ORDER BY time`),
      ],
      w: 12,
      extra: { interval: '1h' },
    }),
    panel({
      title: 'Findings by contributing factor',
      description:
        'Findings in the range by contributing factor (every ranked finding, not only the primary one), from the flattened findings table.',
      type: 'barchart',
      unit: 'short',
      targets: [
        sql(
          `SELECT contributing_factor, count() AS findings
         FROM faultline.findings FINAL
         WHERE $__timeFilter(occurred_at) AND ${ORG} AND ${CAT} AND ${ROBOT}
         GROUP BY contributing_factor ORDER BY findings DESC LIMIT 20`,
          true,
        ),
      ],
      w: 8,
      h: 9,
    }),
  ];
}

/** fleet(): the panels of the "Trends" row (part), in order. */
function fleetTrendsPanels2() {
  return [
    panel({
      title: 'Findings by severity',
      description: 'Findings in the range by severity, from the flattened findings table.',
      type: 'piechart',
      unit: 'short',
      targets: [
        sql(
          `SELECT severity, count() AS findings
         FROM faultline.findings FINAL
         WHERE $__timeFilter(occurred_at) AND ${ORG} AND ${CAT} AND ${ROBOT}
         GROUP BY severity ORDER BY findings DESC`,
          true,
        ),
      ],
      w: 8,
      h: 9,
    }),
    panel({
      title: 'Findings by category and confidence',
      description:
        'Findings in the range by category, split by confidence band (high ≥ 0.8, medium, low): a category dominated by low-confidence findings deserves a look before acting on it.',
      type: 'table',
      unit: 'short',
      targets: [
        sql(
          `SELECT category, countIf(confidence_band = 'high') AS high, countIf(confidence_band = 'medium') AS medium,
                countIf(confidence_band = 'low') AS low, count() AS total
         FROM faultline.findings FINAL
         WHERE $__timeFilter(occurred_at) AND ${ORG} AND ${CAT} AND ${ROBOT}
         GROUP BY category ORDER BY total DESC`,
          true,
        ),
      ],
      w: 8,
      h: 9,
    }),
    panel({
      title: 'Top failing robots',
      description:
        'Robots with the most failed episodes in the range, how many distinct failures (fingerprints) they show and when they last failed.',
      type: 'table',
      unit: 'short',
      thresholds: green([5, 'orange'], [20, 'red']),
      targets: [
        sql(
          `SELECT robot_id, count() AS failures, uniqExact(fingerprint) AS distinct_failures,
                topK(1)(category)[1] AS main_category, max(occurred_at) AS last_failure
         FROM faultline.analyses FINAL
         WHERE subject_kind = 'episode' AND $__timeFilter(occurred_at) AND ${ORG} AND ${CAT}
           AND robot_id IN (\${robot:singlequote})
         GROUP BY robot_id ORDER BY failures DESC LIMIT 20`,
          true,
        ),
      ],
      w: 12,
      h: 9,
    }),
  ];
}

/** fleet(): the panels of the "Trends" row (part), in order. */
function fleetTrendsPanels3() {
  return [
    panel({
      title: 'Top failing services',
      description: 'Services (from traces and logs) with the most analyzed failures in the range.',
      type: 'table',
      unit: 'short',
      thresholds: green([5, 'orange'], [20, 'red']),
      targets: [
        sql(
          `SELECT if(service = '', '(none)', service) AS service, count() AS failures, uniqExact(fingerprint) AS distinct_failures,
                topK(1)(category)[1] AS main_category, max(occurred_at) AS last_failure
         FROM faultline.analyses FINAL
         WHERE subject_kind IN ('trace', 'log') AND $__timeFilter(occurred_at) AND ${ORG} AND ${CAT}
         GROUP BY service ORDER BY failures DESC LIMIT 20`,
          true,
        ),
      ],
      w: 12,
      h: 9,
    }),
    panel({
      title: 'Top fingerprints',
      description:
        'The failures that repeat most (one fingerprint = one normalized failure signature across robots and traces), with how many subjects and robots share each. Click a row to open an example in the read API.',
      type: 'table',
      unit: 'short',
      thresholds: green([10, 'orange'], [100, 'red']),
      links: [apiLink('Open an example in the read API', 'example_path')],
      targets: [
        sql(
          `SELECT fingerprint, any(category) AS main_category, any(primary_code) AS code, count() AS subjects,
                uniqExact(robot_id) AS robots, min(occurred_at) AS first_seen, max(occurred_at) AS last_seen,
                ${EXAMPLE_PATH}
         FROM faultline.analyses FINAL
         WHERE $__timeFilter(occurred_at) AND ${ORG} AND ${CAT} AND ${ROBOT}
         GROUP BY fingerprint ORDER BY subjects DESC LIMIT 25`,
          true,
        ),
      ],
      w: 12,
      h: 10,
    }),
    panel({
      title: 'New fingerprints (first seen in the range)',
      description:
        'Failures never seen before the start of the range: a new fingerprint after a deploy or a model change is the first thing to look at.',
      type: 'table',
      unit: 'short',
      links: [apiLink('Open an example in the read API', 'example_path')],
      targets: [
        sql(
          `SELECT fingerprint, any(category) AS main_category, any(primary_code) AS code, min(occurred_at) AS first_seen,
                count() AS subjects, uniqExact(robot_id) AS robots,
                ${EXAMPLE_PATH}
         FROM faultline.analyses FINAL
         WHERE ${ORG} AND ${CAT} AND occurred_at <= $__toTime
         GROUP BY fingerprint HAVING first_seen >= $__fromTime
         ORDER BY first_seen DESC LIMIT 25`,
          true,
        ),
      ],
      w: 12,
      h: 10,
    }),
  ];
}

/** fleet(): the panels of the "Trends" row (part), in order. */
function fleetTrendsPanels4() {
  return [
    panel({
      title: 'Failure groups',
      description:
        'Failure groups (a fingerprint within an org) with failures in the range, most failures first: the masked template, status as GET /api/groups says it at the default settings (resolved after 168 h without a failure, regressed when it comes back after such a silence; growing: at least 10 failures and a one-sided Poisson test against its own earlier rate, p < 0.001; regressed: failed after someone marked it resolved), failures in the range and before it. Click a row for its members and an example in the read API.',
      type: 'table',
      unit: 'short',
      links: [apiLink('Open this group in the read API', 'group_path')],
      targets: [sql(GROUPS_SQL, true)],
      w: 24,
      h: 10,
    }),
    dimensionsPanel(),
    panel({
      title: 'Recent failures',
      description:
        'The latest analyzed failures with their primary finding and confidence; click a row to open its analysis in the read API.',
      type: 'table',
      unit: 'short',
      thresholds: green([0.5, 'orange'], [0.8, 'blue']),
      links: [apiLink('Open this analysis in the read API', 'path')],
      targets: [
        sql(
          `SELECT occurred_at AS time, subject_kind AS kind, subject_id, robot_id, service, primary_code AS code, category,
                contributing_factor, severity, round(confidence, 2) AS confidence,
                ${SUBJECT_PATH} AS path
         FROM faultline.analyses FINAL
         WHERE $__timeFilter(occurred_at) AND ${ORG} AND ${CAT} AND ${ROBOT}
         ORDER BY occurred_at DESC LIMIT 100`,
          true,
        ),
      ],
      w: 24,
      h: 10,
    }),
  ];
}

function fleet() {
  nextId = 1;
  cursor = { x: 0, y: 0, rowH: 0 };
  const panels = [
    ...fleetNowPanels1(),
    ...fleetNowPanels2(),
    ...fleetTrendsPanels1(),
    ...fleetTrendsPanels2(),
    ...fleetTrendsPanels3(),
    ...fleetTrendsPanels4(),
  ];
  return dashboard({
    uid: 'faultline-fleet-failures',
    title: 'faultline / Fleet failures',
    description:
      'Why the fleet fails: failure rate, categories, contributing factors, severities, robots, services and fingerprints (ClickHouse trends and Prometheus rates).',
    tags: ['faultline', 'failures'],
    templating: [orgVar, robotVar, categoryVar, instanceVar, apiVar],
    links: [
      {
        title: 'Pipeline health',
        type: 'link',
        url: '/d/faultline-pipeline-health',
        icon: 'dashboard',
        tooltip: 'Ingest, bus, analysis and store health',
        asDropdown: false,
        includeVars: false,
        keepTime: true,
        tags: [],
        targetBlank: false,
      },
    ],
    panels,
  });
}

// ---------------------------------------------------------------------------------------
// Pipeline health
// ---------------------------------------------------------------------------------------

const I = 'instance=~"$instance"';
const q3 = (metric, by) =>
  [0.5, 0.95, 0.99].map((q) =>
    prom(
      `histogram_quantile(${q}, sum by (le, ${by}) (rate(${metric}_bucket{${I}}[$__rate_interval])))`,
      `p${q * 100} {{${by}}}`,
    ),
  );

/** pipeline(): the panels of the "Ingest" row, in order. */
function pipelineIngestPanels() {
  return [
    row('Ingest'),
    panel({
      title: 'Records ingested per second, by kind',
      description: 'Records accepted by the ingest API (episodes, eval and verification results, traces, logs) per second.',
      unit: 'ops',
      custom: stacked,
      targets: [prom(`sum by (kind) (rate(faultline_records_ingested_total{${I}}[$__rate_interval]))`, '{{kind}}')],
      w: 12,
    }),
    panel({
      title: 'Records rejected per second, by reason',
      description:
        'Records refused (at ingest or by the pipeline) per second, by reason: a rising line means a producer sends malformed records; the API answer names the field.',
      unit: 'ops',
      thresholds: green([0.1, 'orange'], [1, 'red']),
      custom: stacked,
      targets: [prom(`sum by (reason) (rate(faultline_records_rejected_total{${I}}[$__rate_interval]))`, '{{reason}}')],
      w: 12,
    }),
  ];
}

/** pipeline(): the panels of the "Bus" row, in order. */
function pipelineBusPanels() {
  return [
    row('Bus and consumer'),
    panel({
      title: 'Consumer lag per partition',
      description:
        'Kafka records published and not yet committed by the analyzer group, per topic and partition (0 when caught up). Growing lag: add analyzers (the HPA does) or look at analysis latency and the store.',
      unit: 'short',
      thresholds: green([1000, 'orange'], [10000, 'red']),
      custom: stacked,
      targets: [prom(`max by (topic, partition) (faultline_consumer_lag{${I}})`, '{{topic}}/{{partition}}')],
      w: 12,
    }),
    panel({
      title: 'Bus depth and backpressure',
      description:
        'Records waiting on the bus (embedded bus depth, or the Kafka lag as the analyzer sees it) and ingest requests refused with 503 because the bus was full.',
      unit: 'short',
      thresholds: green([10000, 'orange'], [50000, 'red']),
      custom: lines,
      targets: [
        prom(`sum by (instance) (faultline_bus_depth{${I}})`, 'depth {{instance}}'),
        prom(`sum(rate(faultline_bus_backpressure_total{${I}}[$__rate_interval]))`, 'refused /s'),
      ],
      w: 6,
    }),
    panel({
      title: 'Consumer progress: seconds without a commit, oldest waiting record',
      description:
        'Seconds since the analyzer last committed while records wait for it, and the age of the oldest waiting record (both 0 when nothing waits). Both past FAULTLINE_STALL_SECONDS: the analyzer is stalled, its /readyz fails and FaultlineConsumerStalled fires.',
      unit: 's',
      thresholds: green([60, 'orange'], [120, 'red']),
      custom: lines,
      targets: [
        prom(`max by (instance) (faultline_consumer_last_progress_seconds{${I}})`, 'no progress {{instance}}'),
        prom(`max by (instance) (faultline_backlog_oldest_seconds{${I}})`, 'oldest waiting {{instance}}'),
        prom(`max(faultline_consumer_stalled{${I}})`, 'stalled'),
      ],
      w: 12,
    }),
    panel({
      title: 'Embedded bus bytes',
      description:
        'Bytes published and not yet committed on the embedded bus, against its budget (FAULTLINE_BUS_MAX_BYTES): past 80% readiness fails, at 100% ingest answers 503. 0 on Kafka, where the broker holds the backlog.',
      unit: 'bytes',
      thresholds: green([100 * 1024 * 1024, 'orange']),
      custom: lines,
      targets: [
        prom(`sum by (instance) (faultline_bus_depth_bytes{${I}})`, 'unconsumed {{instance}}'),
        prom(`max by (instance) (faultline_bus_capacity_bytes{${I}})`, 'budget {{instance}}'),
      ],
      w: 12,
    }),
    panel({
      title: 'Dead letters per second, by step',
      description:
        'Messages sent to the dead-letter topic (original bytes, reason and step in headers): decode = not Avro of a known schema, validation = refused by the pipeline.',
      unit: 'ops',
      thresholds: green([0.01, 'red']),
      custom: stacked,
      targets: [prom(`sum by (step) (rate(faultline_dead_letters_total{${I}}[$__rate_interval]))`, '{{step}}')],
      w: 6,
    }),
  ];
}

/** pipeline(): the panels of the "Analysis" row (part), in order. */
function pipelineAnalysisPanels1() {
  return [
    row('Analysis'),
    panel({
      title: 'Analysis latency per kind (p50, p95, p99)',
      description:
        "Time to analyze one record on the worker pool, per subject kind, from the record's start of analysis to its result (the per-record budget is FAULTLINE_BUDGET_MS).",
      unit: 's',
      thresholds: green([1, 'orange'], [5, 'red']),
      custom: lines,
      targets: q3('faultline_analysis_duration_seconds', 'kind'),
      w: 12,
    }),
    panel({
      title: 'Deadline overruns per second',
      description:
        'Records whose analysis ran past its budget (stored as timed_out in analysis_errors; the scheduled run retries them).',
      unit: 'ops',
      thresholds: green([0.01, 'orange'], [0.1, 'red']),
      custom: stacked,
      targets: [
        prom(`sum by (kind) (rate(faultline_deadline_overruns_total{${I}}[$__rate_interval]))`, 'overrun {{kind}}'),
        prom(
          `sum by (kind) (rate(faultline_output_validation_failures_total{${I}}[$__rate_interval]))`,
          'invalid output {{kind}}',
        ),
      ],
      w: 6,
    }),
    panel({
      title: 'Pool saturation',
      description:
        'Share of worker-thread time spent analyzing (reported by the workers), and records waiting in or running on the pool. Near 100% with a growing queue: add workers or analyzers.',
      unit: 'percentunit',
      thresholds: green([0.8, 'orange'], [0.95, 'red']),
      custom: lines,
      targets: [
        prom(`avg by (instance) (faultline_pool_utilization{${I}})`, 'utilization {{instance}}'),
        prom(`sum by (instance) (faultline_pool_queue_depth{${I}})`, 'queue {{instance}}'),
      ],
      w: 6,
      extra: {},
    }),
    panel({
      title: 'Pipeline batch time (p50, p95)',
      description:
        'Time to take one coalesced batch from validation to stored (and published), and whether fetching is paused because the pipeline falls behind.',
      unit: 's',
      thresholds: green([2, 'orange'], [10, 'red']),
      custom: lines,
      targets: [
        prom(
          `histogram_quantile(0.5, sum by (le) (rate(faultline_pipeline_batch_seconds_bucket{${I}}[$__rate_interval])))`,
          'p50',
        ),
        prom(
          `histogram_quantile(0.95, sum by (le) (rate(faultline_pipeline_batch_seconds_bucket{${I}}[$__rate_interval])))`,
          'p95',
        ),
        prom(`max(faultline_consumer_paused{${I}})`, 'paused'),
      ],
      w: 12,
    }),
  ];
}

/** pipeline(): the panels of the "Analysis" row (part), in order. */
function pipelineAnalysisPanels2() {
  return [
    panel({
      title: 'Analyses stale after an analyzer upgrade',
      description:
        'Stored analyses made by another analyzer version than the one running, by subject kind; the scheduled run (FAULTLINE_RUN_SCHEDULE) re-analyzes them, so this falls to 0 within hours of an upgrade.',
      type: 'stat',
      unit: 'short',
      thresholds: green([1, 'orange']),
      targets: [prom(`max by (subject_kind) (faultline_analyses_stale{${I}})`, '{{subject_kind}}')],
      w: 12,
    }),
  ];
}

/** pipeline(): the panels of the "Store" row, in order. */
function pipelineStorePanels() {
  return [
    row('Store'),
    panel({
      title: 'Store insert latency per table (p95)',
      description: 'Time of one ClickHouse insert, per table (p95). Rising latency slows the pipeline and pauses the consumer.',
      unit: 's',
      thresholds: green([0.5, 'orange'], [2, 'red']),
      custom: lines,
      targets: [
        prom(
          `histogram_quantile(0.95, sum by (le, table) (rate(faultline_store_insert_seconds_bucket{${I}}[$__rate_interval])))`,
          '{{table}}',
        ),
      ],
      w: 12,
    }),
    panel({
      title: 'Rows stored per second, by table',
      description: 'Rows written to ClickHouse per second, per table.',
      unit: 'ops',
      custom: stacked,
      targets: [prom(`sum by (table) (rate(faultline_store_rows_total{${I}}[$__rate_interval]))`, '{{table}}')],
      w: 12,
    }),
  ];
}

/** pipeline(): the panels of the "Llm" row (part), in order. */
function pipelineLlmPanels1() {
  return [
    row('LLM'),
    panel({
      title: 'LLM calls per second, by outcome',
      description:
        'Calls to the configured LLM provider by operation and outcome (ok, or the reason the answer was not used). Empty when no LLM is configured.',
      unit: 'ops',
      custom: stacked,
      targets: [prom(`sum by (op, outcome) (rate(faultline_llm_calls_total{${I}}[$__rate_interval]))`, '{{op}} {{outcome}}')],
      w: 8,
    }),
    panel({
      title: 'LLM latency (p50, p95, p99)',
      description: 'LLM call latency, retries included, by provider.',
      unit: 's',
      thresholds: green([4, 'orange'], [10, 'red']),
      custom: lines,
      targets: q3('faultline_llm_latency_seconds', 'provider'),
      w: 8,
    }),
    panel({
      title: 'LLM errors per second, by reason',
      description:
        'LLM answers not used, by reason (timeout, rate_limited, upstream_5xx, invalid_json, schema_invalid, off_vocabulary, breaker_open, …); the heuristic result stands for each.',
      unit: 'ops',
      thresholds: green([0.01, 'orange'], [0.1, 'red']),
      custom: stacked,
      targets: [prom(`sum by (reason) (rate(faultline_llm_errors_total{${I}}[$__rate_interval]))`, '{{reason}}')],
      w: 8,
    }),
    panel({
      title: 'LLM tokens per second',
      description: 'Tokens sent and received per second, by direction.',
      unit: 'short',
      custom: stacked,
      targets: [prom(`sum by (direction) (rate(faultline_llm_tokens_total{${I}}[$__rate_interval]))`, '{{direction}}')],
      w: 8,
    }),
    panel({
      title: 'LLM cache hit ratio',
      description: 'Share of trace/log patterns answered from the LLM cache (one call per fingerprint) rather than by a call.',
      type: 'stat',
      unit: 'percentunit',
      thresholds: {
        mode: 'absolute',
        steps: [
          { color: 'red', value: null },
          { color: 'orange', value: 0.5 },
          { color: 'green', value: 0.8 },
        ],
      },
      targets: [
        prom(
          `sum(rate(faultline_llm_cache_hits_total{${I}}[$__rate_interval])) / clamp_min(sum(rate(faultline_llm_cache_hits_total{${I}}[$__rate_interval])) + sum(rate(faultline_llm_calls_total{op="extract", ${I}}[$__rate_interval])), 1e-9)`,
          'hit ratio',
        ),
      ],
      w: 8,
    }),
  ];
}

/** pipeline(): the panels of the "Llm" row (part), in order. */
function pipelineLlmPanels2() {
  return [
    panel({
      title: 'LLM estimated cost in the range',
      description:
        'Estimated USD spent on LLM calls in the selected range (FAULTLINE_LLM_PRICE_IN / _OUT per million tokens), by model; the breaker line is 1 while calls are refused.',
      type: 'stat',
      unit: 'currencyUSD',
      thresholds: green([10, 'orange'], [100, 'red']),
      targets: [
        prom(`sum by (model) (increase(faultline_llm_cost_usd_total{${I}}[$__range]))`, '{{model}}'),
        prom(`max by (provider) (faultline_llm_breaker_open{${I}})`, 'breaker {{provider}}'),
      ],
      w: 8,
    }),
  ];
}

/** pipeline(): the panels of the "Processes" row, in order. */
function pipelineProcessesPanels() {
  return [
    row('Processes'),
    panel({
      title: 'CPU per process',
      description: 'CPU seconds per second used by each faultline process (1 = one core).',
      unit: 'percentunit',
      thresholds: green([0.8, 'orange'], [0.95, 'red']),
      custom: lines,
      targets: [prom(`sum by (instance) (rate(faultline_process_cpu_seconds_total{${I}}[$__rate_interval]))`, '{{instance}}')],
      w: 8,
    }),
    panel({
      title: 'Resident memory per process',
      description: 'Resident set size of each faultline process (the embedded ClickHouse counts here too).',
      unit: 'bytes',
      thresholds: green([2e9, 'orange'], [4e9, 'red']),
      custom: lines,
      targets: [prom(`max by (instance) (faultline_process_resident_memory_bytes{${I}})`, '{{instance}}')],
      w: 8,
    }),
    panel({
      title: 'Event-loop lag (p99)',
      description: 'Node.js event-loop delay p99 of each process: above ~100 ms, HTTP answers and Kafka heartbeats suffer.',
      unit: 's',
      thresholds: green([0.1, 'orange'], [0.5, 'red']),
      custom: lines,
      targets: [prom(`max by (instance) (faultline_nodejs_eventloop_lag_p99_seconds{${I}})`, '{{instance}}')],
      w: 8,
    }),
  ];
}

function pipeline() {
  nextId = 1;
  cursor = { x: 0, y: 0, rowH: 0 };
  const panels = [
    ...pipelineIngestPanels(),
    ...pipelineBusPanels(),
    ...pipelineAnalysisPanels1(),
    ...pipelineAnalysisPanels2(),
    ...pipelineStorePanels(),
    ...pipelineLlmPanels1(),
    ...pipelineLlmPanels2(),
    ...pipelineProcessesPanels(),
  ];
  return dashboard({
    uid: 'faultline-pipeline-health',
    title: 'faultline / Pipeline health',
    description:
      'Is faultline keeping up: ingest and rejects, bus depth and consumer lag, analysis latency and deadline overruns, pool saturation, store inserts, dead letters and the LLM layer (Prometheus).',
    tags: ['faultline', 'pipeline'],
    templating: [instanceVar],
    links: [
      {
        title: 'Fleet failures',
        type: 'link',
        url: '/d/faultline-fleet-failures',
        icon: 'dashboard',
        tooltip: 'Why the fleet fails',
        asDropdown: false,
        includeVars: false,
        keepTime: true,
        tags: [],
        targetBlank: false,
      },
    ],
    panels,
  });
}

export const DASHBOARDS = { 'fleet-failures.json': fleet, 'pipeline-health.json': pipeline };

/** The JSON text of each dashboard file, as committed. */
export function render() {
  return Object.fromEntries(Object.entries(DASHBOARDS).map(([file, make]) => [file, `${JSON.stringify(make(), null, 2)}\n`]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [file, text] of Object.entries(render())) {
    writeFileSync(new URL(file, import.meta.url), text);
    process.stdout.write(`wrote dashboards/${file}\n`);
  }
}
