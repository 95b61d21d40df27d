/**
 * The error bodies of model providers and cloud APIs: the `type`, `code`, `status` or `reason`
 * values of their JSON error objects (also as Python dict reprs, Go maps and "An error occurred
 * (Code) when calling the X operation"), and the exception classes of their SDKs, mapped to the
 * taxonomy. Sources: OpenAI API "Error codes" and the openai-python exception classes; Anthropic
 * "Errors" (error.type); Google AI (Gemini) "Troubleshooting" and google.rpc.Code as the
 * `status` of Google API errors; Amazon Bedrock and AWS API "Common Errors" (error codes; Bedrock runtime's InvokeModel/Converse errors);
 * Azure OpenAI error codes; Alibaba Cloud Model Studio (DashScope) "Error codes"; Moonshot
 * (Kimi) API error types.
 *
 * A value here is more specific than the HTTP status it travels with (400 says "bad request",
 * `context_length_exceeded` says which), so the engine ranks it above the status. Generic values
 * (`invalid_request_error`, `INVALID_ARGUMENT`) get a low weight. Google's FAILED_PRECONDITION is
 * mapped only here (not in the gRPC table): in a Gemini error body it means the API is not
 * served to this caller (region or billing), per Google's troubleshooting guide.
 */
import { m, type PartTable } from '../table.js';

