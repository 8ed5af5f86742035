"""Lighthouse 12.2.3 (npm, pinned in package-lock.json) on pages of the site, with Debian's Chromium.

Mobile preset (Lighthouse's default: a mid-range phone, simulated 4× CPU and slow 4G). Used by
tests/test_lighthouse.py (accessibility and best practices) and benchmarks/lighthouse.py (performance too).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


@dataclass
class Audit:
    url: str
    scores: dict[str, float]  # category → 0..100
    failing: dict[str, list[str]]  # category → 'audit-id: title (where)' of each audit under 1
    lcp_ms: float | None
    tbt_ms: float | None


def run(url: str, categories: tuple[str, ...] = ("accessibility", "best-practices")) -> Audit:
    """Audit `url`; raises RuntimeError with Lighthouse's output if it cannot run."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError(f"{LIGHTHOUSE} is missing: `make test` installs it (npm ci)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                f"--output-path={out}",
                f"--only-categories={','.join(categories)}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--quiet",
            ],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-2000:]}")
        report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not audit {url}: {report['runtimeError']}")
    scores, failing = {}, {}
    for name, category in report["categories"].items():
        scores[name] = round((category["score"] or 0) * 100)
        failing[name] = [
            _describe(report["audits"][ref["id"]])
            for ref in category["auditRefs"]
            if ref.get("weight", 0) > 0 and (report["audits"][ref["id"]].get("score") is not None)
            and report["audits"][ref["id"]]["score"] < 1
        ]  # fmt: skip
    audits = report["audits"]
    return Audit(
        url,
        scores,
        failing,
        audits.get("largest-contentful-paint", {}).get("numericValue"),
        audits.get("total-blocking-time", {}).get("numericValue"),
    )


def _describe(audit: dict) -> str:
    items = (audit.get("details") or {}).get("items") or []
    where = [str((item.get("node") or {}).get("selector") or item.get("url") or "") for item in items[:3]]
    return f"{audit['id']}: {audit['title']} ({'; '.join(w for w in where if w)})"
