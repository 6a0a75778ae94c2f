"""Zip files whose bytes depend only on what they hold (the data package, the zipped site, the EPUB)."""

import zipfile


def deterministic_zip(target, files, when, *, ordered=False, stored=frozenset()) -> None:
    """Zip (path, name) pairs dated ``when``, sorted unless ``ordered`` (an EPUB's mimetype first), atomically."""
    stamp = (max(when.year, 1980), *when.timetuple()[1:6])  # zip dates start in 1980
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, name in files if ordered else sorted(files, key=lambda item: item[1]):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    partial.replace(target)
