"""Write a generated set to a folder: ``python -m tests.synth DIR [N] [SEED] [--clean]``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.synth.corpus import write_corpus


def main(argv: list[str]) -> int:
    """Parse the arguments, write the set, print what was written."""
    args = [a for a in argv if not a.startswith("--")]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    directory = Path(args[0])
    n = int(args[1]) if len(args) > 1 else 20
    seed = int(args[2]) if len(args) > 2 else 1
    start = time.perf_counter()
    files = write_corpus(directory, n, seed, clean="--clean" in argv)
    print(
        f"{len(files)} pages and truth.jsonl in {directory} ({time.perf_counter() - start:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
