#!/usr/bin/env python3
"""Forwards every request to the server and keeps the body of the last POST /api/v1/changes.

Used by bench/server-decisions.sh to capture the registration `countersign check --server` sends, so the write path
(a repeated CI check of an unchanged change) can be replayed with wrk.
    capture-proxy.py UPSTREAM_URL OUT_FILE   # prints the port it listens on, then serves until killed
"""
import http.server
import sys
import urllib.error
import urllib.request

UPSTREAM = sys.argv[1].rstrip("/")
OUT = sys.argv[2]
HOP = {"connection", "keep-alive", "transfer-encoding", "host", "content-length"}


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _forward(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            body = self._chunked()  # HttpClient streams JSON content without a length
        else:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
        if self.command == "POST" and self.path.split("?")[0] == "/api/v1/changes" and body:
            with open(OUT, "wb") as f:
                f.write(body)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        request = urllib.request.Request(UPSTREAM + self.path, data=body, headers=headers, method=self.command)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, reply, answer = response.status, response.headers, response.read()
        except urllib.error.HTTPError as e:
            status, reply, answer = e.code, e.headers, e.read()
        self.send_response(status)
        for k, v in reply.items():
            if k.lower() not in HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def _chunked(self):
        parts = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip(), 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline()

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
print(server.server_address[1], flush=True)
server.serve_forever()
