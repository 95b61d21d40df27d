/**
 * Package messages of embedded and hobby/competition robot hardware: FRC/FTC control systems, motor controllers, CAN and fieldbus stacks, serial bridges, depth cameras and legged-robot SDKs not in drivers.ts: each entry is a message as the package's source prints it (its format
 * string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 *
 * Read from the packages' own source (snapshot commits; each section names its package): none yet.
 */
import type { PackageMessage } from '../../table.js';

export const EMBEDDED: readonly PackageMessage[] = [];
