/**
 * The learned second opinion (patterns/model/second-opinion.ts): the committed model file is
 * well formed and versioned, its calibration never makes the model alone confident, the
 * arithmetic of the prediction is the linear form the training script assumes (naive Bayes and
 * logistic regression alike), a band measured on too few cases or right too rarely gives no
 * answer, and the file is switched on only when its own measurement says rules + model beat the
 * rules alone.
 */
import t from 'tap';
import {
  analyzeLog,
  calibrated,
  factorBelongs,
  featuresFor,
  logSources,
  modelFeatures,
  modelMayAnswer,
  modelText,
  modelWeights,
  modelWords,
  predictWith,
  reportsOnlyAnExit,
  type SecondOpinionModel,
  secondOpinionModel,
  statesNoFailure,
  vocabularyFeatures,
} from '../src/index.js';
import { NOUN_CLASSES, NOUN_WORDS, VERB_CLASSES, VERB_PHRASES } from '../src/patterns/parts/tables/robot-words.js';

t.test('the committed model is well formed, versioned, and never confident alone', async (t) => {
  const loaded = secondOpinionModel();
  if (!loaded) throw new Error('packages/core/model/second-opinion.json is missing: run node test/accuracy/train-model.js');
  const { model } = loaded;
  t.match(model.version, /^(?:nb-1|lr-2|lr-3|lr-4|lr-5)\+\d+$/, `versioned (${model.version})`);
  t.equal(modelWeights(model).start.length, model.vocab.length + 1, 'one likelihood row per word');
  t.equal(model.logprior.length, model.classes.length, 'one prior per class');
  const off = model.classes.filter((c) => {
    const [category, factor] = c.split('/') as [string, string];
    return !factorBelongs(category, factor);
  });
  t.same(off, [], 'every class is a taxonomy pair');
  for (const band of model.calibration) t.ok(band.confidence < 0.8, `band >= ${band.min}: confidence ${band.confidence} < 0.8`);
  // Whatever the posterior, the answer's confidence stays below the confident band.
  for (const p of [0, 0.5, 0.7, 0.9, 0.99, 1]) t.ok(calibrated(model, p) < 0.8, `posterior ${p} → ${calibrated(model, p)}`);
});

t.test('prediction is naive Bayes over the words present; calibration gives no answer from thin or poor bands', async (t) => {
  // Two classes, two words: "lidar" seen only with sensor faults, "quota" only with quotas.
  const model: SecondOpinionModel = {
    version: 'nb-1+4',
    vocab: ['lidar', 'quota'],
    classes: ['hardware_fault/sensor_fault', 'resource_error/quota_exceeded'],
    logprior: [Math.log(0.5), Math.log(0.5)],
    unseen: [Math.log(1 / 4), Math.log(1 / 4)],
    lift: [[[0, Math.log(3)]], [[1, Math.log(3)]]],
    calibration: [
      { min: 0, cases: 50, right: 10, confidence: 0.2 },
      { min: 0.7, cases: 5, right: 5, confidence: 0.75 },
      { min: 0.8, cases: 40, right: 36, confidence: 0.75 },
    ],
  };
  const index = new Map(model.vocab.map((w, i) => [w, i]));
  const lidar = predictWith(model, index, modelWords('the Lidar stopped'));
  t.equal(lidar.label, 'hardware_fault/sensor_fault');
  t.equal(Math.round(lidar.posterior * 100) / 100, 0.75, 'posterior 3/(3+1)');
  const both = predictWith(model, index, ['lidar', 'quota', 'lidar']);
  t.equal(Math.round(both.posterior * 100) / 100, 0.5, 'a word counts once; evidence for both classes cancels');
  t.equal(calibrated(model, 0.75), 0, 'a band measured on 5 cases gives no answer');
  t.equal(calibrated(model, 0.3), 0, 'a band right 20% of the time gives no answer');
  // A band right about one time in three answers, at its measured share (an "unknown" is always wrong).
  const third = { ...model, calibration: [...model.calibration, { min: 0.5, cases: 30, right: 11, confidence: 0.367 }] };
  t.equal(calibrated(third, 0.55), 0.367, 'a band right 11 of 30 answers at 0.367');
  // Under MODEL_MIN_POSTERIOR (0.5) no band answers, however it measured.
  const sure = { ...model, calibration: [{ min: 0, cases: 40, right: 36, confidence: 0.75 }] };
  t.equal(calibrated(sure, 0.45), 0, 'a posterior of 0.45 gives no answer, even in a band right 90% of the time');
  t.equal(calibrated(sure, 0.5), 0.75, 'control: at the floor the same band answers');
  t.equal(calibrated(model, 0.9), 0.75, 'a band right 90% of 40 answers, capped at 0.75');
  t.same(modelWords('RateLimitError in tool_call'), [
    'ratelimiterror',
    'rate',
    'limit',
    'error',
    'in',
    'tool_call',
    'tool',
    'call',
  ]);
});

