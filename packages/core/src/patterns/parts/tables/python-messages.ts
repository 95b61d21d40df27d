/**
 * The messages of Python's built-in exceptions, for a text that shows the message without the
 * class (a launcher or framework that re-raises only str(e): "Caught exception in launch:
 * sequence item 0: expected str instance, float found"). Each entry is the fixed part of a
 * CPython message (Objects/*.c, Python/*.c) and the class that raises it, read through the
 * Python table (python.ts). Phrases that other classes also use are left out, and so are those
 * whose meaning depends on who called (a call with missing arguments is a model's bad tool call
 * in an agent: the patterns read it in context).
 */
export const PYTHON_MESSAGES: readonly (readonly [phrase: RegExp, cls: string])[] = [
  [/\bsequence item \d{1,6}: expected str instance, \w{1,40} found/, 'TypeError'],
  [/\bunsupported operand type\(s\) for /, 'TypeError'],
  [/'\w{1,60}' object is not (?:subscriptable|callable|iterable)/, 'TypeError'],
  [/\bcan only concatenate (?:str|list|tuple) \(not "\w{1,40}"\) to /, 'TypeError'],
  [/\bmust be (?:str|int|real number|a real number|bytes-like object), not \w{1,40}/, 'TypeError'],
  [/'NoneType' object has no attribute '\w{1,80}'/, 'AttributeError'],
  [/\b(?:list|tuple|string) index out of range\b/, 'IndexError'],
  [/\b(?:float |integer )?division(?: or modulo)? by zero\b/, 'ZeroDivisionError'],
  [/\bmaximum recursion depth exceeded\b/, 'RecursionError'],
  [/\bNo module named '[\w.]{1,80}'/, 'ModuleNotFoundError'],
  [/\binvalid literal for int\(\) with base \d{1,2}: /, 'ValueError'],
  [/\bcould not convert string to float: /, 'ValueError'],
  [/\bname '\w{1,80}' is not defined\b/, 'NameError'],
];
