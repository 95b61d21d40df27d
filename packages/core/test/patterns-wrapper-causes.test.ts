/**
 * A generic wrapper whose message names the cause (issue 13; docs/taxonomy.md rules 1 and 6: an
 * abort or assertion "with a cause in the text (… an exception's message), the cause"): C++'s
 * what(), an assert()'s string, a CHECK's message, a generic exception's message (its text on
 * the lines below included) are read alone by the same readers as the record, and a specific
 * cause they name answers instead of the wrapper's generic pair (classify.ts, classifyByRules
 * step 2; patterns/wrappers.ts). Texts in the tools' own wording, not copied from the accuracy
 * cases.
 */
import t from 'tap';
import { analyzeLog } from '../src/index.js';
import { familyWithControls } from './patterns-read.js';

familyWithControls(
  "a wrapper's message that names the cause decides (rule 6)",
  [
    // PCL's kd-tree assert names NaN/Inf coordinates: rule 7 over the assert.
    [
      'ndt_node: /usr/include/pcl-1.10/pcl/kdtree/impl/kdtree_flann.hpp:136: int pcl::KdTreeFLANN<PointT, Dist>::nearestKSearch(const PointT&, int, std::vector<int>&, std::vector<float>&) const [with PointT = pcl::PointXYZ]: Assertion `point_representation_->isValid (point) && "Invalid (NaN, Inf) point coordinates given to nearestKSearch!"\' failed.',
      'data_error/nan_or_inf',
    ],
    // A Python AssertionError whose message is on the lines below it.
    [
      'Traceback (most recent call last):\n  File "train.py", line 12, in <module>\n    setup()\nAssertionError:\nFound no NVIDIA driver on your system. Please check that you\nhave an NVIDIA GPU and installed a driver',
      'import_error/missing_native_lib',
    ],
    // A RuntimeError whose message is wrapped mid-sentence (CARLA's client).
    [
      'Traceback (most recent call last):\n  File "eval.py", line 40, in <module>\n    client.connect()\nRuntimeError: time-out of 10000ms while waiting for the\nsimulator, make sure the simulator is ready and connected to localhost:2000',
      'timeout/request_timeout',
    ],
    // A required setting the program was not given, named in the message (rule 3).
    [
      'java.lang.AssertionError: \n\tExpected a value for the parameter robot_description, but none was set\n\tat org.junit.Assert.fail(Assert.java:88)',
      'config_error/invalid_config',
    ],
    [
      'F0101 10:00:00.000000  1234 node.cc:50] Check failed: !frame_id.empty() No frame_id was given for the lidar. Set the frame_id parameter.\n*** Check failure stack trace: ***',
      'config_error/invalid_config',
    ],
  ],
  [
    // "Not set" said of an environment variable is not read as a setting the program was not given.
    ['ROS master URI is not set', '!config_error/invalid_config'],
    // A sensor that sends no frames is still the sensor (rule 2).
    ['[ERROR] [1.0] [lidar_node]: no frames received from the lidar', 'hardware_fault/sensor_fault'],
    // An assertion or an uncaught exception whose message names no cause stays the wrapper's pair.
    ["planner: src/grid.cpp:88: void Grid::at(int): Assertion `idx < size()' failed.", 'runtime_error/assertion_failed'],
    [
      "terminate called after throwing an instance of 'std::runtime_error'\n  what():  something went wrong in the planner\nAborted (core dumped)",
      'runtime_error/unhandled_exception',
    ],
    [
      'F1203 10:11:12.000000  4242 planner.cc:88] Check failed: ptr != nullptr\n*** Check failure stack trace: ***',
      'runtime_error/assertion_failed',
    ],
    [
      'Traceback (most recent call last):\n  File "t.py", line 3, in <module>\nAssertionError: expected 3 elements, got 4',
      'runtime_error/assertion_failed',
    ],
    ['RuntimeError: Caught an unknown exception!', 'runtime_error/unhandled_exception'],
    // A log line after a finished message is not read as the message's continuation.
    ['RuntimeError: Worker stopped.\nWill retry after the timeout of 30 seconds', 'runtime_error/unhandled_exception'],
  ],
);

