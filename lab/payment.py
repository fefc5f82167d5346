#!/usr/bin/env python3
"""The lab's payment service: answers GET /pay after a delay that the lab sets (the latency knob).

Usage: payment.py PORT. GET /control?delay_ms=N sets the delay of every later /pay answer.
"""
import sys
import time
from urllib.parse import parse_qs, urlparse

import service

DELAY = {"ms": 0.0}


class Handler(service.Handler):
    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/control":
            value = parse_qs(url.query).get("delay_ms", ["0"])[0]
            DELAY["ms"] = max(0.0, float(value))
            self.answer(200, b"delay %.0f ms\n" % DELAY["ms"])
        elif url.path == "/pay":
            if DELAY["ms"] > 0:
                time.sleep(DELAY["ms"] / 1000)
            self.answer(200, b"paid\n")
        else:
            self.answer(404, b"not found\n")


if __name__ == "__main__":
    service.serve(Handler, int(sys.argv[1]))
