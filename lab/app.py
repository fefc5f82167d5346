#!/usr/bin/env python3
"""The lab's web app: GET /order reads a product (Redis cache, falling back to PostgreSQL), writes an
order row to PostgreSQL and calls the payment service. Every call waits at most TIMEOUT seconds.

Usage: app.py PORT PG_PORT REDIS_PORT PAYMENT_PORT.
GET /control?retries_redis=N&retries_payment=N&retries_db=N sets the retries per dependency (back-off
100 ms, doubling, no jitter: the model's retry_strategy with initial_delay_ms 100 and multiplier 2).
"""
import http.client
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as CallTimeout
from urllib.parse import parse_qs, urlparse

import psycopg
import redis

import service

TIMEOUT = 2.0  # the app's timeout on each of its dependencies (capacity.timeout_seconds: 2 in lab/model.yaml)
PORT, PG_PORT, REDIS_PORT, PAYMENT_PORT = (int(a) for a in sys.argv[1:5])
RETRIES = {"redis": 0, "payment": 0, "db": 0}
CALLS = ThreadPoolExecutor(max_workers=128)
LOCAL = threading.local()
CACHE = redis.Redis(host="127.0.0.1", port=REDIS_PORT, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT,
                    retry_on_timeout=False)


def with_timeout(fn):
    """Runs fn in a worker and gives up after TIMEOUT (a hung dependency never answers)."""
    return CALLS.submit(fn).result(timeout=TIMEOUT)


def attempt(dependency, fn):
    """Calls fn with the dependency's retries; raises the last error."""
    delay = 0.1
    for n in range(RETRIES[dependency] + 1):
        try:
            return with_timeout(fn)
        except Exception:
            if n == RETRIES[dependency]:
                raise
            time.sleep(delay)
            delay *= 2


def db(sql, args):
    conn = getattr(LOCAL, "conn", None)
    if conn is None or conn.closed:
        conn = psycopg.connect(host="127.0.0.1", port=PG_PORT, dbname="lab", user=DB_USER, connect_timeout=2, autocommit=True)
        LOCAL.conn = conn
    try:
        with conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchone() if cur.description else None
    except Exception:
        conn.close()
        raise


def pay():
    conn = http.client.HTTPConnection("127.0.0.1", PAYMENT_PORT, timeout=TIMEOUT + 1)
    try:
        conn.request("GET", "/pay")
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError("payment answered %d" % response.status)
    finally:
        conn.close()


def order(item):
    try:
        name = attempt("redis", lambda: CACHE.get("product:%d" % item))
        if name is None:
            name = attempt("db", lambda: db("SELECT name FROM products WHERE id = %s", (item,)))[0]
            CACHE.set("product:%d" % item, name)
    except Exception:
        # The fallback: the cache is optional; a miss or an error lands on the database.
        name = attempt("db", lambda: db("SELECT name FROM products WHERE id = %s", (item,)))[0]
    attempt("db", lambda: db("INSERT INTO orders (item) VALUES (%s)", (item,)))
    attempt("payment", pay)
    return name


class Handler(service.Handler):
    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/control":
            for key, values in parse_qs(url.query).items():
                if key.startswith("retries_") and key[8:] in RETRIES:
                    RETRIES[key[8:]] = max(0, int(values[0]))
            self.answer(200, ("%s\n" % RETRIES).encode())
        elif url.path == "/order":
            item = int(parse_qs(url.query).get("item", ["1"])[0]) % 100 + 1
            try:
                self.answer(200, ("ordered %s\n" % order(item)).encode())
            except (Exception, CallTimeout) as error:
                self.answer(503, ("failed: %s\n" % type(error).__name__).encode())
        else:
            self.answer(404, b"not found\n")


if __name__ == "__main__":
    DB_USER = sys.argv[5]
    service.serve(Handler, PORT)
