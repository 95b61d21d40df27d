/**
 * Package messages of LLM provider SDKs and agent frameworks (tables/packages/agent-sdks.ts): a
 * line as the SDK prints it, values filled in, is named by the package's own message where no
 * pattern of the library reads it. Every positive text below read as something else (most as a
 * bare exception, a ValueError or a generic HTTP 400) before the table; the controls are near
 * texts that are not the message.
 */
import { familyByPackage } from './patterns-read.js';

familyByPackage(
  'provider SDKs: openai, anthropic, google-genai',
  [
    [
      'openai.OpenAIError: Missing credentials. Please pass one of `api_key`, `azure_ad_token`, `azure_ad_token_provider`, or the `AZURE_OPENAI_API_KEY` or `AZURE_OPENAI_AD_TOKEN` environment variables.',
      'config_error/missing_env_var',
    ],
    [
      'ValueError: Must provide one of the `base_url` or `azure_endpoint` arguments, or the `AZURE_OPENAI_ENDPOINT` environment variable',
      'config_error/missing_env_var',
    ],
    ["OpenAIError: It looks like you're running in a browser-like environment.", 'config_error/invalid_config'],
    [
      'cohere.core.api_error.ApiError: The client must be instantiated be either passing in token or setting CO_API_KEY',
      'config_error/missing_env_var',
    ],
    [
      'openai.ContentFilterFinishReasonError: Could not parse response content as the request was rejected by the content filter',
      'validation_error/forbidden_operation',
    ],
    [
      'ValueError: `get_weather` is not strict. Only `strict` function tools can be auto-parsed',
      'validation_error/schema_violation',
    ],
    [
      'ValueError: Streaming is strongly recommended for operations that may take longer than 10 minutes. See https://github.com/anthropics/anthropic-sdk-python#long-requests for more details',
      'validation_error/invalid_argument',
    ],
    [
      'RuntimeError: No region was given. The client should be instantiated with the `region` argument or the `CLOUD_ML_REGION` environment variable should be set.',
      'config_error/missing_env_var',
    ],
    [
      'ValueError: Missing key inputs argument! To use the Google AI API, provide (`api_key`) arguments. To use the Google Cloud API, provide (`vertexai`, `project` & `location`) arguments.',
      'config_error/missing_env_var',
    ],
  ],
  [
    // The same words in another case or order, or an INFO line, are not the SDK printing them.
    ['INFO using the browser-like environment shim for tests', '!config_error/invalid_config'],
    ['streaming is recommended for long operations; enabling stream=True', '!validation_error/invalid_argument'],
  ],
);

familyByPackage(
  'botocore (Bedrock clients)',
  [
    ['botocore.exceptions.NoRegionError: You must specify a region.', 'config_error/missing_env_var'],
    [
      'botocore.exceptions.PartialCredentialsError: Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY',
      'config_error/missing_env_var',
    ],
    [
      'botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
      'auth_error/token_expired',
    ],
  ],
  [['DEBUG botocore.credentials: Found credentials in environment variables.', 'unknown/unknown']],
);

familyByPackage(
  'Ollama server',
  [
    ['Error: server busy, please try again.  maximum pending requests exceeded', 'upstream_error/model_overloaded'],
    ['Error: digest mismatch, file must be downloaded again', 'data_error/corrupt_input'],
    [
      'ConnectionError: Failed to connect to Ollama. Please check that Ollama is downloaded, running and accessible. https://ollama.com/download',
      'network_error/connection_refused',
    ],
    [
      'Error: llama runner process has terminated: error loading model: missing tensor blk.0.attn_q_norm.weight: this model may be incompatible with your version of Ollama. If you previously pulled this model, try updating it by running `ollama pull qwen3:8b`',
      'import_error/version_conflict',
    ],
  ],
  [['time=2026-05-01T10:00:00.000Z level=INFO source=server.go:1 msg="llama runner started in 2.41 seconds"', 'unknown/unknown']],
);

familyByPackage(
  'MCP SDKs',
  [
    [
      'Error: StdioClientTransport already started! If using Client class, note that connect() calls start() automatically.',
      'config_error/invalid_config',
    ],
    ["Error: Server's protocol version is not supported: 2023-01-01", 'import_error/version_conflict'],
  ],
  [['[mcp] server started, protocol version 2025-06-18', 'unknown/unknown']],
);

