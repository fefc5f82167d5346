"""Validates FaultRay's CI outputs against the published schemas kept beside this script.

usage: python3 validate.py sarif FILE   (SARIF 2.1.0, sarif-schema-2.1.0.json, with jsonschema)
       python3 validate.py junit FILE   (JUnit XML, junit-10.xsd, with xmlschema)
Prints every violation and exits 1 when there is one, 0 when the file is valid.
"""
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent


def main(kind, path):
    if kind == "sarif":
        import jsonschema
        schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text())
        validator = jsonschema.Draft4Validator(schema)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json.loads(pathlib.Path(path).read_text()))]
    elif kind == "junit":
        import xmlschema
        schema = xmlschema.XMLSchema(str(HERE / "junit-10.xsd"))
        errors = [str(e.reason) + " at " + str(e.path) for e in schema.iter_errors(path)]
    else:
        print(f"unknown kind {kind}; expected sarif or junit")
        return 2
    for error in errors:
        print(error)
    print(f"{path}: {'valid' if not errors else str(len(errors)) + ' violations'} ({kind})")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
