#!/usr/bin/env python3
# check-flatpak-manifest.py — checks the Flatpak manifest of Xarxa.
#
# Usage: check-flatpak-manifest.py MANIFEST APP_ID
# Checks that the manifest is valid JSON, builds APP_ID on the GNOME runtime,
# starts the `xarxa` command, has the permissions sync and the keyring need,
# pins every archive source with a sha256, and builds Xarxa itself last with
# meson from the source tree.  Prints one line per problem; exit status 1 if
# there is any.
#
# Copyright 2026 The Xarxa developers
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import re
import sys


def main():
    if len(sys.argv) != 3:
        print('usage: check-flatpak-manifest.py MANIFEST APP_ID', file=sys.stderr)
        return 2
    path, app_id = sys.argv[1], sys.argv[2]
    problems = []
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'{path}: cannot be read as JSON: {e}')
        return 1

    def expect(cond, message):
        if not cond:
            problems.append(message)

    expect(manifest.get('app-id') == app_id, f'app-id is not {app_id}')
    expect(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is not org.gnome.Platform')
    expect(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is not org.gnome.Sdk')
    expect(isinstance(manifest.get('runtime-version'), str), 'runtime-version is not a string')
    expect(manifest.get('command') == 'xarxa', 'command is not xarxa')

    finish_args = manifest.get('finish-args', [])
    for arg in ['--share=network', '--share=ipc', '--socket=wayland',
                '--socket=fallback-x11', '--device=dri',
                '--talk-name=org.freedesktop.secrets']:
        expect(arg in finish_args, f'finish-args lacks {arg}')
    for arg in finish_args:
        expect(not arg.startswith('--filesystem=home') and arg != '--filesystem=host',
               f'finish-args grants {arg}: files come through the portal instead')

    modules = manifest.get('modules', [])
    expect(len(modules) > 0, 'no modules')
    for module in modules:
        name = module.get('name', '?') if isinstance(module, dict) else '?'
        if not isinstance(module, dict):
            problems.append('a module is not an object')
            continue
        expect('buildsystem' in module, f'module {name} has no buildsystem')
        sources = module.get('sources', [])
        expect(len(sources) > 0, f'module {name} has no sources')
        for source in sources:
            kind = source.get('type')
            if kind in ('archive', 'file'):
                expect(re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')) is not None,
                       f'module {name}: {kind} source without a sha256')
                expect(source.get('url', '').startswith('https://'),
                       f'module {name}: {kind} source not fetched over https')
            elif kind == 'git':
                expect('tag' in source or 'commit' in source,
                       f'module {name}: git source pinned by neither tag nor commit')

    if modules and isinstance(modules[-1], dict):
        last = modules[-1]
        expect(last.get('name') == 'xarxa', 'the last module is not xarxa')
        expect(last.get('buildsystem') == 'meson', 'xarxa is not built with meson')
        expect({'type': 'dir', 'path': '.'} in last.get('sources', []),
               'xarxa is not built from the source tree (type dir, path .)')

    for problem in problems:
        print(f'{path}: {problem}')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
