/** Patterns: logic. Evaluated in the order of library.ts; tested in test/patterns.test.ts. */
import { anyOf, SCENARIO_VERDICT } from '../resolvers.js';
import type { Pattern } from '../types.js';

/**
 * A test asserting a measured figure against a decimal threshold (docs/taxonomy.md rule 9): unittest's
 * assertGreater/assertLess message ("AssertionError: 0.646 not greater than or equal to 0.65"), a
 * pytest or plain assert comparing an expression with a decimal constant ("assert (acc / n) > 0.3",
 * "assert(np.all(0.85 <= errors))"), pytest's rewritten line showing a measured float against a
 * number ("E   assert 28.70 > 30"). Also read by rt.assertion: a bare AssertionError whose
 * asserted line is such a comparison is the threshold.
 */
export const THRESHOLD_ASSERT =
  /(AssertionError: (?:array\(\[?)?-?\d{1,12}\.\d{1,20}(?:\]?\))? not (?:greater|less) than(?: or equal to)? (?:array\(\[?)?-?\d{1,12}(?:\.\d{1,20})?|^[ \t]{0,40}(?:E[ \t]{1,40})?assert[ \t(]{1,4}[^\n]{1,160}?[<>]=?[ \t]{0,4}\d{0,6}\.\d{1,8}[ \t)]{0,4}$|^[ \t]{0,40}(?:E[ \t]{1,40})?assert[ \t(]{1,4}(?:np\.all\()?\d{0,6}\.\d{1,8}[ \t]{0,4}[<>]=?[^\n]{1,80}$|^[ \t]{0,40}E[ \t]{1,40}assert[ \t(]{1,4}-?\d{1,12}\.\d{1,20}[ \t)]{0,4}[<>]=?[ \t]{0,4}-?\d{1,12}(?:\.\d{1,20})?[ \t)]{0,4}$)/m;
/** A NaN or Inf on either side is the NaN (rule 7); a tolerance (atol, abs(a - b) < 1e-5) is a numeric mismatch, not a threshold. */
export const NOT_A_THRESHOLD = /\bnan\b|\binf\b|\batol\b|\brtol\b|\btol(?:erance)?\b|allclose|\babs\(|\d[eE]-\d/i;

export const LOGIC: Pattern[] = [
  {
    id: 'logic.below_baseline',
    category: 'logic_error',
    factor: 'below_baseline',
    severity: 'low',
    confidence: 0.85,
    priority: 75,
    match:
      /((?:is |was )?not better than[^\n]{0,80}|no better than[^\n]{0,60}|worse than (?:the )?baseline[^\n]{0,40}|below (?:the )?(?:baseline|threshold)[^\n]{0,40}|did not (?:improve|beat|outperform)[^\n]{0,60}|failed to (?:beat|outperform|improve (?:on|over))[^\n]{0,40}|(?:score|accuracy|metric|reward|psnr|bleu|f1)[^\n]{0,40}(?:below|under|lower than) (?:the )?(?:threshold|baseline|target|required)[^\n]{0,40}|underperform(?:s|ed)? (?:the )?baseline|(?:does|did|do) not perform (?:better|as well)[^\n]{0,60}|not (?:performing|performed) better[^\n]{0,60}|no improvement over (?:the )?(?:baseline|current|previous|production|champion)[^\n]{0,40})/i,
    title: 'Result not better than the baseline',
    hypothesis: 'The run completed, but its result did not beat the baseline or threshold it is judged against.',
    fix: "Compare the candidate's metrics with the baseline's; revisit the approach rather than the code.",
    actions: ['Compare candidate and baseline metrics side by side', 'Check the evaluation threshold is the intended one'],
  },
  {
    id: 'logic.threshold_assert',
    category: 'logic_error',
    factor: 'below_baseline',
    severity: 'low',
    // docs/taxonomy.md rule 9: a training or benchmark test whose measured figure misses the
    // threshold it asserts. Read from the assertion's shape, not its words: unittest's
    // assertGreater/assertLess message ("0.646 not greater than or equal to 0.65"), a pytest
    // assert comparing an expression with a decimal constant ("assert (acc / n) > 0.3",
    // "assert(np.all(0.85 <= errors))"). A NaN on either side is the NaN (rule 7); a tolerance
    // (atol, abs(a - b) < 1e-5) is a numeric mismatch, not a threshold.
    confidence: 0.6,
    priority: 66,
    match: THRESHOLD_ASSERT,
    unless: NOT_A_THRESHOLD,
    title: 'A test measured a figure below the threshold it asserts',
    hypothesis:
      'The code ran, but the score, accuracy or error rate a training or benchmark test measured misses the threshold the test requires: the model or algorithm underperforms (or the threshold is too strict), not a crash.',
    fix: 'Compare the measured figure with the threshold and with earlier runs; find the change (data, seed, settings, dependency) that lowered it, or adjust a threshold that was never met reliably.',
    actions: [
      'Read the measured value and the threshold in the assertion',
      'Re-run with the previous commit or seed to see whether the figure moved',
    ],
  },
  {
    id: 'logic.metric_decreased',
    category: 'logic_error',
    factor: 'below_baseline',
    severity: 'low',
    // A report that scores went down, in a record that compares against a baseline or a
    // regression reference (mmpretrain's benchmark table, Rasa's model-regression workflow).
    confidence: 0.6,
    priority: 44,
    match:
      /((?:accuracy|scores?|performance|metrics?|results?|mAP|top-?1|F1|pass@\d)[^\n]{0,30}\*{0,2}(?:decreased|dropped|degraded|regressed)\*{0,2}[^\n]{0,60})/i,
    also: /\bbaselines?\b|\(baseline\)|regression[- ]tests?|model[- ]regression|reference (?:run|results?|scores?)/i,
    title: 'Benchmark scores fell against the baseline',
    hypothesis: 'The run completed, but the scores it reports are lower than the baseline or reference it is compared with.',
    fix: 'Diff the run against the baseline (code, data, settings, seeds) and bisect the change that lowered the scores.',
    actions: ['List which metrics fell and by how much', 'Bisect the commits between the baseline and this run'],
  },
  {
    id: 'logic.not_close',
    category: 'logic_error',
    factor: 'wrong_output',
    severity: 'medium',
    confidence: 0.88,
    priority: 78,
    match:
      /(Tensor-likes are not (?:close|equal)[^\n]{0,40}|Values don'?t match\.?\s{0,4}Expected[^\n]{0,40}|Scalars are not (?:close|equal)[^\n]{0,40}|Not equal to tolerance[^\n]{0,60}|Arrays are not (?:almost )?equal[^\n]{0,60}|Mismatched elements: \d{1,12} ?\/ ?\d{1,12}[^\n]{0,40}|Greatest (?:absolute|relative) difference[^\n]{0,60}|(?:values|results|outputs|tensors|arrays) (?:are |were )?not (?:all ?close|close enough|within tolerance)[^\n]{0,40}|golden (?:output |value |result )?mismatch[^\n]{0,60}|!= [^\n]{1,40} within \d{1,3} places[^\n]{0,40}|== [^\n]{1,40} ± [\d.e+-]{1,20}|(?:max(?:imum)?|mean)[ _](?:abs(?:olute)?[ _]|rel(?:ative)?[ _])?(?:diff|difference|error)[^\n]{0,40}(?:exceeds|above|greater than|>) (?:the )?tol(?:erance)?)/i,
    title: 'Numbers differ from the reference beyond the tolerance',
    hypothesis:
      'The program ran, but its numerical result is not close to the reference (golden values, another implementation) within the allowed tolerance: a wrong result, not a crash.',
    fix: 'Look at where the mismatching elements are and how large the difference is: a few elements at rounding size suggest precision/accumulation order; a systematic difference points to a wrong computation.',
    actions: [
      'Read the number of mismatching elements and the greatest absolute/relative difference',
      'Compare against the reference at higher precision (float64) to separate rounding from a real bug',
      'Check whether the tolerance matches the dtype (fp16/bf16 need looser bounds)',
    ],
  },
  {
    id: 'logic.wrong_output',
    category: 'logic_error',
    factor: 'wrong_output',
    severity: 'low',
    confidence: 0.72,
    priority: 65,
    match:
      /(Expected:? [^\n]{1,80}\n[ \t]{0,40}(?:Actual|Received|But was|Got):? [^\n]{0,80}|expected [^\n]{1,60} (?:to equal|to be|to deep equal|but (?:got|was|received|found))[^\n]{0,60}|expect\(received\)\.\w{1,80}\(expected\)|Wrong (?:answer|output|result)[^\n]{0,60}|incorrect (?:output|result|answer)[^\n]{0,60}|output mismatch[^\n]{0,60}|does not match (?:the )?expected[^\n]{0,60}|Expected \S{1,60}, (?:got|but got) \S{1,60}|AssertionError: (?:assert )?[^\n]{1,60} (?:==|!=) [^\n]{1,60}|Arrays are not (?:almost )?equal|Mismatched elements|Not equal to tolerance|(?:actual|output|stdout|stderr|result)[^\n]{0,30} differs? from (?:the )?expected[^\n]{0,40}|\b(?:value|values|metrics?|results?|score|output)s? (?:is |are )?different from (?:the )?expected[^\n]{0,40}|differs? from (?:the )?(?:golden|reference|snapshot)[^\n]{0,40}|does not match (?:the )?(?:golden|reference|snapshot)[^\n]{0,40}|failed to match\. Was [^\n]{1,40}\. Should (?:be|have been) [^\n]{1,40}|\bwas [^\n]{1,30}, (?:but )?should (?:be|have been) [^\n]{1,40})/i,
    unless: anyOf(
      /ERR_INVALID_ARG_TYPE|argument must be|invalid_request_error|BadRequestError|INVALID_ARGUMENT/i,
      /Expected all tensors to be on the same device|values to unpack \(expected \d{1,4}, got \d{1,4}\)/,
      SCENARIO_VERDICT,
    ),
    title: 'Output differs from what was expected',
    hypothesis: 'The program ran, but its output did not match the expected result.',
    fix: 'Diff expected and actual output; find the first step where they diverge.',
    actions: ['Diff expected vs actual', 'Add a smaller test that isolates the wrong step'],
  },
];
