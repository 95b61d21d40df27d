/** The records of contract.md (core's CONTRACT_EXAMPLES), and a rich trace (nested spans, exception events, typed attributes). */
import { CONTRACT_EXAMPLES, type FaultlineRecord, type TraceRecord } from '@faultline/core';

export const { episode, eval_result: evalResult, verification_result: verificationResult, trace, log } = CONTRACT_EXAMPLES;

/** A rich agent trace: nested spans, exception events, numeric, boolean, array and null attributes. */
export const richTrace: TraceRecord = {
  kind: 'trace',
  trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
  timestamp: '2026-11-02T08:30:00.123Z',
  org_id: 'acme',
  service: 'research-agent',
  spans: [
    {
      span_id: 'root',
      parent_span_id: null,
      name: 'agent.run',
      start_time: '2026-11-02T08:30:00.123Z',
      end_time: '2026-11-02T08:30:09.877Z',
      status: { code: 2, message: null },
      attributes: {
        'agent.name': 'researcher',
        'agent.max_iterations': 12,
        'agent.temperature': 0.7,
        'agent.streaming': false,
        'agent.tools': ['search', 'fetch', 'python'],
        'agent.retry_delays_s': [0.5, 1, 2.5],
        'agent.flags': [true, false, true],
        'agent.mixed': ['a', 1, null, false],
        'agent.empty': [],
        'agent.note': null,
      },
      events: [],
    },
    {
      span_id: 'plan',
      parent_span_id: 'root',
      name: 'llm.chat',
      start_time: 1_793_608_200_223,
      end_time: 1_793_608_201_000.5,
      status: { code: 'STATUS_CODE_OK' },
      attributes: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 1532, 'gen_ai.usage.output_tokens': 87 },
    },
    {
      span_id: 'tool',
      parent_span_id: 'plan',
      name: 'tool.python',
      start_time: '2026-11-02T08:30:02Z',
      status: { code: 'ERROR', message: 'tool failed' },
      attributes: { 'tool.name': 'python', 'code.lineno': 17, 'retry.attempt': 3, 'http.status_code': 504 },
      events: [
        { name: 'log', attributes: { message: 'starting sandbox', 'sandbox.cold_start': true } },
        {
          name: 'exception',
          attributes: {
            'exception.type': 'TimeoutError',
            'exception.message': 'Sandbox execution exceeded 30.0s deadline (job 8f3a1c)',
            'exception.stacktrace':
              'Traceback (most recent call last):\n  File "/srv/sandbox.py", line 17, in run\n    result = fut.result(timeout=30)\nTimeoutError: Sandbox execution exceeded 30.0s deadline (job 8f3a1c)',
            'exception.escaped': true,
          },
        },
        { name: 'no-attributes' },
        {},
      ],
    },
    { span_id: 'bare' },
    {},
  ],
};

/** The contract's records by name, for the round-trip tests. */
export const CONTRACT_RECORDS: Record<string, FaultlineRecord> = { ...CONTRACT_EXAMPLES };
