// zlib, called directly for the evidence archives' deflate streams and CRC-32s.
#include <zlib.h>
