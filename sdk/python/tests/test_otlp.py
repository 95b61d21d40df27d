"""OpenTelemetry's Python SDK and its OTLP/HTTP protobuf exporter (opentelemetry-exporter-otlp-proto-http)
against the real service's `POST /v1/traces`: a trace with a failing LLM call is analyzed and its
failure pattern readable through the API; a successful trace exported with it is not stored."""

from __future__ import annotations

import secrets

from conftest import Api, call, until
from opentelemetry.exporter.otlp.proto.http import Compression
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExportResult
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Status, StatusCode


class RateLimitError(Exception):
    pass


def agent_run(tracer, fail: bool) -> str:
    """One agent run: a root span and an LLM call under it (failing with a rate limit when `fail`)."""
    with tracer.start_as_current_span("agent.run") as root:
        trace_id = format(root.get_span_context().trace_id, "032x")
        with tracer.start_as_current_span("chat gpt-4o", record_exception=False, set_status_on_exception=False) as llm:
            llm.set_attribute("gen_ai.system", "openai")
            llm.set_attribute("gen_ai.request.model", "gpt-4o")
            llm.set_attribute("gen_ai.prompt", "PYPROMPT my card is 4111 1111 1111 1111")
            if fail:
                llm.record_exception(RateLimitError("Error code: 429 - Rate limit reached for gpt-4o on requests per min"))
                llm.set_status(Status(StatusCode.ERROR, "rate limited"))
        if fail:
            root.set_status(Status(StatusCode.ERROR))
    return trace_id


def test_python_otlp_exporter_failing_llm_call_is_analyzed(api: Api) -> None:
    org = f"py-otlp-{secrets.token_hex(3)}"
    producer, engineer = api.key("producer", org), api.key("ml_engineer", org)
    memory = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "py-agent", "deployment.environment": "staging"}))
    provider.add_span_processor(SimpleSpanProcessor(memory))
    tracer = provider.get_tracer("faultline-tests")
    failed = agent_run(tracer, fail=True)
    ok = agent_run(tracer, fail=False)
    provider.shutdown()

    exporter = OTLPSpanExporter(
        endpoint=f"{api.url}/v1/traces",
        headers={"Authorization": f"Bearer {producer}"},
        compression=Compression.Gzip,
    )
    assert exporter.export(memory.get_finished_spans()) == SpanExportResult.SUCCESS

    def readable():
        status, body = call(api.url, "GET", f"/api/traces/{failed}", engineer)
        return body if status == 200 else None

    trace = until(f"trace {failed} analyzed", readable, 60)
    assert trace["pattern"]["category"] == "rate_limit"
    # Positive control above: the failing trace of the same export is readable; the successful one is not stored.
    status, _ = call(api.url, "GET", f"/api/traces/{ok}", engineer)
    assert status == 404
