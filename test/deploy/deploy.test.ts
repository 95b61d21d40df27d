/**
 * The deployment files, checked by the tools that read them: docker-compose (the compose
 * stack), promtool (Prometheus config and the prometheus-adapter query), kubernetes-models
 * (the Kubernetes manifests, against the API's OpenAPI schemas) and dashboard-check (the
 * Grafana dashboards, against the Grafana Foundation SDK). Every check is also shown to
 * refuse a broken copy. The tools come from deploy/local/install-checks.sh; a missing one
 * fails the test (no skips). Nothing here needs Docker or a cluster.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as coreV1 from 'kubernetes-models/v1';
import t, { type Test } from 'tap';
import { parse, parseAllDocuments, stringify } from 'yaml';

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML and JSON are read field by field
type Json = Record<string, any>;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const COMPOSE = join(ROOT, 'deploy/compose/docker-compose.yml');
const PROMETHEUS = join(ROOT, 'deploy/compose/prometheus.yml');
const RULES_DIR = join(ROOT, 'deploy/prometheus/rules');
const K8S = join(ROOT, 'deploy/k8s');
const DASHBOARDS = join(ROOT, 'dashboards');
const GRAFANA = join(ROOT, 'deploy/grafana/provisioning');
const INSTALL = 'run `bash deploy/local/install-checks.sh` (installs promtool, docker-compose and dashboard-check)';
const ADMIN_KEY = 'deploy-test-admin-key-0123456789';
const METRICS_TOKEN = 'deploy-test-metrics-token-0123456789';
/** Where the compose stack's Prometheus entrypoint writes the roles' metrics token. */
const METRICS_TOKEN_FILE = '/prometheus/metrics-token';
const ROLES = ['ingest', 'analyzer', 'api'] as const;

const tmp = mkdtempSync(join(tmpdir(), 'faultline-deploy-'));
t.teardown(() => rmSync(tmp, { recursive: true, force: true }));

/** The executable `name` on PATH, or null. */
function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir || '.', name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {}
  }
  return null;
}

/** dashboard-check: $DASHBOARD_CHECK, else where install-checks.sh builds it. */
function dashboardCheck(): string | null {
  const file =
    process.env.DASHBOARD_CHECK ??
    join(process.env.FAULTLINE_CACHE ?? join(homedir(), '.cache/faultline'), 'bin/dashboard-check');
  return existsSync(file) ? file : null;
}

/** Whether the binary was built from the current sources (install-checks.sh's stamp). */
function dashboardCheckCurrent(bin: string): boolean {
  if (process.env.DASHBOARD_CHECK) return true;
  const sources = ['go.mod', 'go.sum', 'main.go'].map((f) => readFileSync(join(ROOT, 'deploy/tools/dashboard-check', f)));
  const hash = createHash('sha256').update(Buffer.concat(sources)).digest('hex').slice(0, 16);
  const stamp = existsSync(`${bin}.hash`) ? readFileSync(`${bin}.hash`, 'utf8') : '';
  return stamp.startsWith(`${hash}-`);
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}
function run(cmd: string, args: string[], env: Record<string, string | undefined> = {}): Run {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}

/** Fails the test when `tool` is missing, with what to run; returns whether it is there. */
function need(t: Test, tool: string | null, name: string): tool is string {
  if (!tool) t.fail(`${name} not found: ${INSTALL}`);
  return tool !== null;
}