t.test('the committed model is switched on only when its measured verdict says so', async (t) => {
  const loaded = secondOpinionModel();
  if (!loaded) throw new Error('packages/core/model/second-opinion.json is missing');
  const file = loaded.model as SecondOpinionModel & {
    cross_validated?: { first_rules_right?: number; first_rules_plus_model_right?: number };
  };
  const cv = file.cross_validated ?? {};
  t.ok(
    typeof cv.first_rules_right === 'number' && typeof cv.first_rules_plus_model_right === 'number',
    'the file carries its measurement',
  );
  if (file.enabled)
    t.ok(
      (cv.first_rules_plus_model_right ?? 0) > (cv.first_rules_right ?? 0),
      'on: the blind sets as first measured + the model beat those first measurements, cross-validated',
    );
  else t.notOk(file.enabled, `off: rules + model ${cv.first_rules_plus_model_right} vs rules ${cv.first_rules_right}`);
});

t.test('features: words, word pairs, character 4-grams and structure signals, each once', async (t) => {
  const f = modelFeatures('[ERROR] [lidar_node]: LidarTimeoutError: no scan\nerrno ENODEV, status: 503');
  for (const want of ['lidartimeouterror', 'lidar', 'no scan', '#lida', '@lidartimeouterror', '@enodev', '@503', '@error'])
    t.ok(f.includes(want), `has ${want}`);
  t.equal(new Set(f).size, f.length, 'each feature once');
  // Control: a text without those parts has none of the structure features.
  const plain = modelFeatures('the run finished');
  t.notOk(
    plain.some((x) => x.startsWith('@')),
    'no structure signal in a plain sentence',
  );
  t.ok(plain.includes('run finished'), 'but its word pairs');
  // The logistic-regression form: bias per class plus the weights of the features present, unseen 0.
  const model: SecondOpinionModel = {
    version: 'lr-2+2',
    tokenizer: 'features-2',
    vocab: ['#lida', 'quota'],
    classes: ['hardware_fault/sensor_fault', 'resource_error/quota_exceeded'],
    logprior: [0, 0],
    unseen: [0, 0],
    lift: [[[0, Math.log(3)]], [[1, Math.log(3)]]],
    calibration: [],
  };
  const p = predictWith(model, new Map(model.vocab.map((w, i) => [w, i])), modelFeatures('Lidar stopped'));
  t.equal(p.label, 'hardware_fault/sensor_fault');
  t.equal(Math.round(p.posterior * 100) / 100, 0.75, 'softmax of (log 3, 0)');
});

t.test('where no pattern or part answers, the switched-on model does, and says so, below 0.8', async (t) => {
  const answeredBy = (a: ReturnType<typeof analyzeLog>) =>
    a.pattern?.evidence.signals.find((s) => s.name === 'answered_by')?.value;
  // A spawner that cannot reach the controller manager, told in a sentence: no pattern or part reads
  // it (ROS 1's "Resource not found: <pkg>", used here before, is read by ros.resource_not_found since,
  // and ROS 1's "Controller Spawner couldn't find the expected controller_manager ROS interface." by
  // ros.service_unavailable).
  const spawner = (extra = '') =>
    analyzeLog({
      kind: 'log',
      log_id: 'model-test',
      error_message: '',
      logs: `The spawner could not reach the controller manager in time.${extra}`,
    });
  const loaded = secondOpinionModel();
  t.ok(loaded?.model.enabled, 'the committed model is switched on (its measured verdict)');
  const a = spawner();
  t.equal(answeredBy(a), 'model', 'answered by the learned model');
  t.equal(`${a.pattern?.category}/${a.pattern?.contributing_factor}`, 'timeout/request_timeout', 'a request unanswered');
  t.ok((a.pattern?.confidence ?? 1) < 0.8, `never confident alone (${a.pattern?.confidence})`);
  t.match(a.pattern?.confidence_rationale ?? '', /learned second opinion/, 'the rationale names the source');
  // Control: with a phrase the pattern library knows, the rules answer and the model is not asked.
  const known = spawner('\nOSError: [Errno 28] No space left on device');
  t.equal(answeredBy(known), 'patterns', 'the rules answer first');
  // No text at all: nothing to read, no answer.
  t.equal(answeredBy(analyzeLog({ kind: 'log', log_id: 'empty', error_message: '', logs: '' })), 'none', 'no text, no answer');
});

