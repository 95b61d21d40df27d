/**
 * Forms of robotics-22's misses (issue 13, session 15): a training run that hits "OOM" / "OUT OF
 * MEMORY" on the GPUs the reporter names (resource_error/gpu_oom; 2 labels, 2 repositories), a
 * reproduction "only achieving X compared to the reported Y" or "trying to reproduce the reported
 * results" (rule 9: logic_error/below_baseline), and HDF5's older "Unable to find a valid file
 * signature" (rule 7: an HDF5 file that does not parse, data_error/corrupt_input), and a segmentation
 * fault the reporter says they met ("I encounter a segmentation fault"; rule 6, 2 labels). Texts written for
 * these tests; each negative control reaches the new regex (asserted) and is turned away by the
 * pattern's `unless` or another reading; a hostile-input run per new regex.
 */
import t from 'tap';
import { PATTERNS } from '../src/index.js';
import { SIGNAL_WORDS } from '../src/patterns/parts/read.js';
import { familyWithControls, hostileName, readLog, readsHostileRuns, readWhole } from './patterns-read.js';

const GPU_OOM = 'gpu.oom_prose';
const BELOW = 'bench.below_reported';

familyWithControls(
  'an OOM on the GPUs the reporter names is GPU memory',
  [
    [
      'Training the stage 2 planner I get the error OUT OF MEMORY.\nI use eight 3090 GPUs, 24GB each, batch size 1.',
      'resource_error/gpu_oom',
    ],
    ['When I finetune on two RTX 4090 GPUs I get an OOM error in the backward pass.', 'resource_error/gpu_oom'],
    ['The VLA run goes OOM on a single A100 during evaluation of the long-horizon tasks.', 'resource_error/gpu_oom'],
  ],
  [
    // Each reaches gpu.oom_prose's regex (asserted below): host memory, a denial, a CPU-only run.
    ['The OOM killer ended the trainer on my 4090 box, the host RAM is only 32GB.', '!resource_error/gpu_oom'],
    ['Training on two RTX 4090 GPUs is not an OOM problem: the loss is NaN after 100 steps.', 'data_error/nan_or_inf'],
    ['Without a GPU the simulator goes out of memory while loading the city map.', '!resource_error/gpu_oom'],
  ],
);

familyWithControls(
  'a reproduction below the reported figure, in the reporter words, is below the baseline (rule 9)',
  [
    [
      "I'm trying to reproduce the reported results with the released checkpoint, but my numbers are far lower on the hard tasks.",
      'logic_error/below_baseline',
    ],
    [
      'With the official weights I am only getting 41.2% success compared to the reported 78.5% on the benchmark.',
      'logic_error/below_baseline',
    ],
  ],
  [
    // A crash in a reproduction report is the crash (the pattern's unless), though the regex matches.
    [
      'I only get 12% compared to the reported 60% because evaluation stops with\nRuntimeError: CUDA error: an illegal memory access was encountered',
      '!logic_error/below_baseline',
    ],
    [
      "Trying to reproduce the reported results fails at once:\nModuleNotFoundError: No module named 'robosuite'",
      'import_error/module_not_found',
    ],
  ],
);

t.test('the controls reach the new regexes (the unless or another reading does the work)', async (t) => {
  const reach: [id: string, text: string][] = [
    [GPU_OOM, 'The OOM killer ended the trainer on my 4090 box, the host RAM is only 32GB.'],
    [GPU_OOM, 'Training on two RTX 4090 GPUs is not an OOM problem: the loss is NaN after 100 steps.'],
    [GPU_OOM, 'Without a GPU the simulator goes out of memory while loading the city map.'],
    [
      BELOW,
      'I only get 12% compared to the reported 60% because evaluation stops with\nRuntimeError: CUDA error: an illegal memory access was encountered',
    ],
    [BELOW, "Trying to reproduce the reported results fails at once:\nModuleNotFoundError: No module named 'robosuite'"],
  ];
  for (const [id, text] of reach) {
    const p = PATTERNS.find((q) => q.id === id);
    t.ok(p?.match.test(text), `${id} matches: ${text.slice(0, 60)}`);
    t.not(readLog(text).code, id, `${id} is not the reading: ${text.slice(0, 60)}`);
  }
});

