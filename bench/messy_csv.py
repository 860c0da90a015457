"""A messy ATS export for the import benchmark and the new-user check: the things real files do, at scale.

Mixed quoting, CRLF and LF line ends, accents, CJK and RTL names, emoji and newlines in notes, multi-value tags,
phone numbers in several notations, dates in four formats, a few duplicate emails and a few invalid ones.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

FIRST = ["Ana María", "Jörg", "Zoë", "太郎", "Fatima", "Łukasz", "Søren", "Chloé", "Nguyễn", "דוד", "Olu", "Ines"]
LAST = ["Ramírez", "Müller", "O'Brien", "山田", "Al-Sayed", "Wiśniewski", "Ødegård", "Dubois", "Văn", "כהן", "Ade"]
CITIES = ["Berlin", "München", "São Paulo", "東京", "Kraków", "Sevilla", "Zürich", "New York, NY"]
STAGES = ["Application Review", "Phone Screen", "Onsite", "Offer", "Hired", "Rejected", "Culture Fit"]
DATES = ["2024-03-01", "2024-03-01T09:30:00Z", "3/1/2024 0:00", "1709251200000"]
PHONES = ["+49 30 1234567", "+1 (212) 555-0{:03d}", "+44 20 7946 0{:03d}", "+33 1 23 45 67 {:02d}"]
HEADER = ["Candidate ID", "First Name", "Last Name", "Email", "Phone", "Job", "Current Stage", "Source", "Recruiter",
          "Tags", "Notes", "Consent Date"]  # fmt: skip


def messy_rows(count: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        email = f"person{i}@example.com"
        if i % 997 == 0 and i:
            email = f"person{i - 1}@example.com"  # the same person exported twice
        if i % 1499 == 0 and i:
            email = f"person{i}(at)example.com"  # not an address
        notes = rng.choice(["", 'Said: "only remote" & <b>bold</b> 🚀', "Line one\nLine two", "مرحبا", "=SUM(A1)"])
        rows.append([
            str(10_000 + i), rng.choice(FIRST), rng.choice(LAST) + f" {i}", email,
            rng.choice(PHONES).format(i % 100), rng.choice(["Backend Engineer", "Account Executive", "Designer"]),
            rng.choice(STAGES), rng.choice(["LinkedIn", "Referral", "Agency", ""]), "Sam Rivera",
            rng.choice(["java, remote", "go;python", "", "sales"]), notes, rng.choice(DATES),
        ])  # fmt: skip
    return rows


def write_messy_csv(path: Path, count: int = 10_000) -> Path:
    """Write the file with a BOM, CRLF ends, minimal quoting; every tenth row ends in a bare LF."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for number, row in enumerate(messy_rows(count)):
        writer.writerow(row)
        if number % 10 == 0:
            buffer.seek(buffer.tell() - 2)
            buffer.write("\n")
            buffer.truncate()
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return path


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "messy-candidates.csv")
    print(write_messy_csv(target, int(sys.argv[2]) if len(sys.argv) > 2 else 10_000))
