#!/usr/bin/env python3
"""Writes crates/server/locales/<language>/countries.ftl: each ISO 3166 country's name in the
language, from CLDR (the `cldr-localenames-modern` package of the npm registry), so a
country code is shown as its name (`IR` → ایران) without a hand-written table.

    cd /tmp && npm pack cldr-localenames-modern && tar xzf cldr-localenames-modern-*.tgz
    tools/cldr-countries.py /tmp/package
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1]) / "main"
out = pathlib.Path(__file__).resolve().parent.parent / "crates/server/locales"
version = json.load(open(pathlib.Path(sys.argv[1]) / "package.json"))["version"]


def names(cldr):
    data = json.load(open(root / cldr / "territories.json"))
    territories = data["main"][cldr]["localeDisplayNames"]["territories"]
    # Two-letter codes are countries; numeric ones are regions of the world, `-alt-` forms
    # are variants.
    return {k: v for k, v in territories.items() if len(k) == 2 and k.isalpha()}


english = names("en")
for language, cldr in [("en", "en"), ("fa", "fa"), ("ka", "ka"), ("tl", "fil")]:
    own = names(cldr)
    lines = [f"# Country names from CLDR {version} (cldr-localenames-modern), by tools/cldr-countries.py: do not edit by hand."]
    for code in sorted(english):
        lines.append(f"country-{code} = {own.get(code, english[code])}")
    (out / language / "countries.ftl").write_text("\n".join(lines) + "\n", encoding="utf-8")
