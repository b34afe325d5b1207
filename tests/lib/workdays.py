"""Working days counted independently of bureau's calendar.c, from the
same holidays file (data/holidays-ma.txt): Saturday and Sunday are off, a
5-character line (MM-DD) is a holiday every year, a full date once."""
import datetime as dt
import os

from common import SRC


def load_holidays(path):
    fixed, dated = set(), set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            tok = s.split()[0]
            if len(tok) == 5:
                fixed.add(tok)
            else:
                dated.add(dt.date.fromisoformat(tok))
    return fixed, dated


HOL_FIXED, HOL_DATED = load_holidays(os.path.join(SRC, "data", "holidays-ma.txt"))


def working(d):
    return d.weekday() < 5 and d.strftime("%m-%d") not in HOL_FIXED and d not in HOL_DATED


def working_between(lo, hi):
    """Working days in (lo, hi], as the digest counts days late."""
    return sum(working(lo + dt.timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
