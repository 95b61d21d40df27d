/** Patterns: resources. Evaluated in the order of library.ts; tested in test/patterns.test.ts and test/patterns-providers.test.ts. */
import { MMAL_CAMERA } from '../parts/tables/errno.js';
import type { Pattern } from '../types.js';

/** A MemoryError class named as missing: "has no attribute 'OutOfMemoryError'", "cannot import name 'OutOfMemoryError'". */
const NO_MEMORY_ERROR_CLASS = /has no attribute ["']\w{0,40}MemoryError["']|cannot import name ["']\w{0,40}MemoryError["']/;

export const RESOURCES: Pattern[] = [
  {
    id: 'gpu.oom',
    category: 'resource_error',
    factor: 'gpu_oom',
    severity: 'high',
    confidence: 0.96,
    priority: 92,
    match:
      /(CUDA out of memory[^\n]{0,100}|XlaRuntimeError: (?:INTERNAL|RESOURCE_EXHAUSTED): Failed to allocate \d{1,15} bytes[^\n]{0,60}|Can't reduce memory use below [\d.]{1,10}\s?[KMGT]i?B[^\n]{0,60}by rematerialization[^\n]{0,60}|PxgCudaDeviceMemoryAllocator fail to allocate memory[^\n]{0,60}|No available memory for the cache blocks[^\n]{0,60}|larger than the maximum number of tokens that can be stored in KV cache[^\n]{0,40}|torch\.(?:cuda\.)?OutOfMemoryError[^\n]{0,80}|CUDA error: out of memory|CUDA runtime error: out of memory|cudaSuccess[^\n]{0,80}out of memory|CUDA_ERROR_OUT_OF_MEMORY|cudaErrorMemoryAllocation|CUBLAS_STATUS_ALLOC_FAILED|OOM when allocating tensor[^\n]{0,80}|ResourceExhaustedError[^\n]{0,60}OOM|(?:HIP|MPS backend|XPU) out of memory[^\n]{0,60}|NPU out of memory\. Tried to allocate[^\n]{0,60}|out of memory on device[^\n]{0,60}|failed to allocate [^\n]{0,40} on (?:device|GPU)|Not enough memory[^\n]{0,40}GPU|RESOURCE_EXHAUSTED: Out of memory while trying to allocate|Allocation on device \d{1,3} would exceed allowed memory|Cuda failure '?out of memory|Free memory on device[^\n]{0,60}is less than desired GPU memory utilization|KV cache(?:[ \t]{1,3}|[ \t]{0,3}\r?\n[ \t]{0,3})is needed, which is larger than the available KV cache memory|CUDA runtime error in [^\n]{0,80}\): out of memory|cudaMalloc\w{0,10}\([^\n)]{0,80}\): out of memory|PT_DEVMEM Allocation failed[^\n]{0,60})/i,
    // torch_npu (Ascend) prints the CUDA allocator's message with its device's name: "NPU out of memory.
    // Tried to allocate 3.47 GiB (NPU 0; …)" (agent-18 vllm-ascend), as HIP/XPU/MPS do. Only that allocator
    // form: "NPU" also names other vendors' accelerators, whose compilers print "NPU out of memory while
    // compiling model; falling back to CPU" and go on (review of 364380c).
    // Not in a record where an AttributeError/ImportError says a MemoryError class is missing
    // ("module 'torch' has no attribute 'OutOfMemoryError'" after the traceback's source line
    // "except torch.OutOfMemoryError:"): code written for another torch release (version_conflict).
    unless: NO_MEMORY_ERROR_CLASS,
    title: 'GPU out of memory',
    hypothesis: 'The model, batch or activations need more GPU memory than the device has free.',
    fix: 'Lower the batch size or sequence length, enable gradient checkpointing or mixed precision, or use a larger GPU; free other processes on the device.',
    actions: [
      'Reduce batch size / max sequence length',
      'Use mixed precision or gradient checkpointing',
      'Check nvidia-smi for other processes holding memory',
    ],
  },
  {
    id: 'host.oom',
    category: 'resource_error',
    factor: 'host_oom',
    severity: 'high',
    confidence: 0.92,
    priority: 88,
    match:
      /(Out of memory: Killed? process[^\n]{0,60}|(?:node|Node) was low on resource: memory[^\n]{0,40}|requires more system memory[^\n]{0,60}|oom-kill(?:er)?[^\n]{0,60}|OOMKilled|OOM ?killer|exit(?:s|ed)? (?:with )?(?:code|status)[:= ]{0,3}137|exit code 137|exit code \(137\)|[Ss]tatus code 137\b|MemoryError\b[^\n]{0,60}|java\.lang\.OutOfMemoryError[^\n]{0,60}|JavaScript heap out of memory|Cannot allocate memory|(?:Could not|Failed to|Unable to) allocate memory\b(?![^\n]{0,40}\b(?:device|GPU|CUDA|VRAM)\b)|\bENOMEM\b|std::bad_alloc|fatal error: runtime: out of memory|runtime: out of memory|Unable to allocate [\d.]{1,20} [KMGT]i?B[^\n]{0,60}|DefaultCPUAllocator: (?:can't allocate|not enough) memory[^\n]{0,40}|memory limit (?:exceeded|reached)|exceeded (?:its |the )?memory limit|Container killed[^\n]{0,60}memory|killed by (?:the )?(?:OOM|out-of-memory)|Worker[^\n]{0,40}exceeded[^\n]{0,40}memory|SIGKILL[^\n]{0,40}memory|DataLoader worker \(pid:? ?\d{1,10}\) is killed by signal: Killed|["']?exitCode["']?\s{0,3}[:=]\s{0,3}137\b|Killed[ \t\r]{0,20}$|\bline \d{1,7}: {1,12}\d{1,10} Killed[ \t]{1,40}\S[^\n]{0,60}|\b[1-9]\d{0,6} Workers? \(tasks \/ actors\) killed due to memory pressure \(OOM\)|\[\d{1,4}\][+-]? {1,12}(?:\d{1,10} {1,12})?[Kk]illed[ \t]{1,40}\S[^\n]{0,60})/im,
    // docker's "exits with code 137" as "exited with code 137" (tuned cases: three projects,
    // host_oom 3 of 3). Not in a record where an AttributeError/ImportError says a MemoryError
    // class is missing (NO_MEMORY_ERROR_CLASS: code for another torch release).
    // A shell's job report of a child killed by SIGKILL ("./run.sh: line 2:  6 Killed  python3 ...", bash;
    // "[1]  14875 killed  python main.py", zsh) with no other word: the kernel's OOM killer, as for
    // a compiler killed during a build (docs/taxonomy.md rule 6; labels host_oom 4, no other). Ray's
    // raylet counts the workers its memory monitor killed ("2 Workers (tasks / actors) killed due to
    // memory pressure (OOM)"; a count of 0 is not read). Not when the record shows who sent the SIGKILL
    // (kill -9, pkill, killall, timeout -s KILL/-k, "sending signal KILL"): then the kill was
    // deliberate, not the kernel's.
    unless: new RegExp(
      `${NO_MEMORY_ERROR_CLASS.source}|${String.raw`OOMKilled["']?[:=]\s{0,3}false|\bkill -(?:9|KILL|SIGKILL|s (?:9|KILL|SIGKILL))\b|\b(?:pkill|killall)\b|\btimeout (?:-s ?|--signal[= ])(?:9|KILL|SIGKILL)\b|\btimeout -k\b|\bsending signal (?:KILL|SIGKILL)\b`}`,
      'i',
    ),
    title: 'Host ran out of memory',
    hypothesis: 'The process used more RAM than the host or container allows, and was killed or failed to allocate.',
    fix: 'Raise the memory limit, stream or shard the data instead of loading it whole, or reduce workers/batch size.',
    actions: ['Check the container memory limit and peak RSS', 'Load data lazily / in chunks', 'Reduce parallel workers'],
  },
  {
    id: 'host.oom_prose',
    category: 'resource_error',
    factor: 'host_oom',
    severity: 'high',
    // The reporter's words for a host (a Raspberry Pi building roscpp, a robot computer) that "ran out of
    // memory" with no allocator line printed: docs/taxonomy.md rule 6, host memory. Not when the memory
    // is a GPU's (gpu.oom reads those; the words GPU/CUDA/VRAM/device near the phrase keep this off).
    confidence: 0.66,
    priority: 45,
    match:
      /(?<!\b(?:GPU|CUDA|VRAM|device|graphics card)\b[^\n]{0,30})\b(?:ran|runs?|running) out of (?:memory|RAM)\b(?![^\n]{0,30}\b(?:GPU|CUDA|VRAM|on (?:the )?device)\b)/i,
    title: 'Host ran out of memory',
    hypothesis: 'The machine ran out of RAM for the job (often a compiler or a data load on a small board).',
    fix: 'Add swap or RAM, run fewer parallel jobs (colcon --parallel-workers 1, make -j1, MAKEFLAGS=-j1), or load less at once.',
    actions: ['Check free -h and dmesg for the OOM killer', 'Reduce parallel build jobs or add swap'],
  },
  {
    id: 'host.shm_exhausted',
    category: 'resource_error',
    factor: 'host_oom',
    severity: 'high',
    // PyTorch DataLoader workers dying of SIGBUS because the shared-memory segment (/dev/shm, 64 MB
    // by default in Docker) is full: memory of the host the run may use, not a bug in the code
    // (pytorch/pytorch#5040, #108861, hkchengrex/STCN#132, msr-fiddle/pipedream#28,
    // open-mmlab/mmdetection#1997, bytedance/Protenix#2). Below the high band: a corrupt dataset
    // can raise the same bus error (greatlog/UnpairedSR#17).
    confidence: 0.72,
    priority: 84,
    match:
      /(DataLoader worker \(pid:? ?\d{1,10}\) is killed by signal: Bus error[^\n]{0,120}|Unexpected bus error encountered in worker\. This might be caused by insufficient shared memory[^\n]{0,20}|workers are out of shared memory[^\n]{0,60})/,
    title: 'Out of shared memory (/dev/shm) for the data loader',
    hypothesis:
      "The data loader's worker processes pass batches through shared memory, and the shared-memory segment (/dev/shm) is too small for them: the workers die with a bus error.",
    fix: 'Give the container more shared memory (docker --shm-size=8g or --ipc=host; a memory-backed emptyDir on /dev/shm in Kubernetes), or lower num_workers / the batch size.',
    actions: ['Check df -h /dev/shm inside the container', 'Raise --shm-size or mount a larger /dev/shm'],
  },
  {
    id: 'fd.exhausted',
    category: 'resource_error',
    factor: 'fd_exhausted',
    severity: 'high',
    confidence: 0.92,
    priority: 87,
    match:
      /(Too many open files|\bEMFILE\b|\bENFILE\b|file watchers reached|System limit for number of file watchers|too many open file descriptors)/i,
    title: 'Out of file descriptors',
    hypothesis: 'The process hit its open-file limit (leaked handles or sockets, or a low ulimit).',
    fix: 'Close files/sockets you open (look for leaks), or raise the open-files limit (ulimit -n / LimitNOFILE).',
    actions: ['Count open handles (lsof -p) for the process', 'Raise ulimit -n for the service'],
  },
  {
    id: 'disk.full',
    category: 'resource_error',
    factor: 'disk_full',
    severity: 'critical',
    confidence: 0.94,
    priority: 86,
    match:
      /(No space left on device|Auf dem Gerät ist kein Speicherplatz mehr verfügbar|Aucun espace disponible sur le périphérique|No queda espacio en el dispositivo|[:：][ \t]{0,3}设备上没有空间|\bENOSPC\b|Disk quota exceeded|\bEDQUOT\b|disk (?:is )?full|not enough (?:free )?(?:disk )?space|insufficient (?:disk|storage) space|low on resource: ephemeral-storage|There is not enough space on the disk|DiskFull)/i,
    // ENOSPC's strerror as glibc's de, fr, es and zh_CN locales print it (coreutils, sed, tar in a
    // localized shell; robotics-24c's firmware build printed the German one); the Chinese one only after
    // the colon strerror follows ("…: 设备上没有空间"): bare, it is ordinary Chinese for "no room on the
    // device" (a chassis with no room for a lidar; review of 5fdb47c).
    // The Raspberry Pi camera's MMAL layer answers ENOSPC for a camera it cannot enable: not a disk.
    unless: MMAL_CAMERA,
    title: 'Disk full',
    hypothesis: 'The volume the run writes to (checkpoints, cache, logs, /tmp) has no free space left.',
    fix: 'Free or enlarge the volume; move caches and checkpoints to a larger disk and rotate old ones.',
    actions: ["Check df on the run's volumes", 'Clean caches / old checkpoints', 'Alert on disk usage'],
  },
  {
    id: 'disk.checkpoint_write',
    category: 'resource_error',
    factor: 'disk_full',
    severity: 'high',
    // torch.save's zip writer stopping mid-file: "PytorchStreamWriter failed writing file ...: file
    // write failed", "enforce fail at inline_container.cc:N] . unexpected pos A vs B". Most reports
    // are a full disk (pytorch/pytorch#10577, YuanGongND/ast#30 with ENOSPC just before,
    // innnky/so-vits-svc#46, verl-project/verl#3346); a quota or a network filesystem reads the
    // same, so below the high band.
    confidence: 0.7,
    priority: 80,
    match:
      /(PytorchStreamWriter failed writing file [^\n]{0,60}file write failed|enforce fail at inline_container\.cc:\d{1,5}\] \. unexpected pos \d{1,15} vs \d{1,15})/,
    title: 'A checkpoint write stopped mid-file (disk full?)',
    hypothesis:
      'torch.save could not finish writing the checkpoint: the volume it writes to ran out of space (or quota) while the file was being written.',
    fix: 'Free space on the checkpoint volume (old checkpoints, caches), write checkpoints to a larger disk, and keep fewer of them.',
    actions: ["Check df (and quotas) on the checkpoint directory's volume", 'Rotate old checkpoints'],
  },
  {
    id: 'k8s.insufficient_capacity',
    category: 'resource_error',
    factor: 'quota_exceeded',
    severity: 'high',
    // Kubernetes: the scheduler finds no node with the requested capacity ("0/4 nodes are available: 4
    // Insufficient nvidia.com/gpu"), or a namespace ResourceQuota refuses the pod ("exceeded quota:"):
    // a capacity quota (docs/taxonomy.md rule 10).
    confidence: 0.72,
    // Above auth.permission_denied (76): the ResourceQuota refusal comes as "Error from server (Forbidden)".
    priority: 80,
    match:
      /(\d{1,5}\/\d{1,5} nodes are available:[^\n]{0,80}Insufficient [\w./-]{1,60}[^\n]{0,40}|is forbidden: exceeded quota: [^\n]{0,100})/,
    title: 'No capacity for the pod',
    hypothesis:
      "The cluster (or the namespace's quota) has no room for the resources the pod requests (GPUs, CPU, memory), so it stays Pending.",
    fix: 'Lower the requests, free or add nodes with that resource, or raise the namespace quota.',
    actions: ['kubectl describe pod: read the scheduler event', 'kubectl describe nodes / resourcequota for what is allocatable'],
  },
];
