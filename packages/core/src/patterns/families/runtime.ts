/** Patterns: runtime exceptions. Evaluated in the order of library.ts; tested in test/patterns.test.ts. */

import { robotContext } from '../model/second-opinion.js';
import {
  CALL_ARGS_MISMATCH,
  DATA_RECORD_INDEX,
  lineOf,
  ROSPY_GET_PARAM,
  SCENARIO_VERDICT,
  TOOL_TABLE_LOOKUP,
  UNDER_THE_FRAME,
} from '../resolvers.js';
import type { Pattern } from '../types.js';
import { NOT_A_THRESHOLD, THRESHOLD_ASSERT } from './logic.js';

/**
 * A registry indexed by a setting's value: `REGISTRY[config.env.name]`, `MODELS[args.model]`,
 * `self.model_registry[cfg.kind]`. The name must read as a registry (UPPER_CASE, or ending in
 * registry / mapping / _map / classes): a record indexed by a setting (`sample[self.cfg.image_key]`)
 * lacks a field (rule 7), and a sample / batch / row / item / record / data is such a record.
 */
const CONFIG_KEYED_LOOKUP =
  /\b(?!(?:samples?|examples?|batch(?:es)?|rows?|items?|records?|data)(?:_|\[))(?:[A-Z][A-Z0-9_]{1,60}|\w{0,40}(?:[Rr]egistry|REGISTRY|[Mm]apping|MAPPING|_map|_MAP|[Cc]lasses|CLASSES))\[(?:self\.)?(?:config|cfg|conf|args|opt|opts|hparams|settings)(?:\.\w{1,40}){1,4}\]/;
/** Python 3.11+'s line under the failing one, pointing at it: `~~~~~~^^^^^`. */
const CARET_LINE = /^[ \t]{0,200}[~^][~^ \t]{0,400}$/;

/** FAISS's wrapper asserting the vectors' width equals the index's (class_wrappers.py). */
const FAISS_WIDTH_ASSERT = /faiss[\\/]class_wrappers\.py[^\n]{0,80}\n\s{0,12}assert d == self\.d\b/;

/** The text before a KeyError ends right under rospy.get_param's frame (families/ros.ts ros.rospy_param_missing). */
const UNDER_GET_PARAM = new RegExp(`${ROSPY_GET_PARAM}${UNDER_THE_FRAME}$`);

export const RUNTIME: Pattern[] = [
  {
    id: 'rt.division_by_zero',
    category: 'runtime_error',
    factor: 'division_by_zero',
    severity: 'high',
    confidence: 0.95,
    priority: 77,
    // Not numpy's floating-point warning "RuntimeWarning: divide by zero encountered in log": no
    // exception, the result is ±inf (data.numpy_float_warning, rule 7). numpy's raised form
    // (np.seterr(all="raise")) "FloatingPointError: divide by zero encountered in divide" is the
    // division itself, the run died of it: still read.
    match:
      /(ZeroDivisionError[^\n]{0,80}|ArithmeticException: \/ by zero|integer divide by zero|DivideByZeroException|division by zero|divide by zero(?! encountered in\b)|FloatingPointError: divide by zero)/i,
    title: 'Division by zero',
    hypothesis: 'A value used as a divisor was zero (often an empty count or a zero-length input).',
    fix: 'Guard the division (empty inputs, zero counts) and decide what the result should be in that case.',
    actions: ['Find the divisor at the reported line and why it is zero'],
  },
  {
    // glibc's heap checks aborting the process ("*** Error in `…': malloc(): memory corruption",
    // "double free or corruption", "free(): invalid pointer"): a crash of the program's native
    // code with the kind of fault named (docs/taxonomy.md rule 6), read above the bare abort.
    id: 'native.heap_corruption',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.7,
    priority: 50,
    match:
      /(\*\*\* Error in `[^`\n]{1,200}': (?:malloc|free|realloc|double free|corrupted)[^\n]{0,80}|double free or corruption(?: \((?:out|fasttop|!prev|top)\))?|malloc\(\): (?:memory corruption|corrupted [\w ]{1,30})|free\(\): invalid (?:pointer|size|next size)|corrupted size vs\. prev_size|malloc_consolidate\(\): invalid chunk size)/,
    title: 'Heap corruption in native code',
    hypothesis:
      "glibc's allocator found its heap damaged (a write past a buffer, a double free, a use after free) and aborted the process: a memory bug in the program or a native library it loads.",
    fix: 'Run the program under AddressSanitizer (-fsanitize=address) or valgrind to find the first bad write; check buffer sizes and object lifetimes around the crash.',
    actions: ['Rebuild with -fsanitize=address and reproduce', 'Get a core dump and backtrace (gdb bt)'],
  },
  {
    // CUDA's illegal address (cudaErrorIllegalAddress: "an illegal memory access was encountered",
    // as PyTorch's "CUDA error:", a custom kernel's "CUDA kernel failed :", the driver's
    // CUDA_ERROR_ILLEGAL_ADDRESS): a kernel read or wrote outside its memory, a crash of the
    // program's native code with nothing else named (docs/taxonomy.md rule 6; labels
    // unhandled_exception 5, none other). Read above words a log says around it (a ROS helper's
    // "methods will be unavailable" is no 503); a cause the text names (an index assert) wins.
    id: 'native.gpu_illegal_address',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.7,
    priority: 62,
    needs: ['illegal memory access', 'illegaladdress', 'illegal_address'],
    match:
      /((?:CUDA (?:error|kernel failed|failure)\s{0,2}:?\s{0,2})?an illegal memory access was encountered|\bcudaErrorIllegalAddress\b|\bCUDA_ERROR_ILLEGAL_ADDRESS\b)/,
    title: 'A GPU kernel accessed memory out of bounds ($1)',
    hypothesis:
      "A CUDA kernel (of a library or of the project's own extension) read or wrote memory outside what it was given: an index or size computed wrong, a tensor on another device or not contiguous, or an extension built for another CUDA or PyTorch version. The CUDA context is unusable afterwards, so every later call fails too.",
    fix: 'Rerun with CUDA_LAUNCH_BLOCKING=1 (and compute-sanitizer) to find the kernel that faults, then check the sizes, indices and devices of its inputs; rebuild custom extensions against the installed CUDA and PyTorch.',
    actions: ['Rerun with CUDA_LAUNCH_BLOCKING=1 to locate the kernel', 'Run under compute-sanitizer'],
  },
  {
    id: 'rt.null_reference',
    category: 'runtime_error',
    factor: 'null_reference',
    severity: 'high',
    confidence: 0.9,
    priority: 72,
    match:
      /(AttributeError: 'NoneType' object has no attribute[^\n]{0,60}|'NoneType' object is not (?:subscriptable|iterable|callable)|'NoneType' object does not support item (?:assignment|deletion)|cannot unpack non-iterable NoneType object|object of type 'NoneType' has no len\(\)|(?:java\.lang\.)?NullPointerException[^\n]{0,100}|Cannot (?:read|set) propert(?:y|ies) (?:'[^'\n]{0,80}' |"[^"\n]{0,80}" )?of (?:undefined|null)[^\n]{0,60}|Cannot destructure property [^\n]{0,60} of '?(?:undefined|null)|UninitializedPropertyAccessException[^\n]{0,80}|lateinit property \w{1,80} has not been initialized|Parameter specified as non-null is null[^\n]{0,60}|null cannot be cast to non-null type[^\n]{0,60}|NullReferenceException|Unexpectedly found nil while (?:implicitly )?unwrapping|called `Option::unwrap\(\)` on a `None` value|(?:undefined|null) is not an object[^\n]{0,60}|invalid memory address or nil pointer dereference|nil pointer dereference|Object reference not set to an instance|NoneType[^\n]{0,40}has no attribute|KotlinNullPointerException|null reference|attempt to (?:index|call|perform arithmetic on|concatenate) [^\n]{0,40}\(?a nil value\)?|\(wrong-type-argument [\w-]{1,60} nil\))/i,
    title: 'Null/None dereference',
    hypothesis:
      'The code used a value that was None/null/undefined as if it were set (a missing result, an unset field or a failed lookup).',
    fix: 'Find where the value should have been set and handle the missing case explicitly.',
    actions: [
      'Find the variable at the reported line and why it is empty',
      'Handle the None/null case where the value is produced',
    ],
  },
  {
    // PyTorch's CUDA indexing kernels assert their bounds on the device ("srcIndex <
    // srcSelectDimSize", "index out of bounds"): an index out of range, the cause the assert names
    // (docs/taxonomy.md rule 6; labels index_error 3). A bare device-side assert stays rt.assertion.
    id: 'rt.index_error',
    category: 'runtime_error',
    factor: 'index_error',
    severity: 'high',
    confidence: 0.9,
    priority: 70,
    match:
      /(IndexError: [^\n]{0,100}|(?:ArrayIndexOutOfBounds|StringIndexOutOfBounds|IndexOutOfBounds)Exception[^\n]{0,80}|index out of range[^\n]{0,60}|index [\d-]{1,20} is out of bounds[^\n]{0,60}|list index out of range|RangeError: (?:Invalid array length|Index out of range|offset is out of bounds)[^\n]{0,40}|slice bounds out of range[^\n]{0,40}|Assertion `srcIndex < srcSelectDimSize` failed|Assertion `index >= -sizes\[i\] && index < sizes\[i\] && "index out of bounds"` failed)/i,
    title: 'Index out of range',
    hypothesis: 'The code indexed past the end of a list/array (an empty or shorter collection than assumed).',
    fix: "Check the collection's length before indexing; find why it is shorter than expected.",
    actions: ['Log the length and the index at the failing line'],
  },
  {
    id: 'rt.key_error',
    category: 'runtime_error',
    factor: 'key_error',
    severity: 'high',
    // A missing key often names a cause elsewhere (a setting, an argument, a data field): its
    // measured share right caps this (patterns/calibration.ts; 9 of 15 on the tuned sets).
    confidence: 0.8,
    priority: 66,
    // libstdc++'s std::map / unordered_map at() of a missing key ("what():  map::at",
    // "_Map_base::at"): a key error, not an index (labels key_error 2).
    match:
      /(KeyError: [^\n]{1,100}|NoSuchElementException: key not found[^\n]{0,60}|key not found: [^\n]{0,60}|what\(\):\s{1,4}(?:map::at|_Map_base::at)\b)/,
    // The failing line indexes a loaded dataset / annotation / record: the data lacks a field.
    resolve: (ctx) => {
      const at = ctx.text.lastIndexOf('KeyError');
      if (at < 0) return null;
      const before = ctx.text.slice(Math.max(0, at - 600), at);
      if (TOOL_TABLE_LOOKUP.test(before)) return { as: 'tool.not_found' };
      // Raised by rospy.get_param for a parameter the server does not have (families/ros.ts).
      if (UNDER_GET_PARAM.test(before)) return { as: 'ros.rospy_param_missing' };
      // The failing line looks a name up by a setting (`ENV_CLASS_MAPPING[config.env.name]`): the
      // configured name is one the program does not know (docs/taxonomy.md rule 3). Python 3.11+
      // prints a caret line under the failing line: that line is not the code.
      const lines = before.trimEnd().split('\n');
      while (lines.length > 1 && CARET_LINE.test(lines[lines.length - 1] ?? '')) lines.pop();
      const failing = lines[lines.length - 1] ?? '';
      if (CONFIG_KEYED_LOOKUP.test(failing)) return { as: 'config.invalid' };
      return DATA_RECORD_INDEX.test(before) ? { as: 'data.missing_field' } : null;
    },
    title: 'Missing key $1',
    hypothesis: 'The code looked up a key that is not in the dictionary/map.',
    fix: 'Check which keys exist at that point; use .get with a default or fix the producer of the mapping.',
    actions: ['Print the available keys at the failing line'],
  },
  {
    id: 'rt.check_failed',
    category: 'runtime_error',
    factor: 'assertion_failed',
    severity: 'high',
    // glog/absl CHECK: an assertion of the program's own, whose failed condition often names a
    // cause elsewhere (data out of order, a file not read): medium confidence, generic priority.
    confidence: 0.6,
    priority: 40,
    match: /\b(Check failed: [^\n]{1,120})/,
    needs: ['check failed'],
    title: 'A CHECK of the program failed: $1',
    hypothesis: "A condition the program asserts with glog's CHECK did not hold; the condition names what was wrong.",
    fix: 'Read the failed condition and the frames above it; find why its input broke the assumption.',
    actions: ['Read the failed CHECK condition and the lines before it'],
  },
  {
    id: 'rt.assertion',
    category: 'runtime_error',
    factor: 'assertion_failed',
    severity: 'high',
    // Like a CHECK: the failed condition often names the cause (a type, a space, an argument);
    // its measured share right caps this (patterns/calibration.ts; 6 of 11 on the tuned sets).
    confidence: 0.8,
    priority: 64,
    byClass: true,
    match:
      /(AssertionError[^\n]{0,100}|assertion failed[^\n]{0,80}|Assertion [`'"]?[^\n]{1,80}[`'"]? failed|AssertionFailedError[^\n]{0,80}|device-side assert triggered|Assertion `[^\n]{1,80}` failed|panic: assertion|GGML_ASSERT\([^\n]{1,200}?\) failed|GGML_ASSERT: [^\n]{1,200}?:\d{1,6}: [^\n]{0,100})/i,
    // ggml's (llama.cpp, whisper.cpp) GGML_ASSERT is its CHECK: a failed condition, with a cause in
    // the text (CUDA out of memory) read by that cause's higher-priority pattern (rule 6).
    // An assertion inside a failed acceptance scenario: the scenario's verdict is the reading.
    unless: SCENARIO_VERDICT,
    // A bare AssertionError whose asserted line compares a measured figure with a decimal
    // threshold ("assert(np.all(0.85 <= errors))") is the figure below its threshold (rule 9).
    // FAISS's Python wrapper checks the vectors' width with a bare `assert d == self.d`: the
    // embedding model and the index disagree on the vector size (a setting, rule 3).
    resolve: (ctx) =>
      FAISS_WIDTH_ASSERT.test(ctx.text)
        ? { as: 'config.embedding_dimension' }
        : THRESHOLD_ASSERT.test(ctx.text) && !NOT_A_THRESHOLD.test(ctx.text)
          ? { as: 'logic.threshold_assert' }
          : null,
    title: 'Assertion failed',
    hypothesis: 'An assertion in the code (or a library) found a state it considers impossible.',
    fix: 'Read the asserted condition and find which input or earlier step violated it.',
    actions: [
      'Read the assertion and its values',
      'For CUDA device-side asserts, rerun with CUDA_LAUNCH_BLOCKING=1 to find the op',
    ],
  },
  {
    id: 'rt.type_error',
    category: 'runtime_error',
    factor: 'type_error',
    severity: 'high',
    confidence: 0.8,
    priority: 62,
    byClass: true,
    match:
      /(TypeError: [^\n]{0,140}|ClassCastException[^\n]{0,100}|interface conversion: [^\n]{0,80}|InvalidCastException[^\n]{0,80}|is not a function[^\n]{0,40})/,
    // A call's argument mismatch in a trace or an agent's record is the model's tool call; in a
    // robot program's own traceback (robot words, no tool words: a constructor called with a
    // keyword it lacks) it is the program's type error (docs/taxonomy.md: tool_error is an
    // agent's tool call, runtime_error an exception in the program's own code).
    resolve: (ctx, site) =>
      (ctx.tool || ((ctx.kind === 'trace' || ctx.agent) && !robotContext(ctx.text))) && CALL_ARGS_MISMATCH.test(lineOf(site))
        ? { as: 'tool.invalid_args' }
        : null,
    title: 'Type error',
    hypothesis: 'A value of the wrong type reached an operation (a wrong argument, an API change, or an unexpected None).',
    fix: 'Check the types at the failing call and where the value comes from.',
    actions: ['Print the types of the arguments at the failing line'],
  },
  {
    id: 'rt.value_error',
    category: 'runtime_error',
    factor: 'value_error',
    severity: 'high',
    confidence: 0.78,
    priority: 56,
    byClass: true,
    match:
      /(ValueError: [^\n]{0,140}|NumberFormatException[^\n]{0,80}|strconv\.\w{1,80}: parsing[^\n]{0,60}|invalid literal for int\(\)[^\n]{0,60}|could not convert string to float[^\n]{0,60}|(?<!\b(?:[Ww]arn(?:ing)?|WARN(?:ING)?)\b[^\n]{0,40})\bmath domain error\b(?![^\n]{0,40}\b(?:returning|clamp|skipp|using previous))[^\n]{0,60})/,
    title: 'Invalid value',
    hypothesis: 'An operation received a value of the right type but an unacceptable content (a shape, range or format).',
    fix: 'Check the value at the failing line and where it is produced.',
    actions: ['Log the offending value and its source'],
  },
  {
    id: 'rt.stack_overflow',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.8,
    priority: 55,
    match: /(Maximum call stack size exceeded|StackOverflowError|stack overflow|goroutine stack exceeds)/i,
    title: 'Stack overflow',
    hypothesis: 'Unbounded recursion exhausted the call stack.',
    fix: 'Find the recursive call without a base case.',
    actions: ['Look for the repeating frames in the stack trace'],
  },
  {
    id: 'rt.unhandled',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.55,
    priority: 22,
    match:
      /((?!Error: Process completed with exit code)(?:RuntimeError|Exception|Error|panic|UnhandledPromiseRejection\w{0,80}|Uncaught \w{1,80}|Unhandled exception|Exception in thread "[^"\n]{1,40}" [\w.$]{1,100}|fatal error|\b[A-Z][\w.]{0,80}(?:Error|Exception)): [^\n]{1,120}|Traceback \(most recent call last\))/,
    title: 'Unhandled exception',
    hypothesis: 'The program raised an exception that nothing caught; the message names it but no more specific pattern applies.',
    fix: "Read the exception and the top frame of the program's own code in the stack trace.",
    actions: ['Open the stack trace at the first frame in your own code'],
  },
];
