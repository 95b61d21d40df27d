/**
 * Package messages of drivers and autopilots: cameras, lidars, IMUs, GPS, serial, CAN, USB, servos and motor controllers, micro-ROS, PX4, ArduPilot, MAVROS, robot arm drivers: each entry is a message as the package's source prints it (its
 * format string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 */
import type { PackageMessage } from '../../table.js';

export const DRIVERS: readonly PackageMessage[] = [];
