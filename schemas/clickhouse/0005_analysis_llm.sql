-- What the LLM layer did for an analysis (answered / cached / fallback with its reason,
-- provider, model, narrative), as JSON text; empty when no LLM is configured.
ALTER TABLE {db}.analyses ADD COLUMN IF NOT EXISTS llm String DEFAULT '' CODEC(ZSTD(3));
