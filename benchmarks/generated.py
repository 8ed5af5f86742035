"""The import on generated bulletins (tests/generator.py): the share imported right, and the first failing
examples, shrunk by hypothesis to their simplest form.

    .venv/bin/python -m benchmarks.generated [--count 20000] [--forms txt,docx-styles,docx-bold,docx-plain,pdf]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, find, given, seed, settings
from hypothesis.errors import NoSuchExample

from tests.generator import Generated, bulletins, mismatches

FORMS = ("txt", "docx-styles", "docx-bold", "docx-plain", "pdf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--forms", default="txt")
    parser.add_argument("--show", type=int, default=3, help="failing examples to shrink and print")
    parser.add_argument("--seed", type=int, help="the same bulletins again (default: new ones each run)")
    options = parser.parse_args()
    forms = tuple(options.forms.split(","))
    folder = Path(tempfile.mkdtemp(prefix="ban-tin-sinh-"))
    results: Counter[str] = Counter()
    failures: list[tuple[Generated, list[str]]] = []
    started = time.perf_counter()

    @settings(
        max_examples=options.count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(bulletins(forms))
    @seed(options.seed if options.seed is not None else random.getrandbits(32))
    def run(generated: Generated) -> None:
        problems = mismatches(generated, folder)
        results[f"{generated.form} {'đúng' if not problems else 'sai'}"] += 1
        if problems and len(failures) < 50:
            failures.append((generated, problems))

    run()
    seconds = time.perf_counter() - started
    total = sum(results.values())
    right = sum(count for key, count in results.items() if key.endswith("đúng"))
    print(f"{total} bản tin sinh ngẫu nhiên ({', '.join(forms)}), {seconds:.0f} s: đúng {right} ({right / total:.2%})")
    for form in forms:
        done = results[f"{form} đúng"] + results[f"{form} sai"]
        if done:
            print(f"  {form}: {results[f'{form} đúng']}/{done}")
    for number, (generated, problems) in enumerate(failures[: options.show], start=1):
        saved = generated.write(folder / f"vi-du-{number}")
        print(f"\nVí dụ sai, tệp {saved}:\n" + generated.describe())
        print("  → " + "\n  → ".join(problem[:400] for problem in problems))
    if failures and options.show:
        form = failures[0][0].form
        try:
            shrunk = find(
                bulletins((form,)),
                lambda g: bool(mismatches(g, folder)),
                settings=settings(
                    max_examples=2000, deadline=None, database=None, suppress_health_check=list(HealthCheck)
                ),
            )
        except NoSuchExample:  # a failure rarer than one in 2,000: the examples above are all there is
            print(f"\nHypothesis không tìm lại được ví dụ sai nào trong 2.000 bản tin {form} mới để rút gọn.")
            return
        saved = shrunk.write(folder / "vi-du-rut-gon")
        print(f"\nVí dụ sai đơn giản nhất (hypothesis rút gọn), tệp {saved}:\n" + shrunk.describe())
        print("  → " + "\n  → ".join(mismatches(shrunk, folder)))


if __name__ == "__main__":
    main()
