/**
 * Forms of robotics-24's misses that several projects print (issue 13, session 16, second round): a
 * library's or a runtime's own message. MuJoCo's model compiler trailer "Object name = X, id = N"
 * (2.x) and "Element name 'X', id N" (3.x) after its "Error: …" (a model the compiler rejects, rule 4:
 * schema_violation; a mesh file it cannot open stays a missing file), PyTorch's older wording of a
 * checkpoint shape mismatch "copying a param of torch.Size(…) from checkpoint, where the shape is …"
 * (rule 3, as the newer "copying a param with shape" already is), and roslaunch's "ROS master URI is
 * not set" (rule 3: missing_env_var). Texts written for these tests; each control contains the
 * form's words (asserted) and a hostile-input run per new regex.
 */
import t from 'tap';
import { PATTERNS } from '../src/index.js';
import { familyByPackage, familyWithControls, hostileName, readsHostileRuns, readWhole } from './patterns-read.js';

const matchOf = (id: string): RegExp => {
  const p = PATTERNS.find((q) => q.id === id);
  if (!p) throw new Error(`no pattern ${id}`);
  return p.match;
};

const MJ_TENDON =
  '  File "envs/hand.py", line 40, in __init__\n    self.model = mujoco.MjModel.from_xml_path(path)\nValueError: Error: tendon has range but not limited. set the autolimits="true" compiler option, specify limited explicitly ("true" or "false"), or remove the range attribute.\nObject name = FFJ0, id = 2, line = 118, column = -1';
const MJ_ELEMENT =
  "Traceback (most recent call last):\n  File \"load.py\", line 8, in <module>\n    model = mujoco.MjModel.from_xml_path('arm.xml')\nValueError: Error: mesh volume is too small: link3\nElement name 'link3', id 4, line 52";
const MJ_MESH_FILE =
  "Traceback (most recent call last):\n  File \"load.py\", line 8, in <module>\n    model = mujoco.MjModel.from_xml_path('arm.xml')\nValueError: Error: could not open STL file 'meshes/link3.stl'\nObject name = link3, id = 4, line = 52, column = -1";
const MJ_NO_TRAILER =
  'Traceback (most recent call last):\n  File "train.py", line 20, in <module>\n    env = make_env(cfg)\nValueError: Error: unknown robot name: ur10e';

familyWithControls(
  "MuJoCo's compiler rejecting the model (its 'Object name = …, id = …' trailer) is a schema violation (rule 4)",
  [
    [MJ_TENDON, 'validation_error/schema_violation'],
    [MJ_ELEMENT, 'validation_error/schema_violation'],
  ],
  [
    // The same trailer after a mesh file that cannot be opened: a missing file, not the model's rules.
    [MJ_MESH_FILE, '!validation_error/schema_violation'],
    // A Python ValueError worded 'Error: …' without the compiler's trailer: not a compiler error.
    [MJ_NO_TRAILER, '!validation_error/schema_violation'],
  ],
);

t.test('the MuJoCo controls reach the regex and also/unless decide them', async (t) => {
  const p = PATTERNS.find((q) => q.id === 'sim.mujoco_compile_error');
  if (!p?.also || !p.unless) throw new Error('sim.mujoco_compile_error has also and unless');
  for (const text of [MJ_TENDON, MJ_ELEMENT, MJ_MESH_FILE]) t.ok(p.match.test(text) && p.also.test(text));
  t.ok(p.unless.test(MJ_MESH_FILE), 'unless keeps the mesh file out');
  t.ok(p.match.test(MJ_NO_TRAILER), 'an error line without the trailer reaches the regex');
  t.notOk(p.also.test(MJ_NO_TRAILER), 'also keeps it out');
});

const TORCH_OLD =
  '  File "eval.py", line 61, in main\n    model.load_state_dict(checkpoint[\'state_dict\'])\nRuntimeError: Error(s) in loading state_dict for DataParallel:\n\tsize mismatch for module.fc1.weight: copying a param of torch.Size([256, 40960]) from checkpoint, where the shape is torch.Size([256, 8650]) in current model.';
