"""Writes the bad-input corpus beside this file (run once; the files are committed).

Special files that git cannot hold (a FIFO, a symlink loop, a missing path) are made by the test.
Every name says what it is; README.md lists what each must produce."""
import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[2].parent / "shared" / "corpus" / "dev"
A = (DEV / "002.txt").read_text(encoding="utf-8")
B = (DEV / "006.txt").read_text(encoding="utf-8")
GOLD_A = json.loads((DEV / "002.gold.json").read_text(encoding="utf-8"))

art, gold = HERE / "articles", HERE / "gold"
for d in (art, gold):
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir()

# ---- articles: import and extract
(art / "good_utf8.txt").write_text(A, encoding="utf-8")
(art / "good_utf16le_no_bom.txt").write_bytes(B.encode("utf-16-le"))
(art / "bad_empty.txt").write_bytes(b"")
(art / "bad_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
deep = "[" * 2000 + "]" * 2000
lines = [
    json.dumps({"title": "Tin một", "text": A.replace("Bến Tre", "Trà Vinh")}, ensure_ascii=False).encode(),
    deep.encode(),                                                              # 2: too deep
    ('{"title": "Tin hai \\ud800", "text": "' + B.replace('"', "'").replace("\n", "\\n")
     + ' \\udc00"}').encode("utf-8"),                                           # 3: lone surrogates (kept, said)
    b'{"text": "h\xe1\xbb\x99i ngh\xff\xfe"}',                                  # 4: invalid UTF-8
    b'{"text": ',                                                               # 5: broken JSON
    b'{"title": "no text"}',                                                    # 6: no text
    json.dumps({"text": B.replace("Thượng Đức", "Hòa Phú")}, ensure_ascii=False).encode(),  # 7: good
]
(art / "mixed.jsonl").write_bytes(b"\n".join(lines) + b"\n")

# ---- gold: load-gold
(gold / "good.txt").write_text(A, encoding="utf-8")
(gold / "good.gold.json").write_text(json.dumps(GOLD_A, ensure_ascii=False), encoding="utf-8")
for name, change in {
    "bad_period": lambda g: g["agreements"][0].update(period={"from": 2030, "to": 2020}),
    "bad_date": lambda g: g["agreements"][0].update(signed_on="2024-13-45"),
    "bad_kind": lambda g: g["agreements"][0].update(kind="treaty"),
}.items():
    g = json.loads(json.dumps(GOLD_A))
    change(g)
    text = A + f"\n\n({name})\n"  # its own article
    (gold / f"{name}.txt").write_text(text, encoding="utf-8")
    (gold / f"{name}.gold.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
(gold / "bad_deep.txt").write_text(A + "\n\n(deep)\n", encoding="utf-8")
(gold / "bad_deep.gold.json").write_text('{"agreements": ' + deep + "}", encoding="utf-8")
(gold / "bad_no_text.gold.json").write_text(json.dumps(GOLD_A, ensure_ascii=False), encoding="utf-8")
(gold / "bad_not_utf8.txt").write_text(A + "\n\n(bytes)\n", encoding="utf-8")
(gold / "bad_not_utf8.gold.json").write_bytes(json.dumps(GOLD_A, ensure_ascii=False).encode() + b"\xff")
ok = dict(GOLD_A, text=A + "\n\n(export)\n", status="done")
export = [
    json.dumps(ok, ensure_ascii=False).encode(),                                          # 1: good
    deep.encode(),                                                                        # 2: too deep
    json.dumps(dict(ok, text=A + "\n\n(surrogate)\n", agreements=[dict(
        GOLD_A["agreements"][0], parties=[{"name": "Bến Tre\ud800"}])]), ensure_ascii=True).encode(),  # 3: stored, said
    b'{"status": "done", "agreements": [], "text": "caf\xe9"}',                            # 4: invalid UTF-8
    json.dumps(dict(ok, text=A + "\n\n(status)\n", status="approved"), ensure_ascii=False).encode(),  # 5
]
(gold / "export.jsonl").write_bytes(b"\n".join(export) + b"\n")
