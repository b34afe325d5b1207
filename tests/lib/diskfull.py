"""A real full disk for the fault tests: a small tmpfs that holds the register,
filled to the last byte by a filler file (needs root to mount)."""
import os
import sqlite3
import subprocess


class Tmpfs:
    def __init__(self, path, size):
        self.path = path
        os.makedirs(path, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", path],
                       check=True)

    def fill(self):
        """Fill the file system to the last byte with a filler file."""
        fd = os.open(os.path.join(self.path, "filler"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            for chunk in (1 << 20, 65536, 4096, 512, 1):
                try:
                    while True:
                        os.write(fd, b"\0" * chunk)
                except OSError:
                    pass
        finally:
            os.close(fd)

    def free(self):
        try:
            os.unlink(os.path.join(self.path, "filler"))
        except FileNotFoundError:
            pass

    def umount(self):
        subprocess.run(["umount", "-l", self.path], check=False, stderr=subprocess.DEVNULL)


def integrity(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def truncate_wal(db):
    """Fold the WAL into the database and cut it to nothing, so that the next
    write needs new blocks of the file system (an old WAL is rewritten in
    place, which a full disk still allows)."""
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        con.close()
