#!/usr/bin/env python3
"""Writes seeds for the doc_streams fuzz target into the folder given: a
little-endian u32 length, a Word 97 WordDocument stream (file information
block, then the text as UTF-16 at byte 2048), then its table stream (a CLX
with one piece). Without them the fuzzer would first have to find the
block's layout by itself."""
import struct
import sys
from pathlib import Path

TEXTS = {
    "dispatch": "ỦY BAN NHÂN DÂN TỈNH A\rSố: 12/UBND-VP\rV/v báo cáo\r"
    "Kính gửi: Sở Tài chính\rThực hiện Kế hoạch số 3/KH-UBND ngày 02/01/2024.\r"
    "Nơi nhận:\r- Như trên;\r- Lưu: VT.\rKT. CHỦ TỊCH\rPHÓ CHỦ TỊCH\rNguyễn Văn A\r",
    "cells": "Mở đầu\rUBND TỈNH A\x07CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\x07\x07Sau bảng\r",
}


def streams(text: str) -> tuple[bytes, bytes]:
    units = text.encode("utf-16-le")
    ccp = len(units) // 2
    text_fc = 2048
    word = bytearray(text_fc) + units
    struct.pack_into("<H", word, 0, 0xA5EC)
    struct.pack_into("<H", word, 2, 0x00C1)  # nFib: Word 97
    struct.pack_into("<H", word, 0x0A, 0)  # 0Table, not encrypted
    struct.pack_into("<H", word, 32, 14)  # csw
    lw_at = 34 + 28
    struct.pack_into("<H", word, lw_at, 22)  # cslw
    lw = lw_at + 2
    struct.pack_into("<I", word, lw + 12, ccp)  # ccpText
    fc_at = lw + 88
    struct.pack_into("<H", word, fc_at, 93)  # cbRgFcLcb
    pairs = fc_at + 2
    plc = struct.pack("<II", 0, ccp) + b"\0\0" + struct.pack("<I", text_fc) + b"\0\0"
    table = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", word, pairs + 33 * 8, 0, len(table))
    return bytes(word), table


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        word, table = streams(text)
        (out / f"seed-{name}").write_bytes(struct.pack("<I", len(word)) + word + table)


if __name__ == "__main__":
    main()
