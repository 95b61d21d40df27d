/**
 * Package messages of maker and hobby robot boards: Arduino and ESP32 toolchains and firmware, Raspberry Pi GPIO/I2C/SPI/camera libraries, MicroPython and CircuitPython, BLE. Each entry is a message as the package's source prints it (its format string, variable
 * parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 */
import type { PackageMessage } from '../../table.js';

export const MAKER_BOARDS: readonly PackageMessage[] = [];
