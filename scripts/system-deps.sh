#!/usr/bin/env bash
# System libraries WeasyPrint loads at run time. Pango, HarfBuzz and fontconfig are usually
# present; HarfBuzz-Subset often is not, and without it WeasyPrint subsets fonts with
# fontTools, which makes every build several seconds slower. Installs what is missing when
# it can (root + apt), otherwise says what to install and carries on.
set -u
needed=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1)
missing=()
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz.so.0 libharfbuzz-subset.so.0 libfontconfig.so.1; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing+=("$lib")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo -n"
  if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
    echo "system-deps: installing ${needed[*]}" >&2
    $sudo apt-get install -y -qq "${needed[@]}" >/dev/null 2>&1 ||
      { $sudo apt-get update -qq >/dev/null 2>&1 && $sudo apt-get install -y -qq "${needed[@]}" >/dev/null; } ||
      echo "system-deps: apt-get failed; install ${needed[*]} yourself" >&2
    exit 0
  fi
fi
echo "system-deps: missing ${missing[*]}; install Pango, HarfBuzz (with HarfBuzz-Subset) and fontconfig" >&2
exit 0
