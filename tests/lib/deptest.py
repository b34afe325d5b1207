"""Shared setup of the departure-register tests: rules with two departments
and their heads, a config with an approval circuit per kind, a loopback
SMTP server, and citizens' messages registered through `bureau ingest`."""
import os
import shutil

from common import SRC, bureau, db_rows, write_config
import smtpd

RULES = smtpd.RULES + """
department travaux-voirie
  name_fr: Travaux et voirie
  name_ar: الأشغال والطرق
  heads: chef.voirie@commune.test
kind information-request
  name_fr: Demande d'accès à l'information
  name_ar: طلب الحصول على المعلومات
  deadline: 20 working days
rule info
  kind: information-request
  department: hygiene-environnement
  fields: subject
  weight: 20
  pattern: معلومات|information
"""

APPROVAL = """
[approval]
default = head
complaint = head, director
information-request = head
letter = {letter}
directors = Directeur, dgs@commune.test

[staff]
chef = chef.hygiene@commune.test
voirie = chef.voirie@commune.test
"""


class Setup:
    def __init__(self, work, letter="none", default=None, smtp=True):
        self.work = work
        self.db = os.path.join(work, "bureau.db")
        self.server = smtpd.Smtpd(work) if smtp else None
        rules = os.path.join(work, "rules")
        os.makedirs(rules, exist_ok=True)
        with open(os.path.join(rules, "test.rules"), "w", encoding="utf-8") as f:
            f.write(RULES)
        self.templates = os.path.join(work, "templates")
        shutil.copytree(os.path.join(SRC, "templates"), self.templates)
        extra = APPROVAL.format(letter=letter)
        if default:
            extra = extra.replace("default = head", f"default = {default}")
            extra = extra.replace("complaint = head, director", f"complaint = {default}")
        self.conf = write_config(
            os.path.join(work, "bureau.conf"), self.db, rules=rules, templates=self.templates,
            smtp={"url": self.server.url() if smtp else "smtp://127.0.0.1:9", "tls": "none",
                  "from": "bo@commune.test"},
            extra=extra)

    def run(self, *args, **kw):
        return bureau(self.conf, *args, **kw)

    def ingest(self, **kw):
        p = self.run("ingest", input=smtpd.citizen_message(**kw))
        assert p.returncode == 0, p.stderr
        rows = db_rows(self.db, "SELECT number FROM entries ORDER BY id DESC LIMIT 1")
        return rows[0][0]

    def write(self, name, text):
        path = os.path.join(self.work, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path
