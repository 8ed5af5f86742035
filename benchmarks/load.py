"""Load test: the repository's nginx configuration serving the built site, hammered by wrk on loopback.

`python -m benchmarks.load` builds and precompresses the site as `make build` does, starts nginx with
deploy/nginx/ (tests/nginx_server.py) on 127.0.0.1, and runs wrk (Debian package `wrk`) with 200
connections for 30 seconds over every article page and the search documents, asking for gzip as browsers
do. Prints requests per second, transfer, latency and errors (target: no errors). Stops by itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.hosting.precompress import precompress
from scripts.search.build import INDEX_DIR
from scripts.site import build
from tests.nginx_server import running_nginx

REPO = Path(__file__).resolve().parents[1]
CONNECTIONS, SECONDS, THREADS = 200, 30, 2
LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["Accept-Encoding"] = "gzip"})
end
"""


def main() -> None:
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("Lỗi: thiếu wrk. Hãy chạy `make bench` (cài gói Debian wrk) hoặc apt-get install wrk.")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        build(site, quiet=True)  # as `make build`: the pages, then the search index
        precompress(site)
        articles = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("ban-tin/*/*/*/index.html"))
        paths = [f"/{a}/" for a in articles] + [f"/{INDEX_DIR}/trang.json"]
        script = tmp / "paths.lua"
        script.write_text(LUA % ", ".join(f'"{p}"' for p in paths), encoding="utf-8")
        with running_nginx(site, tmp / "nginx") as base:
            result = subprocess.run(
                [wrk, f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "-s", str(script), base],
                capture_output=True,
                text=True,
                timeout=SECONDS + 60,
                check=True,
            )
    out = result.stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    total = re.search(r"(\d+) requests in", out).group(1)
    transfer = re.search(r"Transfer/sec:\s+(\S+)", out).group(1)
    p50 = re.search(r"50%\s+(\S+)", out).group(1)
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: (.*)", out)
    errors = non_2xx.group(1) if non_2xx else "0"
    sockets = socket.group(1) if socket else "không"
    print(f"Tải nginx (wrk, {CONNECTIONS} kết nối, {SECONDS} s, {len(articles)} bài + tài liệu tìm kiếm, gzip):")
    print(f"  {rate} yêu cầu/s ({total} yêu cầu), {transfer}/s; độ trễ trung vị {p50}, p99 {p99}")
    print(f"  lỗi: trả mã khác 2xx/3xx {errors}; lỗi kết nối: {sockets}")


if __name__ == "__main__":
    main()
