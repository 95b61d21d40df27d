/**
 * Package messages of model-serving and distributed-compute stacks
 * (tables/packages/inference-servers.ts): a line as the package prints it, values filled in, is
 * named by the package's own message where no pattern of the library reads it. Before the table
 * every positive text below was answered by something else (unknown, a bare exception class, the
 * learned second opinion or another part, most with another pair); the controls are near texts
 * that are not the message.
 */
import { familyByPackage } from './patterns-read.js';

familyByPackage(
  'llama.cpp: the model loader, the GGUF reader, the CUDA backend, llama-server',
  [
    [
      "llama_model_load: error loading model: error loading model architecture: unknown model architecture: 'gemma3n'\nllama_model_load_from_file_impl: failed to load model",
      'import_error/version_conflict',
    ],
    [
      "llama_model_load: error loading model: tensor 'blk.23.ffn_down.weight' data is not within the file bounds, model is corrupted or incomplete",
      'data_error/corrupt_input',
    ],
    ["gguf_init_from_file_impl: invalid magic characters: 'vers', expected 'GGUF'", 'data_error/corrupt_input'],
    [
      'ggml_backend_cuda_buffer_type_alloc_buffer: allocating 7683.52 MiB on device 0: cudaMalloc failed: out of memory\nalloc_tensor_range: failed to allocate CUDA0 buffer of size 8056758272',
      'resource_error/gpu_oom',
    ],
    [
      'srv  send_error: task id = 3, error: input (9000 tokens) is larger than the max context size (8192 tokens). skipping',
      'context_overflow/context_length_exceeded',
    ],
    ['{"error":{"code":500,"message":"tools param requires --jinja flag","type":"server_error"}}', 'config_error/invalid_config'],
    [
      "llama_model_load: error loading model: error loading model vocabulary: unknown pre-tokenizer type: 'qwen35'",
      'import_error/version_conflict',
    ],
    ["llama_model_load: error loading model: missing tensor 'blk.0.attn_q_norm.weight'", 'data_error/missing_field'],
  ],
  [
    [
      'llama_model_loader: loaded meta data with 33 key-value pairs and 292 tensors from models/llama-3-8b.Q4_K_M.gguf (version GGUF V3 (latest))',
      'unknown/unknown',
    ],
    ['llama_kv_cache: CUDA0 KV buffer size = 256.00 MiB', 'unknown/unknown'],
    ['note: unknown model architecture names are listed in the README', '!import_error/version_conflict'],
  ],
);

familyByPackage(
  'llama-cpp-python',
  [
    ['ValueError: Model path does not exist: ./models/llama-2-7b.Q4_0.gguf', 'config_error/file_not_found'],
    ["RuntimeError: Shared library with base name 'llama' not found", 'import_error/missing_native_lib'],
    ['ValueError: Llama model must be created with embedding=True to call this method', 'config_error/invalid_config'],
  ],
  [['llama_cpp: Requested tokens are cached (info)', 'unknown/unknown']],
);

familyByPackage(
  'Ray: its core, Serve and Train messages',
  [
    [
      '(raylet) [2025-03-02 10:14:07,118 E 4412 4412] (raylet) node_manager.cc:3069: 2 worker(s) were killed due to the node running low on memory. Refer to the documentation on how to address the out of memory issue',
      'resource_error/host_oom',
    ],
    [
      'ray.exceptions.RaySystemError: System error: Failed to connect to GCS at address 10.0.0.2:6379 within 60 seconds.',
      'network_error/connection_refused',
    ],
    [
      '2025-01-01 12:00:00,000 ERROR -- The deployment failed to start 3 times in a row. This may be due to a problem with its constructor or initial health check failing. See controller logs for details.',
      'runtime_error/unhandled_exception',
    ],
    [
      "WARNING deployment_state.py:1705 -- Didn't receive health check response for replica Replica(id='x1', deployment='LLM', app='default') after 10.0s, marking it unhealthy.",
      'timeout/hang_or_deadlock',
    ],
  ],
  [
    ['(raylet) INFO: 2 workers started on the node', 'unknown/unknown'],
    ['the deployment started 3 replicas in a row (info)', 'unknown/unknown'],
  ],
);

familyByPackage(
  'NVIDIA Triton Inference Server: core and the Python backend',
  [
    [
      "E0412 10:22:31.118 1 model_lifecycle.cc:654] failed to load 'resnet50' version 1: Invalid argument: unable to find backend library for backend 'pytorch', try specifying runtime on the model configuration.",
      'import_error/module_not_found',
    ],
    [
      "tritonclient.utils.InferenceServerException: [StatusCode.NOT_FOUND] Request for unknown model: 'bert' is not found",
      'config_error/invalid_config',
    ],
    [
      "E0412 10:22:31.118 1 model_repository_manager.cc:1186] failed to load 'ensemble' version 1: Internal: Failed to increase the shared memory pool size to 134217728 bytes. If you are running Triton inside docker, use '--shm-size' flag to control the shared memory region size.",
      'resource_error/disk_full',
    ],
  ],
  [['I0412 10:22:31.118 1 model_repository_manager.cc:1020] Poll of model directory ok', 'unknown/unknown']],
);

