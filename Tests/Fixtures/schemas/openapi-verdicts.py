"""Judges JSON values against schemas of an OpenAPI 3.1 document with PyPI's jsonschema (JSON Schema
2020-12), for the test that compares FaultRay's own validator with it.

usage: python3 openapi-verdicts.py FILE
FILE holds {"document": the OpenAPI document, "cases": [{"schema": "#/json/pointer", "instance": value}]};
prints a JSON list with, for each case, whether the instance is valid.
"""
import json
import sys

import jsonschema


def main(path):
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    document = data["document"]
    verdicts = []
    for case in data["cases"]:
        # The document itself is the root resource, so "#/components/schemas/X" resolves inside it.
        schema = dict(document, **{"$ref": case["schema"]})
        verdicts.append(jsonschema.Draft202012Validator(schema).is_valid(case["instance"]))
    print(json.dumps(verdicts))


if __name__ == "__main__":
    main(sys.argv[1])
