#!/usr/bin/env node
/**
 * Where the rules fail on agent and LLM failures, by the *form* of the text: every agent case of
 * the development set and of the blind sets already tuned on (never the never-tuned ones),
 * answered twice — by the rules alone (the learned second opinion off) and by the rules with the
 * second opinion — and each answer put in one outcome: right, unknown, generic (the unhandled
 * exception), or wrong (a specific pair that is not the label). The cases are grouped by the form
 * their text takes (the first of FORMS that matches, most specific first): an MCP JSON-RPC error
 * or server launch, a context-length refusal, an agent's loop limit, a tool call's arguments,
 * structured output that did not parse, a framework's wrapper, a provider's error body, an SDK's
 * exception class, other.
 * Agent cases: the blind sets' `slice: agent`; in the development set (unsliced), a text that
 * names a model provider, an LLM SDK or an agent framework (AGENT below).
 *
 *   node test/accuracy/agent-census.js            the table (per form: cases, outcomes both ways)
 *   node test/accuracy/agent-census.js --cases    and every case not right with the second opinion
 *   node test/accuracy/agent-census.js --form F   only the cases of form F (with --cases)
 */
import { analyzeLog, analyzeTrace, useSecondOpinionModel } from '@faultline/core';
import { CASES_DIR, loadCases, loadFiles, loadSets, recordOf } from './evaluate.js';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const AGENT =
  /\b(?:openai|anthropic|claude|gemini|vertexai|bedrock|azure[_ ]?openai|groq|ollama|openrouter|vllm|litellm|mistral|deepseek|llama[_.-]?cpp|langchain|langgraph|llama_?index|crewai|autogen|smolagents|pydantic_ai|haystack|dspy|semantic_kernel|mcp|llm|gpt-\d|chat\.completions|tool_calls?|function_call)\b/i;

