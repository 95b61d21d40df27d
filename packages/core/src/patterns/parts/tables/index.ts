/**
 * The parts tables as data, for tooling outside the engine (test/accuracy/train-model.js builds
 * its synthetic examples from them): `@faultline/core/tables`. The engine reads the tables
 * directly; nothing here is used by the analysis itself.
 */
export { packageMatcher } from '../messages.js';
export { CPP_EXCEPTIONS } from './cpp.js';
export { ERRNO, RESOLVER_ERRORS } from './errno.js';
export { CUDA_ERRORS, NCCL_ERRORS } from './gpu.js';
export { GRPC_STATUS } from './grpc.js';
export { HTTP_STATUS } from './http.js';
export { EXCEPTION_CLASSES, RUNTIME_PANICS } from './jvm-go-rust.js';
export { NODE_CODES } from './node.js';
export { DRIVERS } from './packages/drivers.js';
export { PACKAGE_MESSAGES } from './packages/index.js';
export { INDUSTRIAL_ROBOTS } from './packages/industrial-robots.js';
export { NAVIGATION } from './packages/navigation.js';
export { ROS_CORE } from './packages/ros-core.js';
export { ROS_TOOLING } from './packages/ros-tooling.js';
export { VISION_ROBOTS } from './packages/vision-robots.js';
export { PROVIDER_CODES, SDK_EXCEPTIONS } from './providers.js';
export { PYTHON_EXCEPTIONS } from './python.js';
export { WINDOWS_ERRORS } from './windows.js';
