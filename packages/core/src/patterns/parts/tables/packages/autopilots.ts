/**
 * Package messages of autopilots and drones beyond drivers.ts: PX4 health and arming checks, ArduPilot pre-arm and failsafe messages, MAVLink tools, ground stations and drone SDKs: each entry is a message as the package's source prints it (its format
 * string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 *
 * Read from the packages' own source (snapshot commits; each section names its package): none yet.
 */
import type { PackageMessage } from '../../table.js';

export const AUTOPILOTS: readonly PackageMessage[] = [];
