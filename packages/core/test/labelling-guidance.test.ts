/**
 * The tie-breaking rules of docs/taxonomy.md ("Labelling guidance") as the analyzer applies them:
 * for each rule, the reading it picks and, beside it, the text on the other side of the line
 * (a positive control that the rule did not swallow its neighbour).
 */
import t from 'tap';
import { readLog } from './patterns-read.js';

const pair = (text: string) => {
  const r = readLog(text);
  return `${r.category}/${r.factor}`;
};

t.test('the named cause wins over the step it interrupted: an expired token while uploading is the token', async (t) => {
  t.equal(
    pair(
      'boto3.exceptions.S3UploadFailedError: Failed to upload /data/run.csv to bucket/run.csv: An error occurred (ExpiredToken) when calling the PutObject operation: The provided token has expired.',
    ),
    'auth_error/token_expired',
  );
  t.equal(
    pair(
      'boto3.exceptions.S3UploadFailedError: Failed to upload /data/run.csv to bucket/run.csv: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
    ),
    'upload_error/object_storage_upload',
    'control: a bare denial while uploading is the upload',
  );
  t.equal(
    pair(
      'W: GPG error: http://packages.ros.org/ros2/ubuntu noble InRelease: The following signatures were invalid: EXPKEYSIG F42ED6FBAB17C654',
    ),
    'auth_error/token_expired',
    'an expired signing key is an expired credential',
  );
});

t.test('an MCP server that closes the connection is the tool failing to run; one that times out is a timeout', async (t) => {
  t.equal(pair('Failed to connect to MCP server: MCP error -32000: Connection closed'), 'tool_error/tool_execution_failed');
  t.equal(pair('Error: MCP error -32001: Request timed out'), 'timeout/request_timeout', 'control: -32001');
  t.equal(
    pair("{'error': 'Model allenai/unifiedqa-t5-11b is currently loading', 'estimated_time': 1809.18}"),
    'upstream_error/upstream_5xx',
    'a hosted model still loading: the provider cannot serve yet',
  );
  t.equal(
    readLog("{'error': 'Model allenai/unifiedqa-t5-11b is currently loading', 'estimated_time': 1809.18}").code,
    'upstream.5xx',
    'read by the upstream pattern, not guessed',
  );
});

t.test('a navigation watchdog (no progress) is a timeout; a planner that finds no path is the goal not reached', async (t) => {
  t.equal(
    pair('[controller_server-1] [ERROR] [1747823022.05] [controller_server]: Failed to make progress'),
    'timeout/hang_or_deadlock',
  );
  t.equal(
    pair('[planner_server]: GridBased plugin failed to plan from (0.00, 0.00) to (4.10, 2.30)'),
    'policy_failure/task_not_achieved',
    'control: no path',
  );
});

t.test("a checkpoint whose shapes differ from the model the run's settings built is a configuration error", async (t) => {
  t.equal(
    pair(
      'RuntimeError: Error(s) in loading state_dict for Actor:\n\tsize mismatch for _policy.head.weight: copying a param with shape torch.Size([51, 256]) from checkpoint, the shape in current model is torch.Size([65, 256]).',
    ),
    'config_error/invalid_config',
  );
  t.equal(
    pair('RuntimeError: Error(s) in loading state_dict for Actor:\n\tUnexpected key(s) in state_dict: "head.bias".'),
    'runtime_error/unhandled_exception',
    'control: another state_dict error is not read as this rule',
  );
});

t.test('a compiler killed by the kernel is host memory; a bare segfault is a runtime error of native code', async (t) => {
  t.equal(pair('c++: fatal error: Killed signal terminated program cc1plus\ncompilation terminated.'), 'resource_error/host_oom');
  t.equal(
    pair('[wire_server-1] process has died [pid 19408, exit code -11, cmd /opt/ws/lib/wire_server __name:=wire_server].'),
    'runtime_error/unhandled_exception',
    'a segfault: the node crashed',
  );
  t.equal(
    pair('[lidar_align-2] process has died [pid 812, exit code -6, cmd /opt/ws/lib/lidar_align/lidar_align_node].'),
    'runtime_error/unhandled_exception',
    'an abort (exit -6): a failed check or an uncaught exception',
  );
  t.equal(pair('[gzserver-1] Bus error (core dumped)'), 'unknown/unknown', 'control: a bus error names no cause in the program');
  const check = readLog('F0604 17:19:42.455739  7087 main.cc:47] Check failed: reader.ReadProto(&pose_graph)');
  t.equal(`${check.category}/${check.factor}`, 'runtime_error/assertion_failed', 'a failed glog CHECK is an assertion');
  t.ok(check.confidence < 0.8, `a CHECK's condition often names a cause elsewhere: medium confidence (${check.confidence})`);
  t.equal(
    pair(
      '[ERROR] [1499733404.9]: Failed to build tree: parent link [hand_palm_link] of joint [hand_joint] not found.  This is not valid according to the URDF spec.\n[robot_state_pub-1] process has died [pid 6061, exit code -11, cmd /opt/ros/lib/robot_state_publisher].',
    ),
    'validation_error/schema_violation',
    'a segfault after a description that breaks the URDF spec: the description',
  );
});

t.test("setup problems read by their form: an unset shell variable, a licence key, a simulator's buffer sizes", async (t) => {
  t.equal(
    pair('RuntimeError: CUDA error: no kernel image is available for execution on the device'),
    'import_error/version_conflict',
    'a binary built for other GPU architectures',
  );
  t.equal(pair('ros.sh: line 124: ROS_VERSION: unbound variable'), 'config_error/missing_env_var');
  // Control: the rules do not read a lower-case shell variable as the environment. The learned
  // second opinion may still guess from the words, at the share its band is measured right
  // (never confident); that guess is not the rules' reading.
  const lower = readLog('ros.sh: line 124: count: unbound variable');
  t.ok(
    lower.code === 'model.second_opinion' || `${lower.category}/${lower.factor}` === 'unknown/unknown',
    `control: a lower-case shell variable is not the environment to the rules (${lower.code})`,
  );
  t.ok(lower.confidence < 0.8, `and never a confident reading (${lower.confidence})`);
  t.equal(pair('ERROR: Invalid activation key'), 'auth_error/invalid_credentials');
  t.equal(pair('It returned an error of "Expired activation key".'), 'auth_error/token_expired');
  t.equal(pair('nefc overflow - please increase njmax to 148'), 'config_error/invalid_config');
});
