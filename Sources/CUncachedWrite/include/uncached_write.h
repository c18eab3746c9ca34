// A write that leaves the page cache as it found it, for outputs nobody reads right after.
#ifndef HOURBOOK_UNCACHED_WRITE_H
#define HOURBOOK_UNCACHED_WRITE_H

#include <stddef.h>
#include <sys/types.h>

/// Writes up to `count` bytes at the descriptor's offset with pwritev2(RWF_DONTCACHE): a
/// buffered write whose pages the kernel drops once they are written back (Linux 6.14).
/// Returns what write(2) returns; -1 with errno EOPNOTSUPP (or EINVAL) where the kernel or
/// the file system does not offer it, and on systems other than Linux.
ssize_t hourbook_write_uncached(int descriptor, const void *bytes, size_t count);

#endif
