/** Patterns: data. Evaluated in the order of library.ts; tested in test/patterns.test.ts. */
import type { Pattern } from '../types.js';

export const DATA: Pattern[] = [
  {
    id: 'data.nan',
    category: 'data_error',
    factor: 'nan_or_inf',
    severity: 'high',
    confidence: 0.9,
    priority: 83,
    match:
      /((?:loss|reward|return|advantage|entropy)[\w ]{0,30}:\s{0,4}-?(?:nan|inf)\b|to satisfy the constraint Real\(\), but found invalid values|loss (?:is|became|=|:) ?nan|\bloss[ \t]{1,20}nan\b|nan loss|NaN or Inf|contains NaN|Input contains (?:NaN|infinity)|infinity or a value too large|non-finite (?:loss|values?)|Detected (?:NaN|inf)|NaN values? (?:found|detected|in)|nan detected|Function '\w{1,80}' returned nan|Found Inf or NaN|Loss became (?:NaN|infinite)|loss[=:] ?nan|gradient overflow|inf or nan|probability tensor contains either [^\n]{0,4}inf[^\n]{0,6}nan[^\n]{0,4} or element < 0|NaN encountered|encountered NaN|\b(?:outputs?|loss(?:es)?|grad(?:ient)?s?|logits|weights?|predictions?|activations?|tensors?)\b[^\n]{0,20}\b(?:is|are|became|become|has|have|contains?) (?:a |an )?(?:nan|inf)\b)/i,
    // torch.multinomial's "probability tensor contains either `inf`, `nan` or element < 0": sampling from
    // logits that went NaN/Inf (tuned: Orion, baby-llama2-chinese, InternLM, all nan_or_inf).
    title: 'NaN or Inf in the data or loss',
    hypothesis: 'A NaN or infinite value appeared (bad input data, a too-high learning rate, or an overflow in mixed precision).',
    fix: 'Check inputs for NaN/Inf, lower the learning rate, add gradient clipping, and use loss scaling in mixed precision.',
    actions: [
      'Scan the input batch for NaN/Inf',
      'Lower the learning rate / clip gradients',
      'Enable anomaly detection to find the first NaN op',
    ],
  },
  {
    // numpy's floating-point warnings (np.seterr's default "warn"): "RuntimeWarning: divide by zero
    // encountered in log", "invalid value encountered in arccos", "overflow encountered in exp". No
    // exception is raised: the result holds inf or NaN (docs/taxonomy.md rule 7, NaN is data; tuned
    // labels nan_or_inf 3 of 3, brax, PupperPythonSim, autonomous-rc-car), which a generic reader took
    // for a ZeroDivisionError. A mean of an empty slice warns the same ("invalid value encountered in
    // scalar divide" after "Mean of empty slice"): the empty input, rule 7, so unless. Below the
    // exceptions a run raises afterwards (a KeyError's line outranks a warning printed on the way); and
    // whatever their readers' priority, a raised error or fatal signal after it (a Traceback's exception
    // line, a segfault, a negative or 128+N exit code, a died process, a panic, a glog Check failed, heap
    // corruption) is what the run died of, and a run that passed or finished did not fail of the warning:
    // a warning (classify.ts, Pattern.warning). numpy's integer scalars wrap around without inf or NaN
    // ("overflow encountered in long_scalars", "scalar add" on uint8 pixels): not read.
    id: 'data.numpy_float_warning',
    category: 'data_error',
    factor: 'nan_or_inf',
    severity: 'high',
    confidence: 0.7,
    priority: 55,
    needs: ['encountered in'],
    match:
      /(RuntimeWarning: (?:(?:divide by zero|invalid value) encountered in |overflow encountered in (?!(?:u?(?:byte|short|int|long|longlong)|intc|intp)_scalars\b|scalar (?:add|subtract|multiply)\b))[\w ]{1,40})/,
    // numpy's empty-slice warning before it names the cause (yields.ts): the divide is its symptom. numpy
    // prints each warning once per place, so the empty slice may be far before (an earlier epoch) or only in
    // the producer's message: anywhere before it, or reported, as the `unless` this replaced read it.
    yieldsTo: { causes: [{ said: /Mean of empty slice|Degrees of freedom <= 0 for slice/, within: 'all', reported: true }] },
    // A raised error that is the NaN's own consequence (a solver that did not converge, a singular
    // matrix, a NaN or inf named, an IK with no solution) is no other cause: the warning still answers.
    warning: {
      consequence:
        /\b(?:nan|inf|not finite|did not converge|singular matrix)\b|\b(?:IK|inverse kinematics) solution not found|\bno (?:IK|inverse kinematics) solution\b/i,
    },
    title: 'numpy produced inf or NaN ($1)',
    hypothesis:
      'A numpy operation divided by zero, overflowed or got an argument outside its domain (log of 0, arccos of a value above 1): numpy only warns, and the result carries inf or NaN into what follows (a loss, joint angles, actions).',
    fix: 'Find the operation the warning names and guard its input (clip before log/arccos, add an epsilon to divisors, scale before exp), or run with np.seterr(all="raise") to stop at the first one.',
    actions: [
      'Run with np.seterr(all="raise") to get a traceback at the first bad value',
      'Check the inputs of the operation the warning names',
    ],
  },
  {
    // DeepSpeed's fp16 loss scaler on a step whose gradients overflowed (inf/NaN): "[deepspeed] OVERFLOW! Rank 0
    // Skipping step. Attempted loss scale: 262144, reducing to 131072" (older releases: "fp16 dynamic loss
    // scale overflow! Skipping step."), apex's "Gradient overflow. Skipping step" in DeepSpeed's words (data.nan
    // reads apex's). Tuned: agent-21 gpt-neo-fine-tuning-example, a9 hallo, both nan_or_inf (rule 7). The
    // scaler prints it at INFO and the run goes on (a few at the start of fp16 training are its calibration):
    // a warning (classify.ts, Pattern.warning), so a raised error after it, or a run that finished, answers; the
    // Hugging Face Trainer's final metrics ({'train_runtime': …}), how most DeepSpeed runs end, is a finished run
    // (review19 F8).
    id: 'data.loss_scale_overflow',
    category: 'data_error',
    factor: 'nan_or_inf',
    severity: 'high',
    confidence: 0.7,
    priority: 55,
    needs: ['skipping step'],
    match:
      /(\boverflow! (?:Rank \d{1,6} )?Skipping step\.?(?: Attempted loss scale: [\d.e+]{1,30}, reducing to [\d.e+-]{1,30})?)/i,
    warning: { cleared: /'train_runtime':/ },
    title: "DeepSpeed's loss scaler skipped steps on overflowed gradients",
    hypothesis:
      'The fp16 gradients overflowed to inf/NaN and the loss scaler skipped the step and halved its scale; when it keeps happening, the values themselves are not finite (a too-high learning rate, bad inputs, or fp16 range), not the scale.',
    fix: 'Check the loss and inputs for inf/NaN, lower the learning rate or clip gradients, or train in bf16 where the hardware has it.',
    actions: [
      'Count the skipped steps: a few at the start are the scaler calibrating, every step is not',
      'Check the loss and the batch for inf/NaN',
    ],
  },
  {
    id: 'data.not_the_file',
    category: 'data_error',
    factor: 'corrupt_input',
    severity: 'high',
    confidence: 0.84,
    priority: 88,
    // The file read is not the data at all: a Git LFS pointer (the object was never pulled), or
    // a web page saved in its place (a GitHub "blob" page downloaded instead of the raw file).
    // pickle/torch.load say "invalid load key, 'v'" (of "version https://git-lfs…") or "'<'".
    match:
      /(version https:\/\/git-lfs\.github\.com\/spec\/v1|invalid load key, '[v<]'|class="progress-pjax-loader[^\n]{0,40}|<meta name="github-keyboard-shortcuts")/,
    needs: ['git-lfs', 'invalid load key', 'pjax', 'github-keyboard'],
    title: 'A file that is not the data: an LFS pointer or a saved web page',
    hypothesis:
      'The file the program read is a Git LFS pointer (the large file was never downloaded) or an HTML page saved in place of the raw file, so it cannot be parsed as the data it should be.',
    fix: 'Fetch the real file: `git lfs pull` (or install git-lfs and re-clone), or download the raw file URL instead of the web page.',
    actions: ['Look at the first bytes of the file (head -c 200)', 'Run git lfs pull, or re-download from the raw URL'],
  },
  {
    id: 'data.corrupt',
    category: 'data_error',
    factor: 'corrupt_input',
    severity: 'high',
    confidence: 0.84,
    priority: 73,
    match:
      /(UnicodeDecodeError[^\n]{0,100}|(?:Invalid|Unrecognized) file format\. Supported formats: \[|invalid load key[^\n]{0,40}|not a zip file|BadZipFile[^\n]{0,40}|image file is truncated|truncated file|cannot identify image file[^\n]{0,60}|UnpicklingError[^\n]{0,60}|corrupt(?:ed)? (?:file|data|input|image|archive|record|checkpoint)[^\n]{0,40}|file (?:is |appears )?corrupt(?:ed)?|Invalid (?:magic number|header)[^\n]{0,40}|unexpected end of file|Premature end of[^\n]{0,40}|checksum mismatch|CRC (?:check )?(?:failed|error|mismatch)|Error tokenizing data[^\n]{0,60}|DecompressionError|invalid or corrupt[^\n]{0,40}|EOFError: Ran out of input|(?:malformed|invalid) (?:record|row|input file|data file)[^\n]{0,40}|DataLossError[^\n]{0,60}|PytorchStreamReader failed[^\n]{0,60})/i,
    // Not Foundation's JSONDecoder, whose underlying NSCocoaErrorDomain 3840 says "Unexpected end of file" of
    // data that was not JSON (a Swift client's reply: json.parse_error's resolution, rule 10).
    unless: /The given data was not valid JSON[^\n]{0,400}Unexpected end of file/,
    title: 'Corrupt or unreadable input',
    hypothesis: 'An input file or record could not be read: it is corrupt, truncated or in an unexpected encoding/format.',
    fix: 'Find the offending file (the path in the error), re-download or regenerate it, and validate inputs (checksums) before use.',
    actions: [
      'Locate the file named in the error and check its size/checksum',
      'Skip or quarantine unreadable records instead of failing the run',
    ],
  },
  {
    id: 'data.empty',
    category: 'data_error',
    factor: 'empty_input',
    severity: 'high',
    confidence: 0.8,
    priority: 71,
    match:
      /(num_samples=0|No objects to concatenate|must not contain only empty strings|No valid documents(?: with embeddings)? (?:found|to index)|EmptyDataError[^\n]{0,40}|No columns to parse from file|Found array with 0 sample|(?:dataset|dataframe|input|batch|file|list|sequence) (?:is )?empty|(?:buffer|ReplayBuffer|RePlayBuffer|replay buffer|demos?|demonstrations|episodes)`?\s[^\n]{0,100}\bis empty\b|empty (?:DataFrame|dataset|input|file|batch|sequence)|contains no (?:data|samples|rows|records)|zero-size array to reduction|max\(\) arg is an empty sequence|min\(\) arg is an empty sequence|no (?:training |input )?(?:data|samples|examples) (?:found|available)|0 (?:samples|examples|records) (?:found|loaded)|did not find any docs|Expected (?:IDs|Embedd?ings|documents|metadatas|uris) to be (?:a )?non-empty list[^\n]{0,40}|No predictions found)/i,
    title: 'Empty input',
    hypothesis: 'The run received no data (an empty file, a filter that removed everything, or a wrong path/glob).',
    fix: 'Check the data path/glob and any filters; fail early with a clear message when the input is empty.',
    actions: ['Check that the input path matches files', 'Log the number of records loaded'],
  },
  {
    id: 'data.missing_field',
    category: 'data_error',
    factor: 'missing_field',
    severity: 'high',
    confidence: 0.75,
    priority: 69,
    match:
      /(missing (?:required )?(?:field|column|key)s?(?!\(s\) in state_dict)[^\n]{0,60}|KeyError: "?\[?'[^'\n]{1,60}'\]? not in index"?|(?:column|field)s? [`'"]?[\w .-]{1,60}[`'"]? (?:not found|does not exist|is missing)|Column not found[^\n]{0,60}|not in index|no such column[^\n]{0,60}|has no column named[^\n]{0,40}|MissingFieldException[^\n]{0,100}|Field '[^'\n]{1,60}' is required for type[^\n]{0,60}|Missing required creator property[^\n]{0,60}|\b(?:field|column|attribute|property) (?:is |was |are )?missing\b[^\n]{0,40})/i,
    title: 'Record or column missing a required field',
    hypothesis: 'The data lacks a field/column the code expects (a schema change upstream or a wrong dataset).',
    fix: "Check the dataset schema against the code's expectations; map or rename the column, or fix the producer.",
    actions: ['Print the columns/keys of the input', 'Validate the data schema at load time'],
  },
];
