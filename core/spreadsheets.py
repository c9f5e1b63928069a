"""CSV files that spreadsheet programs open as they are."""

import csv
import io


def spreadsheet_csv(header, rows):
    """``header`` and ``rows`` as CSV text: UTF-8 with a byte order mark (so that Excel reads
    ä and ö), comma-separated, CRLF line ends."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