export const PROVIDER_CODES: PartTable = {
  // OpenAI error.code / error.type
  insufficient_quota: m('resource_error/quota_exceeded', 'insufficient_quota: the account is out of credit', 1),
  billing_hard_limit_reached: m('resource_error/quota_exceeded', 'billing_hard_limit_reached', 1),
  rate_limit_exceeded: m('rate_limit/provider_rate_limit', 'rate_limit_exceeded', 0.9),
  context_length_exceeded: m('context_overflow/context_length_exceeded', 'context_length_exceeded', 1),
  string_above_max_length: m('validation_error/invalid_argument', 'string_above_max_length', 0.7),
  invalid_api_key: m('auth_error/invalid_credentials', 'invalid_api_key', 1),
  account_deactivated: m('auth_error/permission_denied', 'account_deactivated', 0.8),
  unsupported_country_region_territory: m('auth_error/permission_denied', 'the API is not served in this region', 1),
  model_not_found: m('config_error/invalid_config', 'model_not_found', 0.7),
  unknown_parameter: m('validation_error/invalid_argument', 'unknown_parameter', 0.7),
  unsupported_parameter: m('validation_error/invalid_argument', 'unsupported_parameter', 0.7),
  unsupported_value: m('validation_error/invalid_argument', 'unsupported_value', 0.7),
  invalid_value: m('validation_error/invalid_argument', 'invalid_value', 0.6),
  invalid_type: m('validation_error/type_mismatch', 'invalid_type', 0.6),
  server_error: m('upstream_error/upstream_5xx', 'server_error', 0.8),
  // The conventional code of a server's own 500 body (`{"code":"internal_error"}`: Qwen's chat API,
  // OpenAI-compatible gateways; `"type":"internal_server_error"`), whatever the provider.
  internal_error: m('upstream_error/upstream_5xx', 'internal_error: the server failed on its side', 0.7),
  internal_server_error: m('upstream_error/upstream_5xx', 'internal_server_error', 0.7),
  engine_overloaded: m('upstream_error/model_overloaded', 'engine_overloaded', 0.9),
  invalid_request_error: m('validation_error/invalid_argument', 'invalid_request_error', 0.4),
  // Groq (OpenAI-compatible): no tool call could be parsed from the model's generation ("failed_generation";
  // docs/taxonomy.md rule 10: the model's output, not the arguments of a call it made)
  tool_use_failed: m('output_parse_error/invalid_json_output', "tool_use_failed: the model's generation is not a tool call", 0.9),
  // Anthropic error.type
  authentication_error: m('auth_error/invalid_credentials', 'authentication_error', 1),
  permission_error: m('auth_error/permission_denied', 'permission_error', 1),
  billing_error: m('resource_error/quota_exceeded', 'billing_error', 0.9),
  request_too_large: m('validation_error/invalid_argument', 'request_too_large', 0.7),
  rate_limit_error: m('rate_limit/provider_rate_limit', 'rate_limit_error', 1),
  api_error: m('upstream_error/upstream_5xx', 'api_error', 0.7),
  overloaded_error: m('upstream_error/model_overloaded', 'overloaded_error', 1),
  // Google APIs (Gemini, Vertex AI): error.status (google.rpc.Code names) and error.details reason
  RESOURCE_EXHAUSTED: m('rate_limit/provider_rate_limit', 'RESOURCE_EXHAUSTED', 0.8),
  PERMISSION_DENIED: m('auth_error/permission_denied', 'PERMISSION_DENIED', 0.9),
  UNAUTHENTICATED: m('auth_error/invalid_credentials', 'UNAUTHENTICATED', 0.9),
  API_KEY_INVALID: m('auth_error/invalid_credentials', 'API_KEY_INVALID', 1),
  FAILED_PRECONDITION: m(
    'auth_error/permission_denied',
    'FAILED_PRECONDITION: the API is not served to this caller (region or billing)',
    0.6,
  ),
  INVALID_ARGUMENT: m('validation_error/invalid_argument', 'INVALID_ARGUMENT', 0.5),
  DEADLINE_EXCEEDED: m('timeout/deadline_exceeded', 'DEADLINE_EXCEEDED', 1),
  UNAVAILABLE: m('upstream_error/upstream_5xx', 'UNAVAILABLE', 0.8),
  INTERNAL: m('upstream_error/upstream_5xx', 'INTERNAL', 0.7),
  // AWS (Bedrock and the common AWS API errors): error codes, also the SDKs' exception class names
  ThrottlingException: m('rate_limit/provider_rate_limit', 'ThrottlingException', 1),
  TooManyRequestsException: m('rate_limit/provider_rate_limit', 'TooManyRequestsException', 1),
  RequestLimitExceeded: m('rate_limit/provider_rate_limit', 'RequestLimitExceeded', 1),
  SlowDown: m('rate_limit/provider_rate_limit', 'SlowDown', 0.9),
  ServiceQuotaExceededException: m('resource_error/quota_exceeded', 'ServiceQuotaExceededException', 0.9),
  LimitExceededException: m('resource_error/quota_exceeded', 'LimitExceededException', 0.7),
  ValidationException: m('validation_error/invalid_argument', 'ValidationException', 0.6),
  AccessDeniedException: m('auth_error/permission_denied', 'AccessDeniedException', 0.9),
  AccessDenied: m('auth_error/permission_denied', 'AccessDenied', 0.9),
  UnauthorizedOperation: m('auth_error/permission_denied', 'UnauthorizedOperation', 0.9),
  UnrecognizedClientException: m('auth_error/invalid_credentials', 'UnrecognizedClientException', 1),
  InvalidClientTokenId: m('auth_error/invalid_credentials', 'InvalidClientTokenId', 1),
  InvalidAccessKeyId: m('auth_error/invalid_credentials', 'InvalidAccessKeyId', 1),
  InvalidSignatureException: m('auth_error/invalid_credentials', 'InvalidSignatureException', 0.9),
  SignatureDoesNotMatch: m('auth_error/invalid_credentials', 'SignatureDoesNotMatch', 0.9),
  ExpiredToken: m('auth_error/token_expired', 'ExpiredToken', 1),
  ExpiredTokenException: m('auth_error/token_expired', 'ExpiredTokenException', 1),
  ModelTimeoutException: m('timeout/request_timeout', 'ModelTimeoutException', 1),
  RequestTimeout: m('timeout/request_timeout', 'RequestTimeout', 0.9),
  ServiceUnavailableException: m('upstream_error/upstream_5xx', 'ServiceUnavailableException', 0.9),
  ServiceUnavailable: m('upstream_error/upstream_5xx', 'ServiceUnavailable', 0.9),
  InternalServerException: m('upstream_error/upstream_5xx', 'InternalServerException', 0.8),
  InternalFailure: m('upstream_error/upstream_5xx', 'InternalFailure', 0.8),
  ModelNotReadyException: m('upstream_error/model_overloaded', 'ModelNotReadyException', 0.7),
  // Amazon Bedrock runtime (InvokeModel / Converse API errors): the model failed while processing,
  // or the model id names nothing this account and region serve
  ModelErrorException: m(
    'upstream_error/upstream_5xx',
    'ModelErrorException: the model failed while processing the request',
    0.7,
  ),
  ModelStreamErrorException: m('upstream_error/upstream_5xx', 'ModelStreamErrorException: the model failed while streaming', 0.7),
  ResourceNotFoundException: m(
    'config_error/invalid_config',
    'ResourceNotFoundException: the model or resource named does not exist',
    0.5,
  ),
  NoSuchBucket: m('config_error/invalid_config', 'NoSuchBucket', 0.8),
  // OpenAI: an account whose billing is not set up or was stopped
  billing_not_active: m('resource_error/quota_exceeded', 'billing_not_active: the account has no active billing', 1),
  // Alibaba Cloud Model Studio (DashScope) error codes ("Error codes" of Model Studio); a dotted
  // code (Throttling.RateQuota) is read by its first word
  Arrearage: m('resource_error/quota_exceeded', 'Arrearage: the account has an overdue payment', 1),
  InvalidApiKey: m('auth_error/invalid_credentials', 'InvalidApiKey', 1),
  Throttling: m('rate_limit/provider_rate_limit', 'Throttling: requests or tokens over the allowed rate', 0.8),
  DataInspectionFailed: m('validation_error/forbidden_operation', 'DataInspectionFailed: refused by content inspection', 0.9),
  // Mistral error.type: the messages' roles are not in an order the API accepts (rule 10)
  invalid_request_message_order: m('validation_error/schema_violation', 'invalid_request_message_order', 0.9),
  // Moonshot (Kimi) error.type
  invalid_authentication_error: m('auth_error/invalid_credentials', 'invalid_authentication_error', 1),
  exceeded_current_quota_error: m('resource_error/quota_exceeded', 'exceeded_current_quota_error', 1),
  rate_limit_reached_error: m('rate_limit/provider_rate_limit', 'rate_limit_reached_error', 1),
  engine_overloaded_error: m('upstream_error/model_overloaded', 'engine_overloaded_error', 1),
  permission_denied_error: m('auth_error/permission_denied', 'permission_denied_error', 0.9),
  // Azure OpenAI
  DeploymentNotFound: m('config_error/invalid_config', 'DeploymentNotFound', 1),
  OperationNotSupported: m(
    'config_error/invalid_config',
    'OperationNotSupported: the deployed model does not do this operation',
    0.8,
  ),
  content_filter: m('validation_error/forbidden_operation', 'content_filter: refused by the content policy', 0.9),
  ResponsibleAIPolicyViolation: m('validation_error/forbidden_operation', 'ResponsibleAIPolicyViolation', 1),
  content_policy_violation: m('validation_error/forbidden_operation', 'content_policy_violation', 0.9),
};

