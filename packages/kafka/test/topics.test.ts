/** Topic names, subjects and keys. */
import { RECORD_KINDS } from '@faultline/core';
import t from 'tap';
import {
  ALL_TOPICS,
  analysisKey,
  avroSubject,
  DEAD_LETTER_TOPIC,
  FINDINGS_SUBJECT,
  FINDINGS_TOPIC,
  INPUT_TOPICS,
  keyOf,
  kindOfTopic,
  RECORD_SUBJECTS,
  RECORD_TOPICS,
  subjectOf,
  topicOf,
  topicsFor,
} from '../src/index.js';
import { episode, evalResult, log, trace, verificationResult } from './fixtures.js';

t.test('one topic per kind, plus findings and dead letter', async (t) => {
  t.strictSame(RECORD_TOPICS, {
    episode: 'faultline.episodes',
    eval_result: 'faultline.eval-results',
    verification_result: 'faultline.verification-results',
    trace: 'faultline.traces',
    log: 'faultline.logs',
  });
  t.equal(FINDINGS_TOPIC, 'faultline.findings');
  t.equal(DEAD_LETTER_TOPIC, 'faultline.dead-letter');
  t.strictSame(INPUT_TOPICS, [
    'faultline.episodes',
    'faultline.eval-results',
    'faultline.verification-results',
    'faultline.traces',
    'faultline.logs',
  ]);
  t.strictSame(ALL_TOPICS, [...INPUT_TOPICS, 'faultline.findings', 'faultline.dead-letter']);
});

t.test('topicOf and kindOfTopic are inverse; other topics have no kind', async (t) => {
  for (const kind of RECORD_KINDS) t.equal(kindOfTopic(topicOf(kind)), kind, kind);
  t.equal(kindOfTopic(FINDINGS_TOPIC), undefined);
  t.equal(kindOfTopic(DEAD_LETTER_TOPIC), undefined);
  t.equal(kindOfTopic('faultline.nope'), undefined);
  t.throws(() => topicOf('analysis' as never), /no topic for record kind/);
});

t.test('subjects by the topic-name strategy', async (t) => {
  t.equal(subjectOf('faultline.traces'), 'faultline.traces-value');
  t.strictSame(RECORD_SUBJECTS, {
    episode: 'faultline.episodes-value',
    eval_result: 'faultline.eval-results-value',
    verification_result: 'faultline.verification-results-value',
    trace: 'faultline.traces-value',
    log: 'faultline.logs-value',
  });
  t.equal(FINDINGS_SUBJECT, 'faultline.findings-value');
  t.equal(avroSubject('analysis'), 'faultline.findings-value');
  t.equal(avroSubject('log', 'fltest-x'), 'fltest-x.logs-value');
});

t.test('keys: episodes by robot_id, the others by their own reference', async (t) => {
  t.equal(keyOf(episode), 'r-7');
  t.equal(keyOf(evalResult), 'ev-12:ep-1');
  t.equal(keyOf(verificationResult), 'sc-pick-place:ep-1');
  t.equal(keyOf(trace), 't-9');
  t.equal(keyOf(log), 'exp-1234');
  t.equal(analysisKey({ org_id: 'acme', subject_kind: 'trace', subject_id: 't-9' }), 'acme:trace:t-9');
});

t.test('a topic prefix gives an isolated set of names', async (t) => {
  const p = topicsFor('fltest-e2e-ab12');
  t.equal(p.log, 'fltest-e2e-ab12.logs');
  t.equal(p.findings, 'fltest-e2e-ab12.findings');
  t.equal(p.deadLetter, 'fltest-e2e-ab12.dead-letter');
  t.equal(p.inputs.length, 5);
  t.equal(p.all.length, 7);
  t.equal(kindOfTopic('fltest-e2e-ab12.traces', 'fltest-e2e-ab12'), 'trace');
  t.equal(kindOfTopic('faultline.traces', 'fltest-e2e-ab12'), undefined);
  t.equal(topicOf('episode', 'fltest-e2e-ab12'), 'fltest-e2e-ab12.episodes');
  t.equal(topicsFor(), topicsFor('faultline'));
  t.throws(() => topicsFor('bad prefix!'), /topic prefix/);
  t.throws(() => topicsFor(''), /topic prefix/);
});