t.test('docker-compose: the stack file is valid, complete, and a broken copy is refused', async (t) => {
  const compose = onPath('docker-compose');
  if (!need(t, compose, 'docker-compose')) return;
  t.comment(run(compose, ['version', '--short']).stdout.trim());
  const env = { FAULTLINE_ADMIN_KEY: ADMIN_KEY, FAULTLINE_METRICS_TOKEN: METRICS_TOKEN, CLICKHOUSE_PASSWORD: undefined };

  const quiet = run(compose, ['-f', COMPOSE, 'config', '-q'], env);
  t.equal(quiet.status, 0, `docker-compose config -q passes: ${quiet.stderr}`);

  const missingKey = run(compose, ['-f', COMPOSE, 'config', '-q'], { FAULTLINE_ADMIN_KEY: undefined });
  t.not(missingKey.status, 0, 'refused without FAULTLINE_ADMIN_KEY');
  t.match(missingKey.stderr, /FAULTLINE_ADMIN_KEY/, 'and the message names it');
  const missingToken = run(compose, ['-f', COMPOSE, 'config', '-q'], { ...env, FAULTLINE_METRICS_TOKEN: undefined });
  t.not(missingToken.status, 0, 'refused without FAULTLINE_METRICS_TOKEN');
  t.match(missingToken.stderr, /FAULTLINE_METRICS_TOKEN/, 'and the message names it');

  const full = run(compose, ['-f', COMPOSE, 'config'], env);
  t.equal(full.status, 0, full.stderr);
  const config = parse(full.stdout) as Json;
  const services = config.services as Record<string, Json>;
  t.same(
    Object.keys(services).sort(),
    ['analyzer', 'api', 'clickhouse', 'grafana', 'ingest', 'kafka', 'prometheus', 'schema-registry'],
    'the 8 services',
  );
  for (const [name, svc] of Object.entries(services)) {
    t.match(svc.image, /^[\w./-]+:[\w.-]+$/, `${name}: image with a tag (${svc.image})`);
    t.not(String(svc.image).split(':')[1], 'latest', `${name}: a pinned tag, not latest`);
  }
  checkComposeRoles(t, services);
  checkComposePorts(t, services);
  checkComposeMounts(t, services);
  checkBrokenComposeRefused(t, compose, env);
});

/** Each role: built from the root Dockerfile, waits for its dependencies, configured from the environment; Prometheus shares the token. */
function checkComposeRoles(t: Test, services: Record<string, Json>): void {
  for (const role of ROLES) {
    const svc = services[role] as Json;
    t.match(svc.healthcheck?.test?.join(' '), /\/readyz/, `${role}: healthcheck on /readyz`);
    t.equal(resolve(svc.build?.context ?? ''), resolve(ROOT), `${role}: built from the root Dockerfile`);
    t.same(svc.command, [role], `${role}: runs its role`);
    for (const dep of ['kafka', 'schema-registry', 'clickhouse'])
      t.equal(svc.depends_on?.[dep]?.condition, 'service_healthy', `${role}: waits for ${dep} to be healthy`);
    t.equal(svc.environment.HOST, '0.0.0.0', `${role}: listens on every interface`);
    t.equal(svc.environment.KAFKA_BROKERS, 'kafka:9092', `${role}: KAFKA_BROKERS`);
    t.equal(svc.environment.SCHEMA_REGISTRY_URL, 'http://schema-registry:8081', `${role}: SCHEMA_REGISTRY_URL`);
    t.match(svc.environment.CLICKHOUSE_URL, /^http:\/\/faultline:[^@]+@clickhouse:8123$/, `${role}: CLICKHOUSE_URL`);
    t.equal(svc.environment.FAULTLINE_ADMIN_KEY, ADMIN_KEY, `${role}: the admin key from the environment`);
    t.equal(svc.environment.FAULTLINE_METRICS_TOKEN, METRICS_TOKEN, `${role}: /metrics protected by the token`);
    t.equal(svc.environment.FAULTLINE_METRICS_ORG_LABEL, 'auto', `${role}: org ids on metrics behind the token`);
  }
  // Prometheus gets the same token and writes it where prometheus.yml's credentials_file reads it.
  t.equal(services.prometheus?.environment?.FAULTLINE_METRICS_TOKEN, METRICS_TOKEN, 'Prometheus: the same token');
  t.match(
    (services.prometheus?.entrypoint ?? []).join(' '),
    new RegExp(`"\\$+FAULTLINE_METRICS_TOKEN" > ${METRICS_TOKEN_FILE} && exec /bin/prometheus "\\$+@"`),
    `Prometheus: its entrypoint writes ${METRICS_TOKEN_FILE}, then runs prometheus with the command`,
  );
  for (const name of Object.keys(services).filter((n) => !(ROLES as readonly string[]).includes(n)))
    t.ok(services[name]?.healthcheck, `${name}: has a healthcheck (the roles wait on it)`);
  t.notOk(services.analyzer?.container_name, 'analyzer: no container_name (scalable)');
  t.notOk(services.analyzer?.ports, 'analyzer: no host port (scalable)');
}