familyByPackage(
  'text-generation-inference: the launcher',
  [
    ['Error: not enough cuda devices: 4', 'config_error/invalid_config'],
    [
      '2024-05-01T10:00:00.000000Z ERROR text_generation_launcher: `max_batch_prefill_tokens` must be >= `max_input_tokens`. Given: 2048 and 4095',
      'config_error/invalid_config',
    ],
  ],
  [['2024-05-01T10:00:00.000000Z  INFO text_generation_launcher: Sharding model on 2 processes', 'unknown/unknown']],
);

familyByPackage(
  'GPU kernels and quantization: flash-attn, xFormers, bitsandbytes',
  [
    ['RuntimeError: FlashAttention only support fp16 and bf16 data type', 'validation_error/type_mismatch'],
    [
      'RuntimeError: FlashAttention is only supported on CUDA 11.7 and above.  Note: make sure nvcc has a supported version by running nvcc -V.',
      'import_error/version_conflict',
    ],
    [
      "WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built for:\n    PyTorch 2.1.0+cu121 with CUDA 1201 (you have 2.2.0+cu121)",
      'import_error/version_conflict',
    ],
    [
      "RuntimeError: Attempted to use bitsandbytes native library functionality but it's not available.",
      'import_error/missing_native_lib',
    ],
  ],
  [['flash_attn: using FlashAttention 2.5.8 on sm_80 (info)', 'unknown/unknown']],
);

familyByPackage(
  'Retrieval and tokenizers: FAISS, sentence-transformers, tiktoken',
  [
    [
      "RuntimeError: Error in void faiss::read_index_header(faiss::Index*, faiss::IOReader*) at /project/faiss/faiss/impl/index_read.cpp:57: Error: 'ret == (1)' failed: read error in index.faiss: 0 != 1 (Success)",
      'data_error/corrupt_input',
    ],
    [
      "ValueError: Prompt name 'query' not found in the configured prompts dictionary with keys [].",
      'config_error/invalid_config',
    ],
    [
      "KeyError: 'Could not automatically map llama3 to a tokeniser. Please use `tiktoken.get_encoding` to explicitly get the tokeniser you expect.'",
      'config_error/invalid_config',
    ],
  ],
  [['faiss: loaded index with 1000 vectors of dimension 768', 'unknown/unknown']],
);

familyByPackage(
  'Second pass: llama.cpp CLI and downloads, Ray head address, tritonclient',
  [
    ['error while handling argument "--n-gpu-layers": stoi\n\nusage:\n-ngl, --n-gpu-layers N', 'config_error/invalid_config'],
    ['ggml_cuda_init: failed to initialize CUDA: no CUDA-capable device is detected', 'config_error/invalid_config'],
    [
      'ConnectionError: Unable to connect to GCS (ray head) at 10.0.0.5:6379. Check that (1) Ray with matching version started successfully at the specified address',
      'network_error/connection_refused',
    ],
    [
      'tritonclient.utils.InferenceServerException: got unexpected numpy array shape [1, 3, 224], expected [1, 3, 224, 224]',
      'validation_error/invalid_argument',
    ],
    [
      'tritonclient.utils.InferenceServerException: got unexpected datatype int64 from numpy array, expected INT32',
      'validation_error/type_mismatch',
    ],
  ],
  [['tritonclient: got numpy array of shape [1, 3, 224, 224] (debug)', 'unknown/unknown']],
);

familyByPackage(
  "Triton's backends: the model configuration against the model",
  [
    [
      "E0301 09:12:44.101 1 model_lifecycle.cc:654] failed to load 'densenet_onnx' version 1: Invalid argument: unable to load model 'densenet_onnx', configuration expects 2 inputs, model provides 1",
      'config_error/invalid_config',
    ],
    [
      "E0301 09:12:44.101 1 model_lifecycle.cc:654] failed to load 'detector' version 1: Invalid argument: model 'detector', tensor 'images': the model expects 4 dimensions (shape [1,3,640,640]) but the model configuration specifies 3 dimensions (shape [3,640,640])",
      'config_error/invalid_config',
    ],
  ],
  [
    [
      'I0301 09:12:44.101 1 onnxruntime.cc:2900] TRITONBACKEND_ModelInstanceInitialize: densenet_onnx_0 (GPU device 0)',
      'unknown/unknown',
    ],
  ],
);