familyByPackage(
  'vector stores: chromadb, qdrant-client, weaviate-client, pymilvus, pgvector',
  [
    [
      'RuntimeError: Your system has an unsupported version of sqlite3. Chroma                     requires sqlite3 >= 3.35.0.',
      'import_error/version_conflict',
    ],
    ['ValueError: Batch size 6000 exceeds maximum batch size 5461', 'validation_error/invalid_argument'],
    [
      'RuntimeError: Storage folder ./qdrant_data is already accessed by another instance of Qdrant client. If you require concurrent access, use Qdrant server instead.',
      'config_error/invalid_config',
    ],
    [
      'weaviate.exceptions.WeaviateGRPCUnavailableError: Weaviate v1.25 makes use of a high-speed gRPC API as well as a REST API.\nUnfortunately, the gRPC health check against Weaviate could not be completed.',
      'network_error/connection_refused',
    ],
    [
      '<MilvusException: (code=2, message=Fail connecting to server on localhost:19530, illegal connection params or server unavailable)>',
      'network_error/connection_refused',
    ],
    ['psycopg.errors.DataException: NaN not allowed in vector', 'data_error/nan_or_inf'],
    ['psycopg.ProgrammingError: vector type not found in the database', 'import_error/module_not_found'],
  ],
  [
    ['INFO chromadb.telemetry: Anonymized telemetry enabled.', 'unknown/unknown'],
    ['collection my_docs created with batch size 100', '!validation_error/invalid_argument'],
  ],
);

familyByPackage(
  'agent frameworks: LlamaIndex, CrewAI, AutoGen, Haystack, Semantic Kernel',
  [
    ['ValueError: Got a larger chunk overlap (200) than chunk size (100), should be smaller.', 'config_error/invalid_config'],
    [
      'ValueError: ServiceContext is deprecated. Use llama_index.settings.Settings instead, or pass in modules to local functions/methods/interfaces.',
      'import_error/version_conflict',
    ],
    ['ValueError: Manager agent is required for hierarchical process.', 'config_error/invalid_config'],
    ['ValueError: The model does not support function calling, which is needed for handoffs.', 'config_error/invalid_config'],
    [
      "ValueError: None of the following authentication environment variables are set: ['OPENAI_API_KEY']",
      'config_error/missing_env_var',
    ],
    ["ValueError: Missing mandatory input 'query' for component 'retriever'.", 'config_error/invalid_config'],
  ],
  [
    ['INFO llama_index: chunk size 1024, chunk overlap 200', 'unknown/unknown'],
    ['the model supports function calling; handoffs enabled', '!config_error/invalid_config'],
  ],
);

familyByPackage(
  "provider texts quoted by LiteLLM's exception mapping",
  [
    [
      'litellm.BadRequestError: BedrockException - {"message":"A conversation must start with a user message. Try again with a conversation that starts with a user message."}',
      'validation_error/schema_violation',
    ],
    ['litellm.APIError: The response was blocked.', 'validation_error/forbidden_operation'],
    [
      'litellm.BadRequestError: BedrockException - {"message":"Conversation blocks and tool result blocks cannot be provided in the same turn."}',
      'validation_error/schema_violation',
    ],
  ],
  [['DEBUG litellm: a conversation with 3 user messages sent to bedrock', 'unknown/unknown']],
);

familyByPackage(
  'Vercel AI SDK',
  [
    [
      "AI_LoadAPIKeyError: OpenAI API key is missing. Pass it using the 'apiKey' parameter or the OPENAI_API_KEY environment variable.",
      'config_error/missing_env_var',
    ],
    ['AI_InvalidToolInputError: Invalid input for tool getWeather: Type validation failed', 'tool_error/invalid_tool_args'],
    [
      'AI_NoObjectGeneratedError: No object generated: response did not match schema.',
      'output_parse_error/schema_mismatch_output',
    ],
  ],
  [['ai-sdk: tool getWeather input accepted', '!tool_error/invalid_tool_args']],
);
