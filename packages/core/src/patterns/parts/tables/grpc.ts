/**
 * gRPC status codes (grpc.io/docs/guides/status-codes, "Status codes and their use in gRPC"),
 * by name, mapped to the taxonomy. OK, UNKNOWN, NOT_FOUND, ALREADY_EXISTS, ABORTED,
 * FAILED_PRECONDITION, OUT_OF_RANGE and UNIMPLEMENTED are left out: their meaning depends on
 * the service.
 */
import { m, type PartTable } from '../table.js';

export const GRPC_STATUS: PartTable = {
  CANCELLED: m('aborted/manual_abort', 'gRPC CANCELLED', 0.5),
  INVALID_ARGUMENT: m('validation_error/invalid_argument', 'gRPC INVALID_ARGUMENT', 0.6),
  DEADLINE_EXCEEDED: m('timeout/deadline_exceeded', 'gRPC DEADLINE_EXCEEDED', 1),
  PERMISSION_DENIED: m('auth_error/permission_denied', 'gRPC PERMISSION_DENIED', 0.9),
  RESOURCE_EXHAUSTED: m('rate_limit/provider_rate_limit', 'gRPC RESOURCE_EXHAUSTED', 0.6),
  INTERNAL: m('upstream_error/upstream_5xx', 'gRPC INTERNAL', 0.6),
  UNAVAILABLE: m('upstream_error/upstream_5xx', 'gRPC UNAVAILABLE', 0.7),
  DATA_LOSS: m('data_error/corrupt_input', 'gRPC DATA_LOSS', 0.7),
  UNAUTHENTICATED: m('auth_error/invalid_credentials', 'gRPC UNAUTHENTICATED', 0.9),
};

/** The numeric codes, as "code = 14" or "StatusCode(14)" show them. */
export const GRPC_CODE_NAMES: Readonly<Record<string, string>> = {
  '1': 'CANCELLED',
  '3': 'INVALID_ARGUMENT',
  '4': 'DEADLINE_EXCEEDED',
  '7': 'PERMISSION_DENIED',
  '8': 'RESOURCE_EXHAUSTED',
  '13': 'INTERNAL',
  '14': 'UNAVAILABLE',
  '15': 'DATA_LOSS',
  '16': 'UNAUTHENTICATED',
};
