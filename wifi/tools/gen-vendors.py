#!/usr/bin/python3
"""Regenerates wifi/src/main/resources/io/sentinel/wifi/vendors.tsv.gz, the IEEE registry table the
jar ships (io.sentinel.wifi.Vendors), from Debian's ieee-data CSV files (MA-L oui.csv, MA-M mam.csv,
MA-S oui36.csv, IAB iab.csv).

Usage: wifi/tools/gen-vendors.py [IEEE_DATA_DIR]   (default /usr/share/ieee-data)
Get the files with `apt-get install ieee-data`, or without installing:
`apt-get download ieee-data && dpkg-deb -x ieee-data_*.deb DIR` then pass DIR/usr/share/ieee-data.
The build does not run this script: the generated table is checked in.

Output: gzip of UTF-8 lines `PREFIX<TAB>NAME`, PREFIX the assignment in upper-case hex (6 digits
MA-L, 7 MA-M, 9 MA-S/IAB), sorted; first line `#` + source and date. Names are trimmed, control
characters and tabs removed, at most 64 characters."""
import csv, gzip, os, re, sys

src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/ieee-data"
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "io", "sentinel", "wifi",
                   "vendors.tsv.gz")
rows = {}
for name, digits in (("oui.csv", 6), ("mam.csv", 7), ("oui36.csv", 9), ("iab.csv", 9)):
    path = os.path.join(src, name)
    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        for r in csv.DictReader(f):
            a = (r.get("Assignment") or "").strip().upper()
            org = re.sub(r"[\x00-\x1f\x7f\t]+", " ", (r.get("Organization Name") or "")).strip()
            if not re.fullmatch(r"[0-9A-F]{%d}" % digits, a) or not org:
                continue
            rows[a] = org[:64]
last = ""
try:
    last = open(os.path.join(src, ".lastupdate")).read().strip()
except OSError:
    pass
with gzip.GzipFile(out, "wb", mtime=0) as g:
    g.write(("# IEEE MA-L/MA-M/MA-S/IAB from Debian ieee-data %s, %d assignments\n" % (last, len(rows))).encode())
    for a in sorted(rows):
        g.write(("%s\t%s\n" % (a, rows[a])).encode("utf-8"))
print("wrote %s: %d assignments" % (out, len(rows)))
