/**
 * The pattern library: every heuristic that classifies a log line or a trace's failing
 * span into the taxonomy. The patterns live in families/ (one file per
 * family, each with its own tests); the resolvers they share in resolvers.ts; this file
 * states the order in which the families are evaluated.
 *
 * A pattern matches when `match` finds the text in one source (the headline, a telling
 * line or the body), `also` (if any) appears anywhere in the record, `unless` (if any)
 * appears nowhere, and no cause its symptom yields to (`yieldsTo`, if any: yields.ts) is named
 * before it. The best match wins by `priority` plus the weight of the source it was
 * found in (see classify.ts), so a specific pattern in a stray warning loses to the final
 * exception line, and a trap (quota inside a 429, an env-var KeyError, JSON cut by the
 * token limit) outranks the generic reading of the same line.
 *
 * Regexes are linear (bounded repetition, no nested quantifiers): they run over untrusted
 * multi-megabyte logs.
 */

import { AGENTS } from './families/agents.js';
import { AUTH } from './families/auth.js';
import { CONFIG } from './families/config.js';
import { CONTEXT_LIMITS } from './families/context.js';
import { DATA } from './families/data.js';
import { DRIVERS } from './families/drivers.js';
import { EVALUATION } from './families/evaluation.js';
import { IMPORTS } from './families/imports.js';
import { LOGIC } from './families/logic.js';
import { MOTORS } from './families/motors.js';
import { NETWORK } from './families/network.js';
import { MODEL_OUTPUT } from './families/output.js';
import { RESOURCES } from './families/resources.js';
import { ROBOTS } from './families/robots.js';
import { ROS } from './families/ros.js';
import { RUNTIME } from './families/runtime.js';
import { SIMULATORS } from './families/simulators.js';
import { STOPS } from './families/stops.js';
import { SYNTAX } from './families/syntax.js';
import { TIMEOUTS } from './families/timeouts.js';
import { TRAPS } from './families/traps.js';
import { UPLOAD } from './families/upload.js';
import { UPSTREAM } from './families/upstream.js';
import { VALIDATION } from './families/validation.js';
import type { Pattern } from './types.js';

export { TRUNCATION } from './resolvers.js';
export type { MatchSite, Pattern, PatternContext, Resolution } from './types.js';

/**
 * Every pattern, in evaluation order. The best hit wins by priority plus source weight
 * (classify.ts); among equal scores the earlier pattern wins, so this order is part of the
 * library's meaning: the traps (the same words meaning something else) come first.
 */
export const PATTERNS: Pattern[] = [
  ...TRAPS, // traps first: the same words mean something else here
  ...CONTEXT_LIMITS, // context and token limits
  ...AGENTS, // agents and tools
  ...MODEL_OUTPUT, // model output parsing
  ...SYNTAX, // syntax
  ...IMPORTS, // imports and native libraries
  ...VALIDATION, // sandbox and validation
  ...RESOURCES, // resources
  ...NETWORK, // network
  ...AUTH, // auth
  ...UPSTREAM, // rate limits and upstream
  ...TIMEOUTS, // timeouts
  ...DRIVERS, // robot drivers and controllers: vendor error vocabularies
  ...MOTORS, // motor controllers and servo buses: fault codes, rejected motions, silent devices
  ...ROS, // ROS middleware, build and launch
  ...SIMULATORS, // simulators and robot descriptions
  ...ROBOTS, // robots
  ...EVALUATION, // policy evaluation, scenario and benchmark verdicts
  ...DATA, // data
  ...CONFIG, // configuration and files
  ...UPLOAD, // upload
  ...LOGIC, // logic
  ...RUNTIME, // runtime exceptions
  ...STOPS, // early stops
];

export const PATTERN_BY_ID = new Map(PATTERNS.map((p) => [p.id, p]));
