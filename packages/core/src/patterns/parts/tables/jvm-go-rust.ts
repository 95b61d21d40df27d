/**
 * Failure forms of the JVM (java.lang / java.io / java.net exceptions), .NET (System.*), Go
 * (runtime panics) and Rust (panics of the standard library), mapped to the taxonomy.
 * EXCEPTION_CLASSES is keyed by the class's simple name (the engine strips the package);
 * RUNTIME_PANICS by a fixed phrase of the panic message.
 */
import { m, type PartTable } from '../table.js';

export const EXCEPTION_CLASSES: PartTable = {
  // JVM
  NullPointerException: m('runtime_error/null_reference', 'Null dereference', 1),
  ArrayIndexOutOfBoundsException: m('runtime_error/index_error', 'Array index out of bounds', 1),
  IndexOutOfBoundsException: m('runtime_error/index_error', 'Index out of bounds', 1),
  StringIndexOutOfBoundsException: m('runtime_error/index_error', 'String index out of bounds', 1),
  ClassCastException: m('runtime_error/type_error', 'A cast to the wrong type', 1),
  NumberFormatException: m('runtime_error/value_error', 'A string that is not a number', 0.9),
  IllegalArgumentException: m('validation_error/invalid_argument', 'An illegal argument', 0.7),
  IllegalStateException: m('runtime_error/unhandled_exception', 'An illegal state', 0.5),
  ArithmeticException: m('runtime_error/division_by_zero', 'Arithmetic exception (/ by zero)', 0.8),
  ClassNotFoundException: m('import_error/module_not_found', 'A class not on the classpath', 1),
  NoClassDefFoundError: m('import_error/module_not_found', 'A class not on the classpath', 0.9),
  NoSuchMethodError: m('import_error/version_conflict', 'A method missing from the library version loaded', 0.9),
  UnsatisfiedLinkError: m('import_error/missing_native_lib', 'A native library that cannot be loaded', 1),
  OutOfMemoryError: m('resource_error/host_oom', 'Out of heap memory', 0.9),
  ConnectException: m('network_error/connection_refused', 'Connection refused', 0.9),
  SocketTimeoutException: m('timeout/request_timeout', 'Socket timed out', 1),
  UnknownHostException: m('network_error/dns_failure', 'Unknown host', 1),
  SSLHandshakeException: m('network_error/tls_error', 'TLS handshake failed', 1),
  FileNotFoundException: m('config_error/file_not_found', 'File not found', 0.9),
  NoSuchFileException: m('config_error/file_not_found', 'File not found', 0.9),
  AccessDeniedException: m('auth_error/permission_denied', 'Access denied', 0.8),
  // .NET
  NullReferenceException: m('runtime_error/null_reference', 'Null reference', 1),
  ArgumentNullException: m('validation_error/invalid_argument', 'A required argument is null', 0.8),
  ArgumentOutOfRangeException: m('validation_error/invalid_argument', 'An argument out of range', 0.8),
  ArgumentException: m('validation_error/invalid_argument', 'An invalid argument', 0.6),
  IndexOutOfRangeException: m('runtime_error/index_error', 'Index out of range', 1),
  KeyNotFoundException: m('runtime_error/key_error', 'A key that is not there', 1),
  InvalidCastException: m('runtime_error/type_error', 'A cast to the wrong type', 1),
  FormatException: m('runtime_error/value_error', 'A string in the wrong format', 0.8),
  DivideByZeroException: m('runtime_error/division_by_zero', 'Division by zero', 1),
  UnauthorizedAccessException: m('auth_error/permission_denied', 'Access denied', 0.8),
  OutOfMemoryException: m('resource_error/host_oom', 'Out of memory', 0.9),
  HttpRequestException: m('network_error/connection_refused', 'HTTP request failed', 0.4),
  TaskCanceledException: m('timeout/request_timeout', 'A task cancelled (usually HttpClient.Timeout)', 0.5),
  DllNotFoundException: m('import_error/missing_native_lib', 'A native library that cannot be loaded', 1),
  FileLoadException: m('import_error/version_conflict', 'An assembly that cannot be loaded', 0.7),
};

export const RUNTIME_PANICS: PartTable = {
  // Go
  'invalid memory address or nil pointer dereference': m('runtime_error/null_reference', 'nil pointer dereference (Go)', 1),
  'assignment to entry in nil map': m('runtime_error/null_reference', 'assignment to a nil map (Go)', 1),
  'index out of range': m('runtime_error/index_error', 'index out of range', 1),
  'slice bounds out of range': m('runtime_error/index_error', 'slice bounds out of range (Go)', 1),
  'integer divide by zero': m('runtime_error/division_by_zero', 'integer divide by zero', 1),
  'all goroutines are asleep - deadlock!': m('timeout/hang_or_deadlock', 'all goroutines asleep: deadlock (Go)', 1),
  'concurrent map writes': m('runtime_error/unhandled_exception', 'concurrent map writes (Go)', 0.8),
  'interface conversion:': m('runtime_error/type_error', 'interface conversion (Go)', 0.9),
  // Rust
  'called `Option::unwrap()` on a `None` value': m('runtime_error/null_reference', 'unwrap() on None (Rust)', 1),
  'called `Result::unwrap()` on an `Err` value': m('runtime_error/unhandled_exception', 'unwrap() on Err (Rust)', 0.6),
  'index out of bounds: the len is': m('runtime_error/index_error', 'index out of bounds (Rust)', 1),
  'attempt to divide by zero': m('runtime_error/division_by_zero', 'divide by zero (Rust)', 1),
  'with overflow': m('runtime_error/value_error', 'arithmetic overflow (Rust)', 0.7),
  'has overflowed its stack': m('runtime_error/unhandled_exception', 'stack overflow', 0.7),
};