familyWithControls(
  'causes that generic exceptions carry in their message: an expired login cookie, an unknown model name, memory not allocated',
  [
    // A saved login session that expired is the session's token (rule 1 over the assertion).
    [
      'Traceback (most recent call last):\n  File "login.py", line 20, in <module>\n    main()\nAssertionError: Cookie .auth/admin_state.json expired.',
      'auth_error/token_expired',
    ],
    // A model name the library or the API does not know (rule 3): timm, RAGFlow, Gemini, Vertex AI.
    [
      'Traceback (most recent call last):\n  File "train.py", line 9, in <module>\n    model = timm.create_model(args.model)\nRuntimeError: Unknown model (vit_huge_patch99_custom)',
      'config_error/invalid_config',
    ],
    ['LookupError: LLM(qwen-max@Tongyi-Qianwen) not found', 'config_error/invalid_config'],
    [
      "openai.NotFoundError: Error code: 404 - {'error': {'code': 404, 'message': 'models/gemini-1.0-pro-vision is not found for API version v1beta, or is not supported for generateContent.', 'status': 'NOT_FOUND'}}",
      'config_error/invalid_config',
    ],
    [
      'Error: 404 {"error":{"code":404,"message":"Publisher Model `projects/my-proj/locations/europe-west4/publishers/google/models/gemini-9-pro` not found.","status":"NOT_FOUND"}}',
      'config_error/invalid_config',
    ],
    // A simulator that cannot allocate its data on the host.
    [
      'Traceback (most recent call last):\n  File "sim.py", line 5, in <module>\n    data = mujoco.MjData(model)\nmujoco.FatalError: Failed to allocate memory for mjData',
      'resource_error/host_oom',
    ],
  ],
  [
    // Memory not allocated on a GPU is the GPU's.
    ['RuntimeError: Failed to allocate memory on device 0 for the tensor', '!resource_error/host_oom'],
    // A cookie or token that will expire has not.
    ['Cookie refreshed; the previous session token expires in 3600 s', '!auth_error/token_expired'],
    // (review of f615db0) a cookie that has not expired, GPU memory named after "allocate memory".
    ['INFO session cookie has not expired yet\nRuntimeError: worker stopped', '!auth_error/token_expired'],
    ['RuntimeError: Failed to allocate memory for CUDA tensor of size 4096', '!resource_error/host_oom'],
    // A model name in parentheses, loaded fine; a model found.
    ['[INFO] Loading model (vit_base) from the local cache', '!config_error/invalid_config'],
    ['LLM(gpt-4o) found in the registry, using it', '!config_error/invalid_config'],
  ],
);

// Hostile input: a CHECK condition made only of operator characters. CODE_HEAD's code tokens once
// held `>` and `&` too, so a run of them split ~120^5 ways (400 `>`: minutes of one worker, every
// record of its chunk timed out). Each must be read, and the same way, well inside the test's
// timeout; the per-record deadline cannot stop a regex once it runs.
t.test('a CHECK condition of 400 operator characters is read in bounded work', { timeout: 30_000 }, async (t) => {
  for (const run of ['>'.repeat(400), '&'.repeat(400), '->'.repeat(200), 'a>'.repeat(200), 'a&&'.repeat(133)]) {
    const text = `F0101 10:00:00.000000  1234 node.cc:50] Check failed: ${run}\n*** Check failure stack trace: ***`;
    const answer = analyzeLog({ kind: 'log', log_id: 'hostile-check', logs: text, error_message: '' }).pattern;
    t.equal(
      `${answer?.category}/${answer?.contributing_factor}`,
      'runtime_error/assertion_failed',
      `${run.slice(0, 6)}…: the CHECK itself`,
    );
  }
});
