/**
 * The configuration schema is the one source of the Config type's fields, of loadConfig's
 * validation and of the README's table: the README must be what the schema renders, and every
 * variable loadConfig reads must have a row there.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { CONFIG_SCHEMA, ConfigError, configVars, LLM_CONFIG_SCHEMA, loadConfig, renderConfigTable } from '../src/index.js';

const script = new URL('../../scripts/config-table.mjs', import.meta.url);
const readmeUrl = new URL('../../../../README.md', import.meta.url);

t.test('README.md configuration table is what scripts/config-table.mjs renders from the schema', async (t) => {
  const { render } = (await import(script.href)) as { render(readme?: string): string };
  const readme = readFileSync(readmeUrl, 'utf8');
  t.equal(readme, render(readme), 'up to date (node packages/config/scripts/config-table.mjs)');
  // The comparison can fail: a README with one row changed is not what the schema renders.
  const drifted = readme.replace('| HTTP port of the service |', '| the HTTP port |');
  t.not(drifted, readme, 'the row to change is there');
  t.not(render(drifted), drifted, 'a hand-edited row is detected');
});

t.test('every variable of the schema has a row in the rendered table', async (t) => {
  const table = renderConfigTable();
  const names = configVars().map((v) => v.name);
  t.ok(names.length >= 40, `${names.length} variables`);
  t.equal(new Set(names).size, names.length, 'each variable once');
  for (const v of configVars()) {
    // A variable that shares another's row (FAULTLINE_LLM_PRICE_OUT) is named by that row's own cell.
    if (v.row === false) t.notMatch(table, `\`${v.name}\``, `${v.name}: no row of its own`);
    else t.match(table, `| ${v.row ?? `\`${v.name}\``} |`, `${v.name} has a row`);
  }
  t.match(table, '| `FAULTLINE_LLM_PRICE_IN` / `_OUT` |', 'the shared row is there');
  t.equal(CONFIG_SCHEMA.port.name, 'PORT');
  t.equal(LLM_CONFIG_SCHEMA.concurrency.name, 'FAULTLINE_LLM_CONCURRENCY');
});

t.test('loadConfig: defaults from the schema, and every problem at once', async (t) => {
  const config = loadConfig({});
  t.equal(config.port, 8080);
  t.equal(config.batchLingerMs, 0);
  t.equal(config.stallMs, 120_000);
  t.equal(config.busRetentionMs, 3_600_000);
  t.equal(config.runSchedule, '17 * * * *');
  t.equal(config.llm, undefined);
  const kafka = loadConfig({ KAFKA_BROKERS: 'a:1', SCHEMA_REGISTRY_URL: 'http://r:1' });
  t.equal(kafka.batchLingerMs, 500, 'the linger default follows KAFKA_BROKERS');
  t.same(kafka.kafkaBrokers, ['a:1']);
  const err = t.throws(() =>
    loadConfig({
      PORT: '70000',
      FAULTLINE_LOG_LEVEL: 'loud',
      KAFKA_BROKERS: 'nope',
      CLICKHOUSE_CLUSTER: 'c1',
      FAULTLINE_LLM_PROVIDER: 'openai',
    }),
  ) as ConfigError;
  t.ok(err instanceof ConfigError);
  t.same([...err.problems].sort(), [
    'CLICKHOUSE_CLUSTER: needs CLICKHOUSE_URL (the embedded store is a single node)',
    "FAULTLINE_LLM_API_KEY: required for the provider's own endpoint (set it, or FAULTLINE_LLM_BASE_URL for a local server)",
    'FAULTLINE_LLM_MODEL: required when FAULTLINE_LLM_PROVIDER is set',
    'FAULTLINE_LOG_LEVEL="loud": must be debug, info, warn or error',
    'KAFKA_BROKERS: "nope" is not host:port',
    'PORT="70000": must be an integer from 0 to 65535',
    'SCHEMA_REGISTRY_URL: required when KAFKA_BROKERS is set (records are Avro on the wire)',
  ]);
});

t.test('FAULTLINE_BATCH_BACKLOG: by default twice FAULTLINE_BATCH_SIZE, at least FAULTLINE_BATCH_SIZE', async (t) => {
  t.equal(loadConfig({}).batchBacklog, 2000, 'unset: twice the default batch size');
  t.equal(loadConfig({ FAULTLINE_BATCH_SIZE: '300' }).batchBacklog, 600, 'unset: twice the batch size set');
  t.equal(loadConfig({ FAULTLINE_BATCH_SIZE: '300', FAULTLINE_BATCH_BACKLOG: '' }).batchBacklog, 600, 'empty: the default');
  t.equal(loadConfig({ FAULTLINE_BATCH_SIZE: '100000' }).batchBacklog, 200_000, 'the largest batch size: its default is allowed');
  t.equal(loadConfig({ FAULTLINE_BATCH_BACKLOG: '3000' }).batchBacklog, 3000);
  t.equal(
    loadConfig({ FAULTLINE_BATCH_SIZE: '500', FAULTLINE_BATCH_BACKLOG: '500' }).batchBacklog,
    500,
    'equal to the batch size: growth off',
  );
  const problems = (env: Record<string, string>) => (t.throws(() => loadConfig(env)) as ConfigError).problems;
  t.same(problems({ FAULTLINE_BATCH_BACKLOG: '999' }), [
    'FAULTLINE_BATCH_BACKLOG="999": must be at least FAULTLINE_BATCH_SIZE (1000)',
  ]);
  t.same(problems({ FAULTLINE_BATCH_SIZE: '2000', FAULTLINE_BATCH_BACKLOG: '1500' }), [
    'FAULTLINE_BATCH_BACKLOG="1500": must be at least FAULTLINE_BATCH_SIZE (2000)',
  ]);
  t.same(problems({ FAULTLINE_BATCH_BACKLOG: 'lots' }), ['FAULTLINE_BATCH_BACKLOG="lots": must be an integer from 1 to 200000']);
  t.same(problems({ FAULTLINE_BATCH_BACKLOG: '0' }), ['FAULTLINE_BATCH_BACKLOG="0": must be an integer from 1 to 200000']);
  t.same(
    [...problems({ FAULTLINE_BATCH_SIZE: 'x', FAULTLINE_BATCH_BACKLOG: '10' })].sort(),
    [
      'FAULTLINE_BATCH_BACKLOG="10": must be at least FAULTLINE_BATCH_SIZE (1000)',
      'FAULTLINE_BATCH_SIZE="x": must be an integer from 1 to 100000',
    ],
    "a bad batch size is named once, by its own variable; the backlog's rule reads its default",
  );
});

t.test('FAULTLINE_BATCH_HANDOVER: stored by default, or early; anything else named', async (t) => {
  t.equal(loadConfig({}).batchHandover, 'stored');
  t.equal(loadConfig({ FAULTLINE_BATCH_HANDOVER: '' }).batchHandover, 'stored', 'empty: the default');
  t.equal(loadConfig({ FAULTLINE_BATCH_HANDOVER: 'early' }).batchHandover, 'early');
  t.same((t.throws(() => loadConfig({ FAULTLINE_BATCH_HANDOVER: 'late' })) as ConfigError).problems, [
    'FAULTLINE_BATCH_HANDOVER="late": must be stored or early',
  ]);
});

t.test('FAULTLINE_TRUST_PROXY: off by default, a hop count, or addresses/CIDRs; anything else named', async (t) => {
  t.equal(loadConfig({}).trustProxy, false, 'off by default: X-Forwarded-* from a client is not believed');
  t.equal(loadConfig({ FAULTLINE_TRUST_PROXY: 'off' }).trustProxy, false);
  t.equal(loadConfig({ FAULTLINE_TRUST_PROXY: '2' }).trustProxy, 2, 'a hop count');
  t.same(loadConfig({ FAULTLINE_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8' }).trustProxy, [
    '10.0.0.0/8',
    '127.0.0.1',
    '::1',
    'fd00::/8',
  ]);
  const problems = (raw: string) => {
    try {
      loadConfig({ FAULTLINE_TRUST_PROXY: raw });
      return [];
    } catch (err) {
      return [...(err as ConfigError).problems];
    }
  };
  t.same(problems('0'), [
    'FAULTLINE_TRUST_PROXY="0": must be off, a hop count from 1 to 16, or comma-separated proxy addresses/CIDRs',
  ]);
  t.same(problems('true'), ['FAULTLINE_TRUST_PROXY: not an IP address or CIDR: "true"'], 'no "trust everyone"');
  t.same(problems('10.0.0.0/33,proxy.local,1.2.3.4/8/8'), [
    'FAULTLINE_TRUST_PROXY: not an IP address or CIDR: "10.0.0.0/33", "proxy.local", "1.2.3.4/8/8"',
  ]);
});