/** The host ports of the services people open. */
function checkComposePorts(t: Test, services: Record<string, Json>): void {
  const published = (svc: string) =>
    ((services[svc]?.ports ?? []) as (string | Json)[]).map((p) =>
      typeof p === 'string' ? p.replace(/^0\.0\.0\.0:/, '') : `${p.published}:${p.target}`,
    );
  t.same(published('ingest'), ['8080:8080'], 'ingest on host port 8080');
  t.same(published('api'), ['8081:8080'], 'api on host port 8081');
  t.same(published('grafana'), ['3000:3000'], 'Grafana on 3000');
  t.same(published('prometheus'), ['9090:9090'], 'Prometheus on 9090');
  t.equal(services.grafana?.environment.GF_INSTALL_PLUGINS, 'grafana-clickhouse-datasource', 'the ClickHouse plugin');
}

function checkComposeMounts(t: Test, services: Record<string, Json>): void {
  // Bind mounts: their sources exist, the dashboards are read-only.
  const mounts = (svc: string) =>
    ((services[svc]?.volumes ?? []) as (string | Json)[]).map((v) => {
      if (typeof v !== 'string') return { source: v.source as string, target: v.target as string, ro: !!v.read_only };
      const [source = '', target = '', mode = ''] = v.split(':');
      return { source, target, ro: mode.split(',').includes('ro') };
    });
  const dash = mounts('grafana').find((m) => m.target === '/var/lib/grafana/dashboards/faultline');
  t.equal(dash && resolve(dash.source), resolve(DASHBOARDS), 'Grafana: dashboards/ mounted');
  t.ok(dash?.ro, 'Grafana: dashboards read-only');
  const prov = mounts('grafana').find((m) => m.target === '/etc/grafana/provisioning');
  t.equal(prov && resolve(prov.source), resolve(GRAFANA), 'Grafana: provisioning mounted');
  const rules = mounts('prometheus').find((m) => m.target === '/etc/prometheus/rules');
  t.equal(rules && resolve(rules.source), resolve(RULES_DIR), 'Prometheus: deploy/prometheus/rules mounted');
  for (const svc of ['grafana', 'prometheus'])
    for (const m of mounts(svc).filter((m) => m.source.startsWith('/')))
      t.ok(existsSync(m.source), `${svc}: bind mount source ${m.source} exists`);
}

function checkBrokenComposeRefused(t: Test, compose: string, env: Record<string, string | undefined>): void {
  // A broken copy (an unknown key in a service) is refused: the check can fail.
  const broken = parse(readFileSync(COMPOSE, 'utf8')) as Json;
  broken.services.ingest.restartt = 'always';
  const brokenFile = join(tmp, 'docker-compose.broken.yml');
  writeFileSync(brokenFile, stringify(broken));
  const refused = run(compose, ['-f', brokenFile, 'config', '-q'], env);
  t.not(refused.status, 0, 'an unknown service key is refused');
  t.match(refused.stderr, /restartt/, `and named: ${refused.stderr.trim()}`);
}

