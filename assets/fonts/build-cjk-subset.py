#!/usr/bin/env python3
"""Build assets/fonts/NotoSansCJKtc-subset.otf, the CJK fallback font the app bundles.

Source: Debian's fonts-noto-cjk (Noto Sans CJK, SIL Open Font License 1.1), face 3 (TC) of
NotoSansCJK-Regular.ttc. Kept: Big5 level 1 (5,401 common Traditional Chinese characters),
the 2,350 Hangul syllables of KS X 1001, Hangul Jamo, CJK punctuation, fullwidth forms, and
every character of our own zh-TW/ko-KR strings (assets/i18n, assets/catalog.ron).

Run: apt-get install fonts-noto-cjk; pip install fonttools; python3 assets/fonts/build-cjk-subset.py
"""
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ASSETS = HERE.parent
SOURCE = pathlib.Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
OUTPUT = HERE / "NotoSansCJKtc-subset.otf"


def big5_level1():
    chars = []
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.append(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return chars


def ksx1001_hangul():
    chars = []
    for hi in range(0xB0, 0xC9):
        for lo in range(0xA1, 0xFF):
            try:
                c = bytes([hi, lo]).decode("euc_kr")
            except UnicodeDecodeError:
                continue
            if "\uac00" <= c <= "\ud7a3":
                chars.append(c)
    return chars


def own_strings():
    text = ""
    for path in [*sorted((ASSETS / "i18n").glob("*.ron")), ASSETS / "catalog.ron"]:
        text += path.read_text(encoding="utf-8")
    return [c for c in text if ord(c) > 0x7F]


def main():
    if not SOURCE.exists():
        sys.exit(f"missing {SOURCE}: apt-get install fonts-noto-cjk")
    chars = sorted(set(big5_level1() + ksx1001_hangul() + own_strings()))
    text_file = HERE / ".subset-chars.txt"
    text_file.write_text("".join(chars), encoding="utf-8")
    try:
        subprocess.run(
            [
                sys.executable, "-m", "fontTools.subset", str(SOURCE), "--font-number=3",
                "--unicodes=U+0020-007E,U+00A0-00FF,U+2010-2027,U+2190-21FF,U+3000-303F,U+3130-318F,U+FF00-FFEF",
                f"--text-file={text_file}", f"--output-file={OUTPUT}",
                "--layout-features=*", "--no-hinting", "--desubroutinize",
            ],
            check=True,
        )
    finally:
        text_file.unlink()
    print(f"{OUTPUT}: {OUTPUT.stat().st_size} bytes, {len(chars)} characters plus the listed ranges")


if __name__ == "__main__":
    main()
