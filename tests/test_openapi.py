"""openapi.yaml is the app's own document, and every operation is named and documents its errors."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from api.cli import openapi_yaml

ROOT = Path(__file__).resolve().parent.parent


def test_checked_in_openapi_yaml_matches_the_app() -> None:
    checked_in = (ROOT / "openapi.yaml").read_text()
    assert checked_in == openapi_yaml(), "openapi.yaml is stale: run `make openapi` and commit it"


def test_every_operation_has_a_unique_readable_operation_id() -> None:
    document = yaml.safe_load(openapi_yaml())
    ids = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", op_id) for op_id in ids), ids


def test_errors_are_documented_as_problem_details() -> None:
    document = yaml.safe_load(openapi_yaml())
    assert "HTTPValidationError" not in document["components"]["schemas"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for code, response in operation["responses"].items():
                if code.startswith(("4", "5")) or code == "default":
                    assert list(response["content"]) == ["application/problem+json"], (method, path, code)
            if path.startswith("/api/v1/staff"):
                assert "401" in operation["responses"], (method, path)
