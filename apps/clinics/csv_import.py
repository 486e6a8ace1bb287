"""Reading an invitation CSV: pure, no Django. Each row comes back as plain
values or with the reason it was refused; the service decides the rest."""

import csv
import io
from dataclasses import dataclass, field

from .text import name_problem

MAX_BYTES = 256 * 1024
MAX_ROWS = 500
# "language" is optional: en, es, or blank for the clinic's (Spanish where its country
# speaks it); the services check the value.
COLUMNS = ("email", "full_name", "role", "primary_clinician", "language")
# A cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection); we refuse the row rather than guess what was meant.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@dataclass
class CsvRow:
    number: int  # the line in the file, counting the header as 1
    values: dict = field(default_factory=dict)
    error: str = ""


class CsvFileError(Exception):
    """The file as a whole cannot be read; the message is for the admin."""


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_STARTS)


def rows_parse(data: bytes) -> list[CsvRow]:
    if len(data) > MAX_BYTES:
        raise CsvFileError(f"The file is larger than {MAX_BYTES // 1024} KB: split it.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFileError(
            "The file is not UTF-8 text. Save it as 'CSV UTF-8' and upload it again."
        ) from None
    if "\x00" in text:
        raise CsvFileError("The file is not a CSV file.")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise CsvFileError("The file is empty.")
        names = [cell.strip().lower().replace(" ", "_") for cell in header]
        missing = {"email", "role"} - set(names)
        if missing:
            raise CsvFileError(
                "The first line must name the columns; missing: " + ", ".join(sorted(missing))
            )
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise CsvFileError(f"More than {MAX_ROWS} people: split the file.")
            row = CsvRow(number=number)
            if len(cells) > len(names):
                row.error = "more cells than columns"
            else:
                values = dict(zip(names, cells, strict=False))
                row.values = {name: (values.get(name) or "").strip() for name in COLUMNS}
                # Both as typed and as stored: " =1+1" is stored trimmed, as "=1+1".
                risky = [
                    name
                    for name in COLUMNS
                    if looks_like_formula(values.get(name) or "")
                    or looks_like_formula(row.values[name])
                ]
                if risky:
                    row.error = f"{risky[0]} starts like a spreadsheet formula"
                elif problem := name_problem(row.values["full_name"]):
                    row.error = f"full_name: {problem[0].lower()}{problem[1:]}"
            rows.append(row)
    except csv.Error as error:
        raise CsvFileError(f"The file is not valid CSV: {error}.") from None
    return rows