/**
 * Exception classes of the provider SDKs (openai-python and anthropic-sdk-python share these
 * names; google.api_core.exceptions; the OpenAI 0.x `openai.error` classes; cohere.errors), of the LiteLLM gateway
 * (litellm.exceptions) and of agent frameworks (smolagents.utils, agents.exceptions of the OpenAI
 * Agents SDK, haystack.core.errors, dspy.utils.exceptions), by simple name.
 * NotFoundError and BadRequestError say little alone: the body beside them decides.
 */
export const SDK_EXCEPTIONS: PartTable = {
  APIConnectionError: m('network_error/connection_refused', 'The SDK could not reach the API', 0.7),
  APITimeoutError: m('timeout/request_timeout', 'The API call timed out', 1),
  AuthenticationError: m('auth_error/invalid_credentials', 'Authentication failed', 0.9),
  PermissionDeniedError: m('auth_error/permission_denied', 'Permission denied', 0.9),
  RateLimitError: m('rate_limit/provider_rate_limit', 'Rate limited', 0.8),
  InternalServerError: m('upstream_error/upstream_5xx', 'Server error', 0.8),
  OverloadedError: m('upstream_error/model_overloaded', 'Overloaded', 1),
  UnprocessableEntityError: m('validation_error/schema_violation', 'Unprocessable request', 0.5),
  BadRequestError: m('validation_error/invalid_argument', 'Bad request', 0.4),
  LengthFinishReasonError: m('context_overflow/max_tokens_truncated', 'The answer hit the token limit', 1),
  APIRemovedInV1: m('import_error/version_conflict', 'An API removed in openai>=1.0 (code written for openai 0.x)', 1),
  ServiceUnavailableError: m('upstream_error/upstream_5xx', 'Service unavailable', 0.9),
  InvalidRequestError: m('validation_error/invalid_argument', 'Invalid request', 0.4),
  // LiteLLM (litellm.exceptions): a gateway's own classes beside the providers' ones
  ContextWindowExceededError: m('context_overflow/context_length_exceeded', 'The prompt does not fit the context window', 1),
  ContentPolicyViolationError: m('validation_error/forbidden_operation', "Refused by the provider's content policy", 0.9),
  BudgetExceededError: m('resource_error/quota_exceeded', "The gateway's spend budget is used up", 0.9),
  UnsupportedParamsError: m('validation_error/invalid_argument', 'A parameter the provider does not support', 0.8),
  RejectedRequestError: m('validation_error/forbidden_operation', 'The gateway or its guardrail rejected the request', 0.7),
  JSONSchemaValidationError: m(
    'output_parse_error/schema_mismatch_output',
    "The model's answer does not fit the response schema",
    0.8,
  ),
  // cohere (cohere.errors): the classes whose name says the status
  UnauthorizedError: m('auth_error/invalid_credentials', 'Unauthorized (401)', 0.9),
  ForbiddenError: m('auth_error/permission_denied', 'Forbidden (403)', 0.8),
  TooManyRequestsError: m('rate_limit/provider_rate_limit', 'Too many requests (429)', 0.9),
  GatewayTimeoutError: m('upstream_error/upstream_5xx', 'Gateway timeout (504)', 0.8),
  // Agent frameworks: smolagents, OpenAI Agents SDK, Haystack, DSPy
  AgentMaxStepsError: m('agent_loop/max_iterations', 'The agent reached its max_steps without a final answer', 1),
  AgentParsingError: m('output_parse_error/schema_mismatch_output', "The model's answer is not in the agent's format", 0.7),
  MaxTurnsExceeded: m('agent_loop/max_iterations', 'The agent run used its max_turns', 1),
  InputGuardrailTripwireTriggered: m('validation_error/forbidden_operation', 'An input guardrail refused the request', 0.8),
  OutputGuardrailTripwireTriggered: m(
    'validation_error/forbidden_operation',
    "An output guardrail refused the agent's answer",
    0.8,
  ),
  PipelineMaxComponentRuns: m('agent_loop/max_iterations', 'A pipeline component ran its maximum number of times', 0.9),
  PipelineMaxLoops: m('agent_loop/max_iterations', 'A pipeline loop ran its maximum number of times', 0.9),
  AdapterParseError: m('output_parse_error/schema_mismatch_output', "The LM's answer lacks the signature's output fields", 0.8),
  // google.api_core.exceptions
  ResourceExhausted: m('rate_limit/provider_rate_limit', 'Resource exhausted (429)', 0.7),
  TooManyRequests: m('rate_limit/provider_rate_limit', 'Too many requests (429)', 0.9),
  DeadlineExceeded: m('timeout/deadline_exceeded', 'Deadline exceeded', 1),
  ServiceUnavailable: m('upstream_error/upstream_5xx', 'Service unavailable (503)', 0.9),
  PermissionDenied: m('auth_error/permission_denied', 'Permission denied (403)', 0.9),
  Unauthenticated: m('auth_error/invalid_credentials', 'Unauthenticated (401)', 0.9),
  InvalidArgument: m('validation_error/invalid_argument', 'Invalid argument (400)', 0.5),
  FailedPrecondition: m('auth_error/permission_denied', 'Failed precondition (400: region or billing)', 0.5),
};
