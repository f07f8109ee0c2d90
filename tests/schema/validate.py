"""Validates TOML files against vanban's JSON Schema as an editor would.

Usage: validate.py SCHEMA.json FILE.toml...   prints one line per file:
"ok PATH" or "sai PATH: <first error>". TOML dates become ISO strings, as
taplo hands them to a schema. Exit 0 unless the schema itself is invalid.
"""
import datetime
import json
import sys
import tomllib

import jsonschema


def plain(v):
    if isinstance(v, (datetime.date, datetime.datetime, datetime.time)):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [plain(x) for x in v]
    return v


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            doc = plain(tomllib.load(f))
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        if errors:
            e = errors[0]
            where = ".".join(str(p) for p in e.path)
            print(f"sai {path}: {where}: {e.message}")
        else:
            print(f"ok {path}")


main()
