#!/usr/bin/env node
/**
 * `npm run bench:llm [-- --records 20000]`: how many LLM calls a fleet's failures cost with
 * the per-pattern cache, and what that would cost at real providers' list prices. The mixed
 * records of the other benchmarks go through the CLI pipeline with the LLM layer pointed at a
 * local server that speaks the OpenAI-compatible API; the server counts calls and the
 * request sizes, and answers with usage = request characters / 4 (a common token estimate)
 * and a fixed 180-token answer.
 */
import { createServer } from 'node:http';
import { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { analyzeFile } from '../apps/faultline/dist/src/analyze.js';
import { loadConfig } from '../packages/config/dist/src/index.js';
import { mixedRecords } from './mixed-records.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '20000' } } });
const count = Number(values.records);
const OUTPUT_TOKENS = 180;
let calls = 0;
let inputTokens = 0;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => {
    body += d;
  });
  req.on('end', () => {
    calls += 1;
    const tokens = Math.ceil(body.length / 4);
    inputTokens += tokens;
    const schema = JSON.parse(body).response_format?.json_schema?.schema;
    const category = schema?.properties?.category?.enum?.includes('unknown') ? 'unknown' : 'unknown';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        choices: [
          {
            message: {
              role: 'assistant',
              content: JSON.stringify({
                title: 'Model reading of the failure',
                category,
                contributing_factor: 'unknown',
                severity: 'low',
                summary: 'A benchmark answer.',
                root_cause_hypothesis: 'A benchmark answer.',
                recommended_actions: ['Read the evidence'],
                suggested_fix: 'None.',
                confidence: 0.3,
                confidence_rationale: 'Benchmark server.',
              }),
            },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: tokens, completion_tokens: OUTPUT_TOKENS },
      }),
    );
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const config = loadConfig({
  ...process.env,
  FAULTLINE_LLM_PROVIDER: 'openai',
  FAULTLINE_LLM_MODEL: 'bench-model',
  FAULTLINE_LLM_BASE_URL: `http://127.0.0.1:${server.address().port}/v1`,
});
let analyzedPatterns = 0;
let cached = 0;
let answered = 0;
let pending = '';
const stdout = new Writable({
  write(chunk, _e, cb) {
    pending += chunk.toString();
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const line = JSON.parse(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      if (line.analysis?.pattern) {
        analyzedPatterns += 1;
        if (line.analysis.llm?.status === 'cached') cached += 1;
        if (line.analysis.llm?.status === 'answered') answered += 1;
      }
      nl = pending.indexOf('\n');
    }
    cb();
  },
});
await analyzeFile({
  input: '-',
  stdin: Readable.from([...mixedRecords(count)].map((l) => `${l}\n`)),
  stdout,
  config,
  progressMs: 0,
});
server.close();
const per1000 = (calls / analyzedPatterns) * 1000;
const avgIn = inputTokens / Math.max(1, calls);
const price = (inPerM, outPerM) => ((per1000 * (avgIn * inPerM + OUTPUT_TOKENS * outPerM)) / 1e6).toFixed(4);
console.log(`faultline LLM cache benchmark: ${count} mixed records, ${analyzedPatterns} trace/log patterns`);
console.log(
  `  calls: ${calls} (${answered} answered by a call, ${cached} from the cache): ${(100 * (cached / analyzedPatterns)).toFixed(1)}% cache hits`,
);
console.log(
  `  calls per 1,000 failures: ${per1000.toFixed(1)}; mean request ~${avgIn.toFixed(0)} input tokens, ${OUTPUT_TOKENS} output`,
);
console.log(
  `  cost per 1,000 failures at list prices: gpt-4o-mini ($0.15/$0.60 per MTok) $${price(0.15, 0.6)}; claude-sonnet-4 ($3/$15) $${price(3, 15)}; gemini-2.5-flash ($0.30/$2.50) $${price(0.3, 2.5)}`,
);
console.log(
  `  without the cache (one call per failure): claude-sonnet-4 $${((1000 * (avgIn * 3 + OUTPUT_TOKENS * 15)) / 1e6).toFixed(2)} per 1,000 failures`,
);
