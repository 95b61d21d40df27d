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
  modelFeatures,
  modelWords,
  predictWith,
  type SecondOpinionModel,
  secondOpinionModel,
} from '../src/index.js';

t.test('the committed model is well formed, versioned, and never confident alone', async (t) => {
  const loaded = secondOpinionModel();
  if (!loaded) throw new Error('packages/core/model/second-opinion.json is missing: run node test/accuracy/train-model.js');
  const { model } = loaded;
  t.match(model.version, /^(?:nb-1|lr-2)\+\d+$/, `versioned (${model.version})`);
  t.equal(model.lift.length, model.vocab.length, 'one likelihood row per word');
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
  const roslaunch = (pkg: string, extra = '') =>
    analyzeLog({
      kind: 'log',
      log_id: 'model-test',
      error_message: '',
      logs: `Resource not found: ${pkg}\nROS path [0]=/opt/ros/noetic/share/ros\nROS path [1]=/opt/ros/noetic/share\nThe traceback for the exception was written to the log file${extra}`,
    });
  const loaded = secondOpinionModel();
  t.ok(loaded?.model.enabled, 'the committed model is switched on (its measured verdict)');
  const a = roslaunch('acme_gripper_driver');
  t.equal(answeredBy(a), 'model', 'answered by the learned model');
  t.equal(`${a.pattern?.category}/${a.pattern?.contributing_factor}`, 'import_error/module_not_found', 'a package not found');
  t.ok((a.pattern?.confidence ?? 1) < 0.8, `never confident alone (${a.pattern?.confidence})`);
  t.match(a.pattern?.confidence_rationale ?? '', /learned second opinion/, 'the rationale names the source');
  // Control: with a phrase the pattern library knows, the rules answer and the model is not asked.
  const known = roslaunch('acme_gripper_driver', '\nOSError: [Errno 28] No space left on device');
  t.equal(answeredBy(known), 'patterns', 'the rules answer first');
  // No text at all: nothing to read, no answer.
  t.equal(answeredBy(analyzeLog({ kind: 'log', log_id: 'empty', error_message: '', logs: '' })), 'none', 'no text, no answer');
});
