/**
 * Negative controls of the learned second opinion (patterns/model/second-opinion.ts): failures of
 * software that is no robot — build logs, backup jobs, web servers, CI jobs — whose words robot
 * failures also use ("goal", "read failed: Input/output error", "Tests run … FAILURE", "target
 * reached", "rollout"). A model taught mostly on robot failures read such texts as a robot's task
 * not achieved or a sensor fault (lr-4+3294, the committed model before the robot-context gate: a
 * Maven surefire run as policy_failure/task_not_achieved at 0.73, an rsync read error as a sensor
 * fault at 0.73); the model now names a robot pair only for a record with robot context
 * (robotContext). Whatever the model answers there, it is never a robot failure.
 */
import t from 'tap';
import { analyzeLog, logSources, modelMayAnswer, modelText, robotContext, secondOpinion } from '../src/index.js';

/** The robot families' categories: a robot's hardware, its policy, its verification scenarios, its replays. */
const ROBOT_CATEGORIES = new Set(['hardware_fault', 'policy_failure', 'verification_failure', 'regression']);

const BUILDS = [
  '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile (default-compile) on project api: Compilation failure',
  '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.2:test (default-test) on project core: There are test failures.',
  '[ERROR] Failed to execute goal on project web: Could not resolve dependencies for project com.example:web:jar:1.4.0',
  "FAILURE: Build failed with an exception.\n* What went wrong:\nExecution failed for task ':app:compileDebugKotlin'.\n> Compilation error. See log for more details",
  'make[2]: *** [CMakeFiles/server.dir/build.make:76: CMakeFiles/server.dir/src/main.c.o] Error 1\nmake[1]: *** [CMakeFiles/Makefile2:83: CMakeFiles/server.dir/all] Error 2\nmake: *** [Makefile:91: all] Error 2',
  'error[E0308]: mismatched types\n  --> src/handler.rs:42:18\nerror: could not compile `web-api` (bin "web-api") due to 1 previous error',
  'npm ERR! code ELIFECYCLE\nnpm ERR! errno 1\nnpm ERR! frontend@2.3.0 build: `webpack --mode production`\nnpm ERR! Exit status 1',
  'ERROR in ./src/index.tsx 12:4\nModule parse failed: Unexpected token (12:4)\nwebpack 5.89.0 compiled with 1 error in 2345 ms',
  './main.go:27:2: undefined: handleRequest\nFAIL\tgithub.com/example/service [build failed]',
  "Step 7/12 : RUN go build -o /app ./cmd/server\nThe command '/bin/sh -c go build -o /app ./cmd/server' returned a non-zero code: 2",
  '[ERROR] Tests run: 48, Failures: 2, Errors: 0, Skipped: 1, Time elapsed: 3.21 s <<< FAILURE! - in com.example.OrderServiceTest',
  'FAILED tests/test_api.py::test_create_user - AssertionError: assert 500 == 201',
];

const BACKUPS = [
  'nightly-backup: read failed: Input/output error',
  'rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1338) [sender=3.2.7]',
  'rsync: [sender] read errors mapping "/srv/data/db.sqlite": Input/output error (5)',
  'pg_dump: error: query failed: ERROR:  permission denied for table invoices\npg_dump: error: query was: LOCK TABLE public.invoices IN ACCESS SHARE MODE',
  'Fatal error: unable to open config file /etc/restic/backup.conf\nbackup job nightly failed after 0s',
  'borg.locking.LockTimeout: Failed to create/acquire the lock /mnt/backup/repo/lock.exclusive (timeout).\nbackup of /home aborted',
  'tar: /var/backups/site.tar.gz: Cannot write: No space left on device\ntar: Error is not recoverable: exiting now',
  'duplicity: error: Backend error: S3ResponseError: 403 Forbidden while uploading duplicity-full.20261205T020000Z.vol1.difftar.gpg',
  "mysqldump: Got error: 2002: Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2) when trying to connect",
  'CRON[2211]: (root) CMD (/usr/local/bin/rotate-logs.sh)\nrotate-logs.sh: line 14: /var/log/app/current: Is a directory\nlogrotate job failed',
];

