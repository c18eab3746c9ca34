// pwritev2 and its flags are declared only under _GNU_SOURCE, which Swift's Glibc module
// does not define: hence this C file.
#define _GNU_SOURCE
#include "uncached_write.h"

#include <errno.h>
#include <sys/uio.h>

#ifndef RWF_DONTCACHE
#define RWF_DONTCACHE 0x00000080
#endif

ssize_t hourbook_write_uncached(int descriptor, const void *bytes, size_t count) {
#if defined(__linux__)
    struct iovec vector = {(void *)bytes, count};
    // Offset -1: at the descriptor's offset, which the write advances, as write(2) does.
    return pwritev2(descriptor, &vector, 1, -1, RWF_DONTCACHE);
#else
    (void)descriptor;
    (void)bytes;
    (void)count;
    errno = EOPNOTSUPP;
    return -1;
#endif
}
