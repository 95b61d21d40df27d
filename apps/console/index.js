// Where the built console is: the static files the api role serves (apps/faultline app.ts).
import { fileURLToPath } from 'node:url';

export const consoleDir = fileURLToPath(new URL('./dist/', import.meta.url));
