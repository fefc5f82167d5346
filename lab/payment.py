#!/usr/bin/env python3
"""The lab's payment service: answers GET /pay after a delay that the lab sets (the latency knob).

Usage: payment.py PORT. GET /control?delay_ms=N sets the delay of every later /pay answer.
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

DELAY = {"ms": 0.0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

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

    def answer(self, status, body):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


if __name__ == "__main__":
    Server(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
