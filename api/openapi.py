"""The OpenAPI document: FastAPI's, with every error answer described as RFC 9457 problem+json."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.errors import PROBLEM_BASE, PROBLEM_MEDIA_TYPE, PROBLEM_TYPES, FieldError, Problem

_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
_DESCRIPTIONS = {
    "401": "Not authenticated: no, an expired or an invalid token.",
    "404": "Not found, or not visible to you.",
    "409": "Conflicts with the current state.",
    "413": "Request body too large.",
    "422": "Invalid input; `errors` names each field.",
    "429": "Too many requests from this client; see `Retry-After`.",
    "default": "Any other error, as problem details.",
}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM_REF}}}


def build_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    components["FieldError"] = FieldError.model_json_schema(ref_template="#/components/schemas/{model}")
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    problem.pop("$defs", None)
    components["Problem"] = problem
    components["ProblemType"] = {
        "title": "ProblemType",
        "type": "string",
        "enum": list(PROBLEM_TYPES),
        "description": f"Every problem type the API sends: the last part of a problem's `type` ({PROBLEM_BASE}<slug>).",
    }

    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = ["404", "default"]
            if operation.get("security") or path.startswith("/api/v1/staff") or path == "/api/v1/me":
                codes.append("401")
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("422")
            if method in ("post", "patch", "put", "delete"):
                codes += ["409", "413"]
            if operation.pop("x-rate-limited", False):
                codes.append("429")
            for code in codes:
                responses[code] = _problem(_DESCRIPTIONS[code])
    app.openapi_schema = schema
    return schema
