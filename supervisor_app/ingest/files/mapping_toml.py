"""A mapping written back as TOML, as the wizard saves it (read back by ``load_mapping``).

Only what a mapping holds: strings, booleans, integers, lists and tables; so a
small writer does, instead of another dependency.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from supervisor_app.ingest.files.mapping import Condition, ContactMapping, Source


def mapping_to_dict(mapping: ContactMapping) -> dict[str, Any]:
    data: dict[str, Any] = {"name": mapping.name, "source": mapping.source}
    for key in ("timezone", "date_format", "time_format", "datetime_format"):
        if getattr(mapping, key):
            data[key] = getattr(mapping, key)
    if mapping.next_day_rollover:
        data["next_day_rollover"] = True
    if mapping.answer_tolerance_seconds:
        data["answer_tolerance_seconds"] = mapping.answer_tolerance_seconds
    if mapping.empty:
        data["empty"] = sorted(mapping.empty)
    fields = {}
    for name, sources in mapping.fields.items():
        specs = [_source(s) for s in sources]
        fields[name] = specs[0] if len(specs) == 1 else specs
    data["fields"] = fields
    if mapping.skip:
        data["skip"] = [_condition(rule) for rule in mapping.skip]
    return data


def _source(source: Source) -> str | dict[str, Any]:
    spec: dict[str, Any] = {}
    for key in ("column", "date", "time", "after", "duration", "value"):
        if getattr(source, key) is not None:
            spec[key] = getattr(source, key)
    if source.columns:
        spec["columns"], spec["join"] = list(source.columns), source.join
    if source.duration is not None:
        spec["unit"] = source.unit
    if source.map:
        spec["map"] = dict(source.map)
    if source.empty:
        spec["empty"] = sorted(source.empty)
    if source.when is not None:
        spec["when"] = _condition(source.when)
    return spec["column"] if list(spec) == ["column"] else spec


def _condition(rule: Condition) -> dict[str, Any]:
    return {c: sorted(v)[0] if len(v) == 1 else sorted(v) for c, v in rule.values}


def to_toml(data: dict[str, Any]) -> str:
    lines: list[str] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    arrays: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            arrays.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, table in tables:
        lines += ["", f"[{_key(key)}]"] + [f"{_key(k)} = {_value(v)}" for k, v in table.items()]
    for key, items in arrays:
        for item in items:
            lines += ["", f"[[{_key(key)}]]"] + [
                f"{_key(k)} = {_value(v)}" for k, v in item.items()
            ]
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    bare = key.replace("_", "").replace("-", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"can't write {type(value).__name__} as TOML")


def save_mapping(mapping: ContactMapping, path: Path) -> None:
    """Written to a temporary file and moved into place, so a crash never leaves half a file."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(to_toml(mapping_to_dict(mapping)), encoding="utf-8")
    temporary.replace(path)