t.test('the robot vocabulary: a device never seen lands in its class, with what went wrong', async (t) => {
  const f = vocabularyFeatures(
    '[ERROR] [1699999.12] [velodyne_driver_node]: Velodyne connection lost after 3 retries\nE1230 23:24:22.297278  9929 handle.cpp:29] exit code 255',
  );
  for (const want of [
    '&comp:sensor',
    '&verb:lost',
    '&cv:sensor+lost',
    '&level:error',
    '&node:velodyne',
    '&node:driver',
    '&num:code N',
  ])
    t.ok(f.includes(want), `has ${want}`);
  t.equal(new Set(f).size, f.length, 'each feature once');
  // "exit code 255" and "exit code 11" share the number's shape.
  t.ok(vocabularyFeatures('exit code 11').includes('&num:code N'), 'numbers as shapes');
  t.ok(vocabularyFeatures('[Err] [gzserver-1]: gazebo died').includes('&sim'), 'a simulator is named');
  // Control: a sentence with no device, verb, level, node or simulator gives none of them.
  const plain = vocabularyFeatures('the run finished');
  t.same(
    plain.filter((x) => /^&(?:comp|verb|cv|level|node|sim)/.test(x)),
    [],
    'nothing read from a plain sentence',
  );
  // A lower-case "error" word is not a log level; "[Error]" (Isaac) and glog's "E1230" are.
  t.notOk(vocabularyFeatures('an error occurred').includes('&level:error'), 'a word is not a level');
  t.ok(vocabularyFeatures('[Error] [omni.isaac.plugin] bad handle').includes('&level:error'), '[Error] is');
  // features-5 is features-3 plus this reading.
  const text = '[ERROR] [arm_controller]: servo overcurrent';
  const f5 = featuresFor({ tokenizer: 'features-5' } as SecondOpinionModel, text);
  const f3 = featuresFor({ tokenizer: 'features-3' } as SecondOpinionModel, text);
  t.ok(f5.includes('&cv:actuator+fault') && !f3.includes('&cv:actuator+fault'), 'features-5 adds the reading');
  t.ok(
    f3.every((x) => f5.includes(x)),
    'and keeps everything features-3 had',
  );
});

t.test('one robot vocabulary: every word of the parts tables reaches the model as its class', async (t) => {
  // The model names no component or failure word of its own: each noun of robot-words.ts, in a
  // line with a failure, is that noun's class for the model too ("&comp:<class>").
  let checked = 0;
  for (const noun of NOUN_CLASSES)
    for (const word of NOUN_WORDS[noun]) {
      const f = vocabularyFeatures(`the ${word} was lost`);
      if (!f.includes(`&comp:${noun}`)) t.fail(`"${word}" (${noun}) is not read as &comp:${noun}`);
      checked += 1;
    }
  t.ok(checked >= 200, `${checked} words of the parts tables checked`);
  for (const verb of VERB_CLASSES) t.ok(VERB_PHRASES[verb].length > 0, `${verb}: phrases in the parts table`);
  t.ok(vocabularyFeatures('the servo reported an over current fault').includes('&verb:fault'), 'a verb phrase of the table');
  // Control: a word no table names is no class.
  t.same(
    vocabularyFeatures('the flux capacitor was lost').filter((x) => x.startsWith('&comp:')),
    [],
    'control: an unknown device names no class',
  );
  // A file still written with the replaced tokenizer is refused, naming the fix.
  t.throws(
    () => featuresFor({ tokenizer: 'features-4', version: 'lr-3+1' } as unknown as SecondOpinionModel, 'x'),
    /tokenizer "features-4" is not known here; retrain/,
  );
});

t.test('a log with no telling line is read by its end', async (t) => {
  // No error word, no level: no telling line; the failure is in the last lines.
  const logs = `${'step 1 ok\n'.repeat(200)}put both items in the basket: 18/50 [FAIL] Task 0 Ep 18 (steps=910)`;
  const sources = logSources('', logs);
  t.same(sources.telling, [], 'the log has no telling line');
  const text = modelText(sources);
  t.match(text, /Task 0 Ep 18/, 'the model reads the end of the body');
  t.ok(text.length <= 900, `bounded (${text.length} characters)`);
  t.notMatch(modelText(sources, 0), /Task 0/, 'minChars 0: headline and telling lines only (the older text)');
  // Control: a log with a telling line is read by its telling lines, not its end.
  const told = logSources('', `${logs}\nERROR: [arm_controller] motor 3 overcurrent, joint 2 stopped by its drive`);
  t.match(modelText(told), /motor 3 overcurrent/);
  t.notMatch(modelText(told), /step 1 ok/, 'the body is not added when the telling lines say enough');
});