const WEB_SERVERS = [
  '2026/12/05 02:14:11 [error] 1234#1234: *5678 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.5, server: example.com, request: "GET /api/items HTTP/1.1", upstream: "http://127.0.0.1:8080/api/items"',
  '2026/12/05 02:14:11 [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)\nnginx: [emerg] still could not bind()',
  'nginx: [emerg] unknown directive "proxy_passs" in /etc/nginx/conf.d/site.conf:14\nnginx: configuration file /etc/nginx/nginx.conf test failed',
  '[Thu Dec 05 02:14:11.123456 2026] [proxy:error] [pid 4321] (111)Connection refused: AH00957: HTTP: attempt to connect to 127.0.0.1:8080 (localhost) failed',
  "AH00526: Syntax error on line 32 of /etc/apache2/sites-enabled/000-default.conf:\nInvalid command 'RewriteEngine', perhaps misspelled or defined by a module not included in the server configuration",
  'haproxy[812]: backend app_servers has no server available!\nServer app_servers/web2 is DOWN, reason: Layer4 connection problem, info: "Connection refused"',
  "Dec 05 02:14:11 web01 systemd[1]: gunicorn.service: Main process exited, code=exited, status=3/NOTIMPLEMENTED\nDec 05 02:14:11 web01 systemd[1]: gunicorn.service: Failed with result 'exit-code'.",
  '[2026-12-05 02:14:11 +0000] [42] [ERROR] Worker (pid:57) was sent SIGKILL! Perhaps out of memory?',
  'caddy: Error: loading initial config: loading new config: http app module: start: listening on :443: listen tcp :443: bind: permission denied',
  "Error: Cannot find module 'express'\nRequire stack:\n- /srv/app/server.js",
  'Certbot failed to authenticate some domains (authenticator: nginx). The Certificate Authority reported these problems:\n  Domain: example.com\n  Type: unauthorized\n  Detail: Invalid response from http://example.com/.well-known/acme-challenge/abc: 404',
  'php-fpm[900]: [WARNING] [pool www] server reached pm.max_children setting (5), consider raising it\n[error] 900#900: *12 FastCGI sent in stderr: "PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted"',
  'Varnish: Backend fetch failed\nError 503 Backend fetch failed\nGuru Meditation: XID: 32770',
];

const CI_JOBS = [
  'ERROR: Job failed: exit code 1\nRunning after_script\nUploading artifacts for failed job\nERROR: Uploading artifacts as "archive" to coordinator... 413 Request Entity Too Large',
  'Error response from daemon: driver failed programming external connectivity on endpoint web (3f2a): Bind for 0.0.0.0:8080 failed: port is already allocated',
  'Deploy target reached: production\n[ERROR] rollout of web-frontend failed: deployment exceeded its progress deadline',
  "fatal: unable to access 'https://git.example.com/team/site.git/': Could not resolve host: git.example.com",
  'The job exceeded the maximum time limit for jobs, and has been terminated.',
];

t.test('build logs, backup jobs, web servers and CI jobs are no robot failure, by the rules or the model', async (t) => {
  for (const [family, texts] of [
    ['build', BUILDS],
    ['backup', BACKUPS],
    ['web server', WEB_SERVERS],
    ['CI job', CI_JOBS],
  ] as const) {
    for (const text of texts) {
      const name = `${family}: ${text.split('\n')[0]?.slice(0, 90)}`;
      t.notOk(robotContext(text), `no robot context: ${name}`);
      const a = analyzeLog({ kind: 'log', log_id: 'negative-control', logs: text, error_message: '' });
      const code = a.findings[0]?.code;
      t.notOk(
        ROBOT_CATEGORIES.has(a.pattern?.category ?? ''),
        `${name}: analysed as ${a.pattern?.category}/${a.pattern?.contributing_factor} (${code}, ${a.pattern?.confidence})`,
      );
      // The model's own opinion, asked even where the rules answered and even if the file were switched off.
      const opinion = secondOpinion(modelText(logSources('', text)), true, true, text);
      t.notOk(
        opinion && ROBOT_CATEGORIES.has(opinion.category),
        `${name}: the model names no robot failure (${opinion ? `${opinion.category}/${opinion.factor} ${opinion.confidence}` : 'none'})`,
      );
    }
  }
});

t.test('robot context: a robot stack, its parts or its evaluation', async (t) => {
  // Positive controls: the same failure words in a robot's record.
  for (const text of [
    '[ERROR] [1700000000.123456789] [camera_driver]: read failed: Input/output error',
    '[bt_navigator-7] [WARN] [bt_navigator]: Goal failed',
    'process[arm_controller-3]: process has died [pid 812, exit code -11]',
    'Dynamixel servo ID 3: Overload error!',
    'Evaluating 50 episodes\nsuccess rate 0/50',
    '[gzserver-1] Segmentation fault (core dumped)',
    'Battery voltage low: 10.8 V',
    'OSError: [Errno 121] Remote I/O error on /dev/i2c-1',
  ])
    t.ok(robotContext(text), `robot context: ${text.split('\n')[0]}`);
  t.notOk(modelMayAnswer('policy_failure/task_not_achieved', true, false), 'no robot pair without robot context');
  t.notOk(modelMayAnswer('hardware_fault/sensor_fault', true, false), 'no sensor fault without robot context');
  t.ok(modelMayAnswer('hardware_fault/sensor_fault', true, true), 'with it, yes');
  t.ok(modelMayAnswer('config_error/invalid_config', true, false), 'other pairs need none');
});