t.test('promtool: the Prometheus config, with the rule files it loads; a broken copy is refused', async (t) => {
  const promtool = onPath('promtool');
  if (!need(t, promtool, 'promtool')) return;
  t.comment(run(promtool, ['--version']).stdout.split('\n')[0] ?? '');
  // --syntax-only: the token file exists only inside the Prometheus container (the full check
  // of the files it names runs on the local copy below).
  const ok = run(promtool, ['check', 'config', '--syntax-only', PROMETHEUS]);
  t.equal(ok.status, 0, `promtool check config deploy/compose/prometheus.yml: ${ok.stdout}${ok.stderr}`);

  const config = parse(readFileSync(PROMETHEUS, 'utf8')) as Json;
  const jobs = (config.scrape_configs as Json[]).map((j) => j.job_name as string);
  for (const role of ROLES) {
    const job = (config.scrape_configs as Json[]).find((j) => j.job_name === `faultline-${role}`);
    t.ok(job, `scrapes ${role} (jobs: ${jobs.join(', ')})`);
    t.equal(job?.metrics_path ?? '/metrics', '/metrics', `${role}: /metrics`);
    t.same(job?.dns_sd_configs?.[0]?.names, [role], `${role}: every replica, by the service's name`);
    t.equal(job?.dns_sd_configs?.[0]?.port, 8080, `${role}: port 8080`);
    t.equal(job?.authorization?.type ?? 'Bearer', 'Bearer', `${role}: a bearer token`);
    t.equal(job?.authorization?.credentials_file, METRICS_TOKEN_FILE, `${role}: the token the entrypoint writes`);
  }
  t.same(config.rule_files, ['/etc/prometheus/rules/*.rules.yml'], 'loads the mounted rule files');

  // The same config with the rules' mount point replaced by the repository's folder and the
  // token file by a local one: promtool then also reads every rule file the glob matches (and
  // not the rules' unit-test file) and checks the token file exists.
  const tokenFile = join(tmp, 'metrics-token');
  writeFileSync(tokenFile, METRICS_TOKEN);
  const local = {
    ...config,
    rule_files: [join(RULES_DIR, '*.rules.yml')],
    scrape_configs: (config.scrape_configs as Json[]).map((j) =>
      j.authorization ? { ...j, authorization: { ...j.authorization, credentials_file: tokenFile } } : j,
    ),
  };
  const localFile = join(tmp, 'prometheus.local.yml');
  writeFileSync(localFile, stringify(local));
  const withRules = run(promtool, ['check', 'config', localFile]);
  t.equal(withRules.status, 0, `with deploy/prometheus/rules/*.rules.yml: ${withRules.stdout}${withRules.stderr}`);
  const ruleFiles = existsSync(RULES_DIR) ? readdirSync(RULES_DIR).filter((f) => f.endsWith('.rules.yml')) : [];
  t.comment(`rule files loaded: ${ruleFiles.join(', ') || 'none yet'}`);
  for (const f of ruleFiles) t.match(withRules.stdout, f, `${f} checked`);

  const broken = { ...config, global: { ...config.global, scrape_interval: '15x' } };
  const brokenFile = join(tmp, 'prometheus.broken.yml');
  writeFileSync(brokenFile, stringify(broken));
  t.not(run(promtool, ['check', 'config', brokenFile]).status, 0, 'a broken copy is refused');
});

t.test("promtool: the prometheus-adapter query is the consumer group's lag, counted once", async (t) => {
  const promtool = onPath('promtool');
  if (!need(t, promtool, 'promtool')) return;
  const cm = parse(readFileSync(join(K8S, 'prometheus-adapter-rules.yaml'), 'utf8')) as Json;
  const adapter = parse(cm.data['config.yaml']) as Json;
  const rule = (adapter.externalRules as Json[]).find((r) => r.name?.as === 'faultline_consumer_lag');
  t.ok(rule, 'an external rule named faultline_consumer_lag');
  if (!rule) return;
  t.match(rule.seriesQuery, /^faultline_consumer_lag\{/, 'from the analyzers’ gauge');
  // What prometheus-adapter sends for the HPA of namespace faultline (external metrics have no
  // group-by labels; the namespace becomes a label matcher).
  const expr = String(rule.metricsQuery)
    .replaceAll('<<.Series>>', 'faultline_consumer_lag')
    .replaceAll('<<.LabelMatchers>>', 'namespace="faultline"')
    .replaceAll('<<.GroupBy>>', '');
  t.comment(expr);
  // Two analyzers, each exporting the whole group's lag per partition (as they do), plus
  // another namespace's group: the metric must be 300 + 700 = 1000, not 2000 or more.
  writeFileSync(
    join(tmp, 'adapter.rules.yml'),
    stringify({ groups: [{ name: 'adapter', rules: [{ record: 'adapter:faultline_consumer_lag', expr }] }] }),
  );
  const series = (pod: string, ns: string, partition: number, lag: number) => ({
    series: `faultline_consumer_lag{namespace="${ns}",pod="${pod}",topic="faultline.episodes",partition="${partition}"}`,
    values: `${lag}x5`,
  });
  writeFileSync(
    join(tmp, 'adapter.test.yml'),
    stringify({
      rule_files: ['adapter.rules.yml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            series('analyzer-a', 'faultline', 0, 300),
            series('analyzer-a', 'faultline', 1, 700),
            series('analyzer-b', 'faultline', 0, 300),
            series('analyzer-b', 'faultline', 1, 700),
            series('analyzer-x', 'staging', 0, 5000),
          ],
          promql_expr_test: [
            {
              expr: 'adapter:faultline_consumer_lag',
              eval_time: '2m',
              exp_samples: [{ labels: 'adapter:faultline_consumer_lag', value: 1000 }],
            },
          ],
        },
      ],
    }),
  );
  const r = run(promtool, ['test', 'rules', join(tmp, 'adapter.test.yml')]);
  t.equal(r.status, 0, `promtool test rules: ${r.stdout}${r.stderr}`);
});

