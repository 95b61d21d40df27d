/**
 * Forms of robotics-19's misses that recur across robot projects (issue 13): a Python call's
 * argument mismatch in a program's own traceback (not an agent's tool call), the shell's
 * lower-case "segmentation fault", motors named as not answering, and a flight controller refusing
 * to arm. Texts written for these tests in the tools' own wording, with negative controls.
 */
import t from 'tap';
import { familyWithControls, readTrace } from './patterns-read.js';

t.test("a call's argument mismatch in a program's own traceback is its type error, an agent's is the tool call", async (t) => {
  const own = [
    readTrace(
      'TypeError',
      "__init__() got an unexpected keyword argument 'grid_size'",
      'rosrun grid_mapper build_map.py\nTraceback (most recent call last):\n  File "/home/u/ws/src/mapper/scripts/build_map.py", line 40, in <module>\n    mapper = GridMapper(resolution=0.05, grid_size=200)\nTypeError: __init__() got an unexpected keyword argument \'grid_size\'',
    ),
    readTrace(
      'TypeError',
      "step() missing 1 required positional argument: 'action'",
      'Traceback (most recent call last):\n  File "train_arm.py", line 88, in rollout\n    env = RobotArmEnv(render=False)\n    obs = env.step()\nTypeError: step() missing 1 required positional argument: \'action\'',
    ),
  ];
  for (const r of own) t.equal(`${r.category}/${r.factor}`, 'runtime_error/type_error', String(r.code));
  const tool = readTrace(
    'TypeError',
    "search_web() got an unexpected keyword argument 'max_results'",
    "Error in tool call execution: search_web() got an unexpected keyword argument 'max_results'\nTypeError: search_web() got an unexpected keyword argument 'max_results'",
  );
  t.equal(`${tool.category}/${tool.factor}`, 'tool_error/invalid_tool_args', String(tool.code));
  const agent = readTrace(
    'TypeError',
    "get_weather() missing 1 required positional argument: 'city'",
    'File "langchain/agents/agent.py", line 1100, in _take_next_step\n    observation = tool.run(agent_action.tool_input)\nTypeError: get_weather() missing 1 required positional argument: \'city\'',
  );
  t.equal(`${agent.category}/${agent.factor}`, 'tool_error/invalid_tool_args', String(agent.code));
});

familyWithControls(
  "the shell's lower-case 'segmentation fault' is a native crash",
  [
    ['zsh: segmentation fault (core dumped)  python train_policy.py --task reach', 'runtime_error/unhandled_exception'],
    ['[1]    40211 segmentation fault  ./slam_node', 'runtime_error/unhandled_exception'],
  ],
  [
    ['The segmentation fault reported last week is fixed in 2.1; no crash since.', '!runtime_error/unhandled_exception'],
    ['[INFO] segmentation fault handler installed', '!runtime_error/unhandled_exception'],
  ],
);

familyWithControls(
  'motors named as not answering are the actuators (rule 2)',
  [
    ['[FATAL] [/arm_manager]: arm_port: No motors found.', 'hardware_fault/actuator_fault'],
    [
      'pypot.dynamixel.io.abstract_io.DxlTimeoutError: motors 3, 4 did not respond after sending DxlReadDataPacket(id=3, address=36, length=2)',
      'hardware_fault/actuator_fault',
    ],
    [
      '[ERROR] Exception thrown while getting attributes for motor 2 - Invalid response received from motor 2. Wrong checksum',
      'hardware_fault/actuator_fault',
    ],
    [
      '[ERROR] Failed to read present position: Checksum received from servo 12 does not match the expected one (17 != 203)',
      'hardware_fault/actuator_fault',
    ],
  ],
  [
    ['Checksum of the downloaded firmware does not match the expected one', '!hardware_fault/actuator_fault'],
    ['[INFO] Pinging motor IDs 1 through 6... found 6 motors.', '!hardware_fault/actuator_fault'],
    ['[WARN] planner: the server did not respond within 5 s', '!hardware_fault/actuator_fault'],
    ['Invalid response received from server: HTTP 502', '!hardware_fault/actuator_fault'],
  ],
);

familyWithControls(
  'a flight controller refusing to arm is an operation refused in its state (rule 8)',
  [
    ['Unable to arm due to error code 4', 'validation_error/forbidden_operation'],
    ['Arming disable flags: 0x204', 'validation_error/forbidden_operation'],
    ['Arming disabled flags: RXLOSS CLI', 'validation_error/forbidden_operation'],
  ],
  [
    ['Armed. Motors spinning; arming disable flags cleared at boot', '!hardware_fault/actuator_fault'],
    ['Unable to arm the robot arm controller: could not open /dev/ttyACM0', '!validation_error/forbidden_operation'],
  ],
);
