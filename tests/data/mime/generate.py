#!/usr/bin/python3
"""Regenerates the test messages in this directory (run from here).
The .eml files are committed; this script documents how they were made."""
import base64
import quopri


def w(name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(name, 'wb') as f:
        f.write(data)


def b64w(s, cs):
    return '=?%s?B?%s?=' % (cs, base64.b64encode(s.encode(cs)).decode())


def qw(s, cs):
    out = ''
    for b in s.encode(cs):
        if b == 32:
            out += '_'
        elif b < 128 and chr(b).isalnum():
            out += chr(b)
        else:
            out += '=%02X' % b
    return '=?%s?Q?%s?=' % (cs, out)


def H(subj, frm, extra=''):
    return ("From: %s\r\nTo: bo@commune.ma, \"Service\" <Service@Commune.MA>\r\nSubject: %s\r\n"
            "Date: Mon, 12 Jan 2026 10:30:00 +0100\r\nMessage-ID: <m1@citizen.example>\r\n"
            "MIME-Version: 1.0\r\n%s") % (frm, subj, extra)


def b64(d):
    return base64.encodebytes(d).decode().replace('\n', '\r\n')


AR_SUBJ = 'شكاية بخصوص الإنارة العمومية'
AR_NAME = 'محمد العلوي'
AR_BODY = ('السلام عليكم،\nأتقدم إليكم بهذه الشكاية بخصوص انقطاع الإنارة العمومية في حي السلام '
           'منذ أسبوعين.\nوالسلام.')
FR_SUBJ = 'Réclamation concernant l’éclairage public à Tiznit'
FR_BODY = ("Bonjour,\nJe vous écris au sujet de l'éclairage public du quartier, éteint depuis deux "
           "semaines.\nVeuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées."
           "\nFrançois Lefèvre")
FR_BODY1252 = FR_BODY + "\nCoût estimé : 150 € — « urgent » ; cœur."


def crlf(b):
    return b.replace(b'\n', b'\r\n')


w('ar_utf8.eml', H(b64w(AR_SUBJ, 'utf-8'), '%s <Citizen@Example.MA>' % b64w(AR_NAME, 'utf-8'),
                   'Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n')
  + b64(AR_BODY.encode()))
w('ar_cp1256.eml', H(qw(AR_SUBJ, 'windows-1256'), '%s <citizen@example.ma>' % qw(AR_NAME, 'windows-1256'),
                     'Content-Type: text/plain; charset=windows-1256\r\n'
                     'Content-Transfer-Encoding: quoted-printable\r\n\r\n').encode()
  + quopri.encodestring(crlf(AR_BODY.encode('cp1256'))))
w('ar_cp1256_as_latin1.eml', H('Plainte', '"Citizen" <citizen@example.ma>',
                               'Content-Type: text/plain; charset=iso-8859-1\r\n'
                               'Content-Transfer-Encoding: 8bit\r\n\r\n').encode()
  + crlf(AR_BODY.encode('cp1256')) + b'\r\n')
w('ar_iso8859_6.eml', H(b64w(AR_SUBJ, 'iso-8859-6'), 'citizen@example.ma',
                        'Content-Type: text/plain; charset="ISO-8859-6-I"\r\n'
                        'Content-Transfer-Encoding: base64\r\n\r\n')
  + b64(AR_BODY.encode('iso-8859-6')))
w('ar_undeclared.eml', H('Demande', 'citizen@example.ma', 'Content-Type: text/plain\r\n\r\n').encode()
  + crlf(AR_BODY.encode('cp1256')) + b'\r\n')
w('fr_latin1.eml', H(qw('Réclamation: éclairage à Tiznit', 'iso-8859-1'),
                     '%s <francois@example.fr>' % qw('François Lefèvre', 'iso-8859-1'),
                     'Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n').encode()
  + crlf(FR_BODY.encode('latin-1')) + b'\r\n')
w('fr_cp1252.eml', H(b64w(FR_SUBJ, 'windows-1252'), '%s <francois@example.fr>' % b64w('Lefèvre, François', 'windows-1252'),
                     'Content-Type: text/plain; charset=windows-1252\r\n'
                     'Content-Transfer-Encoding: quoted-printable\r\n\r\n').encode()
  + quopri.encodestring(crlf(FR_BODY1252.encode('cp1252'))))
w('fr_utf8_as_latin1.eml', H('Demande de rendez-vous', 'francois@example.fr',
                             'Content-Type: text/plain; charset=iso-8859-1\r\n'
                             'Content-Transfer-Encoding: 8bit\r\n\r\n') + FR_BODY + '\r\n')
html = ('<!DOCTYPE html><html><head><title>Titre caché</title><style>p{color:red}</style>'
        '<script>var x = "<p>pas ça</p>";</script></head><body><h1>Demande d&#39;attestation</h1>'
        '<p>Bonjour,<br>je souhaite obtenir une attestation de r&eacute;sidence &amp; un certificat.</p>'
        '<div dir="rtl">أرجو منكم &laquo;شهادة السكنى&raquo; &#1588;&#x643;&#x631;&#x627;</div>'
        '<ul><li>Nom&nbsp;: Amina</li><li>Quartier : Centre</li></ul><!-- commentaire --></body></html>')
w('html_only.eml', H('=?utf-8?q?Attestation_de_r=C3=A9sidence?=', '"Amina B." <amina@example.ma>',
                     'Content-Type: text/html; charset=utf-8\r\n'
                     'Content-Transfer-Encoding: quoted-printable\r\n\r\n').encode()
  + quopri.encodestring(html.encode()))
pdf = b'%PDF-1.4\n' + bytes(range(256)) * 4 + b'\n%%EOF\n'
png = b'\x89PNG\r\n\x1a\n' + b'\x00' * 64
w('nested.eml', H(b64w(AR_SUBJ, 'utf-8'), '%s <citizen@example.ma>' % b64w(AR_NAME, 'utf-8'),
                  'Content-Type: multipart/mixed; boundary="outer-1"\r\n\r\nThis is a multi-part message.\r\n')
  + '--outer-1\r\nContent-Type: multipart/alternative; boundary="alt-2"\r\n\r\n'
  + '--alt-2\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
  + AR_BODY + '\r\n'
  + '--alt-2\r\nContent-Type: multipart/related; boundary="rel-3"\r\n\r\n'
  + '--rel-3\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML version</p><img src="cid:logo">\r\n'
  + '--rel-3\r\nContent-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\n'
  + b64(png) + '--rel-3--\r\n--alt-2--\r\n'
  + '--outer-1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;\r\n'
  + ' filename*0*=utf-8\'ar\'%D8%B4%D9%83%D8%A7%D9%8A%D8%A9;\r\n filename*1*=%20%D8%B1%D9%82%D9%85%201.pdf\r\n'
  + 'Content-Transfer-Encoding: base64\r\n\r\n' + b64(pdf)
  + '--outer-1\r\nContent-Type: text/plain; charset=iso-8859-1; name="=?iso-8859-1?Q?re=E7u_d=E9p=F4t.txt?="\r\n'
  + 'Content-Disposition: attachment\r\n\r\nRecu\r\n--outer-1--\r\nepilogue\r\n')
dsn = ('From: MAILER-DAEMON@mx.commune.ma\r\nTo: bo@commune.ma\r\nSubject: Undelivered Mail Returned to Sender\r\n'
       'Date: Tue, 13 Jan 2026 08:00:00 +0000\r\nMessage-ID: <dsn1@mx.commune.ma>\r\nMIME-Version: 1.0\r\n'
       'Auto-Submitted: auto-replied\r\n'
       'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-b"\r\n\r\n'
       '--dsn-b\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n'
       'This is the mail system. Your message could not be delivered.\r\n'
       '--dsn-b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.commune.ma\r\n'
       'Original-Envelope-Id: ENV-42\r\n\r\n'
       'Final-Recipient: rfc822; nobody@example.ma\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n'
       '--dsn-b\r\nContent-Type: message/rfc822\r\n\r\nFrom: bo@commune.ma\r\nTo: nobody@example.ma\r\n'
       'Subject: Accuse de reception 2026/000042\r\n'
       'Message-ID: <ack-2026-42@commune.ma>\r\n\r\nVotre courrier est enregistre.\r\n--dsn-b--\r\n')
w('dsn.eml', dsn)
w('dsn_headers.eml', dsn.replace('message/rfc822\r\n\r\nFrom', 'text/rfc822-headers\r\n\r\nFrom')
  .replace('Message-ID: <ack-2026-42@commune.ma>\r\n\r\nVotre courrier est enregistre.\r\n', 'X-Nothing: 1\r\n\r\n')
  .replace('Action: failed', 'Action: Delayed'))
w('bad_base64.eml', H('Bad base64', 'x@example.ma',
                      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n')
  + 'U2Fs!!dXQg\r\nbGUg*bW9u\r\nZGU=\r\n===garbage$$$\r\n')
w('broken_boundary.eml', H('Broken', 'x@example.ma', 'Content-Type: multipart/mixed; boundary="real"\r\n\r\n')
  + '--real\r\nContent-Type: text/plain\r\n\r\nFirst part survives.\r\n--real\r\n'
  + 'Content-Type: multipart/alternative; boundary="never-used"\r\n\r\nno delimiters here\r\n--realX\r\n')
depth = 3000
s = H('Nesting bomb', 'x@example.ma', 'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n')
for i in range(1, depth):
    s += '--b%d\r\nContent-Type: multipart/mixed; boundary="b%d"\r\n\r\n' % (i - 1, i)
s += '--b%d\r\nContent-Type: text/plain\r\n\r\nbottom\r\n' % (depth - 1)
for i in reversed(range(depth)):
    s += '--b%d--\r\n' % i
w('deep_nesting.eml', s)
s = H('Many parts', 'x@example.ma', 'Content-Type: multipart/mixed; boundary="m"\r\n\r\n')
for i in range(300):
    s += '--m\r\nContent-Type: text/plain\r\n\r\npart %d\r\n' % i
w('many_parts.eml', s + '--m--\r\n')
w('long_header.eml', H('x' * 70000, 'x@example.ma', 'Content-Type: text/plain\r\n\r\n') + 'body\r\n')
w('ws_folded_lf.eml', 'From: =?utf-8?B?2LPYudmK2K8=?= <said@example.ma>\nSubject: Demande\n \n de permis\n'
  'To: bo@commune.ma\nDate: 1 Feb 2026 09:00:00 -0000\nMessage-ID: <lf@example.ma>\n'
  'In-Reply-To: <a@b> <c@d>\nReferences: <r1@x>\n  <r2@y>\n'
  'Content-Type: text/plain; charset=utf-8\n\nCorps du message.\nسطر عربي\n')
