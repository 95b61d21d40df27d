/**
 * Windows system errors and Winsock errors (learn.microsoft.com: "System Error Codes (0-499)",
 * "(500-999)", "(1300-1699)", and "Windows Sockets Error Codes"), as a failure text shows them:
 * Python's "[WinError 10061]", the WSAE* names, and the message texts (English; a localized
 * message still carries the number in "[WinError N]"). Windows numbers overlap POSIX errno numbers
 * (2, 5, 13…), so they are read only in these Windows forms, never from a bare "[Errno N]" below
 * 10000. Codes without a clear taxonomy meaning are left out rather than guessed.
 */
import { m, type PartMeaning } from '../table.js';

export interface WindowsEntry extends PartMeaning {
  /** The WSAE… or ERROR_… name. */
  name: string;
  number: number;
  /** The system's message text (FormatMessage, English). */
  text: string;
}

const w = (name: string, number: number, text: string, pair: string, weight: number): WindowsEntry => ({
  name,
  number,
  text,
  ...m(pair, text, weight),
});

export const WINDOWS_ERRORS: readonly WindowsEntry[] = [
  w('ERROR_FILE_NOT_FOUND', 2, 'The system cannot find the file specified', 'config_error/file_not_found', 0.9),
  w('ERROR_PATH_NOT_FOUND', 3, 'The system cannot find the path specified', 'config_error/file_not_found', 0.9),
  w('ERROR_ACCESS_DENIED', 5, 'Access is denied', 'auth_error/permission_denied', 0.8),
  w(
    'ERROR_NOT_ENOUGH_MEMORY',
    8,
    'Not enough memory resources are available to process this command',
    'resource_error/host_oom',
    1,
  ),
  w(
    'ERROR_OUTOFMEMORY',
    14,
    'Not enough memory resources are available to complete this operation',
    'resource_error/host_oom',
    1,
  ),
  // Also E_INVALIDARG (HRESULT 0x80070057, "The parameter is incorrect"): COM/RPC robot controllers
  // (DENSO b-CAP) answer a call with an argument they reject this way.
  w('ERROR_INVALID_PARAMETER', 87, 'The parameter is incorrect', 'validation_error/invalid_argument', 0.6),
  w('ERROR_DISK_FULL', 112, 'There is not enough space on the disk', 'resource_error/disk_full', 1),
  w('ERROR_MOD_NOT_FOUND', 126, 'The specified module could not be found', 'import_error/missing_native_lib', 0.9),
  w('ERROR_PROC_NOT_FOUND', 127, 'The specified procedure could not be found', 'import_error/version_conflict', 0.8),
  w('ERROR_BAD_EXE_FORMAT', 193, 'is not a valid Win32 application', 'import_error/missing_native_lib', 0.7),
  w('ERROR_FILENAME_EXCED_RANGE', 206, 'The filename or extension is too long', 'config_error/invalid_config', 0.6),
  w('ERROR_COMMITMENT_LIMIT', 1455, 'The paging file is too small for this operation to complete', 'resource_error/host_oom', 1),
  w('ERROR_PRIVILEGE_NOT_HELD', 1314, 'A required privilege is not held by the client', 'auth_error/permission_denied', 0.9),
  w(
    'WSAEACCES',
    10013,
    'An attempt was made to access a socket in a way forbidden by its access permissions',
    'auth_error/permission_denied',
    0.7,
  ),
  w('WSAEMFILE', 10024, 'Too many open sockets', 'resource_error/fd_exhausted', 0.9),
  w(
    'WSAEADDRINUSE',
    10048,
    'Only one usage of each socket address (protocol/network address/port) is normally permitted',
    'config_error/invalid_config',
    0.8,
  ),
  w(
    'WSAENETUNREACH',
    10051,
    'A socket operation was attempted to an unreachable network',
    'network_error/connection_refused',
    0.8,
  ),
  w(
    'WSAECONNABORTED',
    10053,
    'An established connection was aborted by the software in your host machine',
    'network_error/connection_reset',
    0.9,
  ),
  w('WSAECONNRESET', 10054, 'An existing connection was forcibly closed by the remote host', 'network_error/connection_reset', 1),
  w(
    'WSAENOBUFS',
    10055,
    'An operation on a socket could not be performed because the system lacked sufficient buffer space',
    'resource_error/fd_exhausted',
    0.7,
  ),
  w(
    'WSAETIMEDOUT',
    10060,
    'A connection attempt failed because the connected party did not properly respond after a period of time',
    'timeout/request_timeout',
    1,
  ),
  w(
    'WSAECONNREFUSED',
    10061,
    'No connection could be made because the target machine actively refused it',
    'network_error/connection_refused',
    1,
  ),
  w('WSAEHOSTUNREACH', 10065, 'A socket operation was attempted to an unreachable host', 'network_error/connection_refused', 0.9),
  w('WSAHOST_NOT_FOUND', 11001, 'No such host is known', 'network_error/dns_failure', 1),
  w('WSATRY_AGAIN', 11002, 'This is usually a temporary error during hostname resolution', 'network_error/dns_failure', 0.9),
  w(
    'WSANO_DATA',
    11004,
    'The requested name is valid, but no data of the requested type was found',
    'network_error/dns_failure',
    0.8,
  ),
];
