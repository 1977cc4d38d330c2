#!/usr/bin/python3
"""Splits the messages of a Maildir into what the mail tests check, as JSON on stdout:
[{to, to_name, subject, text, html, cid_image, png, pdf}], the PNG and PDF parts written to OUTDIR.
Python's email package (standard library) parses the MIME, so our builder is checked by another."""
import email, email.policy, json, mailbox, os, sys

maildir, outdir = sys.argv[1], sys.argv[2]
out = []
for key, raw in sorted(mailbox.Maildir(maildir, factory=None, create=False).items()):
    msg = email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)
    item = {"to": msg["To"].addresses[0].addr_spec, "to_name": msg["To"].addresses[0].display_name,
            "subject": str(msg["Subject"]), "from": str(msg["From"]), "text": "", "html": "",
            "cid_image": False, "png": None, "pdf": None, "message_id": str(msg["Message-ID"] or "")}
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "text/plain":
            item["text"] = part.get_content()
        elif ctype == "text/html":
            item["html"] = part.get_content()
        elif ctype == "image/png":
            item["cid_image"] = (part["Content-ID"] or "").strip() == "<ticket-qr>"
            path = os.path.join(outdir, key + ".png")
            open(path, "wb").write(part.get_content())
            item["png"] = path
        elif ctype == "application/pdf":
            path = os.path.join(outdir, key + ".pdf")
            open(path, "wb").write(part.get_content())
            item["pdf"] = path
    out.append(item)
json.dump(out, sys.stdout)
