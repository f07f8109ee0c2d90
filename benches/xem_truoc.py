#!/usr/bin/env python3
"""Preview load on `vanban serve`: N clients each re-laying out a one-word
edit of a document in a loop for T seconds; prints the previews made, the
errors and refusals, and the median and p95 of the server's own time (its
`server-timing` header) and of the client's wall time.

    vanban serve examples --cong 8030 &
    python3 benches/xem_truoc.py 127.0.0.1 8030 cong-van.toml 20 60 examples/cong-van.toml

The edit toggles a space after the first "triển khai" of the text, so each
request differs from the last.
"""

import http.client
import json
import sys
import threading
import time

host, port, name, n, secs = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
text = open(sys.argv[6], encoding="utf-8").read()
server, wall, errors, busy = [], [], [], [0]
stop = time.time() + secs
def client(i):
    k = 0
    while time.time() < stop:
        k += 1
        body = text.replace("triển khai", f"triển khai{' ' if k % 2 else '  '}", 1).encode()
        c = http.client.HTTPConnection(host, port, timeout=30)
        t = time.time()
        c.request("POST", f"/api/xem-truoc/{name}", body, {"Content-Type": "text/plain; charset=utf-8"})
        r = c.getresponse(); data = r.read(); w = (time.time() - t) * 1000
        if r.status == 503: busy[0] += 1; continue
        if r.status != 200 or b'"trang"' not in data: errors.append(r.status); continue
        st = r.getheader("server-timing"); server.append(float(st.split("dur=")[1])); wall.append(w)
threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
[t.start() for t in threads]; [t.join() for t in threads]
q = lambda xs, p: sorted(xs)[max(0, int(len(xs) * p) - 1)] if xs else None
print(json.dumps({"clients": n, "seconds": secs, "previews": len(server), "errors": len(errors), "busy_503": busy[0],
  "server_ms_p50": q(server, .5), "server_ms_p95": q(server, .95), "wall_ms_p50": q(wall, .5), "wall_ms_p95": q(wall, .95)}))
