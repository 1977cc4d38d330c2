#!/usr/bin/env python3
"""Pages per b-tree in a copy of a SQLite write-ahead log (bench/sqlite-pages.sh).

Arguments: the log copy, and "name|pageno" lines from the dbstat table of the same database.
Counts the frames of the log's current generation (their salts match the header's) by the b-tree
their page belongs to, and the commits among them (frames that end a transaction).
"""
import collections
import struct
import sys

wal = open(sys.argv[1], "rb").read()
_, _, page_size, _, salt1, salt2, _, _ = struct.unpack(">8I", wal[:32])
owner = {}
for line in open(sys.argv[2]):
    name, page = line.strip().rsplit("|", 1)
    owner[int(page)] = name
pages, commits, offset = collections.Counter(), 0, 32
while offset + 24 + page_size <= len(wal):
    page, size_after_commit, s1, s2 = struct.unpack(">4I", wal[offset:offset + 16])
    if (s1, s2) != (salt1, salt2):
        break
    pages[owner.get(page, "(freed since)")] += 1
    commits += size_after_commit != 0
    offset += 24 + page_size
if not commits:
    print("  the log copy holds no whole commit (WAL_AFTER=... to copy at another moment)")
    sys.exit(0)
print(f"  {sum(pages.values())} pages in {commits} commits: {sum(pages.values()) / commits:.1f} per commit")
for name, n in pages.most_common(25):
    print(f"    {name:40s} {n / commits:6.2f} per commit")