const TORCH_OLD_OOM =
  'size mismatch for module.fc1.weight: copying a param of torch.Size([256, 40960]) from checkpoint, where the shape is torch.Size([256, 8650]) in current model.\nTraceback (most recent call last):\n  File "train.py", line 80, in <module>\n    loss.backward()\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total capacity; 5.10 GiB already allocated)';

familyWithControls(
  "PyTorch's older wording of a checkpoint shape mismatch is a configuration that does not fit (rule 3)",
  [[TORCH_OLD, 'config_error/invalid_config']],
  [
    // A printed mismatch the run went past, then an out-of-memory raised: the raised error.
    [TORCH_OLD_OOM, '!config_error/invalid_config'],
  ],
);

t.test('the torch control reaches the regex', async (t) => {
  t.ok(matchOf('config.checkpoint_shape').test(TORCH_OLD_OOM));
});

familyByPackage(
  "roslaunch's 'ROS master URI is not set' is an unset environment variable (rule 3)",
  [
    [
      '$ roscore\nROS master URI is not set\nThe traceback for the exception was written to the log file',
      'config_error/missing_env_var',
    ],
  ],
  [
    // The message, then (the variable set) a full disk raised: the raised error (rule 1).
    [
      '$ roscore\nROS master URI is not set\nThe traceback for the exception was written to the log file\n$ source /opt/ros/noetic/setup.bash && roscore\nTraceback (most recent call last):\n  File "/opt/ros/noetic/lib/python3/dist-packages/roslaunch/core.py", line 1, in x\nOSError: [Errno 28] No space left on device: \'/home/u/.ros/log/latest/roslaunch.log\'',
      'resource_error/disk_full',
    ],
    // The variable set, and then the master on the other machine not running: not the unset variable.
    [
      '$ export ROS_MASTER_URI=http://10.0.0.2:11311\n$ rosrun teleop teleop_node\n[ERROR] [1612.33]: [registerPublisher] Failed to contact master at [10.0.0.2:11311].  Retrying...',
      '!config_error/missing_env_var',
    ],
  ],
);

const ENOSPC_DE =
  "sed: couldn't flush /build/fw.x1/image/etc/sedAT: Auf dem Gerät ist kein Speicherplatz mehr verfügbar\ncat: Schreibfehler: Auf dem Gerät ist kein Speicherplatz mehr verfügbar\nmake: *** [Makefile:40: image] Fehler 1";
const ENOSPC_MMAL =
  "mmal: mmal_vc_component_enable: failed to enable component: ENOSPC\nmmal: camera component couldn't be enabled\n(Fehler: Auf dem Gerät ist kein Speicherplatz mehr verfügbar)";

familyWithControls(
  "ENOSPC's strerror in glibc's German and Chinese locales is a full disk (the taxonomy names ENOSPC)",
  [
    [ENOSPC_DE, 'resource_error/disk_full'],
    ["cp: 写入 '/home/robot/maps/map.pgm' 出错: 设备上没有空间", 'resource_error/disk_full'],
  ],
  [
    // The Pi camera's MMAL layer answering ENOSPC for a camera it cannot enable: not a disk.
    [ENOSPC_MMAL, '!resource_error/disk_full'],
  ],
);

t.test('the localized ENOSPC control reaches the regex and unless decides it', async (t) => {
  const p = PATTERNS.find((q) => q.id === 'disk.full');
  if (!p?.unless) throw new Error('disk.full has unless');
  t.ok(p.match.test(ENOSPC_MMAL) && p.unless.test(ENOSPC_MMAL));
});

t.test('robotics-24 forms: hostile inputs', async (t) => {
  const runs: [string, string | null][] = [
    [`Error: x\n${'Object name = '.repeat(500)}${','.repeat(2000)}`, 'sim.mujoco_compile_error'],
    [`Error: x\n${"Element name '".repeat(500)}${"'".repeat(2000)} id`, 'sim.mujoco_compile_error'],
    [`Error: x\nObject name = ${'x'.repeat(3000)}, id = ${'1'.repeat(3000)}`, 'sim.mujoco_compile_error'],
    [`${'size mismatch for a.b: copying a param of '.repeat(200)}torch.Size`, 'config.checkpoint_shape'],
    [`${'ROS master URI is not '.repeat(300)}x`, null],
    [`${'Auf dem Gerät ist kein Speicherplatz '.repeat(300)}x`, 'disk.full'],
  ];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
