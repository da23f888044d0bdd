#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Fills unfinished entries of a .ts file from a dictionary file of {source: translation}
# (a Python file defining dicts; a plural message takes a (singular, plural) tuple), then leaves
# formatting to lupdate. Usage:
#   scripts/fill-translations.py translations/vigie_fr.ts DICT.py
import runpy
import sys
import xml.etree.ElementTree as ET

ts, dictionary = sys.argv[1], sys.argv[2]
table = {}
for value in runpy.run_path(dictionary).values():
    if isinstance(value, dict):
        table.update(value)
tree = ET.parse(ts)
missing = []
for m in tree.getroot().iter('message'):
    tr = m.find('translation')
    if tr.get('type') != 'unfinished':
        continue
    src = m.find('source').text
    if src in table:
        value = table[src]
        if m.get('numerus') == 'yes':
            # (singular, plural): French uses the singular for 0 and 1.
            for child in list(tr):
                tr.remove(child)
            tr.text = None
            for form in (value if isinstance(value, tuple) else (value, value)):
                ET.SubElement(tr, 'numerusform').text = form
        else:
            tr.text = value
        del tr.attrib['type']
    else:
        missing.append(src)
tree.write(ts, encoding='utf-8', xml_declaration=True)
for src in missing:
    print('untranslated:', repr(src))
sys.exit(1 if missing else 0)
