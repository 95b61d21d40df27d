/**
 * Forms read wrong or not at all on agent-12 (released for tuning after its blind measurement),
 * each a general form other projects print too, decided by docs/taxonomy.md.
 */
import { familyWithControls } from './patterns-read.js';

// Python's len() on None: the value is None where one was expected, the null_reference the
// other NoneType forms ("'NoneType' object is not subscriptable") already read as.
familyWithControls(
  'len() of None reads as a null reference, not a type error',
  [
    [
      '  File "src/llm/llm_manager.py", line 141, in __init__\n    if len(llm_api_url) > 0:\nTypeError: object of type \'NoneType\' has no len()',
      'runtime_error/null_reference',
    ],
    ["TypeError: object of type 'NoneType' has no len()", 'runtime_error/null_reference'],
  ],
  [
    // len() of a value of another type is a type error.
    ["TypeError: object of type 'int' has no len()", 'runtime_error/type_error'],
    ["TypeError: unsupported operand type(s) for +: 'int' and 'str'", 'runtime_error/type_error'],
  ],
);

// Telegram's Bot API refuses a message whose Markdown/HTML entities do not parse (400 Bad
// Request): an argument the server rejects, whichever bot library raises it.
familyWithControls(
  'Telegram\'s "can\'t parse entities" reads as an invalid argument',
  [
    [
      "    raise TelegramBadRequest(method=method, message=description)\naiogram.exceptions.TelegramBadRequest: Telegram server says - Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 603",
      'validation_error/invalid_argument',
    ],
    [
      "May 26 02:04:58 host python3[2746]: 2023-05-26 02:04:58,773 - asyncio - ERROR - Task exception was never retrieved\nMay 26 02:04:58 host python3[2746]: future: <Task finished name='Task-432' coro=<Bot.run() done, defined at /srv/bot/src/backend.py:64> exception=BadRequest('Can't parse entities: unsupported start tag \"module\" at byte offset 103')>",
      'validation_error/invalid_argument',
    ],
    [
      "telegram.error.BadRequest: Can't parse entities: can't find end of the entity starting at byte offset 41",
      'validation_error/invalid_argument',
    ],
  ],
  [
    // A parse failure of the program's own JSON is not a refused argument.
    ['json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)', '!validation_error/invalid_argument'],
    ['telegram.error.NetworkError: httpx.ConnectError: [Errno 111] Connection refused', '!validation_error/invalid_argument'],
  ],
);

// Habana Gaudi's device-memory allocator (PT_DEVMEM) failing to allocate: the accelerator's
// out-of-memory, the gpu_oom of the taxonomy (rule 6: the cause before the segfault that follows).
familyWithControls(
  'Gaudi PT_DEVMEM allocation failure reads as accelerator out of memory',
  [
    [
      'worker-0: [rank7]: RuntimeError: [Rank:7] FATAL ERROR :: MODULE:PT_DEVMEM Allocation failed for size::469762048 (448)MB\nworker-0: Internal Error: Received signal - Segmentation fault',
      'resource_error/gpu_oom',
    ],
    [
      'RuntimeError: [Rank:0] FATAL ERROR :: MODULE:PT_DEVMEM Allocation failed for size::1073741824 (1024)MB',
      'resource_error/gpu_oom',
    ],
  ],
  [
    ['Internal Error: Received signal - Segmentation fault', '!resource_error/gpu_oom'],
    ['RuntimeError: [Rank:0] FATAL ERROR :: MODULE:PT_BRIDGE Exception in Lowering thread...', '!resource_error/gpu_oom'],
  ],
);

// ggml's model loaders (llama.cpp's llama_model_load, the gpt2/gptj examples, gpt4all) print
// "<model>_model_load: failed to open '<path>'" when fopen finds no file at the given path: the
// missing file of rule 3.
familyWithControls(
  "A ggml model loader's \"failed to open '<path>'\" reads as a file not found",
  [
    [
      "main: seed = 1681411425\nllama_model_load: loading model from 'gpt4all-lora-unfiltered-quantized.bin' - please wait ...\nllama_model_load: failed to open 'gpt4all-lora-unfiltered-quantized.bin'\nmain: failed to load model from 'gpt4all-lora-unfiltered-quantized.bin'",
      'config_error/file_not_found',
    ],
    [
      "gpt2_model_load: loading model from 'models/gpt-2-117M/ggml-model.bin'\ngpt2_model_load: failed to open 'models/gpt-2-117M/ggml-model.bin'\nmain: failed to load model from 'models/gpt-2-117M/ggml-model.bin'",
      'config_error/file_not_found',
    ],
  ],
  [
    // The file opened but is not a model the loader reads: not a missing file.
    [
      "llama_model_load: loading model from 'models/7B/ggml-model-q4_0.bin' - please wait ...\nllama_model_load: invalid model file 'models/7B/ggml-model-q4_0.bin' (bad magic)\nmain: failed to load model from 'models/7B/ggml-model-q4_0.bin'",
      '!config_error/file_not_found',
    ],
    ["Failed to open port '/dev/ttyACM0'. Permission denied", '!config_error/file_not_found'],
  ],
);
