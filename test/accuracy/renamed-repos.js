/**
 * GitHub repositories known under two names (moved to another owner, or renamed): the old name and
 * the current one, both lower case. blind-set.js's sourceKey reads an old name as the current one,
 * so a source filed under either name counts as one repository: a collector cannot take a
 * repository an earlier set used by finding it under its former name, and `used` lists both names
 * for the collectors' grep.
 *
 * Data only. Add a pair when a collector or reviewer finds one (the collectors of session 20 found
 * the first ones: the exact-name check let the old names pass). A pair whose old name a labelled set
 * already uses is fine: both names then key to the current one.
 */
export const RENAMED_REPOS = [
  ['ggerganov/llama.cpp', 'ggml-org/llama.cpp'],
  ['ggerganov/whisper.cpp', 'ggml-org/whisper.cpp'],
  ['ggerganov/ggml', 'ggml-org/ggml'],
  ['jmorganca/ollama', 'ollama/ollama'],
  ['microsoft/deepspeed', 'deepspeedai/deepspeed'],
  ['volcengine/verl', 'verl-project/verl'],
  ['hiyouga/llama-factory', 'hiyouga/llamafactory'],
  ['qwenlm/qwen2.5-vl', 'qwenlm/qwen3-vl'],
  ['bclavie/ragatouille', 'answerdotai/ragatouille'],
  ['turboderp/exllamav2', 'turboderp-org/exllamav2'],
  ['mozilla-ocho/llamafile', 'mozilla-ai/llamafile'],
  ['pytorch/torchtune', 'meta-pytorch/torchtune'],
  ['ros-planning/navigation2', 'ros-navigation/navigation2'],
  ['ros-planning/moveit2', 'moveit/moveit2'],
];

/** Old name -> current name. */
export const CURRENT_NAME = new Map(RENAMED_REPOS);