t.test('a record whose only telling line reports an exit is read by its log, in training as at run time', async (t) => {
  // A CI step (test/accuracy blind/agent-4 ba4-terrifi-compose-pull-toomanyrequests): the cause is in the
  // body, the only telling line says how the step ended. Trained on that line alone, the model learned
  // "exit code 1" as a registry's rate limit and named every CI step that exits so.
  const ci =
    'Run docker compose -f docker-compose.yaml pull --quiet\n unifi Pulling \n mongo Pulling \ntoomanyrequests: retry-after: 985.86µs, allowed: 44000/minute\nError: Process completed with exit code 1.';
  const sources = logSources('', ci);
  t.match(
    `${sources.headline}\n${sources.telling.join('\n')}`,
    /Process completed with exit code 1/,
    'the telling line is the exit',
  );
  t.match(modelText(sources), /toomanyrequests/, 'the model reads the body too');
  t.notMatch(modelText(sources, 0), /toomanyrequests/, 'minChars 0: headline and telling lines only');
  for (const line of [
    'Error: Process completed with exit code 1.',
    '##[error]Process completed with exit code 137.',
    'Command failed with exit status 2',
    '      Exit Code:    137',
  ])
    t.ok(reportsOnlyAnExit(line), `only an exit: ${line}`);
  // Controls: a line that names a cause beside the exit is read for it, and so is a status without an exit.
  for (const line of ['Killed (OOMKilled): exit code 137', 'ros2 launch: process has died [exit code -11]', 'status code 429'])
    t.notOk(reportsOnlyAnExit(line), `names more: ${line}`);
  const told = logSources(
    '',
    `${'step ok\n'.repeat(100)}fatal: unable to access 'https://github.com/a/b/': Could not resolve host: github.com\nError: Process completed with exit code 128.`,
  );
  t.notMatch(modelText(told), /step ok/, 'control: a cause among the telling lines, the body is not added');
  // At run time: an exit alone says nothing the model may name.
  const r = analyzeLog({
    kind: 'log',
    log_id: 'exit-only',
    logs: '##[group]Run npm test\n  Error: Process completed with exit code 1.',
    error_message: '',
  }).pattern;
  t.equal(`${r?.category}/${r?.contributing_factor}`, 'unknown/unknown', 'a step that only exited stays unknown');
});

t.test('the model gives no answer where the text says nothing failed, nor a provider overload without LLM context', async (t) => {
  // Texts a model taught only on failures would read as the failure their words resemble.
  for (const text of [
    'Mean success rate over 50 episodes: 0.86',
    '{"Success_Rate": 0.92, "Return": 0.9}',
    'episode 7 done, success: True',
    'system: no error\naxis0\n  axis: AxisError.NONE\n  motor: no error',
    'Fault            : FAULT_CODE_NONE\nCurrent          : 2.1',
    '[INFO] [1733300000.1] [imu_node]: no data received yet, waiting',
    "{'avg_sum_reward': 41.2, 'pc_success': 86.0, 'eval_s': 58.3}",
    'State:{\nExitCode:137,\nOOMKilled:false,\nStatus:"exited"\n}',
    'Episode terminated: goal reached in 312 steps',
    '[bt_navigator]: Reached the goal!',
    'ros2 launch: process finished cleanly',
    "Resetting environments (tensor([2], device='cuda:0'),) due to Termination",
  ])
    t.ok(statesNoFailure(text), `says nothing failed: ${text.split('\n')[0]}`);
  // Positive controls: the same forms stating a failure.
  for (const text of [
    'Mean success rate over 50 episodes: 0.08',
    '[LIBERO] Task libero_goal_7: success rate 0/50',
    'episode 7 done, success: False',
    'axis0\n  motor: Error(s):\n    MotorError.DRV_FAULT',
    'Fault            : FAULT_CODE_OVER_TEMP_FET',
    '[ERROR] [1733300000.1] [imu_node]: no data received yet, waiting',
    "{'avg_sum_reward': 0.0, 'pc_success': 0.0, 'eval_s': 58.3}",
    'Exit code 137\nOOMKilled: true',
    'Episode terminated: goal reached in 312 steps\nError: collision with obstacle_3',
    '[bt_navigator]: Goal failed: the goal was not reached in time',
    'process finished cleanly, then: Segmentation fault (core dumped)',
    "Resetting environments (tensor([3], device='cuda:0'),) due to Timeout",
  ])
    t.notOk(statesNoFailure(text), `states a failure: ${text.split('\n')[0]}`);
  // An LLM-provider pair needs LLM context; other pairs do not.
  t.notOk(modelMayAnswer('upstream_error/model_overloaded', false), 'no provider overload without LLM context');
  t.ok(modelMayAnswer('upstream_error/model_overloaded', true), 'with it, yes');
  t.ok(modelMayAnswer('hardware_fault/actuator_fault', false), 'a robot pair needs none');
  const compiler = analyzeLog({
    kind: 'log',
    log_id: 'cpp',
    error_message: '',
    logs: "main.cpp:10:5: error: call of overloaded 'foo(int)' is ambiguous",
  });
  t.not(
    compiler.pattern?.contributing_factor,
    'model_overloaded',
    `a C++ overload is no provider overload (${compiler.pattern?.contributing_factor})`,
  );
});
