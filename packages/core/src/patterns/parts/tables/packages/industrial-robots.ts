/**
 * Package messages of industrial and collaborative arm drivers and mobile-base SDKs not in
 * drivers.ts: vendor controllers' client libraries and their ROS drivers. Each entry is a message
 * as the package's source prints it (its format string, variable parts written `{}`), the package
 * named, mapped to its taxonomy pair (docs/taxonomy.md, its tie-breaking rules first).
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 *
 * (Being filled, session 11.)
 */
import type { PackageMessage } from '../../table.js';

export const INDUSTRIAL_ROBOTS: readonly PackageMessage[] = [];
