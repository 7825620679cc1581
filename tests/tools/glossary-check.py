#!/usr/bin/env python3
"""Check Indonesian text against etc/locale/GLOSSARY.md.

glossary-check.py GLOSSARY.md po FILE.po    every msgstr of a catalogue
glossary-check.py GLOSSARY.md text FILE     every line of a text (program output)

Prints one line per offence ("FILE:LINE: word: text") and exits 1 when there
is any.  A forbidden synonym (the glossary's "Not to use" column) or an
English code word (the list under "English codes never
bare in an Indonesian sentence") only outside printf placeholders, option
names with their value, value lists (a|b), quoted commands, file and key
names, and "label (code)" brackets; so is a forbidden synonym.
"""
import re
import sys


def glossary(path):
    """The forbidden synonyms and the code words."""
    forbidden, codes, section = set(), [], ''
    for line in open(path, encoding='utf-8'):
        if line.startswith('## '):
            section = line[3:].strip()
            continue
        if line.startswith('|') and not line.startswith('|---'):
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            if len(cells) == 4 and cells[0] != 'English concept':
                forbidden.update(re.findall(r'`([^`]+)`', cells[3]))
        elif section.startswith('English codes never bare'):
            codes += re.findall(r'`([^`]+)`', line)
    return forbidden, codes


def po_strings(path):
    """(line number, msgstr text) of every translated entry but the header."""
    out, cur, line0, in_str = [], None, 0, False
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        if line.startswith('msgstr'):
            cur, line0, in_str = [line.split(' ', 1)[1]], n, True
        elif in_str and line.startswith('"'):
            cur.append(line)
        else:
            if in_str and cur:
                out.append((line0, ''.join(re.findall(r'"(.*)"', ''.join(cur)))))
            in_str, cur = False, None
    if in_str and cur:
        out.append((line0, ''.join(re.findall(r'"(.*)"', ''.join(cur)))))
    return [(n, s.replace('\\n', '\n').replace('\\"', '"')) for n, s in out if s and not s.startswith('Project-Id')]


def strip_exempt(text):
    """The text without what may carry a code."""
    t = re.sub(r'KTP-el invalid|RUSAK/INVALID', ' ', text, flags=re.I)		# the regulation's names (GLOSSARY.md)
    t = re.sub(r'\b[a-z]+\.[%A-Za-z]\S*', ' ', t)					# account codes (hopper.NAME)
    t = re.sub(r'%(<[A-Za-z0-9]+>|[-+ #0-9.*lhzjtLq]*)[a-zA-Z%]', ' ', t)	# placeholders
    t = re.sub(r'\([^()]*\)', ' ', t)						# "label (code)" brackets
    t = re.sub(r"'(inventory|printctl|verify-qr)[^']*'", ' ', t)			# quoted commands
    t = re.sub(r'--?[A-Za-z][A-Za-z0-9-]*(?:[ =](?:[A-Za-z0-9_.|-]+(?:\|[A-Za-z0-9_.-]+)+|[a-z][a-z0-9._-]*\b(?![a-z])))?', ' ', t)	# options and their value
    t = re.sub(r'\S*\|\S*', ' ', t)							# value lists
    t = re.sub(r'\S*[/_]\S*', ' ', t)						# paths, key names
    t = re.sub(r'\[[a-z_]+\]', ' ', t)						# config sections
    return t


def offences(text, forbidden, codes):
    """The words of the glossary that text breaks."""
    found = []
    bare = strip_exempt(text)
    for w in sorted(set(codes) | forbidden):
        if re.search(r'(?<![A-Za-z0-9_.-])' + re.escape(w) + r'(?![A-Za-z0-9_-])', bare, 0 if w.isupper() else re.I):
            found.append(w)
    return found


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ('po', 'text'):
        sys.exit('usage: glossary-check.py GLOSSARY.md po|text FILE')
    forbidden, codes = glossary(sys.argv[1])
    if not forbidden or not codes:
        sys.exit('%s: no forbidden words or codes found' % sys.argv[1])
    if sys.argv[2] == 'po':
        items = po_strings(sys.argv[3])
    else:
        items = list(enumerate(open(sys.argv[3], encoding='utf-8').read().split('\n'), 1))
    bad = 0
    for n, s in items:
        for w in offences(s, forbidden, codes):
            print('%s:%d: %s: %s' % (sys.argv[3], n, w, s.replace('\n', ' ')[:160]))
            bad += 1
    sys.exit(1 if bad else 0)


main()
