/**
 * Package messages of vision libraries and small robot platforms' SDKs: OpenCV, detectors, servo buses, educational and desktop arms, FRC motor controllers, motor-controller firmware. Each entry is a message as the package's source prints it (its format string, variable
 * parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 */
import type { PackageMessage } from '../../table.js';

export const VISION_ROBOTS: readonly PackageMessage[] = [];
