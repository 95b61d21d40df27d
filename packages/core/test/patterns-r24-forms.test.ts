/**
 * Forms of robotics-24's misses that several projects print (issue 13, session 16, second round): a
 * library's or a runtime's own message. MuJoCo's model compiler trailer "Object name = X, id = N"
 * (2.x) and "Element name 'X', id N" (3.x) after its "Error: …" (a model the compiler rejects, rule 4:
 * schema_violation; a mesh file it cannot open stays a missing file), PyTorch's older wording of a
 * checkpoint shape mismatch "copying a param of torch.Size(…) from checkpoint, where the shape is …"
 * (rule 3, as the newer "copying a param with shape" already is), and ENOSPC's strerror in glibc's
 * de/fr/es/zh_CN locales. (roslaunch's "ROS master URI is not set" was dropped after review: the
 * warning is printed by runs that go on, and read anywhere it took over a later crash.) Texts written
 * for these tests; each control contains the form's words (asserted) and a hostile-input run per new regex.
 */
import t from 'tap';
import {
  execsWhileReading,
  familyWithControls,
  hostileName,
  patternOf,
  readsHostileRuns,
  readWhole,
  regexOf,
} from './patterns-read.js';

const MJ_TENDON =
  '  File "envs/hand.py", line 40, in __init__\n    self.model = mujoco.MjModel.from_xml_path(path)\nValueError: Error: tendon has range but not limited. set the autolimits="true" compiler option, specify limited explicitly ("true" or "false"), or remove the range attribute.\nObject name = FFJ0, id = 2, line = 118, column = -1';
const MJ_ELEMENT =
  "Traceback (most recent call last):\n  File \"load.py\", line 8, in <module>\n    model = mujoco.MjModel.from_xml_path('arm.xml')\nValueError: Error: mesh volume is too small: link3\nElement name 'link3', id 4, line 52";
const MJ_MESH_FILE =
  "Traceback (most recent call last):\n  File \"load.py\", line 8, in <module>\n    model = mujoco.MjModel.from_xml_path('arm.xml')\nValueError: Error: could not open STL file 'meshes/link3.stl'\nObject name = link3, id = 4, line = 52, column = -1";
// The review's controls (of 51ea706): file failures the trailer follows.
const MJ_ERROR_OPENING =
  "ValueError: Error: error opening file 'meshes/link3.stl': No such file or directory\nElement name 'link3', id 4";
const MJ_MESH_NOT_FOUND = 'Error: mesh file not found: assets/base.obj\nObject name = base, id = 1, line = 12, column = -1';
const MJ_CANNOT_READ =
  "Error: could not read mesh file 'assets/gripper.obj'\nObject name = gripper, id = 7, line = 80, column = -1";
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
    [MJ_ERROR_OPENING, '!validation_error/schema_violation'],
    [MJ_MESH_NOT_FOUND, '!validation_error/schema_violation'],
    [MJ_CANNOT_READ, '!validation_error/schema_violation'],
  ],
);

t.test('the MuJoCo controls reach the regex and also/unless decide them', async (t) => {
  const p = patternOf('sim.mujoco_compile_error');
  if (!p?.also || !p.unless) throw new Error('sim.mujoco_compile_error has also and unless');
  for (const text of [MJ_TENDON, MJ_ELEMENT]) t.ok(p.match.test(text) && p.also.test(text) && !p.unless.test(text), 'a positive');
  for (const text of [MJ_MESH_FILE, MJ_ERROR_OPENING, MJ_MESH_NOT_FOUND, MJ_CANNOT_READ]) {
    t.ok(p.match.test(text) && p.also.test(text), 'a file failure with the trailer reaches the regex and its also');
    t.ok(p.unless.test(text), 'unless keeps it out');
  }
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
  t.ok(regexOf('config.checkpoint_shape').test(TORCH_OLD_OOM));
});

const ENOSPC_DE =
  "sed: couldn't flush /build/fw.x1/image/etc/sedAT: Auf dem Gerät ist kein Speicherplatz mehr verfügbar\ncat: Schreibfehler: Auf dem Gerät ist kein Speicherplatz mehr verfügbar\nmake: *** [Makefile:40: image] Fehler 1";
const ZH_PROSE =
  '底盘设备上没有空间安装激光雷达，所以我把它装在顶部。\n[ERROR] [1700000000.1]: Failed to load nodelet [/lidar/driver]';
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
    // Ordinary Chinese "no room on the device" (for a lidar on the chassis), not strerror after a colon.
    [ZH_PROSE, '!resource_error/disk_full'],
  ],
);

t.test('the localized ENOSPC control reaches the regex and unless decides it', async (t) => {
  const p = patternOf('disk.full');
  if (!p?.unless) throw new Error('disk.full has unless');
  t.ok(p.match.test(ENOSPC_MMAL) && p.unless.test(ENOSPC_MMAL));
  t.ok(ZH_PROSE.includes('设备上没有空间'), 'the prose control holds the words');
  t.ok(execsWhileReading('disk.full', ZH_PROSE, readWhole) > 0, 'it reaches disk.full');
  t.notOk(p.match.test(ZH_PROSE), 'and is not read');
});

t.test('robotics-24 forms: hostile inputs', async (t) => {
  const runs: [string, string | null][] = [
    [`Error: x\n${'Object name = '.repeat(500)}${','.repeat(2000)}`, 'sim.mujoco_compile_error'],
    [`Error: x\n${"Element name '".repeat(500)}${"'".repeat(2000)} id`, 'sim.mujoco_compile_error'],
    [`Error: x\nObject name = ${'x'.repeat(3000)}, id = ${'1'.repeat(3000)}`, 'sim.mujoco_compile_error'],
    [`${'size mismatch for a.b: copying a param of '.repeat(200)}torch.Size`, 'config.checkpoint_shape'],
    [`${'：  设备上没有空'.repeat(300)}x`, null],
    [`${'Auf dem Gerät ist kein Speicherplatz '.repeat(300)}x`, 'disk.full'],
  ];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
