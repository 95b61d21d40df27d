/** Patterns: configuration and files. Evaluated in the order of library.ts; tested in test/patterns.test.ts and test/patterns-providers.test.ts. */
import type { Pattern } from '../types.js';

export const CONFIG: Pattern[] = [
  {
    id: 'config.invalid_choice',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.8,
    priority: 84,
    match:
      /((?:unknown|invalid|unsupported|unrecognized) [\w -]{1,60}[^\n]{0,40}\(valid (?:options|values|choices) are [^\n]{1,120}\)[^\n]{0,40})/i,
    title: 'A setting has a value outside its allowed set',
    hypothesis:
      'A configuration value (a profile, a mode, a plugin option) is not one of the values the component accepts, and the component says which ones it does.',
    fix: 'Set the option to one of the values the message lists (check the spelling and the version of the component, which may have renamed it).',
    actions: [
      'Compare the configured value with the valid options listed',
      "Check the component's version and its documented options",
    ],
  },
  {
    id: 'llm.model_not_found',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.84,
    priority: 86,
    match:
      /(The model:? [`'"]?[\w./:@-]{1,80}[`'"]? does not exist[^\n]{0,60}|\bmodel [`'"][\w./:@-]{1,80}[`'"] not found[^\n]{0,40}|\bmodel_not_found\b|DeploymentNotFound|The API deployment for this resource does not exist|\bdoes not support tools\b|No allowed providers are available for the selected model|The model [`'"]?[\w./:@-]{1,80}[`'"]? has been (?:deprecated|decommissioned|retired)[^\n]{0,40}|\b(?:Unknown|Invalid|Unsupported) model(?: name| id)?:? [`'"][\w./:@-]{1,80}[`'"]|\b(?:Unknown|Invalid|Unsupported) model (?:name|id)\b|model [`'"]?[\w./:@-]{1,80}[`'"]? is not (?:supported|available|found)\b|No such model[^\n]{0,40}|pull model manifest: file does not exist)/,
    title: 'Configured model name does not exist for this endpoint',
    hypothesis:
      'The model (or deployment) named in the configuration does not exist on this endpoint, was retired, or cannot do what is asked of it (tools): a setting, not a transient error.',
    fix: 'Fix the model or deployment name in the configuration (list the models the endpoint serves, e.g. GET /v1/models or `ollama list`), or pick a model that supports the requested feature.',
    actions: [
      'List the models the endpoint serves and compare the configured name',
      'Check the deployment name and the API version (Azure)',
    ],
  },
  {
    id: 'config.file_not_found',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.88,
    priority: 68,
    match:
      /(FileNotFoundError[^\n]{0,120}|No such file or directory[^\n]{0,60}|\bENOENT\b[^\n]{0,80}|FileNotFoundException[^\n]{0,100}|NoSuchFileException[^\n]{0,100}|cannot find the (?:file|path) specified|(?:file|path|directory|folder|checkpoint) [^\n]{0,80} does not exist|does not appear to have a file named[^\n]{0,60}|Can't load (?:tokenizer|config|the model|weights)[^\n]{0,60}|open [^\n]{0,80}: no such file|Could not find (?:file|the file)[^\n]{0,60}|OSError: [^\n]{0,60}is not a (?:valid )?(?:local folder|directory))/i,
    title: 'A file or path was not found',
    hypothesis: 'The run expects a file or directory (config, checkpoint, dataset, model) at a path where there is none.',
    fix: 'Check the configured path (relative vs absolute, the working directory, mounted volumes) and that the file was produced/uploaded.',
    actions: [
      'Check the path in the error against what exists in the runtime',
      'Make paths absolute or relative to a known root',
    ],
  },
  {
    id: 'config.invalid',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.78,
    priority: 63,
    match:
      /(Invalid (?:configuration|config|setting)s?[^\n]{0,80}|ConfigurationError[^\n]{0,80}|ConfigError[^\n]{0,80}|InvalidConfig[^\n]{0,60}|misconfigur(?:ed|ation)[^\n]{0,60}|(?:Unknown|unrecognized|unsupported) (?:config|configuration|setting)(?: key| option| value)?[^\n]{0,60}|Config validation[^\n]{0,60}|invalid value [^\n]{0,60} for (?:option|setting|flag|config)[^\n]{0,40}|ConfigAttributeError[^\n]{0,60}|ConfigKeyError[^\n]{0,60}|MissingMandatoryValue[^\n]{0,60}|InterpolationResolutionError[^\n]{0,60}|TomlDecodeError[^\n]{0,60}|could not parse (?:config|configuration)[^\n]{0,60}|Error in configuration[^\n]{0,60}|Failed to bind properties under[^\n]{0,80}|Binding to target [^\n]{0,80} failed|Could not override '[^'\n]{1,80}'[^\n]{0,40}|Key '[^'\n]{1,80}' is not in struct|ConfigCompositionException[^\n]{0,60})/i,
    title: 'Invalid configuration',
    hypothesis: 'A setting has a value the program does not accept, or the configuration is inconsistent.',
    fix: 'Correct the setting named in the message; validate configuration at start-up.',
    actions: ['Check the named setting against the documented values', 'Validate config in CI'],
  },
];