familyWithControls(
  "HDF5's older 'Unable to find a valid file signature' is a file that does not parse (rule 7)",
  [
    [
      'Loading the demonstrations with h5py one episode fails:\nIOError: Unable to open file (Unable to find a valid file signature)',
      'data_error/corrupt_input',
    ],
    [
      'OSError: Unable to open file (Unable to find a valid file signature) while reading episode_12.hdf5',
      'data_error/corrupt_input',
    ],
  ],
  [
    // The same call on a file that is not there is the missing file, not a corrupt one.
    [
      "OSError: Unable to open file (unable to open file: name = 'data/episode_12.hdf5', errno = 2, error message = 'No such file or directory')",
      '!data_error/corrupt_input',
    ],
    [
      "PermissionError: [Errno 13] Unable to open file (unable to open file: name = 'episode_12.hdf5', errno = 13, error message = 'Permission denied')",
      '!data_error/corrupt_input',
    ],
  ],
);

const PROSE_SEGFAULT = SIGNAL_WORDS.find(([words]) => words.source.includes('encounter'))?.[0];

familyWithControls(
  'a segmentation fault the reporter met, in their words, is a crash of native code (rule 6)',
  [
    [
      'Running the benchmark I encounter a segmentation fault right after the simulator window opens.',
      'runtime_error/unhandled_exception',
    ],
    ['When the planner starts it reports segmentation fault and the node exits.', 'runtime_error/unhandled_exception'],
  ],
  [
    // Each reaches the prose form (asserted below): a denial, a question, a cause named before it.
    [
      'After rebuilding with the new driver I no longer get a segmentation fault when the camera starts.',
      '!runtime_error/unhandled_exception',
    ],
    ['Does anyone else get a segmentation fault when closing the viewer?', '!runtime_error/unhandled_exception'],
  ],
);

t.test('the prose segfault controls reach its words (the lookarounds do the work)', async (t) => {
  t.ok(PROSE_SEGFAULT, 'the prose segmentation-fault words exist');
  const words = PROSE_SEGFAULT ?? /$^/;
  t.ok(words.test('Running the benchmark I encounter a segmentation fault right after the window opens.'));
  // The verb and the words are in each control; the lookbehind or the lookahead turns it away.
  const unguarded = new RegExp(
    words.source.slice(words.source.indexOf(String.raw`\b(?:encounter`), words.source.lastIndexOf('(?!')),
    'i',
  );
  for (const text of [
    'After rebuilding with the new driver I no longer get a segmentation fault when the camera starts.',
    'Does anyone else get a segmentation fault when closing the viewer?',
  ]) {
    t.ok(unguarded.test(text), `the words without the guards match: ${text.slice(0, 50)}`);
    t.notOk(words.test(text), `the guarded words do not: ${text.slice(0, 50)}`);
  }
});

t.test('the new forms read hostile runs in bounded work', { timeout: 30_000 }, async (t) => {
  const runs: [text: string, pattern: string | null][] = [
    [`${'GPU '.repeat(3000)}OOMs`, GPU_OOM],
    [`${'OOM '.repeat(3000)}${'x'.repeat(3000)}GPUx`, GPU_OOM],
    [`${'out of memory\n'.repeat(1500)}GPUx`, GPU_OOM],
    [`${'RTX 4090 '.repeat(2000)}out of memoryx`, GPU_OOM],
    [`${'only got '.repeat(2000)}compared to the reportedly`, BELOW],
    [`trying to reproduce the reported ${'results '.repeat(3000)}`, BELOW],
    [`${'Unable to find a valid file signature '.repeat(500)}h5`, null],
    [`${'I got '.repeat(2000)}segmentation fault${' x'.repeat(2000)}?`, null],
    [`${'not got a segmentation fault '.repeat(500)}`, null],
  ];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
