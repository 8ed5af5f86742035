"""Run the repository's nginx configuration (deploy/nginx/) on 127.0.0.1 against a built site.

The files are those an administrator copies to /etc/nginx/ban-tin/; only what the configuration marks
«thay» changes here (the listening address and the site folder), plus the folder the includes live in.
Used by tests/test_hosting.py and benchmarks/load.py.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def htpasswd_line(user: str, password: str) -> str:
    """A salted SHA-1 ({SSHA}) entry, which nginx reads like `htpasswd`'s own."""
    salt = os.urandom(8)
    digest = hashlib.sha1(password.encode() + salt).digest()
    return f"{user}:{{SSHA}}{base64.b64encode(digest + salt).decode()}\n"


def render(
    conf_dir: Path,
    site: Path,
    port: int,
    *,
    allowlist: bool,
    allow_loopback: bool,
    basic_auth: dict[str, str] | None,
    script_sources: str = "",
) -> Path:
    """Copy deploy/nginx/ to `conf_dir` as an administrator would, switched on as asked; return the main file."""
    include_dir = conf_dir / "ban-tin"
    shutil.copytree(DEPLOY, include_dir)
    server = (include_dir / "ban-tin.conf").read_text(encoding="utf-8")
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "root /srv/ban-tin/current;": f"root {site};",
    }
    if allowlist:
        replacements["# include /etc/nginx/ban-tin/access-allowlist.conf;"] = (
            "include /etc/nginx/ban-tin/access-allowlist.conf;"
        )
    if basic_auth is not None:
        replacements["# include /etc/nginx/ban-tin/access-basic-auth.conf;"] = (
            "include /etc/nginx/ban-tin/access-basic-auth.conf;"
        )
        lines = "".join(htpasswd_line(user, password) for user, password in basic_auth.items())
        (include_dir / "htpasswd").write_text(lines, encoding="utf-8")
    for old, new in replacements.items():
        assert old in server, f"deploy/nginx/ban-tin.conf no longer has {old!r}"
        server = server.replace(old, new)
    if not allow_loopback:  # a reader from outside the listed networks
        listed = include_dir / "access-allowlist.conf"
        listed.write_text(listed.read_text(encoding="utf-8").replace("allow 127.0.0.1;", ""), encoding="utf-8")
    if script_sources:  # another site's needs (Pagefind's WebAssembly, in the search benchmark)
        csp = include_dir / "csp.conf"
        csp.write_text(
            csp.read_text(encoding="utf-8").replace("script-src 'self'", f"script-src 'self' {script_sources}")
        )
    for path in include_dir.glob("*.conf"):
        text = server if path.name == "ban-tin.conf" else path.read_text(encoding="utf-8")
        path.write_text(text.replace("/etc/nginx/ban-tin/", f"{include_dir}/"), encoding="utf-8")
    temp = conf_dir / "temp"
    temp.mkdir()
    main = conf_dir / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""  # the workers must read the test's private folders
    main.write_text(
        f"""{user}worker_processes 2;
error_log {conf_dir}/error.log warn;
pid {conf_dir}/nginx.pid;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {include_dir}/ban-tin.conf;
}}
""",
        encoding="utf-8",
    )
    return main


@contextlib.contextmanager
def running_nginx(
    site: Path,
    conf_dir: Path,
    *,
    allowlist: bool = False,
    allow_loopback: bool = True,
    basic_auth: dict[str, str] | None = None,
    script_sources: str = "",
) -> Iterator[str]:
    """nginx serving `site` with the repository's configuration; yields the base URL ('http://127.0.0.1:N/').
    `script_sources`: more sources the policy's script-src allows ("'wasm-unsafe-eval'")."""
    port = free_port()
    conf_dir.mkdir(parents=True, exist_ok=True)
    main = render(
        conf_dir,
        site,
        port,
        allowlist=allowlist,
        allow_loopback=allow_loopback,
        basic_auth=basic_auth,
        script_sources=script_sources,
    )
    check = subprocess.run([NGINX, "-t", "-c", str(main), "-p", str(conf_dir)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen(
        [NGINX, "-c", str(main), "-p", str(conf_dir), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {process.stderr.read() if process.stderr else ''}")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=15)
