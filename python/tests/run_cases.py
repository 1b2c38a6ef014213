"""Runs `python -m ner_studio_torch.train` several times in one process (importing torch once): reads a JSON list of
{"argv": [...], "env": {...}} on stdin and prints, per case, its exit status and what it printed.

    python3 python/tests/run_cases.py < cases.json
"""
import contextlib
import io
import json
import os
import sys

from ner_studio_torch import train


def run(case):
    saved = {k: os.environ.get(k) for k in case.get("env", {})}
    os.environ.update(case.get("env", {}))
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = train.main(case["argv"])
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return {"status": status, "stdout": out.getvalue(), "stderr": err.getvalue()}


if __name__ == "__main__":
    print(json.dumps([run(case) for case in json.load(sys.stdin)]))
