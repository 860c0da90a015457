"""How often the suggestion is right, without help, on real offer-like letters written by others.

Runs the real finders over each labelled letter (corpus_labels.py), takes the suggested choice for every
placeholder found and compares it with the label; a None label is right when nothing is suggested. A placeholder
the labels do not name counts as "no field fits", except a blank ("XX#1", "____#2"), which counts only when
labelled. Prints the share per letter and overall:

    PYTHONPATH=$PWD/src python -m pytest -q -s -p no:cacheprovider tests/unit/letters/adopt/test_mapping_corpus.py
"""

from __future__ import annotations

from pathlib import Path

import pytest

from offerdesk.letters.adopt import find_placeholders
from offerdesk.letters.adopt.mapping import suggested_choice
from offerdesk.letters.adopt.model import PlaceholderKind
from offerdesk.letters.docx_file import read_package
from tests.unit.letters.adopt.corpus_labels import LABELS

CORPUS = Path("/work/shared/corpus/real-world")
GOAL = 0.80


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real-world corpus is not on this machine ({CORPUS})")
def test_suggestions_match_the_labels_on_real_letters() -> None:
    right = total = 0
    lines = []
    for name, labels in LABELS.items():
        file_right = file_total = 0
        misses = []
        for found in find_placeholders(read_package(CORPUS / name)):
            if found.kind is PlaceholderKind.BLANK and found.key not in labels:
                continue
            expected = labels.get(found.key, labels.get(found.key.strip()))
            choice = suggested_choice(found)
            got = choice.value if choice is not None else None
            file_total += 1
            if got == expected:
                file_right += 1
            else:
                misses.append(f"{found.key!r}: {got} (label {expected})")
        right, total = right + file_right, total + file_total
        share = f"{file_right / file_total:.0%}" if file_total else "-"
        lines.append(f"{share:>5} {file_right:>3}/{file_total:<3} {name}" + "".join(f"\n        {m}" for m in misses))
    print("\n" + "\n".join(lines))
    print(f"overall: {right}/{total} = {right / total:.1%} right without help")
    assert total > 50
    assert right / total >= GOAL
