"""Put a built site on the web server as a new release, switched in at once; go back with one command.

    python -m scripts.hosting.deploy site /srv/ban-tin                 # on the server itself (or a mounted disk)
    python -m scripts.hosting.deploy site máy-chủ:/srv/ban-tin         # over ssh
    python -m scripts.hosting.deploy --rollback máy-chủ:/srv/ban-tin   # back to the release before
    python -m scripts.hosting.deploy --list máy-chủ:/srv/ban-tin

On the server: `releases/<time>/` holds each release, `current` is a symlink to the one served (nginx's
`root /srv/ban-tin/current;`). A release is copied into `releases/<time>.partial/`, renamed when whole, and
`current` is replaced in one rename: readers get the old site or the new one, never half of one. Only a
whole build is sent (the stamp `scripts.site` writes last); the last KEEP releases stay for a rollback.

Every step runs as one POSIX shell script, locally with `sh` or on the server through `ssh`; every path in
it is quoted here (`shlex.quote`), the one place text from the command line reaches a shell.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import time
from pathlib import Path

from scripts.site import BUILD_STAMP

KEEP = 5


class DeployError(Exception):
    """The release could not be put on the server; nothing served has changed."""


def split_target(target: str) -> tuple[str | None, str]:
    """('host', '/srv/ban-tin') for 'host:/srv/ban-tin', (None, path) for a local path."""
    host, colon, path = target.partition(":")
    if colon and host and "/" not in host:
        return host, path
    return None, target


def run_script(target: str, script: str, stdin: bytes | None = None) -> str:
    """Run `script` with `sh` on the target's machine (locally or through ssh); its output, or DeployError."""
    host, _ = split_target(target)
    command = ["sh", "-c", script] if host is None else ["ssh", "-o", "BatchMode=yes", host, script]
    result = subprocess.run(command, input=stdin, capture_output=True, timeout=1800)
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DeployError(f"Lỗi trên máy chủ: {said[-1] if said else f'mã lỗi {result.returncode}'}.")
    return result.stdout.decode("utf-8", "replace")


def deploy(site: Path, target: str, keep: int = KEEP) -> str:
    """Send the whole build in `site` as a new release of `target` and serve it; return its name."""
    stamp = site / BUILD_STAMP
    if not site.is_dir() or site.resolve().name.endswith(".partial") or not stamp.is_file():
        raise DeployError(
            f"Lỗi: '{site}' không phải một lần dựng trọn vẹn (thiếu {BUILD_STAMP}); chạy 'make build' rồi thử lại."
        )
    try:
        json.loads(stamp.read_text(encoding="utf-8"))  # a stamp cut short is no stamp
    except (ValueError, OSError):
        raise DeployError(
            f"Lỗi: '{site}' không phải một lần dựng trọn vẹn ({BUILD_STAMP} hỏng); chạy 'make build' rồi thử lại."
        ) from None
    now = time.time()
    name = time.strftime("%Y%m%d-%H%M%S", time.localtime(now)) + f"-{int(now * 1000) % 1000:03d}"
    archive = subprocess.run(["tar", "-C", str(site.resolve()), "-cf", "-", "."], capture_output=True, check=True)
    _, root = split_target(target)
    q = {key: shlex.quote(value) for key, value in {"root": root, "name": name}.items()}
    run_script(
        target,
        f"""set -e
mkdir -p -- {q["root"]}
cd -- {q["root"]}
mkdir -p releases
if [ -e releases/{q["name"]} ]; then echo "đã có bản {name}" >&2; exit 1; fi
rm -rf releases/{q["name"]}.partial
mkdir releases/{q["name"]}.partial
tar -C releases/{q["name"]}.partial -xf -
mv releases/{q["name"]}.partial releases/{q["name"]}
ln -sfn releases/{q["name"]} current.new
mv -T current.new current
ls -1 releases | grep -v '[.]partial$' | sort -r | tail -n +{keep + 1} | while read -r old; do
  rm -rf "releases/$old"
done
""",
        stdin=archive.stdout,
    )
    return name


def releases(target: str) -> tuple[list[str], str]:
    """The target's releases (oldest first) and the one served."""
    _, root = split_target(target)
    output = run_script(
        target,
        f"""set -e
cd -- {shlex.quote(root)} 2>/dev/null || {{ echo "không có thư mục "{shlex.quote(root)} >&2; exit 1; }}
[ -d releases ] || {{ echo "chưa có bản nào trong "{shlex.quote(root)} >&2; exit 1; }}
ls -1 releases | grep -v '[.]partial$' | sort
echo "=> $(readlink current)"
""",
    )
    lines = output.splitlines()
    served = lines[-1].removeprefix("=> ").removeprefix("releases/")
    return lines[:-1], served


def rollback(target: str) -> str:
    """Serve the release before the one served; return its name."""
    names, served = releases(target)
    if served not in names or names.index(served) == 0:
        raise DeployError("Lỗi: không có bản nào trước bản đang phục vụ để quay lại.")
    previous = names[names.index(served) - 1]
    _, root = split_target(target)
    run_script(
        target,
        f"""set -e
cd -- {shlex.quote(root)}
ln -sfn {shlex.quote("releases/" + previous)} current.new
mv -T current.new current
""",
    )
    return previous


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.hosting.deploy", description="Đưa trang đã dựng lên máy chủ, hoặc quay lại bản trước."
    )
    parser.add_argument("site", nargs="?", type=Path, help="thư mục trang đã dựng (site)")
    parser.add_argument("target", help="thư mục trên máy chủ: /srv/ban-tin hoặc máy-chủ:/srv/ban-tin")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--rollback", action="store_true", help="quay lại bản trước bản đang phục vụ")
    action.add_argument("--list", action="store_true", help="liệt kê các bản trên máy chủ")
    args = parser.parse_args(argv)
    try:
        if args.rollback:
            print(f"Đang phục vụ lại bản {rollback(args.target)}.")
        elif args.list:
            names, served = releases(args.target)
            for name in names:
                print(f"{'*' if name == served else ' '} {name}")
        elif args.site is None:
            parser.error("cần thư mục trang đã dựng (site)")
        else:
            print(f"Đã đưa lên và đang phục vụ bản {deploy(args.site, args.target)}.")
    except DeployError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
