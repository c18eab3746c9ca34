#!/usr/bin/env python3
"""Writes the small seed corpora of Fuzz/corpus/ from slices of data/ (run from the repository root).

The CSV and XML targets read their first byte as a selector (see the targets' sources); the
verifier's seed, a real evidence archive, comes from a demo build (scripts/fuzz.sh seeds it).
"""
import os, re

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(root, "data")
corpus = os.path.join(root, "Fuzz", "corpus")

def lines(name, count):
    with open(os.path.join(data, name), "rb") as f:
        return b"".join(f.readlines()[:count])

def write(target, name, content):
    folder = os.path.join(corpus, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(content)

# CSV: selector byte, then the file. 0 playback, 1 departments, 2 learners, 3 checkins, 4 filings,
# 5 exams, 6 courses.csv NUL chapters.csv, 7 fast-path parsers against the shared ones.
playback = lines("playback/2024-04.csv", 6)
write("csv", "playback", b"\x00" + playback)
write("csv", "playback-crlf-quoted", b"\x00" + lines("playback/2024-03.csv", 4).replace(b"\n", b"\r\n").replace(b",app\r", b',"app"\r'))
write("csv", "playback-slow-path", b"\x00" + playback.splitlines(True)[0]
      + b"E1,L1,C1,C1-1,s1,2024-04-08 20:00:00,2024-04-08T20:15:00.123456Z,0,179.462432861,1.20000004768,PC\n"
      + b"E1,L1,C1,C1-1,s1,2024-04-08 20:00:00,2024-04-08T20:15:00.123456Z,0,179.462,1.2,pc\n"
      + "E2,\u3000L2,C1,C1-1,s1,2024/4/8,2024-04-08T20:15:00,x,1,,tv\n".encode())
write("csv", "departments", b"\x01" + lines("departments.csv", 8) + b"X1,cycle,X2,,\nX2,cycle,X1,,a\n")
write("csv", "learners", b"\x02" + lines("learners.csv", 6) + b"L9,\xe5\x90\x8d,D1,,1380000,maybe,2024/1/5,2023-13-01\n")
write("csv", "checkins", b"\x03" + lines("checkins/2024.csv", 6) + lines("checkins/2025.csv", 4).split(b"\n", 1)[1])
write("csv", "filings", b"\x04" + (
    "filing_id,learner_id,year,type,status,approved_hours,submitted_at,reviewed_at,reviewer,class_id,name,category,"
    "subject,start,end,requested_hours,host,contact,contact_phone,location,cost,purpose,content,attachments,attachment_sha256\n"
    "F1,L0001,2024,onsite,approved,8,2024-11-02T10:00:00+08:00,2024-11-05 16:20:00,组织人事部,,报告会,academic,业务培训,"
    "2024-05-30,2024/5/30,8,中国科协,王敏,010-68571234,北京,0.2,目的,内容,attachments/a.pdf;;attachments/b.jpg,;9f86d0\n"
    "F2,L0002,2024,makeup,pending,,,,,T2024-03,,,,,,,,,,,,,,,\n").encode())
write("csv", "exams", b"\x05" + lines("exams.csv", 6) + b"X9,L0001,T2024-01,2024-05-20 10:00,9.5e1,\xe5\x90\xa6\n")
write("csv", "courses-chapters", b"\x06" + (
    "course_id,title,category,subject,author,producer,hours\n"
    "C001,经济发展,platform-online,政治理论,张鹏,国家行政学院,1.5\n"
    "C002,党章,party-cloud,,,,\n"
    "\0"
    "chapter_id,course_id,title,duration,hours\n"
    "C001-1,C001,第一讲,1520,0.5\n"
    "C001-2,C001,第二讲,1712.5,1\n"
    "C002-1,C002,,0,0.5\n").encode())
write("csv", "fast-parsing", b"\x07" + b"2024-04-08T20:00:00+08:00,2024-04-08 20:00:00.5Z,179.462,1.20000004768,-1,+0.5,9223372036854775807\n")
write("csv", "gb18030", b"\x02" + "learner_id,name,dept_id\nL1,陶芳,JG01\n".encode("gb18030"))

# XML: selector byte 0 catalog.xml, 1 filings.xml, 2 the stream reader alone.
with open(os.path.join(data, "catalog.xml"), "rb") as f:
    catalog = f.read()
courses = catalog[:catalog.index(b"  <course id=\"C004\"")]
classes = re.findall(rb"  <class .*?</class>\n", catalog, re.S)
small_classes = [re.sub(rb"(    <member ref=\"L\d+\"/>\n){3,}", b"    <member ref=\"L0001\"/>\n", c) for c in classes[:3]]
write("xml", "catalog", b"\x00" + courses + b"".join(small_classes) + b"</catalog>\n")
with open(os.path.join(data, "filings.xml"), "rb") as f:
    filings = f.read()
first = re.findall(rb"  <filing .*?</filing>\n", filings, re.S)
write("xml", "filings", b"\x01" + filings[:filings.index(b"<filings>") + 10] + b"".join(first[:2]) + b"</filings>\n")
write("xml", "filings-gb18030", b"\x01" + '<?xml version="1.0" encoding="GB18030"?>\n<filings>\n  <filing id="F1" learner="L1" type="makeup" class="T1"><name>补录</name></filing>\n</filings>\n'.encode("gb18030"))
write("xml", "doctype", b"\x02" + b'<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>\n')
write("xml", "stream", b"\x02" + b'<?xml version="1.0"?>\n<a b="1&amp;2">t<![CDATA[<c>]]><?pi x?><d/><!-- e --></a>\n')
write("xml", "utf16", b"\x02" + '<?xml version="1.0" encoding="UTF-16"?><a x="中"/>'.encode("utf-16"))

# Settings: the demo's hourbook.yaml and a few shapes of it.
with open(os.path.join(data, "hourbook.yaml"), "rb") as f:
    settings = f.read()
write("settings", "demo", settings)
write("settings", "categories", (
    "timezone: Z\ncategories:\n  - {id: a, mode: online, name: 线上}\n  - id: b\n    mode: OFFLINE\n"
    "caps: {a: 8.5}\nrequirements:\n  r: {total: 10, categories: {b: 2}, rolling: {years: 3, total: 30}}\n"
    "site: {lang: en, title: &t T, organisation: *t}\n").encode())
write("settings", "flow", b'{timezone: "-05:30", years: [2021, "2022"], chapter-threshold: 60.5, max-playback-rate: 1.25, checkin-window: 0.0001}\n')

# Verifier: a small archive shaped like Hourbook's (stored and deflated entries, UTF-8 names, the
# manifest last). The real one beside it, demo-2024-JG07.zip, is site/evidence/2024/JG07.zip of
# the demo build (`swift run hourbook build`), committed as it is.
import hashlib, io, zipfile
files = {
    "README.txt": "学时档案 evidence archive (fuzz seed)\n".encode(),
    "ledger.csv": b"learner_id,rule,hours\nL0001,P-CREDIT,0.50\nL0002,C-CREDIT,3.00\n",
    "learners/L0001/notes.txt": "陶芳\n".encode(),
    "attachments/L0003/cert.png": bytes(range(64)),
}
manifest = "".join(f"{hashlib.sha256(v).hexdigest()}  {k}\n" for k, v in sorted(files.items(), key=lambda kv: kv[0].encode()))
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w") as archive:
    for name, content in files.items():
        info = zipfile.ZipInfo(name, (2024, 12, 31, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
        archive.writestr(info, content)
    archive.writestr(zipfile.ZipInfo("manifest-sha256.txt", (2024, 12, 31, 0, 0, 0)), manifest)
write("verifier", "handmade", buffer.getvalue())
