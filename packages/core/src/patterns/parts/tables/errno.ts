/**
 * POSIX errno names (errno(3), Linux asm-generic/errno*.h) with their Linux numbers and
 * strerror texts, mapped to the taxonomy. A failure text shows an errno as its name (ENOSPC),
 * as Python's "[Errno 28]" or as the strerror text ("No space left on device"); all three
 * forms are read. Names without a clear taxonomy meaning (EAGAIN, EINTR, EINVAL…) are left out
 * rather than guessed. EIO, ENXIO, ENODEV and EREMOTEIO are read as a device fault only in a record
 * about a robot sensor or actuator: a sensor fault, or an actuator fault in a record that names
 * an actuator and no sensor (parts/read.ts, ACTUATOR_CONTEXT).
 */
import { m, type PartMeaning } from '../table.js';

/**
 * A record of the Raspberry Pi camera's MMAL layer, which answers ENOSPC/ENOMEM for a camera it cannot
 * enable (maker-boards.ts reads those lines as the camera): no disk is full there. Read by ENOSPC below
 * and by the disk.full pattern (families/resources.ts).
 */
export const MMAL_CAMERA = /\bmmal[_:]/;

/**
 * gdb's own line when it stops in a frame whose source is not installed ("54\t../sysdeps/unix/sysv/linux/
 * raise.c: No such file or directory.", "3103    malloc.c: No such file or directory."): the debugger's
 * strerror, not the program missing a file; the signal or assertion it stopped on is the failure. Its lines
 * are left out of the parts reading (parts/read.ts); config.file_not_found (families/config.ts) is not read
 * in a record that shows it.
 */
export const GDB_SOURCE_NOT_FOUND = /^\d{1,6}[ \t]{1,8}[\w./-]{1,200}\.(?:c|cc|cpp|cxx|S): No such file or directory\.$/m;

export interface ErrnoEntry extends PartMeaning {
  name: string;
  number: number;
  strerror: string;
}

const e = (name: string, number: number, strerror: string, pair: string, weight: number, sensorOnly = false): ErrnoEntry => ({
  name,
  number,
  strerror,
  ...m(pair, strerror, weight, sensorOnly),
});

export const ERRNO: readonly ErrnoEntry[] = [
  e('EPERM', 1, 'Operation not permitted', 'auth_error/permission_denied', 0.8),
  e('ENOENT', 2, 'No such file or directory', 'config_error/file_not_found', 0.9),
  e('EIO', 5, 'Input/output error', 'hardware_fault/sensor_fault', 0.4, true),
  e('ENXIO', 6, 'No such device or address', 'hardware_fault/sensor_fault', 0.5, true),
  e('ENOMEM', 12, 'Cannot allocate memory', 'resource_error/host_oom', 1),
  e('EACCES', 13, 'Permission denied', 'auth_error/permission_denied', 0.9),
  e('ENODEV', 19, 'No such device', 'hardware_fault/sensor_fault', 0.5, true),
  // An I2C/SPI device that does not acknowledge its address (smbus: "[Errno 121] Remote I/O error").
  { ...e('EREMOTEIO', 121, 'Remote I/O error', 'hardware_fault/sensor_fault', 0.5, true), onBareI2cBus: true },
  e('ENOTDIR', 20, 'Not a directory', 'config_error/file_not_found', 0.6),
  e('EISDIR', 21, 'Is a directory', 'config_error/file_not_found', 0.6),
  e('ENFILE', 23, 'Too many open files in system', 'resource_error/fd_exhausted', 1),
  e('EMFILE', 24, 'Too many open files', 'resource_error/fd_exhausted', 1),
  { ...e('ENOSPC', 28, 'No space left on device', 'resource_error/disk_full', 1), unless: MMAL_CAMERA },
  e('EROFS', 30, 'Read-only file system', 'auth_error/permission_denied', 0.6),
  e('EPIPE', 32, 'Broken pipe', 'network_error/connection_reset', 0.8),
  e('EADDRINUSE', 98, 'Address already in use', 'config_error/invalid_config', 0.8),
  e('ENETUNREACH', 101, 'Network is unreachable', 'network_error/connection_refused', 0.8),
  e('ECONNABORTED', 103, 'Software caused connection abort', 'network_error/connection_reset', 0.9),
  e('ECONNRESET', 104, 'Connection reset by peer', 'network_error/connection_reset', 1),
  e('ETIMEDOUT', 110, 'Connection timed out', 'timeout/request_timeout', 0.9),
  e('ECONNREFUSED', 111, 'Connection refused', 'network_error/connection_refused', 1),
  e('EHOSTUNREACH', 113, 'No route to host', 'network_error/connection_refused', 0.9),
  e('EDQUOT', 122, 'Disk quota exceeded', 'resource_error/quota_exceeded', 1),
];

/** getaddrinfo failures (EAI_*), as Node (ENOTFOUND, EAI_AGAIN) and glibc word them. */
export const RESOLVER_ERRORS: readonly ErrnoEntry[] = [
  e('ENOTFOUND', -3008, 'getaddrinfo ENOTFOUND', 'network_error/dns_failure', 1),
  e('EAI_AGAIN', -3001, 'Temporary failure in name resolution', 'network_error/dns_failure', 1),
  e('EAI_NONAME', -2, 'Name or service not known', 'network_error/dns_failure', 1),
];