// The model class of each apiVersion/kind the manifests may use.
// biome-ignore lint/suspicious/noExplicitAny: the models take their own typed input; parsed YAML is untyped
type Model = new (data: any) => { validate(): void };
const MODELS: Record<string, Record<string, unknown>> = {
  v1: coreV1,
  'apps/v1': appsV1,
  'autoscaling/v2': autoscalingV2,
  'policy/v1': policyV1,
};
function modelFor(doc: Json): Model | undefined {
  return MODELS[doc.apiVersion]?.[doc.kind] as Model | undefined;
}
/** The validation error of a document, or null when valid. */
function invalid(doc: Json): string | null {
  const Model = modelFor(doc);
  if (!Model) return `no model for ${doc.apiVersion} ${doc.kind}`;
  try {
    new Model(doc).validate();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

t.test('kubernetes-models: every manifest validates; broken copies are refused', async (t) => {
  const files = readdirSync(K8S)
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml')
    .sort();
  const docs: { file: string; doc: Json }[] = [];
  for (const file of files)
    for (const d of parseAllDocuments(readFileSync(join(K8S, file), 'utf8'))) {
      t.same(d.errors, [], `${file}: YAML parses`);
      const doc = d.toJS() as Json | null;
      if (doc) docs.push({ file, doc });
    }
  for (const { file, doc } of docs) {
    t.ok(modelFor(doc), `${file}: ${doc.apiVersion} ${doc.kind} is a known model`);
    t.equal(invalid(doc), null, `${file}: ${doc.kind} ${doc.metadata?.name} validates`);
    if (doc.kind !== 'Namespace') t.equal(doc.metadata?.namespace, 'faultline', `${file}: in namespace faultline`);
  }
  const of = (kind: string) => docs.filter((d) => d.doc.kind === kind).map((d) => d.doc);

  const configMap = checkK8sConfig(t, files, of);
  const deployments = of('Deployment');
  checkK8sDeployments(t, deployments);
  checkK8sServices(t, of('Service'), deployments);
  const hpa = checkK8sScaling(t, of, deployments, configMap);
  checkBrokenManifestsRefused(t, deployments, hpa);
});

type Of = (kind: string) => Json[];

/** The kustomization lists every file; the namespace; config in the ConfigMap, secrets in Secrets. Returns the ConfigMap. */
function checkK8sConfig(t: Test, files: string[], of: Of): Json | undefined {
  // kustomization.yaml lists every manifest, and nothing else.
  const kustomization = parse(readFileSync(join(K8S, 'kustomization.yaml'), 'utf8')) as Json;
  t.same([...(kustomization.resources as string[])].sort(), files, 'kustomization.yaml lists every manifest file');

  t.same(
    of('Namespace').map((n) => n.metadata.name),
    ['faultline'],
    'the namespace',
  );
  const configMap = of('ConfigMap').find((c) => c.metadata.name === 'faultline-config');
  const secret = of('Secret').find((s) => s.metadata.name === 'faultline-secrets');
  t.ok(configMap, 'the ConfigMap');
  t.ok(secret, 'the Secret');
  t.same(
    Object.keys(secret?.stringData ?? {}).sort(),
    ['CLICKHOUSE_URL', 'FAULTLINE_ADMIN_KEY'],
    'the secrets are in the Secret',
  );
  for (const k of ['FAULTLINE_ADMIN_KEY', 'CLICKHOUSE_URL'])
    t.notOk(configMap?.data?.[k], `${k} is not in the ConfigMap (non-secret config only)`);
  const metricsSecret = of('Secret').find((s) => s.metadata.name === 'faultline-metrics-token');
  t.same(Object.keys(metricsSecret?.stringData ?? {}), ['FAULTLINE_METRICS_TOKEN'], 'the metrics token in its own Secret');
  t.notOk(configMap?.data?.FAULTLINE_METRICS_TOKEN, 'FAULTLINE_METRICS_TOKEN is not in the ConfigMap');

  return configMap;
}

/** Every role: a Deployment with both probes, requests and limits, non-root, scraped. */
function checkK8sDeployments(t: Test, deployments: Json[]): void {
  t.same(deployments.map((d) => d.metadata.name).sort(), ROLES.map((r) => `faultline-${r}`).sort(), 'a Deployment per role');
  for (const d of deployments) {
    const name = d.metadata.name as string;
    const pod = d.spec.template;
    const c = pod.spec.containers[0] as Json;
    t.equal(c.readinessProbe?.httpGet?.path, '/readyz', `${name}: readiness probe /readyz`);
    t.equal(c.livenessProbe?.httpGet?.path, '/healthz', `${name}: liveness probe /healthz`);
    for (const r of ['cpu', 'memory']) {
      t.ok(c.resources?.requests?.[r], `${name}: ${r} request`);
      t.ok(c.resources?.limits?.[r], `${name}: ${r} limit`);
    }
    t.equal(pod.spec.securityContext?.runAsNonRoot, true, `${name}: runs as non-root`);
    t.equal(c.securityContext?.allowPrivilegeEscalation, false, `${name}: no privilege escalation`);
    t.equal(pod.metadata.annotations?.['prometheus.io/scrape'], 'true', `${name}: scraped`);
    t.equal(pod.metadata.annotations?.['prometheus.io/port'], '8080', `${name}: on 8080`);
    t.same(c.args, [name.replace('faultline-', '')], `${name}: runs its role`);
    t.same(
      (c.envFrom as Json[]).map((e) => e.configMapRef?.name ?? e.secretRef?.name).sort(),
      ['faultline-config', 'faultline-secrets'],
      `${name}: env from the ConfigMap and the Secret`,
    );
    const token = (c.env as Json[] | undefined)?.find((e) => e.name === 'FAULTLINE_METRICS_TOKEN');
    t.same(
      token?.valueFrom?.secretKeyRef,
      { name: 'faultline-metrics-token', key: 'FAULTLINE_METRICS_TOKEN' },
      `${name}: /metrics protected by the token from its Secret`,
    );
    t.same(d.spec.selector.matchLabels, pick(pod.metadata.labels, Object.keys(d.spec.selector.matchLabels)), `${name}: selector`);
  }
}

/** Services select a Deployment's pods and name a port they have. */
function checkK8sServices(t: Test, services: Json[], deployments: Json[]): void {
  for (const s of services) {
    const target = deployments.find((d) =>
      Object.entries(s.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v),
    );
    t.ok(target, `Service ${s.metadata.name} selects a Deployment`);
    const ports = (target?.spec.template.spec.containers[0].ports ?? []) as Json[];
    for (const p of s.spec.ports as Json[])
      t.ok(
        ports.some((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort),
        `Service ${s.metadata.name}: port ${p.targetPort} exists`,
      );
  }
  t.same(services.map((s) => s.metadata.name).sort(), ['faultline-api', 'faultline-ingest'], 'Services for ingest and api');
}

/** The HPA scales the analyzer Deployment on the external lag metric, up to one pod per partition; a PDB guards it. Returns the HPA. */
function checkK8sScaling(t: Test, of: Of, deployments: Json[], configMap: Json | undefined): Json | undefined {
  const [hpa] = of('HorizontalPodAutoscaler');
  t.same(
    hpa?.spec.scaleTargetRef,
    { apiVersion: 'apps/v1', kind: 'Deployment', name: 'faultline-analyzer' },
    'HPA targets the analyzers',
  );
  t.ok(
    deployments.some((d) => d.metadata.name === hpa?.spec.scaleTargetRef.name),
    'and that Deployment exists',
  );
  const metric = (hpa?.spec.metrics as Json[] | undefined)?.[0];
  t.equal(metric?.type, 'External', 'External metric');
  t.equal(metric?.external?.metric?.name, 'faultline_consumer_lag', 'faultline_consumer_lag');
  t.equal(metric?.external?.target?.type, 'AverageValue', 'AverageValue target');
  t.equal(hpa?.spec.minReplicas, 1, 'min 1');
  t.equal(String(hpa?.spec.maxReplicas), configMap?.data?.KAFKA_TOPIC_PARTITIONS, 'max = the topics’ partitions');
  t.notOk(
    deployments.find((d) => d.metadata.name === 'faultline-analyzer')?.spec.replicas,
    'the analyzer Deployment leaves replicas to the HPA',
  );
  const [pdb] = of('PodDisruptionBudget');
  const analyzerLabels = deployments.find((d) => d.metadata.name === 'faultline-analyzer')?.spec.template.metadata.labels ?? {};
  t.ok(
    pdb && Object.entries(pdb.spec.selector.matchLabels).every(([k, v]) => analyzerLabels[k] === v),
    'the PodDisruptionBudget selects the analyzers',
  );

  return hpa;
}

/**
 * Broken copies are refused by the models: a wrong type, a typo'd required field. (Like the
 * API server's OpenAPI schemas, the models let an unknown optional field through; the
 * assertions above catch the probes, resources and security settings being misspelled.)
 */
function checkBrokenManifestsRefused(t: Test, deployments: Json[], hpa: Json | undefined): void {
  const ingest = deployments.find((d) => d.metadata.name === 'faultline-ingest') as Json;
  const wrongType = structuredClone(ingest);
  wrongType.spec.template.spec.containers[0].ports[0].containerPort = '8080';
  t.match(invalid(wrongType), /containerPort must be integer/, 'a string containerPort is refused');
  const wrongReplicas = structuredClone(ingest);
  wrongReplicas.spec.replicas = 'two';
  t.match(invalid(wrongReplicas), /replicas/, 'a string replicas is refused');
  const typo = structuredClone(ingest);
  typo.spec.template.spec.contianers = typo.spec.template.spec.containers;
  delete typo.spec.template.spec.containers;
  t.match(invalid(typo), /containers/, "a typo'd containers field is refused");
  const hpaTypo = structuredClone(hpa) as Json;
  hpaTypo.spec.maxReplica = hpaTypo.spec.maxReplicas;
  delete hpaTypo.spec.maxReplicas;
  t.match(invalid(hpaTypo), /maxReplicas/, "a typo'd HPA maxReplicas is refused");
  const badProbe = structuredClone(ingest);
  badProbe.spec.template.spec.containers[0].readinessProbe.httpGet.path = 42;
  t.match(invalid(badProbe), /path must be string/, 'a numeric probe path is refused');
}

function pick(obj: Json, keys: string[]): Json {
  return Object.fromEntries(keys.map((k) => [k, obj[k]]));
}

// A small valid dashboard, independent of dashboards/ (the broken copies are made from it).
const MINIMAL = {
  uid: 'faultline-deploy-test',
  title: 'faultline / deploy test',
  schemaVersion: 42,
  annotations: { list: [] },
  templating: { list: [] },
  panels: [
    {
      id: 1,
      type: 'timeseries',
      title: 'Ingested',
      gridPos: { h: 8, w: 12, x: 0, y: 0 },
      datasource: { type: 'prometheus', uid: 'faultline-prometheus' },
      targets: [{ refId: 'A', expr: 'sum(rate(faultline_ingested_total[5m]))' }],
    },
    {
      id: 2,
      type: 'table',
      title: 'Failures',
      gridPos: { h: 8, w: 12, x: 12, y: 0 },
      datasource: { type: 'grafana-clickhouse-datasource', uid: 'faultline-clickhouse' },
      // A query type the SDK has no schema for: decoded leniently (see dashboard-check).
      targets: [{ refId: 'A', editorType: 'sql', format: 1, queryType: 'table', rawSql: 'SELECT 1' }],
    },
  ],
};

t.test('dashboard-check: every dashboard decodes strictly and validates; broken copies are refused', async (t) => {
  const check = dashboardCheck();
  if (!need(t, check, 'dashboard-check')) return;
  if (!dashboardCheckCurrent(check)) {
    t.fail(`${check} was built from older sources of deploy/tools/dashboard-check: ${INSTALL}`);
    return;
  }
  const write = (name: string, d: Json) => {
    const file = join(tmp, name);
    writeFileSync(file, JSON.stringify(d, null, 2));
    return file;
  };
  const min = run(check, [write('minimal.json', MINIMAL)]);
  t.equal(min.status, 0, `a minimal dashboard passes: ${min.stdout}`);
  t.match(min.stdout, /^ok 1 dashboards$/m);

  const files = existsSync(DASHBOARDS) ? readdirSync(DASHBOARDS).filter((f) => f.endsWith('.json')) : [];
  t.ok(files.length > 0, 'dashboards/*.json exist');
  if (files.length) {
    const real = run(
      check,
      files.map((f) => join(DASHBOARDS, f)),
    );
    t.equal(real.status, 0, `dashboards/*.json:\n${real.stdout}${real.stderr}`);
    t.match(real.stdout, `ok ${files.length} dashboards`);
  }

  // Every datasource a dashboard names is a provisioned one (by uid), or Grafana's own.
  const provisioned = parse(readFileSync(join(GRAFANA, 'datasources/faultline.yml'), 'utf8')) as Json;
  const uids = new Map((provisioned.datasources as Json[]).map((d) => [d.uid as string, d.type as string]));
  t.same([...uids.keys()].sort(), ['faultline-clickhouse', 'faultline-prometheus'], 'the provisioned datasource uids');
  for (const f of files) {
    const refs: Json[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Json;
        if (o.datasource && typeof o.datasource === 'object' && typeof o.datasource.uid === 'string') refs.push(o.datasource);
        Object.values(o).forEach(walk);
      }
    };
    walk(JSON.parse(readFileSync(join(DASHBOARDS, f), 'utf8')));
    const unknown = refs.filter((r) => !r.uid.startsWith('$') && r.uid !== '-- Grafana --' && uids.get(r.uid) !== r.type);
    t.same(unknown, [], `${f}: its ${refs.length} datasource references are provisioned uids with their type`);
  }

  const refused = (name: string, d: Json, why: RegExp, what: string) => {
    const r = run(check, [write(name, d)]);
    t.equal(r.status, 1, `${what} is refused`);
    t.match(r.stdout, why, r.stdout.trim());
  };
  refused('top-level.json', { ...MINIMAL, refreshh: '30s' }, /unexpected field 'refreshh'/, 'an unknown top-level field');
  const panelType = structuredClone(MINIMAL) as Json;
  panelType.panels[0].gridPos.h = 'eight';
  refused('panel-type.json', panelType, /panels\[0\]\.gridPos\.h/, 'a panel field of the wrong type');
  const panelTitle = structuredClone(MINIMAL) as Json;
  panelTitle.panels[1].title = 42;
  refused('panel-title.json', panelTitle, /panels\[1\]\.title/, 'a numeric panel title');
  const promQuery = structuredClone(MINIMAL) as Json;
  promQuery.panels[0].targets[0].exprr = 'up';
  refused('prom-query.json', promQuery, /unexpected field 'exprr'/, 'an unknown field in a Prometheus query');
  const noUid = structuredClone(MINIMAL) as Json;
  delete noUid.uid;
  refused('no-uid.json', noUid, /uid/, 'a dashboard without uid');
  const notJson = join(tmp, 'not.json');
  copyFileSync(COMPOSE, notJson);
  t.equal(run(check, [notJson]).status, 1, 'a file that is not JSON is refused');
});
