#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Fills translations/vigie_en.ts (made by lupdate -pluralonly: only the messages with %n) with
# English singular and plural forms derived from the source: "%n alert(s)" becomes "%n alert" and
# "%n alerts". Usage: scripts/english-plurals.py translations/vigie_en.ts
import re
import sys
import xml.etree.ElementTree as ET

ts = sys.argv[1]
tree = ET.parse(ts)
root = tree.getroot()
root.set('language', 'en')
left = []
for m in root.iter('message'):
    if m.get('numerus') != 'yes':
        continue
    src = m.find('source').text
    tr = m.find('translation')
    singular = re.sub(r'\((e?s)\)', '', src)
    plural = re.sub(r'\((e?s)\)', r'\1', src)
    if singular == src:
        left.append(src)
    for child in list(tr):
        tr.remove(child)
    tr.text = None
    tr.attrib.pop('type', None)
    for form in (singular, plural):
        f = ET.SubElement(tr, 'numerusform')
        f.text = form
tree.write(ts, encoding='utf-8', xml_declaration=True)
if left:
    print('no (s) to inflect in:', *left, sep='\n  ')