/** The forms, most specific first: the first that matches a case's text is its form. */
const FORMS = [
  ['mcp', /\bMCP\b|modelcontextprotocol|\bmcp[-_]|[-_]mcp\b|"jsonrpc"|\bjsonrpc\b|\bMcpError\b|-326\d\d\b|-3200\d\b/],
  [
    'context length',
    /context[_ ](?:length|window)|maximum context|too many tokens|prompt is too long|max_tokens|maximum (?:input )?length|token limit|exceeds? the (?:model'?s? )?(?:limit|context)/i,
  ],
  [
    'loop limit',
    /max(?:imum)?[_ ]?(?:iterations?|steps|turns|rounds)|recursion limit|GraphRecursionError|iteration limit|AgentMaxSteps|MaxTurnsExceeded|consecutive failures/i,
  ],
  [
    'tool call',
    /\btool[_ ]?(?:calls?|use|choice|result)\b|function[_ ]call|\binvalid_tool|\btool (?:input|arguments?|schema|parameters)|arguments? (?:for|of) (?:the )?tool|\bfunctions?\.\w+\.(?:parameters|arguments)/i,
  ],
  [
    'structured output',
    /OutputParser|parse (?:the )?(?:LLM|model|response|output|JSON)|could not parse|failed to parse|JSONDecodeError|json\.decoder|response_format|structured output|json_schema|Invalid JSON|not valid JSON/i,
  ],
  [
    'framework wrapper',
    /\b(?:langchain|langgraph|llama_?index|crewai|autogen|smolagents|pydantic_ai|haystack|dspy|semantic_kernel|agno|phidata)\b/i,
  ],
  [
    'provider body',
    /\{\s*['"]error['"]\s*:|Error code: \d{3}|status(?:_code)?["']?\s*[:=]\s*\d{3}|\b(?:invalid_request_error|authentication_error|rate_limit_error|overloaded_error|insufficient_quota)\b|"type"\s*:\s*"\w+_error"/i,
  ],
  [
    'SDK exception',
    /\b(?:openai|anthropic|google\.(?:api_core|genai)|botocore|litellm|groq|ollama|mistralai|cohere)\.\w*(?:Error|Exception)\b|\b(?:APIConnectionError|APITimeoutError|RateLimitError|BadRequestError|AuthenticationError|NotFoundError|APIStatusError)\b/,
  ],
  ['other', /[\s\S]/],
];
const PROVIDER = [
  ['openai', /openai(?!\.azure)|gpt-\d|chatgpt/i],
  ['azure', /azure/i],
  ['anthropic', /anthropic|claude/i],
  ['gemini', /gemini|vertex|google\.(?:api_core|genai)|generativelanguage/i],
  ['bedrock', /bedrock|botocore/i],
  ['groq', /groq/i],
  ['ollama', /ollama/i],
  ['openrouter', /openrouter/i],
  ['vllm', /vllm|llama[_.-]?cpp|text-generation-inference|\bTGI\b|lm ?studio/i],
  ['deepseek/qwen/mistral', /deepseek|qwen|dashscope|mistral|moonshot|zhipu|glm/i],
];
const formOf = (text) => FORMS.find(([, re]) => re.test(text))[0];
const providerOf = (text) => PROVIDER.find(([, re]) => re.test(text))?.[0] ?? '-';

const sets = [{ name: 'development', cases: loadCases(CASES_DIR) }];
for (const s of loadSets().sets)
  if (s.tuned_on && !s.files.every((f) => f.startsWith('cases/'))) sets.push({ name: s.name, cases: loadFiles(s.files) });

function outcome(c, p) {
  const got = `${p.category}/${p.contributing_factor}`;
  if (got === `${c.expected.category}/${c.expected.contributing_factor}`) return 'right';
  if (got === 'unknown/unknown') return 'unknown';
  if (got === 'runtime_error/unhandled_exception') return 'generic';
  return 'wrong';
}
function answer(c) {
  const record = recordOf(c);
  const a = record.kind === 'trace' ? analyzeTrace(record) : analyzeLog(record);
  return { p: a.pattern, code: a.findings[0]?.code };
}

const agentCases = [];
for (const s of sets)
  for (const c of s.cases) {
    const agent = c.slice === 'agent' || (!c.slice && AGENT.test(c.text));
    if (agent) agentCases.push({ set: s.name, c, form: formOf(c.text), provider: providerOf(c.text) });
  }
/** A case's answer (the rules' pattern and code) with its outcome against the label. */
function answered(c) {
  const a = answer(c);
  return { ...a, outcome: outcome(c, a.p) };
}
useSecondOpinionModel(null);
for (const x of agentCases) x.alone = answered(x.c);
useSecondOpinionModel(undefined);
for (const x of agentCases) x.model = answered(x.c);

const OUTCOMES = ['right', 'unknown', 'generic', 'wrong'];
const only = arg('--form');
const table = new Map(FORMS.map(([f]) => [f, { n: 0, alone: {}, model: {}, labels: {}, providers: {} }]));
for (const x of agentCases) {
  const t = table.get(x.form);
  t.n++;
  t.alone[x.alone.outcome] = (t.alone[x.alone.outcome] ?? 0) + 1;
  t.model[x.model.outcome] = (t.model[x.model.outcome] ?? 0) + 1;
  if (x.model.outcome !== 'right') {
    const cat = x.c.expected.category;
    t.labels[cat] = (t.labels[cat] ?? 0) + 1;
    t.providers[x.provider] = (t.providers[x.provider] ?? 0) + 1;
  }
  if (process.argv.includes('--cases') && x.model.outcome !== 'right' && (!only || only === x.form)) {
    const e = `${x.c.expected.category}/${x.c.expected.contributing_factor}`;
    const g = (a) => `${a.p.category}/${a.p.contributing_factor} ${a.p.confidence} (${a.code ?? '-'})`;
    console.log(
      `${x.form.padEnd(17)} ${x.set} ${x.c.id} [${x.provider}] exp ${e}\n    rules alone: ${g(x.alone)}\n    with model:  ${g(x.model)}\n    ${x.c.text.replace(/\s+/g, ' ').slice(0, 260)}`,
    );
  }
}
const fmt = (o) => OUTCOMES.map((k) => o[k] ?? 0).join(' / ');
const top = (o) =>
  Object.entries(o)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
console.log(
  `\n${agentCases.length} agent cases (development set: ${agentCases.filter((x) => x.set === 'development').length}; tuned sets' agent slices: the rest)`,
);
console.log(
  '| form | cases | rules alone: right / unknown / generic / wrong | with second opinion | labels not right (category) | providers not right |',
);
console.log('|---|---|---|---|---|---|');
for (const [f, t] of table)
  console.log(`| ${f} | ${t.n} | ${fmt(t.alone)} | ${fmt(t.model)} | ${top(t.labels)} | ${top(t.providers)} |`);
const all = (k) => {
  const o = {};
  for (const x of agentCases) o[x[k].outcome] = (o[x[k].outcome] ?? 0) + 1;
  return fmt(o);
};
console.log(`| all | ${agentCases.length} | ${all('alone')} | ${all('model')} | | |`);
