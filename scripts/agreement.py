"""How far two annotators agree on the same gold texts (the ceiling a coder can be held to).

    .venv/bin/python scripts/agreement.py [gold/agreement/second.jsonl] [--json]

Compares the second annotation (made without seeing the first) with the facts of the same
texts in gold/real/, fact by fact, as ``sinew.evaluate.agreement`` does.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sinew.evaluate import agreement, load_gold

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("second", nargs="?", default=str(ROOT / "gold" / "agreement" /
                                                         "second.jsonl"))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    result = agreement(load_gold([ROOT / "gold" / "real"]), load_gold([args.second]))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['texts']} texts: agreement F1 {result['fact_f1']:.3f} (facts in both "
          f"{result['tp']}, only the first {result['only_first']}, only the second "
          f"{result['only_second']})")
    for type_, row in result["by_type"].items():
        f1 = "n/a" if row["f1"] is None else f"{row['f1']:.2f}"
        print(f"  {type_:10} F1 {f1}  both {row['tp']}, first only {row['fn']}, "
              f"second only {row['fp']}")


if __name__ == "__main__":
    main()
